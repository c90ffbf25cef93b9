package render

import (
	"math"
	"math/rand"
	"testing"
)

// TestBuildPathBox: the box buildPath keeps with the path (the feature's
// box projected) holds every point of the path that is not NaN, for random
// features at random views (coordinates at float32's rounding, points
// dropped by the tolerance, kept vertices of a simplification).
func TestBuildPathBox(t *testing.T) {
	rnd := rand.New(rand.NewSource(lodSeed(t)))
	for k := range 4000 {
		fr := &frame{ppw: math.Exp(rnd.Float64()*20 - 5), ox: rnd.Float64() - 0.5, oy: rnd.Float64() - 0.5, w: 100, h: 80}
		var f prepFeature
		cx, cy := rnd.Float64(), rnd.Float64()
		for range 1 + rnd.Intn(4) {
			start := len(f.pts)
			for range 1 + rnd.Intn(8) {
				p := wpt{cx + rnd.NormFloat64()/fr.ppw*50, cy + rnd.NormFloat64()/fr.ppw*50}
				if rnd.Intn(20) == 0 {
					p.x = math.NaN()
				}
				f.pts = append(f.pts, p)
			}
			f.parts = append(f.parts, part{start: start, end: len(f.pts)})
		}
		// The box as prepare makes it (rounded outwards to float32).
		minX, minY, maxX, maxY := f.pts[0].x, f.pts[0].y, f.pts[0].x, f.pts[0].y
		for _, q := range f.pts[1:] {
			minX, maxX = min(minX, q.x), max(maxX, q.x)
			minY, maxY = min(minY, q.y), max(maxY, q.y)
		}
		f.minX, f.minY, f.maxX, f.maxY = down32(minX), down32(minY), up32(maxX), up32(maxY)
		if k%3 == 0 { // a simplification keeping every other vertex
			fr.kept = nil
			for i := 0; i < len(f.pts); i += 2 {
				fr.kept = append(fr.kept, int32(i))
			}
		}
		if !fr.buildPath(&f, k%2 == 0, -1) {
			continue
		}
		if !fr.path.boxed {
			t.Fatal("buildPath kept no box")
		}
		b, want := fr.path.box, rawBoxOf(fr.path.Sub)
		if math.IsNaN(minX) || math.IsNaN(minY) {
			if _, ok := b.expand(1); ok {
				t.Fatalf("a feature with NaN points has a bounded box %+v", b)
			}
			continue
		}
		if !(b.x0 <= want.x0 && b.y0 <= want.y0 && b.x1 >= want.x1 && b.y1 >= want.y1) {
			t.Fatalf("path %v: box %+v does not hold %+v", fr.path.Sub, b, want)
		}
	}
	var p Path
	p.boxed = true
	p.Reset()
	if p.boxed {
		t.Fatal("Reset kept the box")
	}
}
