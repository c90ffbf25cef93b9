package render_test

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
	"maliatlas/project"
	"maliatlas/render"
	"maliatlas/render/raster"
)

func drawAnns(v geo.Viewport, bg color.NRGBA, sel string, anns ...project.Annotation) *image.RGBA {
	w, h := v.DeviceSize()
	c := raster.New(w, h)
	c.Clear(bg)
	render.DrawAnnotations(c, v, anns, fonts(), sel)
	return c.RGBA()
}

var white = color.NRGBA{255, 255, 255, 255}

func isInk(c color.RGBA) bool   { return c.R > 150 && c.G < 90 && c.B < 90 }
func isWhite(c color.RGBA) bool { return c.R > 240 && c.G > 240 && c.B > 240 }

func TestArrowheadIsAtTheLastPoint(t *testing.T) {
	v := geo.FitBound(orb.Bound{Min: orb.Point{-12, 10}, Max: orb.Point{2, 20}}, 400, 300, 1, 0)
	for _, curved := range []bool{false, true} {
		a := project.Annotation{ID: "a", Kind: project.KindArrow, Points: [][2]float64{{-10, 15}, {0, 15}}, Color: "#d00000", Width: 3, Curved: curved}
		img := drawAnns(v, white, "", a)
		tx, ty := v.ToScreen(orb.Point{0, 15})
		at := func(dx, dy float64) color.RGBA { return img.RGBAAt(int(math.Floor(tx+dx)), int(math.Floor(ty+dy))) }
		assert.True(t, isInk(at(-2, 0)), "curved %v: ink just before the tip", curved)
		assert.True(t, isWhite(at(4, 0)), "curved %v: nothing beyond the tip", curved)
		if !curved {
			// The head is wider than the shaft: 2.5 px off the axis it is ink
			// near the tip and paper along the shaft.
			assert.True(t, isInk(at(-7, 2.5)) && isInk(at(-7, -2.5)), "head is wide")
			mx, my := v.ToScreen(orb.Point{-5, 15})
			assert.True(t, isWhite(img.RGBAAt(int(mx), int(my+3.5))), "shaft is narrow")
			assert.True(t, isInk(img.RGBAAt(int(mx), int(my))), "shaft is drawn")
		} else {
			// The curve bends away from the straight line.
			mx, my := v.ToScreen(orb.Point{-5, 15})
			assert.True(t, isWhite(img.RGBAAt(int(mx), int(my))), "a curve leaves the chord")
		}
	}
	// A curve through three points ends with its head at the third.
	a := project.Annotation{ID: "c", Kind: project.KindArrow, Points: [][2]float64{{-10, 12}, {-5, 18}, {0, 12}}, Color: "#d00000", Curved: true}
	img := drawAnns(v, white, "", a)
	tx, ty := v.ToScreen(orb.Point{0, 12})
	mx, my := v.ToScreen(orb.Point{-5, 18})
	assert.True(t, isInk(img.RGBAAt(int(tx-1), int(ty-2))), "head at the last point")
	assert.True(t, isInk(img.RGBAAt(int(mx), int(my))), "the curve passes through the middle point")
}

func TestGeodesicCircleRadius(t *testing.T) {
	centre := orb.Point{-4, 15}
	// 100 km is about 300 px: one pixel is a third of a percent.
	v := geo.FitBound(orb.Bound{Min: orb.Point{-5.2, 13.8}, Max: orb.Point{-2.8, 16.2}}, 720, 720, 1, 0)
	a := project.Annotation{ID: "c", Kind: project.KindCircle, Points: [][2]float64{{centre[0], centre[1]}}, RadiusKm: 100, Color: "#000000", Fill: "#00000000", Width: 1}
	img := drawAnns(v, white, "", a)
	cx, cy := v.ToScreen(centre)
	col := int(cx)
	// The outline along the meridian: the darkness-weighted mean row, north and south.
	edge := func(from, to int) float64 {
		sum, wsum := 0.0, 0.0
		for y := from; y != to; y += sign(to - from) {
			d := 255 - float64(img.RGBAAt(col, y).R)
			sum += d * (float64(y) + 0.5)
			wsum += d
		}
		require.Greater(t, wsum, 0.0, "no outline found on the meridian")
		return sum / wsum
	}
	for _, y := range []float64{edge(int(cy)-5, 0), edge(int(cy)+5, img.Bounds().Dy())} {
		d := geo.Distance(centre, v.ToGeo(cx, y))
		assert.InDelta(t, 100_000, d, 1000, "radius measured along the meridian: %.0f m", d)
	}
	for _, p := range render.GeodesicCircle(centre, 100, 72) {
		assert.InDelta(t, 100_000, geo.Distance(centre, p), 1, "every vertex is 100 km away")
	}
	b := render.AnnotationBound(a)
	assert.InDelta(t, 100_000, geo.Distance(centre, orb.Point{centre[0], b.Max[1]}), 10)
}

func sign(n int) int {
	if n < 0 {
		return -1
	}
	return 1
}

