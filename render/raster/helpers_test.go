package raster

import (
	"image"
	"image/color"
	"math"

	"maliatlas/render"
)

var (
	black = color.NRGBA{0, 0, 0, 255}
	white = color.NRGBA{255, 255, 255, 255}
	red   = color.NRGBA{255, 0, 0, 255}
)

func alphaAt(img *image.RGBA, x, y int) int {
	return int(img.Pix[img.PixOffset(x, y)+3])
}

// rect returns the corners of an axis-aligned rectangle, clockwise on screen
// (y down) when ccw is false.
func rect(x0, y0, x1, y1 float64, ccw bool) []render.Point {
	p := []render.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
	if ccw {
		p[1], p[3] = p[3], p[1]
	}
	return p
}

func star(cx, cy, r float64) []render.Point {
	var p []render.Point
	for i := 0; i < 5; i++ {
		a := -math.Pi/2 + float64(i)*4*math.Pi/5
		p = append(p, render.Point{X: cx + r*math.Cos(a), Y: cy + r*math.Sin(a)})
	}
	return p
}

// columnInk sums the alpha of column x over rows [y0, y1), in pixels.
func columnInk(img *image.RGBA, x, y0, y1 int) float64 {
	s := 0
	for y := y0; y < y1; y++ {
		s += alphaAt(img, x, y)
	}
	return float64(s) / 255
}

// rowInk sums the alpha of row y over columns [x0, x1), in pixels.
func rowInk(img *image.RGBA, y, x0, x1 int) float64 {
	s := 0
	for x := x0; x < x1; x++ {
		s += alphaAt(img, x, y)
	}
	return float64(s) / 255
}

// totalInk sums all alpha in pixels.
func totalInk(img *image.RGBA) float64 {
	s := 0
	for i := 3; i < len(img.Pix); i += 4 {
		s += int(img.Pix[i])
	}
	return float64(s) / 255
}

// centroid returns the alpha-weighted centre of the ink in r (pixel centres
// at +0.5).
func centroid(img *image.RGBA, r image.Rectangle) (float64, float64) {
	var sx, sy, s float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			a := float64(alphaAt(img, x, y))
			sx += a * (float64(x) + 0.5)
			sy += a * (float64(y) + 0.5)
			s += a
		}
	}
	return sx / s, sy / s
}

// maxDiff returns the largest channel difference between a and b and the
// number of pixels differing by more than tol.
func maxDiff(a, b *image.RGBA, tol int) (int, int) {
	m, n := 0, 0
	for i := 0; i < len(a.Pix); i += 4 {
		bad := false
		for k := 0; k < 4; k++ {
			d := int(a.Pix[i+k]) - int(b.Pix[i+k])
			if d < 0 {
				d = -d
			}
			m = max(m, d)
			if d > tol {
				bad = true
			}
		}
		if bad {
			n++
		}
	}
	return m, n
}
