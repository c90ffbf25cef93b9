package render_test

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/assets"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/render"
	"maliatlas/render/raster"

	"maliatlas/internal/testutil"
)

func fonts() render.FontSet {
	f := assets.MapFonts()
	return render.FontSet{Regular: f.Regular, Bold: f.Bold, Italic: f.Italic}
}

// sceneOf makes a one-layer scene.
func sceneOf(spec layers.LayerSpec, feats ...*geojson.Feature) *render.Scene {
	fc := geojson.NewFeatureCollection()
	fc.Features = feats
	cat := layers.NewCatalog([]*layers.Layer{layers.NewLayer(spec, fc)}, nil)
	return render.NewScene(cat, fonts())
}

func draw(s *render.Scene, o render.Options) *image.RGBA {
	w, h := o.View.DeviceSize()
	c := raster.New(w, h)
	c.Clear(color.NRGBA{255, 255, 255, 255})
	s.Draw(c, &o)
	return c.RGBA()
}

func TestPolygonHoleIsNotFilled(t *testing.T) {
	outer := orb.Ring{{-10, 10}, {10, 10}, {10, 20}, {-10, 20}, {-10, 10}}
	hole := orb.Ring{{-3, 13}, {-3, 17}, {3, 17}, {3, 13}, {-3, 13}}
	f := geojson.NewFeature(orb.Polygon{outer, hole})
	spec := layers.LayerSpec{ID: "p", Kind: "polygon", Visible: true, Style: layers.Style{Fill: "#000000"}}
	s := sceneOf(spec, f)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-12, 8}, Max: orb.Point{12, 22}}, 240, 160, 1, 0)
	img := draw(s, render.Options{View: v})
	at := func(lon, lat float64) color.RGBA {
		x, y := v.ToScreen(orb.Point{lon, lat})
		return img.RGBAAt(int(x), int(y))
	}
	assert.Equal(t, color.RGBA{0, 0, 0, 255}, at(-7, 15), "inside the polygon")
	assert.Equal(t, color.RGBA{255, 255, 255, 255}, at(0, 15), "inside the hole")
	assert.Equal(t, color.RGBA{255, 255, 255, 255}, at(11, 15), "outside")
}

func TestMultiPolygonPartsAllFilled(t *testing.T) {
	a := orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}}
	b := orb.Polygon{{{4, 0}, {6, 0}, {6, 2}, {4, 2}, {4, 0}}}
	spec := layers.LayerSpec{ID: "p", Kind: "polygon", Visible: true, Style: layers.Style{Fill: "#ff0000"}}
	s := sceneOf(spec, geojson.NewFeature(orb.MultiPolygon{a, b}))
	v := geo.FitBound(orb.Bound{Min: orb.Point{-1, -1}, Max: orb.Point{7, 3}}, 200, 100, 1, 0)
	img := draw(s, render.Options{View: v})
	for _, p := range []orb.Point{{1, 1}, {5, 1}} {
		x, y := v.ToScreen(p)
		assert.Equal(t, color.RGBA{255, 0, 0, 255}, img.RGBAAt(int(x), int(y)))
	}
	x, y := v.ToScreen(orb.Point{3, 1})
	assert.Equal(t, color.RGBA{255, 255, 255, 255}, img.RGBAAt(int(x), int(y)))
}

// TestAccentedLabelsGolden draws the region names that carry accents and
// compares them with a golden image.
func TestAccentedLabelsGolden(t *testing.T) {
	var feats []*geojson.Feature
	for i, name := range []string{"Ménaka", "Ségou", "Taoudénit", "Kéniéba"} {
		f := geojson.NewFeature(orb.Point{0, float64(3 - i)})
		f.Properties = geojson.Properties{"name": name}
		feats = append(feats, f)
	}
	spec := layers.LayerSpec{ID: "t", Kind: "point", Visible: true,
		Style: layers.Style{Marker: "circle", Size: 6, Fill: "#333333"},
		Label: &layers.Label{Prop: "name", Size: 16}}
	s := sceneOf(spec, feats...)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-1, -0.6}, Max: orb.Point{3.5, 3.6}}, 220, 180, 1, 0)
	img := draw(s, render.Options{View: v})
	golden(t, "testdata/accents.png", img)
}

