package render_test

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"maliatlas/render"
)

// TestMeasureCached: Measure and Kern, answered from their caches, give the
// very same floats as a fresh font reading the glyph tables (texts measured
// again, in another order and at other sizes, from several goroutines, and
// more texts than the width cache keeps).
func TestMeasureCached(t *testing.T) {
	src := fonts().Bold
	fresh := func() *render.Font {
		f, err := render.ParseFont(src.Name, src.Weight, src.Italic, src.Data)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	texts := []string{"Tombouctou", "Kidal", "AVAWAY", "Ségou", "Niger", "Mopti", "To", "", "Y", "Bamako Wa"}
	for i := range 9000 {
		texts = append(texts, fmt.Sprintf("Té%dAV%d", i, i*7))
	}
	// The reference: the advances and kerning from a fresh font each time
	// (no cached width or kerning), summed as Measure sums them.
	want := func(s string, size float64) float64 {
		f := fresh()
		w := 0.0
		prev := rune(-1)
		for _, r := range s {
			if prev >= 0 {
				w += f.Kern(prev, r)
			}
			w += f.Advance(r)
			prev = r
		}
		return w * size
	}
	f := fresh()
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range len(texts) {
				s := texts[(k*(g+1))%len(texts)]
				size := 10 + float64(g)
				if got := f.Measure(s, size); k < 40 || k%97 == 0 {
					if w := want(s, size); math.Float64bits(got) != math.Float64bits(w) {
						errs <- fmt.Sprintf("Measure(%q, %v) = %v, want %v", s, size, got, w)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	g := fresh()
	for _, p := range [][2]rune{{'A', 'V'}, {'T', 'o'}, {'W', 'a'}, {'a', 'b'}} {
		k0 := g.Kern(p[0], p[1])
		if k1 := g.Kern(p[0], p[1]); k1 != k0 || k0 != fresh().Kern(p[0], p[1]) {
			t.Errorf("Kern(%q, %q): %v then %v", p[0], p[1], k0, k1)
		}
	}
	if g.Kern('A', 'V') == 0 {
		t.Error("no kerning between A and V: the test measures nothing")
	}
}
