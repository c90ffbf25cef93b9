package main

import (
	"math"
	"testing"
)

// sq is the unit square with lower-left corner (x, y), in whole degrees,
// given clockwise on purpose: Dissolve must orient it itself.
func sq(x, y int64) Polygon {
	s := int64(Scale)
	return Polygon{Ring{{x * s, y * s}, {x * s, (y + 1) * s}, {(x + 1) * s, (y + 1) * s}, {(x + 1) * s, y * s}}}
}

func planarArea(ps []Polygon) float64 {
	var a float64
	for _, p := range ps {
		for _, r := range p {
			a += r.area2() / 2 / Scale / Scale
		}
	}
	return a
}

func TestDissolveTwoAdjacentSquares(t *testing.T) {
	d := Dissolve([]Polygon{sq(0, 0), sq(1, 0)})
	if !d.Clean {
		t.Fatalf("not clean: %s", d.Reason)
	}
	if len(d.Polygons) != 1 || len(d.Polygons[0]) != 1 {
		t.Fatalf("want one polygon without holes, got %v", d.Polygons)
	}
	r := d.Polygons[0][0]
	if len(r) != 4 {
		t.Errorf("want 4 corners after collinear vertices are dropped, got %d: %v", len(r), r)
	}
	if got := planarArea(d.Polygons); got != 2 {
		t.Errorf("area %g, want 2", got)
	}
	if r.area2() <= 0 {
		t.Errorf("outer ring is not counter-clockwise")
	}
}

func TestDissolveRingOfEightSquaresHasOneHole(t *testing.T) {
	var parts []Polygon
	for x := int64(0); x < 3; x++ {
		for y := int64(0); y < 3; y++ {
			if x != 1 || y != 1 {
				parts = append(parts, sq(x, y))
			}
		}
	}
	d := Dissolve(parts)
	if !d.Clean {
		t.Fatalf("not clean: %s", d.Reason)
	}
	if len(d.Polygons) != 1 || len(d.Polygons[0]) != 2 {
		t.Fatalf("want one polygon with one hole, got %d polygons %v", len(d.Polygons), d.Polygons)
	}
	outer, hole := d.Polygons[0][0], d.Polygons[0][1]
	if outer.area2() <= 0 || hole.area2() >= 0 {
		t.Errorf("orientation: outer %g (want > 0), hole %g (want < 0)", outer.area2(), hole.area2())
	}
	if len(outer) != 4 || len(hole) != 4 {
		t.Errorf("want 4 vertices in each ring, got outer %v hole %v", outer, hole)
	}
	if got := planarArea(d.Polygons); got != 8 {
		t.Errorf("area %g, want 8", got)
	}
	s := int64(Scale)
	if minVertex(hole) != (Pt{s, s}) {
		t.Errorf("hole %v is not the middle square", hole)
	}
}

func TestDissolveCornerTouchKeepsTwoPolygons(t *testing.T) {
	// Two squares that meet at a single vertex: two polygons, no figure-eight.
	d := Dissolve([]Polygon{sq(0, 0), sq(1, 1)})
	if !d.Clean {
		t.Fatalf("not clean: %s", d.Reason)
	}
	if len(d.Polygons) != 2 {
		t.Fatalf("want 2 polygons, got %v", d.Polygons)
	}
	for _, p := range d.Polygons {
		if len(p) != 1 || len(p[0]) != 4 {
			t.Errorf("want a plain square, got %v", p)
		}
	}
}

func TestDissolveDisjointPartsGiveMultiPolygon(t *testing.T) {
	d := Dissolve([]Polygon{sq(5, 5), sq(0, 0), sq(1, 0)})
	if !d.Clean || len(d.Polygons) != 2 {
		t.Fatalf("want 2 polygons cleanly, got clean=%v %v", d.Clean, d.Polygons)
	}
	// Sorted by lowest vertex: the pair at the origin first.
	if minVertex(d.Polygons[0][0]) != (Pt{0, 0}) {
		t.Errorf("polygons not in a stable order: %v", d.Polygons)
	}
}

func TestDissolveMismatchedBorderFallsBack(t *testing.T) {
	// The right square has an extra vertex on the shared side: the borders
	// do not match vertex for vertex, so the parts come back as they were.
	s := int64(Scale)
	right := Polygon{Ring{{s, 0}, {s, s / 2}, {s, s}, {2 * s, s}, {2 * s, 0}}}
	d := Dissolve([]Polygon{sq(0, 0), right})
	if d.Clean {
		t.Fatalf("want a fallback, got a clean dissolve: %v", d.Polygons)
	}
	if d.Reason == "" {
		t.Errorf("fallback without a reason")
	}
	if len(d.Polygons) != 2 {
		t.Errorf("fallback should keep both parts, got %d", len(d.Polygons))
	}
	if got := planarArea(d.Polygons); math.Abs(got-2) > 1e-12 {
		t.Errorf("fallback area %g, want 2", got)
	}
}

func TestDissolveOverlappingPartsFallBack(t *testing.T) {
	d := Dissolve([]Polygon{sq(0, 0), sq(0, 0)})
	if d.Clean {
		t.Fatalf("the same square twice must not dissolve cleanly")
	}
}

func TestDissolveIgnoresInputOrder(t *testing.T) {
	a := Dissolve([]Polygon{sq(0, 0), sq(1, 0), sq(2, 0), sq(0, 1), sq(7, 7)})
	b := Dissolve([]Polygon{sq(7, 7), sq(0, 1), sq(2, 0), sq(1, 0), sq(0, 0)})
	ea, _ := Encode([]Built{{Zone: Zone{Props: Props{ID: "x"}}, Polygons: a.Polygons}})
	eb, _ := Encode([]Built{{Zone: Zone{Props: Props{ID: "x"}}, Polygons: b.Polygons}})
	if string(ea) != string(eb) {
		t.Errorf("output depends on input order:\n%s\n%s", ea, eb)
	}
}