func TestTextHalo(t *testing.T) {
	v := geo.FitBound(orb.Bound{Min: orb.Point{-12, 10}, Max: orb.Point{2, 20}}, 300, 200, 1, 0)
	dark := color.NRGBA{20, 40, 120, 255}
	count := func(halo bool) (whiteish, inked int) {
		a := project.Annotation{ID: "t", Kind: project.KindText, Points: [][2]float64{{-5, 15}}, Text: "Gao", Size: 28, Color: "#000000", Halo: halo}
		img := drawAnns(v, dark, "", a)
		x, y := v.ToScreen(orb.Point{-5, 15})
		for py := int(y) - 30; py < int(y)+30; py++ {
			for px := int(x) - 60; px < int(x)+60; px++ {
				c := img.RGBAAt(px, py)
				if c.R > 200 && c.G > 200 && c.B > 200 {
					whiteish++
				}
				if c.R < 15 && c.G < 15 && c.B < 15 {
					inked++
				}
			}
		}
		return
	}
	w0, ink0 := count(false)
	w1, ink1 := count(true)
	assert.Zero(t, w0, "no halo asked, none drawn")
	assert.Greater(t, w1, 100, "the halo shows around the text")
	assert.Greater(t, ink0, 50, "the text is drawn")
	assert.Greater(t, ink1, 50, "the text is drawn over its halo")
}

func TestMarkerPinTipAndSelection(t *testing.T) {
	v := geo.FitBound(orb.Bound{Min: orb.Point{-12, 10}, Max: orb.Point{2, 20}}, 300, 200, 1, 0)
	a := project.Annotation{ID: "m", Kind: project.KindMarker, Points: [][2]float64{{-5, 15}}, Text: "Site", Color: "#d00000"}
	img := drawAnns(v, white, "", a)
	x, y := v.ToScreen(orb.Point{-5, 15})
	assert.True(t, isInk(img.RGBAAt(int(x), int(y)-3)), "the pin's tip is just above the point")
	assert.True(t, isWhite(img.RGBAAt(int(x), int(y)+4)), "nothing below the point")

	sel := drawAnns(v, white, "m", a)
	blue := 0
	for py := 0; py < sel.Bounds().Dy(); py++ {
		for px := 0; px < sel.Bounds().Dx(); px++ {
			c := sel.RGBAAt(px, py)
			if c.B > 150 && c.R < 60 {
				blue++
			}
		}
	}
	assert.Greater(t, blue, 40, "the selected annotation has a dashed outline")
}

func TestAreaHatchAndFreehand(t *testing.T) {
	v := geo.FitBound(orb.Bound{Min: orb.Point{-12, 10}, Max: orb.Point{2, 20}}, 300, 200, 1, 0)
	area := project.Annotation{ID: "a", Kind: project.KindArea, Points: [][2]float64{{-10, 11}, {0, 11}, {0, 19}, {-10, 19}}, Color: "#000000", Fill: "#00000000", Hatch: true}
	img := drawAnns(v, white, "", area)
	// Inside, along a row, the hatch alternates ink and paper.
	x0, y := v.ToScreen(orb.Point{-8, 15})
	x1, _ := v.ToScreen(orb.Point{-2, 15})
	runs, prev := 0, false
	for x := int(x0); x < int(x1); x++ {
		dark := img.RGBAAt(x, int(y)).R < 128
		if dark && !prev {
			runs++
		}
		prev = dark
	}
	assert.Greater(t, runs, 5, "hatch lines cross the inside")
	outside := img.RGBAAt(5, 5)
	assert.True(t, isWhite(outside), "no hatch outside")
}

func TestHitAnnotation(t *testing.T) {
	v := geo.FitBound(orb.Bound{Min: orb.Point{-12, 10}, Max: orb.Point{2, 20}}, 400, 300, 1, 0)
	anns := []project.Annotation{
		{ID: "area", Kind: project.KindArea, Points: [][2]float64{{-11, 11}, {1, 11}, {1, 19}, {-11, 19}}},
		{ID: "arrow", Kind: project.KindArrow, Points: [][2]float64{{-10, 15}, {0, 15}}},
		{ID: "circle", Kind: project.KindCircle, Points: [][2]float64{{-5, 12.5}}, RadiusKm: 50},
		{ID: "text", Kind: project.KindText, Points: [][2]float64{{-5, 17.5}}, Text: "Label"},
	}
	at := func(lon, lat float64) int {
		x, y := v.ToScreen(orb.Point{lon, lat})
		return render.HitAnnotation(v, anns, x, y, 3)
	}
	assert.Equal(t, 1, at(-5, 15), "on the arrow")
	assert.Equal(t, 2, at(-5, 12.5), "inside the circle")
	assert.Equal(t, 3, at(-5, 17.5), "on the text")
	assert.Equal(t, 0, at(-9, 13), "inside the area only")
	assert.Equal(t, -1, at(-11.8, 10.2), "outside everything")
	x, y := v.ToScreen(orb.Point{-5, 15})
	assert.Equal(t, 1, render.HitAnnotation(v, anns, x, y+4, 3), "within the tolerance of the arrow")
	assert.Equal(t, 0, render.HitAnnotation(v, anns, x, y+12, 3), "beyond it: the area under")
}
