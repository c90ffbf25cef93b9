package render_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/render"
)

// TestOffmapLabelsStayByTheirLines: three routes leave the view northward
// at different places and all end (off the view) "to North Africa": each
// label is drawn near where its own line leaves the view, not piled at one
// spot of the edge, and two routes leaving side by side are named once.
func TestOffmapLabelsStayByTheirLines(t *testing.T) {
	mk := func(id string, pts ...orb.Point) *geojson.Feature {
		f := geojson.NewFeature(orb.LineString(pts))
		f.ID = id
		f.Properties = geojson.Properties{"id": id, "offmap": map[string]any{"en": "to North Africa", "fr": "vers l'Afrique du Nord"}}
		return f
	}
	spec := layers.LayerSpec{ID: "r", Kind: "line", Group: "overlay", Visible: true, Style: layers.Style{Stroke: "#5b2a86", Width: 2}}
	sc := sceneOf(spec,
		mk("west", orb.Point{-8, 12}, orb.Point{-8, 24}),
		mk("east", orb.Point{2, 12}, orb.Point{4, 24}),
		mk("east2", orb.Point{2.1, 12}, orb.Point{4.1, 24}), // beside "east"
	)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-10, 11}, Max: orb.Point{5, 17}}, 900, 500, 1, 0)
	var ts textSink
	sc.Draw(&ts, &render.Options{View: v, Lang: "en"})
	var got []render.Text
	for _, tx := range ts.texts {
		if tx.S == "to North Africa" {
			got = append(got, tx)
		}
	}
	require.Len(t, got, 2, "one label per place a route leaves the view")
	exits := []float64{}
	for _, lon := range []float64{-8, 2 + 2*(17-12)/12.0} {
		x, _ := v.ToScreen(orb.Point{lon, 17})
		exits = append(exits, x)
	}
	for _, x := range exits {
		near := false
		for _, tx := range got {
			b := box(tx)
			if math.Abs((b.Min.X+b.Max.X)/2-x) < 80 && b.Min.Y < 60 {
				near = true
			}
		}
		assert.True(t, near, "a label near the exit at x=%.0f: %+v", x, got)
	}
}
