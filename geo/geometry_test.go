package geo

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
)

func TestIntersects(t *testing.T) {
	big := orb.Polygon{square(0, 0, 10, 10)}
	holed := orb.Polygon{square(0, 0, 10, 10), square(3, 3, 7, 7)}
	cases := []struct {
		name string
		a, b orb.Geometry
		want bool
	}{
		{"point inside polygon", orb.Point{5, 5}, big, true},
		{"point on polygon edge", orb.Point{10, 5}, big, true},
		{"point outside polygon", orb.Point{11, 5}, big, false},
		{"point in hole", orb.Point{5, 5}, holed, false},
		{"point on hole edge", orb.Point{3, 5}, holed, true},
		{"point on line", orb.Point{1, 1}, orb.LineString{{0, 0}, {2, 2}}, true},
		{"point off line", orb.Point{1, 1.1}, orb.LineString{{0, 0}, {2, 2}}, false},
		{"same points", orb.Point{1, 2}, orb.MultiPoint{{5, 5}, {1, 2}}, true},
		{"different points", orb.Point{1, 2}, orb.Point{1, 2.5}, false},
		{"lines crossing", orb.LineString{{0, 0}, {2, 2}}, orb.LineString{{0, 2}, {2, 0}}, true},
		{"lines touching at an end", orb.LineString{{0, 0}, {1, 1}}, orb.LineString{{1, 1}, {2, 0}}, true},
		{"lines T", orb.LineString{{0, 0}, {2, 0}}, orb.LineString{{1, 0}, {1, 5}}, true},
		{"collinear overlapping", orb.LineString{{0, 0}, {2, 0}}, orb.LineString{{1, 0}, {3, 0}}, true},
		{"collinear apart", orb.LineString{{0, 0}, {1, 0}}, orb.LineString{{2, 0}, {3, 0}}, false},
		{"parallel lines", orb.LineString{{0, 0}, {2, 0}}, orb.LineString{{0, 1}, {2, 1}}, false},
		{"bounds overlap but lines miss", orb.LineString{{0, 0}, {2, 2}}, orb.LineString{{0, 2}, {0.9, 1.1}}, false},
		{"line crossing polygon", orb.LineString{{-5, 5}, {15, 5}}, big, true},
		{"line inside polygon", orb.LineString{{1, 1}, {2, 2}}, big, true},
		{"line inside hole", orb.LineString{{4, 4}, {6, 6}}, holed, false},
		{"line crossing the hole", orb.LineString{{4, 5}, {8, 5}}, holed, true},
		{"line outside polygon", orb.LineString{{11, 0}, {11, 10}}, big, false},
		{"line along polygon edge", orb.LineString{{10, 0}, {10, 10}}, big, true},
		{"polygons overlapping", big, orb.Polygon{square(5, 5, 15, 15)}, true},
		{"polygon inside polygon", orb.Polygon{square(1, 1, 2, 2)}, big, true},
		{"polygon around polygon", big, orb.Polygon{square(1, 1, 2, 2)}, true},
		{"polygons sharing an edge", big, orb.Polygon{square(10, 0, 20, 10)}, true},
		{"polygons touching at a corner", big, orb.Polygon{square(10, 10, 20, 20)}, true},
		{"polygons disjoint", big, orb.Polygon{square(11, 0, 20, 10)}, false},
		{"polygon in the hole", orb.Polygon{square(4, 4, 6, 6)}, holed, false},
		{"polygon over the hole's edge", orb.Polygon{square(4, 4, 8, 6)}, holed, true},
		{"cross of thin rectangles", orb.Polygon{square(0, 4, 10, 6)}, orb.Polygon{square(4, 0, 6, 10)}, true},
		{"multipolygon with one part inside", orb.MultiPolygon{{square(20, 20, 21, 21)}, {square(1, 1, 2, 2)}}, big, true},
		{"multipolygon all parts apart", orb.MultiPolygon{{square(20, 20, 21, 21)}, {square(-5, -5, -1, -1)}}, big, false},
		{"multiline one part crossing", orb.MultiLineString{{{20, 20}, {21, 21}}, {{-1, 5}, {1, 5}}}, big, true},
		{"bound and point", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, orb.Point{0.5, 0.5}, true},
		{"collection", orb.Collection{orb.Point{50, 50}, orb.LineString{{-1, 5}, {1, 5}}}, big, true},
		{"nil", nil, big, false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Intersects(c.a, c.b), "%s", c.name)
		if c.a != nil {
			assert.Equal(t, c.want, Intersects(c.b, c.a), "%s (swapped)", c.name)
		}
	}
}