func golden(t *testing.T, path string, img *image.RGBA) {
	t.Helper()
	if *testutil.Update {
		require.NoError(t, writePNG(path, img))
		return
	}
	f, err := os.Open(path)
	require.NoError(t, err, "run go test -update to create the golden file")
	want, err := png.Decode(f)
	f.Close()
	require.NoError(t, err)
	diff := 0
	if want.Bounds() != img.Bounds() {
		diff = -1
	} else {
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < img.Bounds().Dx(); x++ {
				r1, g1, b1, _ := want.At(x, y).RGBA()
				c := img.RGBAAt(x, y)
				if absd(r1>>8, c.R) > 8 || absd(g1>>8, c.G) > 8 || absd(b1>>8, c.B) > 8 {
					diff++
				}
			}
		}
	}
	if diff != 0 {
		fail := testutil.FailurePath(path)
		_ = writePNG(fail, img)
		t.Fatalf("%s: %d pixels differ; the image drawn is in %s", path, diff, fail)
	}
}

func absd(a uint32, b uint8) uint32 {
	if a > uint32(b) {
		return a - uint32(b)
	}
	return uint32(b) - a
}

func writePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return png.Encode(f, img)
}

func TestLabelsDoNotCollideAndCapitalsWin(t *testing.T) {
	// Two towns at the same place: only the higher-priority label is drawn.
	a := geojson.NewFeature(orb.Point{0, 0})
	a.Properties = geojson.Properties{"name": "Little Town Name", "kind": "town"}
	b := geojson.NewFeature(orb.Point{0, 0})
	b.Properties = geojson.Properties{"name": "Capital", "kind": "regional_capital"}
	spec := layers.LayerSpec{ID: "t", Kind: "point", Visible: true,
		Style: layers.Style{Marker: "circle", Size: 4, Fill: "#333333"},
		Label: &layers.Label{Prop: "name", Size: 12, PriorityProp: "kind",
			PriorityMap: map[string]int{"regional_capital": 30, "town": 10}}}
	s := sceneOf(spec, a, b)
	// A frame with room for both labels: both drawn, capital first, no overlap.
	v := geo.FitBound(orb.Bound{Min: orb.Point{-0.05, -0.02}, Max: orb.Point{0.05, 0.02}}, 260, 80, 1, 0)
	var rec textSink
	s.Draw(&rec, &render.Options{View: v})
	require.Len(t, rec.texts, 2)
	assert.Equal(t, "Capital", rec.texts[0].S)
	a0, b0 := box(rec.texts[0]), box(rec.texts[1])
	assert.False(t, a0.Overlaps(b0), "labels overlap: %v %v", a0, b0)
	// A frame with room for one: only the capital.
	v = geo.FitBound(orb.Bound{Min: orb.Point{-0.05, -0.02}, Max: orb.Point{0.05, 0.02}}, 110, 22, 1, 0)
	rec = textSink{}
	s.Draw(&rec, &render.Options{View: v})
	require.Len(t, rec.texts, 1)
	assert.Equal(t, "Capital", rec.texts[0].S)
}

func box(t render.Text) render.Rect {
	asc, desc := t.Font.Metrics()
	w := t.Font.Measure(t.S, t.Size)
	return render.Rect{Min: render.Point{X: t.X, Y: t.Y - asc*t.Size*0.8}, Max: render.Point{X: t.X + w, Y: t.Y + desc*t.Size*0.8}}
}

type textSink struct{ texts []render.Text }

func (s *textSink) Path(*render.Path, *render.Style)       {}
func (s *textSink) Markers(*render.Marker, []render.Point) {}
func (s *textSink) Text(t *render.Text)                    { s.texts = append(s.texts, *t) }
func (s *textSink) Image(image.Image, render.Rect)         {}

