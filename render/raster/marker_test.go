package raster

import (
	"image"
	"image/color"
	"math"
	"testing"

	"maliatlas/render"
)

func TestMarkersCentred(t *testing.T) {
	shapes := map[string]render.MarkerShape{"circle": render.Circle, "square": render.Square, "diamond": render.Diamond}
	for name, shape := range shapes {
		for _, p := range []render.Point{{X: 20, Y: 20}, {X: 20.5, Y: 20.5}, {X: 20.25, Y: 19.8}, {X: 20.37, Y: 20.9}} {
			c := New(40, 40)
			c.Markers(&render.Marker{Shape: shape, Size: 8, Fill: black, Stroke: red, StrokeWidth: 1}, []render.Point{p})
			cx, cy := centroid(c.RGBA(), c.RGBA().Rect)
			// Quarter-pixel positioning: within 1/8 px plus rounding.
			if math.Abs(cx-p.X) > 0.155 || math.Abs(cy-p.Y) > 0.155 {
				t.Errorf("%s at %v: ink centred at (%.3f, %.3f)", name, p, cx, cy)
			}
		}
	}
	// The triangle's box is centred: apex at top, base at bottom.
	c := New(40, 40)
	c.Markers(&render.Marker{Shape: render.Triangle, Size: 10, Fill: black}, []render.Point{{X: 20, Y: 20}})
	img := c.RGBA()
	if a := alphaAt(img, 19, 18); a != 255 {
		t.Errorf("triangle near apex alpha = %d, want 255", a)
	}
	if a := alphaAt(img, 19, 14); a != 0 {
		t.Errorf("triangle above apex alpha = %d, want 0", a)
	}
	if got := rowInk(img, 24, 0, 40); math.Abs(got-9.5) > 0.6 {
		t.Errorf("triangle base row ink = %.2f, want about 9.5", got)
	}
}

func TestMarkersMatchDirectDrawing(t *testing.T) {
	// A circle marker is the same as filling and stroking a circle path at a
	// quarter-pixel position.
	c := New(40, 40)
	c.Markers(&render.Marker{Shape: render.Circle, Size: 12, Fill: red, Stroke: black, StrokeWidth: 1.5}, []render.Point{{X: 20.25, Y: 19.5}})
	d := New(40, 40)
	d.Path(&render.Path{Sub: [][]render.Point{circle(20.25, 19.5, 6)}, Closed: true},
		&render.Style{Fill: red, Stroke: black, Width: 1.5, Join: render.RoundJoin})
	if m, n := maxDiff(c.RGBA(), d.RGBA(), 1); n > 0 {
		t.Errorf("sprite differs from direct drawing: max %d, %d pixels", m, n)
	}
	if totalInk(c.RGBA()) < 100 {
		t.Error("nothing drawn")
	}
}

func TestIconMarker(t *testing.T) {
	icon := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for i := range icon.Pix {
		icon.Pix[i] = 255
	}
	icon.SetNRGBA(0, 0, color.NRGBA{0, 0, 255, 255})
	c := New(40, 40)
	c.Clear(color.NRGBA{0, 255, 0, 255})
	c.Markers(&render.Marker{Shape: render.Icon, Size: 16, Icon: icon}, []render.Point{{X: 20, Y: 20}})
	img := c.RGBA()
	if got := img.RGBAAt(20, 20); got != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("icon centre = %v, want white", got)
	}
	if got := img.RGBAAt(12, 12); got.B < 200 || got.R > 50 {
		t.Errorf("icon top-left = %v, want blue", got)
	}
	if got := img.RGBAAt(11, 20); got != (color.RGBA{0, 255, 0, 255}) {
		t.Errorf("left of the icon = %v, want background", got)
	}
	if got := img.RGBAAt(27, 27); got != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("icon bottom-right inside = %v, want white", got)
	}
	if got := img.RGBAAt(28, 28); got != (color.RGBA{0, 255, 0, 255}) {
		t.Errorf("beyond the icon = %v, want background", got)
	}
}

func TestManyMarkersPositions(t *testing.T) {
	c := New(200, 50)
	var at []render.Point
	for i := 0; i < 10; i++ {
		at = append(at, render.Point{X: 10 + float64(i)*19.1, Y: 25})
	}
	c.Markers(&render.Marker{Shape: render.Square, Size: 6, Fill: black}, at)
	img := c.RGBA()
	for _, p := range at {
		r := image.Rect(int(p.X)-8, 15, int(p.X)+8, 35)
		cx, _ := centroid(img, r)
		if math.Abs(cx-p.X) > 0.14 {
			t.Errorf("marker at x=%.2f centred at %.3f", p.X, cx)
		}
	}
	if got, want := totalInk(img), 10*36.0; math.Abs(got-want) > 1 {
		t.Errorf("10 squares of 6 px: ink %.2f, want %.0f", got, want)
	}
}
