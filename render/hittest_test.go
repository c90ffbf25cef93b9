package render_test

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/render"
)

func hitIDs(hs []render.Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Feature.ID)
	}
	return out
}

func feature(id string, g orb.Geometry) *geojson.Feature {
	f := geojson.NewFeature(g)
	f.ID = id
	return f
}

func TestHitTestPointMarker(t *testing.T) {
	spec := layers.LayerSpec{ID: "p", Kind: "point", Visible: true,
		Style: layers.Style{Marker: "circle", Size: 10, Fill: "#000000"}}
	s := sceneOf(spec, feature("a", orb.Point{0, 0}), feature("b", orb.Point{1, 0}))
	for _, scale := range []float64{1, 2} {
		v := geo.FitBound(orb.Bound{Min: orb.Point{-1, -1}, Max: orb.Point{2, 1}}, 300, 200, scale, 0)
		o := &render.Options{View: v}
		x, y := v.ToScreen(orb.Point{0, 0})
		r := 5 * scale // marker radius in device pixels
		hs := s.HitTest(o, x+r-0.5, y, 0)
		require.Equal(t, []string{"a"}, hitIDs(hs), "inside the marker at scale %g", scale)
		assert.InDelta(t, r-0.5, hs[0].DistancePx, 1e-6)
		assert.Empty(t, s.HitTest(o, x+r+1, y, 0), "just outside at scale %g", scale)
		assert.Equal(t, []string{"a"}, hitIDs(s.HitTest(o, x+r+1, y, 2)), "within the tolerance")
		assert.Empty(t, s.HitTest(o, x, y+r+3, 2))
	}
	// Hidden by visibility, opacity or filter.
	v := geo.FitBound(orb.Bound{Min: orb.Point{-1, -1}, Max: orb.Point{2, 1}}, 300, 200, 1, 0)
	x, y := v.ToScreen(orb.Point{0, 0})
	assert.Empty(t, s.HitTest(&render.Options{View: v, Visible: []string{}}, x, y, 0))
	assert.Empty(t, s.HitTest(&render.Options{View: v, Opacity: map[string]float64{"p": 0}}, x, y, 0))
	assert.NotEmpty(t, s.HitTest(&render.Options{View: v, Opacity: map[string]float64{"p": 0.3}}, x, y, 0))
	assert.Empty(t, s.HitTest(&render.Options{View: v, Filter: func(f *layers.Feature) bool { return f.ID != "a" }}, x, y, 0))
}

func TestHitTestLine(t *testing.T) {
	spec := layers.LayerSpec{ID: "l", Kind: "line", Visible: true,
		Style: layers.Style{Stroke: "#000000", Width: 6}}
	s := sceneOf(spec, feature("road", orb.LineString{{0, 0}, {2, 0}, {2, 1}}))
	v := geo.FitBound(orb.Bound{Min: orb.Point{-0.5, -0.5}, Max: orb.Point{2.5, 1.5}}, 300, 200, 1, 0)
	o := &render.Options{View: v}
	x, y := v.ToScreen(orb.Point{1, 0})
	hs := s.HitTest(o, x, y+2.5, 0)
	require.Equal(t, []string{"road"}, hitIDs(hs), "within half the width")
	assert.InDelta(t, 2.5, hs[0].DistancePx, 1e-6)
	assert.Empty(t, s.HitTest(o, x, y+4, 0), "beyond half the width")
	assert.NotEmpty(t, s.HitTest(o, x, y+4, 1.5), "within the tolerance")
	// Near the second segment (vertical, at lon 2).
	x2, y2 := v.ToScreen(orb.Point{2, 0.5})
	assert.NotEmpty(t, s.HitTest(o, x2-2, y2, 0))
	// In the corner's inside, far from both segments.
	x3, y3 := v.ToScreen(orb.Point{1.5, 0.5})
	assert.Empty(t, s.HitTest(o, x3, y3, 3))
	// Past the end of the line.
	x4, y4 := v.ToScreen(orb.Point{0, 0})
	assert.Empty(t, s.HitTest(o, x4-5, y4, 0))
}