func TestLabelScaleEnlargesLabels(t *testing.T) {
	f := geojson.NewFeature(orb.Point{0, 0})
	f.Properties = geojson.Properties{"name": "Gao"}
	spec := layers.LayerSpec{ID: "t", Kind: "point", Visible: true,
		Style: layers.Style{Marker: "circle", Size: 4, Fill: "#333333"},
		Label: &layers.Label{Prop: "name", Size: 12}}
	s := sceneOf(spec, f)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-1, -1}, Max: orb.Point{1, 1}}, 300, 200, 1, 0)
	var plain, big textSink
	s.Draw(&plain, &render.Options{View: v})
	s.Draw(&big, &render.Options{View: v, LabelScale: 1.6})
	require.Len(t, plain.texts, 1)
	require.Len(t, big.texts, 1)
	assert.InDelta(t, 12*1.6, big.texts[0].Size, 1e-9)
	assert.InDelta(t, plain.texts[0].HaloWidth*1.6, big.texts[0].HaloWidth, 1e-9)
}

func TestBeyondTheDataExtentIsNoData(t *testing.T) {
	spec := layers.LayerSpec{ID: "p", Kind: "polygon", Visible: true, Style: layers.Style{Fill: "#000000"}}
	s := sceneOf(spec)
	s.DataExtent = orb.Bound{Min: orb.Point{-5, -5}, Max: orb.Point{5, 5}}
	v := geo.FitBound(orb.Bound{Min: orb.Point{-10, -10}, Max: orb.Point{10, 10}}, 200, 200, 1, 0)
	sea := color.NRGBA{214, 228, 236, 255}
	img := draw(s, render.Options{View: v, Background: sea})
	at := func(lon, lat float64) color.RGBA {
		x, y := v.ToScreen(orb.Point{lon, lat})
		return img.RGBAAt(int(x), int(y))
	}
	assert.Equal(t, color.RGBA{214, 228, 236, 255}, at(0, 0), "inside: the background (sea)")
	assert.NotEqual(t, at(0, 0), at(8, 8), "outside: no data")
	assert.Equal(t, at(-8, 0), at(8, 8))
}

func TestStyleDashAndMiterConventions(t *testing.T) {
	for _, c := range []struct {
		dash []float64
		ok   bool
	}{{nil, false}, {[]float64{4, 2}, true}, {[]float64{0, 0}, false}, {[]float64{3, -1}, false}} {
		st := render.Style{Dash: c.dash}
		assert.Equal(t, c.ok, st.DashPattern() != nil, "%v", c.dash)
	}
	assert.Equal(t, 4.0, (&render.Style{}).Miter())
	assert.Equal(t, 10.0, (&render.Style{MiterLimit: 10}).Miter())
	assert.Equal(t, 1.0, (&render.Style{MiterLimit: 0.5}).Miter())
}

func TestOutlineOnlyPolygonsAreHitOnTheirOutline(t *testing.T) {
	ring := orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}}
	spec := layers.LayerSpec{ID: "c", Kind: "polygon", Visible: true, Style: layers.Style{Stroke: "#888888", Width: 1}}
	s := sceneOf(spec, geojson.NewFeature(ring))
	v := geo.FitBound(orb.Bound{Min: orb.Point{-1, -1}, Max: orb.Point{5, 5}}, 300, 300, 1, 0)
	o := &render.Options{View: v}
	cx, cy := v.ToScreen(orb.Point{2, 2})
	assert.Empty(t, s.HitTest(o, cx, cy, 3), "inside an outline-only polygon nothing is drawn")
	ex, ey := v.ToScreen(orb.Point{0, 2})
	assert.Len(t, s.HitTest(o, ex+1, ey, 3), 1, "on its outline it is hit")
	// The closing edge (from the last vertex back to the first) counts too.
	bx, by := v.ToScreen(orb.Point{0, 1})
	assert.Len(t, s.HitTest(o, bx, by, 3), 1)
}
