package geo

import (
	"math"
	"math/rand"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"maliatlas/internal/testutil"
)

func square(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func TestContainsPolygonWithHole(t *testing.T) {
	poly := orb.Polygon{square(0, 0, 10, 10), square(3, 3, 6, 6)}
	cases := []struct {
		p    orb.Point
		want bool
	}{
		{orb.Point{1, 1}, true},
		{orb.Point{4, 4}, false},     // in the hole
		{orb.Point{11, 5}, false},    // outside
		{orb.Point{0, 5}, true},      // on the outer boundary
		{orb.Point{10, 10}, true},    // outer vertex
		{orb.Point{3, 4.5}, true},    // on the hole's boundary
		{orb.Point{6, 6}, true},      // hole vertex
		{orb.Point{-1e-6, 5}, false}, // just outside
		{orb.Point{5, 10 + 1e-6}, false},
		{orb.Point{3 + 1e-6, 4.5}, false}, // just inside the hole
		{orb.Point{-5, 0}, false},         // on the line of the bottom edge, outside
		{orb.Point{15, 10}, false},        // ray through a vertex
	}
	for _, c := range cases {
		if got := Contains(poly, c.p); got != c.want {
			t.Errorf("Contains(%v) = %v, want %v", c.p, got, c.want)
		}
	}
}

func TestContainsMultiPolygonAndOthers(t *testing.T) {
	mp := orb.MultiPolygon{{square(0, 0, 1, 1)}, {square(5, 5, 6, 6), square(5.2, 5.2, 5.8, 5.8)}}
	if !Contains(mp, orb.Point{0.5, 0.5}) || !Contains(mp, orb.Point{5.1, 5.1}) {
		t.Error("point in a member polygon not contained")
	}
	if Contains(mp, orb.Point{5.5, 5.5}) || Contains(mp, orb.Point{3, 3}) {
		t.Error("point in a hole or between polygons contained")
	}
	// Unclosed ring (first point not repeated) works the same.
	open := orb.Polygon{orb.Ring{{0, 0}, {4, 0}, {4, 4}, {0, 4}}}
	if !Contains(open, orb.Point{2, 2}) || !Contains(open, orb.Point{0, 2}) || Contains(open, orb.Point{5, 2}) {
		t.Error("unclosed ring")
	}
	if Contains(orb.LineString{{0, 0}, {1, 1}}, orb.Point{0.5, 0.5}) || Contains(orb.Polygon{}, orb.Point{}) {
		t.Error("a line or an empty polygon contains a point")
	}
	if !Contains(orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, orb.Point{1, 1}) {
		t.Error("bound corner")
	}
}

// Shared borders: a point on the edge between two adjacent polygons is in both.
func TestContainsSharedBorder(t *testing.T) {
	left := orb.Polygon{orb.Ring{{0, 0}, {1.3, 0.1}, {1.7, 2.9}, {0, 3}, {0, 0}}}
	right := orb.Polygon{orb.Ring{{1.3, 0.1}, {4, 0}, {4, 3}, {1.7, 2.9}, {1.3, 0.1}}}
	for i := 0; i <= 10; i++ {
		f := float64(i) / 10
		p := orb.Point{1.3 + 0.4*f, 0.1 + 2.8*f}
		if !Contains(left, p) || !Contains(right, p) {
			t.Errorf("border point %v: left %v right %v", p, Contains(left, p), Contains(right, p))
		}
	}
}

// Away from boundaries the answer agrees with orb/planar.
func TestContainsMatchesPlanar(t *testing.T) {
	rng := rand.New(rand.NewSource(testutil.Seed(t, 3)))
	var ring orb.Ring
	for i := 0; i < 40; i++ {
		a := float64(i) / 40 * 6.283185307179586
		r := 2 + 3*rng.Float64()
		ring = append(ring, orb.Point{r * math.Cos(a), r * math.Sin(a)})
	}
	ring = append(ring, ring[0])
	poly := orb.Polygon{ring, square(-0.5, -0.5, 0.5, 0.5)}
	for i := 0; i < 5000; i++ {
		p := orb.Point{rng.Float64()*12 - 6, rng.Float64()*12 - 6}
		if got, want := Contains(poly, p), planar.PolygonContains(poly, p); got != want {
			t.Fatalf("%v: Contains %v, planar %v", p, got, want)
		}
	}
}
