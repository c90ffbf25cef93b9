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

// TestMinLabelSizeAndLabelZoom: a projector's least label size enlarges
// small names only; LabelZoom judges min_zoom at the step's zoom.
func TestMinLabelSizeAndLabelZoom(t *testing.T) {
	mk := func(id, name string, p orb.Point) *geojson.Feature {
		f := geojson.NewFeature(p)
		f.Properties = geojson.Properties{"id": id, "name_en": name}
		return f
	}
	spec := layers.LayerSpec{ID: "s", Kind: "point", Visible: true, Style: layers.Style{Fill: "#222222", Marker: "circle", Size: 6},
		Label: &layers.Label{Prop: "name_{lang}", Size: 9, MinZoom: 6}}
	sc := sceneOf(spec, mk("a", "Site", orb.Point{0, 15}))
	at := func(zoom float64, o render.Options) []render.Text {
		o.View = geo.Viewport{Center: orb.Point{0, 15}, Zoom: zoom, Width: 400, Height: 300, Scale: 1}
		o.Lang = "en"
		var ts textSink
		sc.Draw(&ts, &o)
		return ts.texts
	}
	assert.Empty(t, at(5.5, render.Options{}), "below min_zoom")
	got := at(5.5, render.Options{LabelZoom: 6.1})
	require.Len(t, got, 1, "judged at the step's zoom")
	assert.InDelta(t, 9, got[0].Size, 1e-9)
	got = at(6.5, render.Options{MinLabelSize: 16})
	require.Len(t, got, 1)
	assert.InDelta(t, 16, got[0].Size, 1e-9)
	got = at(6.5, render.Options{MinLabelSize: 16, LabelScale: 2})
	assert.InDelta(t, 18, got[0].Size, 1e-9, "larger labels stay larger")
}

// TestLabelObstaclesKeepLabelsOff: a label never covers an obstacle (a
// layout element over the map); it moves beside its point or is left out.
func TestLabelObstaclesKeepLabelsOff(t *testing.T) {
	f := geojson.NewFeature(orb.Point{0, 15})
	f.Properties = geojson.Properties{"id": "a", "name_en": "Somewhere"}
	spec := layers.LayerSpec{ID: "s", Kind: "point", Visible: true, Style: layers.Style{Fill: "#222222", Marker: "circle", Size: 6},
		Label: &layers.Label{Prop: "name_{lang}", Size: 12}}
	sc := sceneOf(spec, f)
	v := geo.Viewport{Center: orb.Point{0, 15}, Zoom: 6, Width: 400, Height: 300, Scale: 1}
	var free textSink
	sc.Draw(&free, &render.Options{View: v, Lang: "en"})
	require.Len(t, free.texts, 1)
	first := box(free.texts[0])
	obst := render.Rect{Min: render.Point{X: first.Min.X - 2, Y: first.Min.Y - 2}, Max: render.Point{X: first.Max.X + 2, Y: first.Max.Y + 2}}
	var placed []render.Rect
	var ts textSink
	sc.Draw(&ts, &render.Options{View: v, Lang: "en", LabelObstacles: []render.Rect{obst}, PlacedLabels: &placed})
	require.Len(t, ts.texts, 1, "placed elsewhere")
	assert.False(t, box(ts.texts[0]).Overlaps(obst))
	assert.Len(t, placed, 1, "the obstacles are not reported as labels")
}
