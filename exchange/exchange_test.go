package exchange

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/geo"
	"maliatlas/layers"
)

// TestKMLStyledAsDrawn: the KMZ of the overlays, read back, has one folder
// per layer and category, and each placemark's line colour, width and fill
// are the symbol the map draws it with; descriptions carry the narrative
// and the sources.
func TestKMLStyledAsDrawn(t *testing.T) {
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	ids := []string{"cocaine", "armed_groups", "gold_sites"}
	ls, err := FromCatalog(cat, ids, nil, "en")
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "o.kmz")
	require.NoError(t, Write(path, ls, Meta{Title: "t", Credits: "credits line", Sources: Sources(cat, ls)}))
	fc, err := geo.ReadFile(path)
	require.NoError(t, err)

	var want []*layers.Feature
	for _, id := range ids {
		want = append(want, cat.Layer(id).Features...)
	}
	require.Len(t, fc.Features, len(want))
	byID := map[string]*geojson.Feature{}
	for _, f := range fc.Features {
		byID[f.Properties["id"].(string)] = f
	}
	hex := func(r, g, b uint8) string { return fmt.Sprintf("#%02x%02x%02x", r, g, b) }
	for _, w := range want {
		got := byID[w.ID]
		require.NotNil(t, got, w.ID)
		l := w.Layer
		folder := l.Title("en")
		if c := l.Category(w.Category); c != nil {
			folder += " / " + c.Title.In("en")
		}
		assert.Equal(t, folder, got.Properties[geo.PropFolder], w.ID)
		sym := l.Symbol(w)
		switch l.Spec.Kind {
		case "line":
			assert.Equal(t, hex(sym.Stroke.R, sym.Stroke.G, sym.Stroke.B), got.Properties[geo.PropStroke], w.ID)
			assert.Equal(t, sym.Width, got.Properties[geo.PropStrokeWidth], w.ID)
		case "point":
			assert.Equal(t, hex(sym.Fill.R, sym.Fill.G, sym.Fill.B), got.Properties[geo.PropMarkerColor], w.ID)
		case "polygon":
			if sym.Fill.A > 0 {
				assert.Equal(t, hex(sym.Fill.R, sym.Fill.G, sym.Fill.B), got.Properties[geo.PropFill], w.ID)
				assert.InDelta(t, float64(sym.Fill.A)/255, got.Properties[geo.PropFillOpacity], 0.003, w.ID)
			}
		}
		if len(w.Sources) > 0 {
			desc, _ := got.Properties["description"].(string)
			assert.Contains(t, desc, "<b>Sources</b>", w.ID)
			if w.Sources[0].Key != "" {
				assert.Contains(t, desc, "["+w.Sources[0].Key+"]", w.ID)
			}
		}
		assert.Equal(t, w.Geom.Bound(), got.Geometry.Bound(), w.ID)
	}
}

// TestFromCollection is the hook for other features (hotspot cells).
func TestFromCollection(t *testing.T) {
	fc := geojson.NewFeatureCollection()
	f := geojson.NewFeature(orb.Polygon{{{-4, 14}, {-3, 14}, {-3, 15}, {-4, 14}}})
	f.Properties = geojson.Properties{"name": "cell 1", "category": "high", "events": 12.0}
	fc.Append(f)
	l := FromCollection("hotspots", "Hotspots", fc, layers.Style{Fill: "#d7301f80", Stroke: "#b30000", Width: 1})
	require.Len(t, l.Features, 1)
	assert.Equal(t, uint8(0x80), l.Features[0].Symbol.Fill.A)
	dir := t.TempDir()
	for _, ext := range Formats {
		p := filepath.Join(dir, "h"+ext)
		require.NoError(t, Write(p, []Layer{l}, Meta{Title: "h"}), ext)
		got, err := geo.ReadFile(p)
		require.NoError(t, err, ext)
		require.Len(t, got.Features, 1, ext)
		assert.Equal(t, "12", geo.PropertyText(got.Features[0].Properties["events"]), ext)
	}
	kml, err := os.ReadFile(filepath.Join(dir, "h.kml"))
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(kml), "<color>801f30d7</color>"), "fill as KML aabbggrr, not premultiplied")
}

func TestMarkdownHTML(t *testing.T) {
	assert.Equal(t, "<p>The <b>Guinea</b> border, <i>indicative</i> &amp; more</p>", markdownHTML("The **Guinea** border,\n*indicative* & more"))
	assert.Equal(t, "<ul><li>one</li><li><b>two</b></li></ul>", markdownHTML("- one\n- **two**"))
	assert.Equal(t, "<h4>Sources</h4>", markdownHTML("## Sources"))
}
