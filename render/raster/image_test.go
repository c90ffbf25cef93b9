package raster

import (
	"image"
	"image/color"
	"testing"

	"maliatlas/render"
)

func TestImageScaledIntoRect(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	src.SetNRGBA(0, 0, color.NRGBA{255, 0, 0, 255})
	src.SetNRGBA(1, 0, color.NRGBA{0, 255, 0, 255})
	src.SetNRGBA(0, 1, color.NRGBA{0, 0, 255, 255})
	src.SetNRGBA(1, 1, color.NRGBA{0, 0, 0, 0}) // transparent
	c := New(60, 60)
	c.Clear(color.NRGBA{255, 255, 255, 255})
	c.Image(src, render.Rect{Min: render.Point{X: 10, Y: 10}, Max: render.Point{X: 50, Y: 50}})
	img := c.RGBA()
	for _, tc := range []struct {
		x, y int
		want color.RGBA
	}{
		{12, 12, color.RGBA{255, 0, 0, 255}},
		{47, 12, color.RGBA{0, 255, 0, 255}},
		{12, 47, color.RGBA{0, 0, 255, 255}},
		{47, 47, color.RGBA{255, 255, 255, 255}}, // transparent corner shows the background
		{9, 30, color.RGBA{255, 255, 255, 255}},  // outside the rect
		{50, 30, color.RGBA{255, 255, 255, 255}},
	} {
		if got := img.RGBAAt(tc.x, tc.y); got != tc.want {
			t.Errorf("pixel (%d,%d) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}
	// Between red and green the colours are interpolated.
	if p := img.RGBAAt(29, 12); p.R < 80 || p.G < 80 {
		t.Errorf("middle of the top edge = %v, want a red-green mix", p)
	}
}
