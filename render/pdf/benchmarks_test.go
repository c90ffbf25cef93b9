package pdf

import (
	"image/color"
	"io"
	"testing"

	"maliatlas/render"
)

// BenchmarkScene writes the one-page reference scene (three embedded fonts).
func BenchmarkScene(b *testing.B) {
	for b.Loop() {
		d := New(io.Discard, pageW, pageH, scale)
		drawScene(d)
		d.Close()
	}
}

// BenchmarkMarkers20k writes a page of 20,000 markers.
func BenchmarkMarkers20k(b *testing.B) {
	pts := make([]render.Point, 20000)
	for i := range pts {
		pts[i] = render.Point{X: float64(i%200) * 5.123, Y: float64(i/200) * 7.77}
	}
	m := &render.Marker{Shape: render.Circle, Size: 6, Fill: color.NRGBA{200, 0, 0, 255}, Stroke: color.NRGBA{A: 255}, StrokeWidth: 1}
	for b.Loop() {
		d := New(io.Discard, 842, 595, 0.75)
		d.Markers(m, pts)
		d.Close()
	}
}

// BenchmarkPolygons writes 1,000 polygons of 500 vertices.
func BenchmarkPolygons(b *testing.B) {
	p := &render.Path{Closed: true, Sub: [][]render.Point{make([]render.Point, 500)}}
	for i := range p.Sub[0] {
		p.Sub[0][i] = render.Point{X: float64(i%97) * 3.3317, Y: float64(i%89) * 2.7183}
	}
	st := &render.Style{Fill: color.NRGBA{200, 60, 40, 160}, Stroke: color.NRGBA{A: 255}, Width: 1.25}
	for b.Loop() {
		d := New(io.Discard, 842, 595, 0.75)
		for range 1000 {
			d.Path(p, st)
		}
		d.Close()
	}
}