func TestWithin(t *testing.T) {
	big := orb.Polygon{square(0, 0, 10, 10)}
	holed := orb.Polygon{square(0, 0, 10, 10), square(3, 3, 7, 7)}
	// A U shape: the segment joining the tips of the U leaves it.
	u := orb.Polygon{{{0, 0}, {10, 0}, {10, 10}, {8, 10}, {8, 2}, {2, 2}, {2, 10}, {0, 10}, {0, 0}}}
	cases := []struct {
		name    string
		g, area orb.Geometry
		want    bool
	}{
		{"point inside", orb.Point{5, 5}, big, true},
		{"point on the border", orb.Point{0, 5}, big, true},
		{"point in hole", orb.Point{5, 5}, holed, false},
		{"line inside", orb.LineString{{1, 1}, {9, 9}}, big, true},
		{"line over the hole", orb.LineString{{1, 5}, {9, 5}}, holed, false},
		{"line leaving", orb.LineString{{5, 5}, {15, 5}}, big, false},
		{"line across the U's gap", orb.LineString{{1, 9}, {9, 9}}, u, false},
		{"line along the edge", orb.LineString{{0, 0}, {0, 10}}, big, true},
		{"polygon inside", orb.Polygon{square(1, 1, 2, 2)}, big, true},
		{"same polygon", big, big, true},
		{"polygon around the hole", orb.Polygon{square(2, 2, 8, 8)}, holed, false},
		{"polygon beside the hole", orb.Polygon{square(1, 1, 2, 9)}, holed, true},
		{"polygon overlapping", orb.Polygon{square(5, 5, 15, 15)}, big, false},
		{"polygon closing the U", orb.Polygon{square(1, 1, 9, 9)}, u, false},
		{"area is a line", orb.Point{0, 0}, orb.LineString{{0, 0}, {1, 1}}, false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Within(c.g, c.area), "%s", c.name)
	}
}

func TestOverlap(t *testing.T) {
	big := orb.Polygon{square(0, 0, 10, 10)}
	holed := orb.Polygon{square(0, 0, 10, 10), square(3, 3, 7, 7)}
	cases := []struct {
		name    string
		g, area orb.Geometry
		want    float64
	}{
		{"polygon inside", orb.Polygon{square(1, 1, 2, 2)}, big, 1},
		{"same polygon", big, big, 1},
		{"half out", orb.Polygon{square(5, 0, 15, 10)}, big, 0.5},
		{"quarter", orb.Polygon{square(5, 5, 15, 15)}, big, 0.25},
		{"neighbour sharing an edge", orb.Polygon{square(10, 0, 20, 10)}, big, 0},
		{"neighbour sharing part of an edge", orb.Polygon{square(10, 2, 20, 4)}, big, 0},
		{"apart", orb.Polygon{square(11, 0, 20, 10)}, big, 0},
		{"in the hole", orb.Polygon{square(4, 4, 6, 6)}, holed, 0},
		{"over the hole", orb.Polygon{square(2, 2, 8, 8)}, holed, 1 - 16.0/36},
		{"the hole's ring counts", orb.Polygon{square(3, 3, 7, 7)}, holed, 0},
		{"inside sharing two edges", orb.Polygon{square(0, 0, 5, 5)}, big, 1},
		{"clockwise polygon", orb.Polygon{orb.Ring{{5, 0}, {5, 10}, {15, 10}, {15, 0}, {5, 0}}}, big, 0.5},
		{"line half in", orb.LineString{{5, 5}, {15, 5}}, big, 0.5},
		{"line through the hole", orb.LineString{{1, 5}, {9, 5}}, holed, 0.5},
		{"line on the edge", orb.LineString{{0, 0}, {0, 10}}, big, 1},
		{"points", orb.MultiPoint{{1, 1}, {20, 20}, {5, 5}, {0, 5}}, holed, 0.5},
		{"far", orb.Point{50, 50}, big, 0},
	}
	for _, c := range cases {
		// The equal-area plane stretches latitudes a little near the
		// equator: 1 % is the distortion over these 10-degree squares.
		assert.InDelta(t, c.want, Overlap(c.g, c.area), 0.01, "%s", c.name)
	}
}
