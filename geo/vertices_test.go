package geo

import (
	"reflect"
	"testing"

	"github.com/paulmach/orb"
)

func testGeometries() []orb.Geometry {
	return []orb.Geometry{
		orb.Point{1, 2},
		orb.MultiPoint{{1, 2}, {3, 4}},
		orb.LineString{{1, 2}, {3, 4}},
		orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}},
		orb.MultiLineString{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}},
		orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 0}}, {{0.5, 0.5}, {1, 0.5}, {1, 1}, {0.5, 0.5}}},
		orb.MultiPolygon{{{{0, 0}, {2, 0}, {2, 2}, {0, 0}}}, {{{5, 5}, {6, 5}, {6, 6}, {5, 5}}}},
		orb.Collection{orb.Point{9, 9}, orb.LineString{{1, 2}, {3, 4}}, orb.Collection{orb.Point{8, 8}}},
	}
}

// vertices lists g's vertices by a walk of its own.
func vertices(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case orb.MultiPoint:
		return g
	case orb.LineString:
		return g
	case orb.Ring:
		return g
	case orb.MultiLineString:
		var out []orb.Point
		for _, l := range g {
			out = append(out, l...)
		}
		return out
	case orb.Polygon:
		var out []orb.Point
		for _, r := range g {
			out = append(out, r...)
		}
		return out
	case orb.MultiPolygon:
		var out []orb.Point
		for _, p := range g {
			out = append(out, vertices(p)...)
		}
		return out
	case orb.Collection:
		var out []orb.Point
		for _, c := range g {
			out = append(out, vertices(c)...)
		}
		return out
	}
	return nil
}

func TestEachVertexVisitsEveryVertexInOrder(t *testing.T) {
	for _, g := range testGeometries() {
		var got []orb.Point
		EachVertex(g, func(p orb.Point) { got = append(got, p) })
		if want := vertices(g); !reflect.DeepEqual(got, want) {
			t.Errorf("%T: visited %v, want %v", g, got, want)
		}
	}
	EachVertex(nil, func(orb.Point) { t.Error("a vertex of nil") })
}

func TestMapVerticesChangesInPlace(t *testing.T) {
	shift := func(p orb.Point) orb.Point { return orb.Point{p[0] + 10, p[1] - 10} }
	for _, g := range testGeometries() {
		want := vertices(orb.Clone(g))
		for i := range want {
			want[i] = shift(want[i])
		}
		out := MapVertices(g, shift)
		if got := vertices(out); !reflect.DeepEqual(got, want) {
			t.Errorf("%T: %v, want %v", g, got, want)
		}
		if _, lone := g.(orb.Point); !lone {
			if got := vertices(g); !reflect.DeepEqual(got, want) {
				t.Errorf("%T: not changed in place: %v", g, got)
			}
		}
	}
}
