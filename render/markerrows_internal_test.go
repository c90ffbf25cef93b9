package render

import (
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
)

// TestMarkersInBands: a big markers call replayed into a band hands on, in
// their order, every point whose marker can reach the band (and few
// others), and never a point that cannot be drawn.
func TestMarkersInBands(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	at := make([]Point, 5000)
	for i := range at {
		at[i] = Point{X: rnd.Float64() * 800, Y: rnd.Float64() * 600}
	}
	at[10] = Point{X: math.NaN(), Y: 50}
	at[11] = Point{X: 40, Y: math.NaN()}
	at[12] = Point{X: 1e30, Y: 100}
	m := &Marker{Shape: Circle, Size: 5, Fill: color.NRGBA{200, 0, 0, 255}, Stroke: color.NRGBA{255, 255, 255, 204}, StrokeWidth: 1}
	margin := markerMargin(m)
	for _, compact := range []bool{false, true} {
		var rec Recording
		rec.Compact = compact
		rec.Markers(m, at)
		o := &rec.ops[0][0]
		if !o.bounded {
			t.Fatal("markers not bounded")
		}
		var buf []Point
		for _, band := range [][2]float64{{0, 68}, {68, 136}, {300, 301}, {-50, 3}, {590, 700}, {2000, 2068}} {
			clip := Rect{Point{0, band[0]}, Point{800, band[1]}}
			got, ok := o.markersIn(clip, &buf)
			if !ok {
				t.Fatalf("band %v: not grouped", band)
			}
			var want []Point
			for i := range at {
				x, y := o.xy(i)
				if y > clip.Min.Y-margin && y < clip.Max.Y+margin && !math.IsNaN(x) {
					want = append(want, Point{x, y})
				}
			}
			// got holds want in order, and only points near the band.
			j := 0
			for _, p := range got {
				if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) {
					t.Fatalf("band %v: undrawable point %v handed on", band, p)
				}
				if p.Y < clip.Min.Y-margin-rowStep || p.Y > clip.Max.Y+margin+rowStep {
					t.Errorf("band %v: point %v far from it", band, p)
				}
				if j < len(want) && p == want[j] {
					j++
				}
			}
			if j != len(want) {
				t.Errorf("band %v (compact %v): %d of the %d points that reach it handed on in order", band, compact, j, len(want))
			}
		}
		// A clip over most of the rows is not worth grouping.
		if _, ok := o.markersIn(Rect{Point{0, 0}, Point{800, 400}}, &buf); ok {
			t.Error("a clip over two thirds of the rows was grouped")
		}
	}
	// Points very far off: groups grow tall, and a band holding most of the
	// points is handed all of them.
	at[13] = Point{X: 10, Y: 1e12}
	var rec Recording
	rec.Markers(m, at)
	var buf []Point
	if pts, ok := rec.ops[0][0].markersIn(Rect{Point{0, 0}, Point{800, 68}}, &buf); ok && len(pts) < 500 {
		t.Errorf("band of 68 rows of a call reaching 1e12: %d points handed on", len(pts))
	}
}
