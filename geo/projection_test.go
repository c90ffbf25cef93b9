package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestProjectKnownValues(t *testing.T) {
	cases := []struct {
		p    orb.Point
		x, y float64
	}{
		{orb.Point{0, 0}, 0.5, 0.5},
		{orb.Point{-180, 0}, 0, 0.5},
		{orb.Point{90, 0}, 0.75, 0.5},
		{orb.Point{0, MaxLatitude}, 0.5, 0},
		{orb.Point{0, -MaxLatitude}, 0.5, 1},
		{orb.Point{0, 89.9}, 0.5, 0}, // clamped
		{orb.Point{0, -90}, 0.5, 1},  // clamped
	}
	for _, c := range cases {
		x, y := Project(c.p)
		if math.Abs(x-c.x) > 1e-9 || math.Abs(y-c.y) > 1e-9 {
			t.Errorf("Project(%v) = %v, %v; want %v, %v", c.p, x, y, c.x, c.y)
		}
	}
	// Bamako is south of Timbuktu: larger y.
	_, yb := Project(orb.Point{-7.98, 12.61})
	_, yt := Project(orb.Point{-3.0, 16.77})
	if yb <= yt {
		t.Errorf("y grows southward: Bamako %v, Timbuktu %v", yb, yt)
	}
}

func TestProjectRoundTrip(t *testing.T) {
	for lon := -180.0; lon < 180; lon += 7.3 {
		for lat := -85.0; lat <= 85; lat += 3.7 {
			x, y := Project(orb.Point{lon, lat})
			q := Unproject(x, y)
			if math.Abs(q[0]-lon) > 1e-9 || math.Abs(q[1]-lat) > 1e-9 {
				t.Fatalf("round trip %v,%v -> %v", lon, lat, q)
			}
		}
	}
}
