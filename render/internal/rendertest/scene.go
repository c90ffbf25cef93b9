// Package rendertest holds drawing fixtures shared by the backends' tests.
package rendertest

import (
	"image"
	"image/color"

	"maliatlas/assets"
	"maliatlas/render"
)

// DrawReferenceScene draws the scene the vector backends' tests share: a
// polygon with a hole, an opaque square, a dashed line, markers, an image
// and text (accented WinAnsi text with a halo, and a character outside
// WinAnsi).
func DrawReferenceScene(s render.Sink) {
	fonts := assets.MapFonts()
	// Polygon with a hole (even-odd), semi-transparent fill, solid outline.
	s.Path(&render.Path{Closed: true, Sub: [][]render.Point{
		{{X: 20, Y: 20}, {X: 180, Y: 20}, {X: 180, Y: 140}, {X: 20, Y: 140}},
		{{X: 60, Y: 50}, {X: 140, Y: 50}, {X: 140, Y: 110}, {X: 60, Y: 110}},
	}}, &render.Style{
		Fill: color.NRGBA{200, 60, 40, 160}, FillRule: render.EvenOdd,
		Stroke: color.NRGBA{90, 20, 10, 255}, Width: 1.5, Join: render.RoundJoin,
	})
	// Opaque filled square (checked by pixel in the PDF test).
	s.Path(&render.Path{Closed: true, Sub: [][]render.Point{
		{{X: 220, Y: 20}, {X: 280, Y: 20}, {X: 280, Y: 80}, {X: 220, Y: 80}},
	}}, &render.Style{Fill: color.NRGBA{0, 0, 255, 255}})
	// Dashed route line.
	s.Path(&render.Path{Sub: [][]render.Point{
		{{X: 20, Y: 180}, {X: 120.333, Y: 200.125}, {X: 220, Y: 170}, {X: 380, Y: 230}},
	}}, &render.Style{
		Stroke: color.NRGBA{30, 30, 160, 220}, Width: 3, Cap: render.RoundCap,
		Join: render.MiterJoin, MiterLimit: 2, Dash: []float64{8, 4.5}, DashOffset: 2,
	})
	// Markers: two batches of the same circle (one definition) and a triangle.
	circle := &render.Marker{Shape: render.Circle, Size: 10, Fill: color.NRGBA{240, 200, 0, 255}, Stroke: color.NRGBA{0, 0, 0, 255}, StrokeWidth: 1}
	s.Markers(circle, []render.Point{{X: 230, Y: 120}, {X: 260, Y: 130}})
	s.Markers(&render.Marker{Shape: render.Triangle, Size: 14, Fill: color.NRGBA{0, 150, 70, 200}}, []render.Point{{X: 300, Y: 120}})
	s.Markers(circle, []render.Point{{X: 330, Y: 140}})
	s.Markers(&render.Marker{Shape: render.Diamond, Size: 12, Fill: color.NRGBA{120, 0, 160, 255}, Stroke: color.NRGBA{255, 255, 255, 255}, StrokeWidth: 1.5}, []render.Point{{X: 360, Y: 120}})
	s.Markers(&render.Marker{Shape: render.Square, Size: 9, Fill: color.NRGBA{255, 120, 0, 255}}, []render.Point{{X: 360, Y: 150}})
	// An 8×8 image of four quadrants (one half transparent, one clear)
	// stretched over 40×40.
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	quad := [4]color.NRGBA{{255, 0, 0, 255}, {0, 255, 0, 128}, {0, 0, 255, 255}, {0, 0, 0, 0}}
	for y := 0; y < 8; y++ {
		for x := 0; x < 8; x++ {
			img.SetNRGBA(x, y, quad[x/4+2*(y/4)])
		}
	}
	s.Image(img, render.Rect{Min: render.Point{X: 320, Y: 20}, Max: render.Point{X: 360, Y: 60}})
	// Accented text with a white halo, and a bold italic-free title.
	s.Text(&render.Text{X: 30, Y: 146, S: "Ménaka, Ségou, Taoudénit", Font: fonts.Regular, Size: 18,
		Color: color.NRGBA{20, 20, 20, 255}, Halo: color.NRGBA{255, 255, 255, 230}, HaloWidth: 3})
	s.Text(&render.Text{X: 20, Y: 300, S: "Gao & <Kidal>", Font: fonts.Bold, Size: 14, Color: color.NRGBA{120, 0, 0, 255}})
	s.Text(&render.Text{X: 220, Y: 300, S: "Tombouctou, Sɛgu", Font: fonts.Italic, Size: 14, Color: color.NRGBA{0, 0, 0, 255}})
}
