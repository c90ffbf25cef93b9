package render

import (
	"math"
	"testing"
)

func TestStraightStretch(t *testing.T) {
	cum := func(pts []Point) []float64 {
		c := []float64{0}
		for i := 1; i < len(pts); i++ {
			c = append(c, c[i-1]+math.Hypot(pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y))
		}
		return c
	}
	// A line going up-left: the label reads left to right, turned up
	// towards the right (−45°), not upside down.
	line := []Point{{100, 0}, {50, 50}, {0, 100}}
	a, mid, ok := straightStretch(line, cum(line), 20, 120, 2)
	if !ok || math.Abs(a+math.Pi/4) > 1e-9 {
		t.Errorf("straight: ok %v, angle %.1f°", ok, a*180/math.Pi)
	}
	if k := 70 / math.Sqrt2; math.Hypot(mid.X-(100-k), mid.Y-k) > 1e-9 { // 70 along
		t.Errorf("middle %v", mid)
	}
	// A right angle in the stretch: not straight.
	bent := []Point{{0, 0}, {50, 0}, {50, 50}}
	if _, _, ok := straightStretch(bent, cum(bent), 20, 80, 2); ok {
		t.Error("a bend taken for straight")
	}
	// A gentle bend within the tolerance is.
	gentle := []Point{{0, 0}, {50, 1}, {100, 0}}
	if _, _, ok := straightStretch(gentle, cum(gentle), 0, 100, 2); !ok {
		t.Error("a gentle bend refused")
	}
}

func TestTurnedBoxesOverlap(t *testing.T) {
	// A box turned 45° near an axis-aligned one: their bounding boxes
	// overlap, the boxes do not.
	r := rectBox(Rect{Point{0, 0}, Point{10, 10}})
	q := quadBox([4]Point{{16, 8}, {24, 16}, {16, 24}, {8, 16}})
	if r.overlaps(&q) || q.overlaps(&r) {
		t.Error("corner to corner taken for a collision")
	}
	q2 := quadBox([4]Point{{13, 5}, {21, 13}, {13, 21}, {5, 13}})
	if !r.overlaps(&q2) || !q2.overlaps(&r) {
		t.Error("overlap missed")
	}
}
