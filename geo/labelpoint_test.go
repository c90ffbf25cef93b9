package geo

import (
	"math"
	"os"
	"testing"

	"github.com/paulmach/orb"
)

func TestLabelPointShapes(t *testing.T) {
	// A square's pole is its centre.
	sq := orb.Polygon{square(0, 0, 4, 4)}
	if p := LabelPoint(sq); math.Abs(p[0]-2) > 0.01 || math.Abs(p[1]-2) > 0.01 {
		t.Errorf("square: %v", p)
	}
	// A C shape: the centroid is outside, the label point is inside.
	c := orb.Polygon{orb.Ring{{0, 0}, {6, 0}, {6, 1}, {1, 1}, {1, 5}, {6, 5}, {6, 6}, {0, 6}, {0, 0}}}
	p := LabelPoint(c)
	if !Contains(c, p) {
		t.Errorf("C shape: %v outside", p)
	}
	// A square with a big hole in the middle: the label avoids the hole.
	holed := orb.Polygon{square(0, 0, 10, 10), square(2, 2, 8, 8)}
	if p := LabelPoint(holed); !Contains(holed, p) || Contains(orb.Polygon{square(2, 2, 8, 8)}, p) {
		t.Errorf("holed square: %v", p)
	}
	// MultiPolygon: on the largest member.
	mp := orb.MultiPolygon{{square(0, 0, 1, 1)}, {square(10, 10, 15, 15)}}
	if p := LabelPoint(mp); !Contains(mp[1], p) {
		t.Errorf("multipolygon: %v not in the largest polygon", p)
	}
}

// Each Mali region of the shared input gets a label point inside it.
func TestLabelPointMaliRegions(t *testing.T) {
	f, err := os.Open("../../shared/geodata/mali_admin1_ocha2021.geojson")
	if err != nil {
		t.Skip("no ../shared/geodata:", err)
	}
	defer f.Close()
	fc, err := ReadFeatureCollection("mali_admin1_ocha2021.geojson", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 10 {
		t.Fatalf("%d regions", len(fc.Features))
	}
	for _, ft := range fc.Features {
		p := LabelPoint(ft.Geometry)
		if !Contains(ft.Geometry, p) {
			t.Errorf("%v: label point %v outside", ft.Properties["name_fr"], p)
		}
		// and well inside: not within 1 km of the border
		if d := borderDistance(ft.Geometry, p); d < 1000 {
			t.Errorf("%v: label point %v only %.0f m from the border", ft.Properties["name_fr"], p, d)
		}
	}
}

func borderDistance(g orb.Geometry, p orb.Point) float64 {
	best := math.Inf(1)
	var rings []orb.Ring
	switch g := g.(type) {
	case orb.Polygon:
		rings = g
	case orb.MultiPolygon:
		for _, poly := range g {
			rings = append(rings, poly...)
		}
	}
	for _, r := range rings {
		for _, q := range r {
			best = math.Min(best, Distance(p, q))
		}
	}
	return best
}
