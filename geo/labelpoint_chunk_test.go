package geo

import (
	"math"
	"math/rand"
	"os"
	"testing"

	"github.com/paulmach/orb"
)

// The chunked signed distance is the plain one, bit for bit, on detailed
// outlines (Mali's regions and countries) and a ring with holes, at points
// inside, outside, near the edges and on vertices.
func TestChunkedSignedDistanceSame(t *testing.T) {
	var polys []orb.Polygon
	for _, f := range []string{"../data/base/regions.geojson", "../data/base/countries.geojson"} {
		fc, err := ReadFile(f)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		for _, ft := range fc.Features {
			switch g := ft.Geometry.(type) {
			case orb.Polygon:
				polys = append(polys, g)
			case orb.MultiPolygon:
				polys = append(polys, g...)
			}
		}
	}
	// A square with a hole, edges on the grid.
	polys = append(polys, orb.Polygon{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
		{{4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}},
	})
	if len(polys) < 10 {
		t.Fatalf("only %d polygons to test", len(polys))
	}
	rnd := rand.New(rand.NewSource(7))
	n := 0
	for _, poly := range polys {
		cp := newChunkedPolygon(poly)
		b := poly.Bound().Pad(0.5)
		var pts []orb.Point
		for range 200 {
			pts = append(pts, orb.Point{b.Min[0] + rnd.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rnd.Float64()*(b.Max[1]-b.Min[1])})
		}
		for range 50 { // vertices and points just beside them
			r := poly[rnd.Intn(len(poly))]
			v := r[rnd.Intn(len(r))]
			pts = append(pts, v, orb.Point{v[0] + 1e-9, v[1] - 1e-9}, orb.Point{v[0], v[1] + 1e-3})
		}
		for _, p := range pts {
			want, got := signedDistance(p, poly), cp.signedDistance(p)
			if math.Float64bits(want) != math.Float64bits(got) {
				t.Fatalf("at %v: chunked %v, plain %v", p, got, want)
			}
			n++
		}
	}
	t.Logf("%d points on %d polygons", n, len(polys))
}