func TestHitTestPolygonWithHole(t *testing.T) {
	outer := orb.Ring{{-10, 10}, {10, 10}, {10, 20}, {-10, 20}, {-10, 10}}
	hole := orb.Ring{{-3, 13}, {-3, 17}, {3, 17}, {3, 13}, {-3, 13}}
	spec := layers.LayerSpec{ID: "p", Kind: "polygon", Visible: true, Style: layers.Style{Fill: "#000000"}}
	s := sceneOf(spec, feature("donut", orb.Polygon{outer, hole}),
		feature("two", orb.MultiPolygon{{square(20, 10, 22, 12)}, {square(24, 10, 26, 12)}}))
	v := geo.FitBound(orb.Bound{Min: orb.Point{-12, 8}, Max: orb.Point{28, 22}}, 400, 160, 1, 0)
	o := &render.Options{View: v}
	at := func(lon, lat float64) []string {
		x, y := v.ToScreen(orb.Point{lon, lat})
		return hitIDs(s.HitTest(o, x, y, 0))
	}
	assert.Equal(t, []string{"donut"}, at(-7, 15), "inside")
	assert.Empty(t, at(0, 15), "in the hole")
	assert.Empty(t, at(11, 15), "outside")
	assert.Equal(t, []string{"two"}, at(21, 11), "first part")
	assert.Equal(t, []string{"two"}, at(25, 11), "second part")
	assert.Empty(t, at(23, 11), "between the parts")
}

func square(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func TestHitTestOrder(t *testing.T) {
	mk := func(id string, order int, kind string, g orb.Geometry, more ...*geojson.Feature) *layers.Layer {
		fc := geojson.NewFeatureCollection()
		fc.Append(feature(id, g))
		fc.Features = append(fc.Features, more...)
		st := layers.Style{Fill: "#00000080", Stroke: "#000000", Width: 4, Marker: "circle", Size: 8}
		return layers.NewLayer(layers.LayerSpec{ID: id, Kind: kind, Visible: true, Order: order, Style: st}, fc)
	}
	ls := []*layers.Layer{
		mk("area", 10, "polygon", orb.Polygon{square(-1, -1, 1, 1)}),
		mk("road", 20, "line", orb.LineString{{-1, 0}, {1, 0}}),
		mk("town", 20, "point", orb.Point{0.001, 0}),
		mk("top-area", 30, "polygon", orb.Polygon{square(-0.5, -0.5, 0.5, 0.5)}),
		// One layer: the nearer marker first, whatever the file's order.
		mk("far", 5, "point", orb.Point{0.004, 0}, feature("near", orb.Point{0, 0})),
		mk("under", 4, "point", orb.Point{0.0005, 0}),
	}
	s := render.NewScene(layers.NewCatalog(ls, nil), fonts())
	v := geo.FitBound(orb.Bound{Min: orb.Point{-0.01, -0.01}, Max: orb.Point{0.01, 0.01}}, 400, 400, 1, 0)
	x, y := v.ToScreen(orb.Point{0.0005, 0})
	hs := s.HitTest(&render.Options{View: v}, x, y, 100)
	assert.Equal(t, []string{"top-area", "town", "road", "area", "near", "far", "under"}, hitIDs(hs))
}

func TestHitTestRealGao(t *testing.T) {
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	s := render.NewScene(cat, fonts())
	v := geo.FitBound(orb.Bound{Min: orb.Point{-12.5, 10}, Max: orb.Point{4.5, 25.2}}, 1200, 900, 1, 10)
	gao := cat.Feature("town-gao")
	require.NotNil(t, gao)
	x, y := v.ToScreen(gao.Geom.(orb.Point))
	// The base map only: routes drawn over Gao (shown by default) are hit too.
	hs := s.HitTest(&render.Options{View: v, Lang: "en", Visible: []string{"countries", "regions", "rivers", "towns"}}, x, y, 2)
	got := hitIDs(hs)
	require.Contains(t, got, "town-gao")
	require.Contains(t, got, "ML07")
	assert.Equal(t, "town-gao", got[0], "the town marker is on top")
	assert.NotContains(t, got, "ML08")
	assert.NotContains(t, got, "town-bourem")
	// With the regions hidden, the region is not hit.
	hs = s.HitTest(&render.Options{View: v, Visible: []string{"towns"}}, x, y, 2)
	assert.Equal(t, []string{"town-gao"}, hitIDs(hs))
}

func BenchmarkHitTest(b *testing.B) {
	cat, err := layers.Load(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	s := render.NewScene(cat, fonts())
	var visible []string
	for _, l := range cat.Layers {
		visible = append(visible, l.Spec.ID)
	}
	v := geo.FitBound(orb.Bound{Min: orb.Point{-12.5, 10}, Max: orb.Point{4.5, 25.2}}, 1920, 1080, 1, 10)
	o := &render.Options{View: v, Visible: visible}
	x, y := v.ToScreen(orb.Point{-0.04472, 16.27167}) // Gao
	s.HitTest(o, x, y, 3)                             // prepare the layers
	for b.Loop() {
		s.HitTest(o, x, y, 3)
	}
}
