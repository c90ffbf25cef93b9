package render

import (
	"math"
	"math/rand"
	"os"
	"strconv"
	"testing"
)

func lodSeed(t *testing.T) int64 {
	s := int64(13)
	if v := os.Getenv("SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("SEED=%q: %v", v, err)
		}
		s = n
	}
	t.Logf("SEED=%d", s)
	return s
}

// TestThinMarkersSparseUnchanged: a batch below the density threshold is
// drawn as given.
func TestThinMarkersSparseUnchanged(t *testing.T) {
	fr := &frame{w: 100, h: 80}
	pts := []Point{{1, 1}, {1.2, 1.3}, {1.4, 1.1}, {50, 50}}
	got := fr.thinMarkers(append([]Point(nil), pts...))
	if len(got) != len(pts) {
		t.Fatalf("%d markers kept of a sparse batch of %d", len(got), len(pts))
	}
}

// TestThinMarkersDense: a dense batch keeps exactly one marker per device
// pixel, the last one given for that pixel, in the original order, and every
// marker outside the frame.
func TestThinMarkersDense(t *testing.T) {
	rnd := rand.New(rand.NewSource(lodSeed(t)))
	fr := &frame{w: 64, h: 48}
	var pts []Point
	for range 2000 {
		pts = append(pts, Point{rnd.Float64()*80 - 8, rnd.Float64()*60 - 6})
	}
	pts = append(pts, Point{X: math.NaN(), Y: 3})
	in := append([]Point(nil), pts...)
	got := fr.thinMarkers(pts)

	type cell struct{ x, y int }
	inside := func(p Point) bool { return p.X >= 0 && p.Y >= 0 && p.X < fr.w && p.Y < fr.h }
	last := map[cell]int{}
	var want []Point
	for i, p := range in {
		if inside(p) {
			last[cell{int(p.X), int(p.Y)}] = i
		}
	}
	for i, p := range in {
		if !inside(p) || last[cell{int(p.X), int(p.Y)}] == i {
			want = append(want, p)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("kept %d markers, want %d (one per pixel plus those outside)", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] && !(got[i].X != got[i].X && want[i].X != want[i].X) {
			t.Fatalf("marker %d is %v, want %v", i, got[i], want[i])
		}
	}
	if len(got) >= len(in) {
		t.Fatal("nothing was thinned")
	}
}

// TestSimplifyPartWithinTolerance: on random wiggly lines the kept vertices
// are increasing, include both ends, and every dropped vertex lies within
// the tolerance of the kept line between its neighbours; a straight run
// keeps only its ends.
func TestSimplifyPartWithinTolerance(t *testing.T) {
	rnd := rand.New(rand.NewSource(lodSeed(t)))
	for trial := 0; trial < 200; trial++ {
		n := lodMinPart + rnd.Intn(300)
		pts := make([]wpt, n)
		x, y := 0.0, 0.0
		for i := range pts {
			x += rnd.Float64()
			y += rnd.NormFloat64() * 0.3
			pts[i] = wpt{x, y}
		}
		tol := 0.05 + rnd.Float64()
		var kept []int32
		simplifyPart(pts, 0, n, tol, &kept, nil)
		if kept[0] != 0 || kept[len(kept)-1] != int32(n-1) {
			t.Fatalf("trial %d: ends not kept: first %d last %d of %d", trial, kept[0], kept[len(kept)-1], n)
		}
		for j := 1; j < len(kept); j++ {
			a, b := kept[j-1], kept[j]
			if b <= a {
				t.Fatalf("trial %d: kept indexes not increasing: %v", trial, kept)
			}
			for i := a + 1; i < b; i++ {
				if d := math.Sqrt(segDist2(pts[i], pts[a], pts[b])); d > tol*(1+1e-9) {
					t.Fatalf("trial %d: vertex %d dropped %.3f from the line, tolerance %.3f", trial, i, d, tol)
				}
			}
		}
	}
	line := make([]wpt, 50)
	for i := range line {
		line[i] = wpt{float64(i), 2 * float64(i)}
	}
	var kept []int32
	simplifyPart(line, 0, len(line), 0.01, &kept, nil)
	if len(kept) != 2 {
		t.Errorf("a straight line keeps %d vertices, want its 2 ends", len(kept))
	}
}
