package raster

import (
	"bytes"
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"maliatlas/render"
)

// paintBoth paints spans onto copies of pix with the Go loop and (on amd64)
// the SSE2 kernel, colour c at full scale, and fails unless they agree.
func paintBoth(t *testing.T, pix []byte, spans []paintSpan, c color.NRGBA) {
	t.Helper()
	b := blender{stride: len(pix), scale: 256}
	b.setColor(c, 1)
	want := append([]byte(nil), pix...)
	b.pix = want
	b.paintSpansGo(spans)
	if !useSSE2 {
		return
	}
	got := append([]byte(nil), pix...)
	if !paintSpansSSE2(got, spans, b.word) {
		t.Fatalf("the kernel refused spans inside the pixels")
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("colour %v: byte %d (pixel %d): %d, want %d (Go loop)", c, i, i/4, got[i], want[i])
		}
	}
	// The same runs cut to their first pixel, with the kernel for single
	// pixels (which does not read n).
	singles := append([]paintSpan(nil), spans...)
	for i := range singles {
		singles[i].n = 1
	}
	want = append(want[:0], pix...)
	b.pix = want
	b.paintSpansGo(singles)
	for i := range singles {
		singles[i].n = uint32(i % 3) // not read
	}
	got = append(got[:0], pix...)
	if !paintSinglesSSE2(got, singles, b.word) {
		t.Fatalf("the kernel refused pixels inside the image")
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("colour %v, single pixels: byte %d (pixel %d): %d, want %d (Go loop)", c, i, i/4, got[i], want[i])
		}
	}
}

// randomSpans returns runs inside n pixels: single pixels, short and long
// runs (each remainder of four pixels), coverage 255 and random, some
// overlapping the one before.
func randomSpans(rnd *rand.Rand, n, count int) []paintSpan {
	var spans []paintSpan
	for range count {
		x := rnd.IntN(n)
		w := 1
		switch rnd.IntN(4) {
		case 1:
			w = 1 + rnd.IntN(9)
		case 2:
			w = 1 + rnd.IntN(300)
		}
		w = min(w, n-x)
		a := uint32(1 + rnd.IntN(255))
		if rnd.IntN(3) == 0 {
			a = 255
		}
		spans = append(spans, paintSpan{4 * x, uint32(w), a})
	}
	return spans
}

// TestPaintSpansKernels: the SSE2 fill-run kernel writes the bytes the Go
// loop (pixelAt, blendRun, fillWord) writes, for opaque, translucent and
// transparent colours over random pixels and over flat colour.
func TestPaintSpansKernels(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 22))
	cols := []color.NRGBA{{200, 30, 40, 255}, {255, 255, 255, 255}, {0, 0, 0, 255}, {10, 20, 250, 64}, {90, 200, 100, 1}, {255, 255, 255, 254}, {0, 0, 0, 0}}
	for _, col := range cols {
		for round := range 20 {
			n := 1 + rnd.IntN(700)
			pix := make([]byte, 4*n)
			if round%2 == 0 {
				for i := range pix {
					pix[i] = uint8(rnd.Uint32())
				}
			} else {
				for i := 0; i < len(pix); i += 4 {
					copy(pix[i:], []byte{240, 235, 220, 255})
				}
			}
			paintBoth(t, pix, randomSpans(rnd, n, 1+rnd.IntN(40)), col)
		}
	}
}

// TestPaintSpansBounds: a run reaching past the pixels, or starting before
// them, stops the kernel with ok false, having painted nothing of it.
func TestPaintSpansBounds(t *testing.T) {
	if !useSSE2 {
		t.Skip("no SSE2 kernel")
	}
	b := blender{scale: 256}
	b.setColor(color.NRGBA{1, 2, 3, 255}, 1)
	for _, s := range []paintSpan{{36, 2, 255}, {40, 1, 7}, {-4, 2, 255}, {1 << 62, 1, 9}} {
		pix := make([]byte, 40)
		if paintSpansSSE2(pix, []paintSpan{{0, 1, 255}, s}, b.word) {
			t.Errorf("span %+v over 10 pixels: accepted", s)
		}
		if pix[0] != 1 || pix[4] != 0 || pix[36] != 0 {
			t.Errorf("span %+v: pixels %v, want only the first span's pixel painted", s, pix)
		}
	}
	if !paintSpansSSE2(make([]byte, 40), []paintSpan{{36, 1, 255}, {0, 10, 3}}, b.word) {
		t.Errorf("spans ending at the last pixel refused")
	}
	// Empty runs paint nothing (and stop).
	pix := make([]byte, 40)
	if !paintSpansSSE2(pix, []paintSpan{{8, 0, 255}, {40, 0, 255}, {12, 0, 7}}, b.word) || !bytes.Equal(pix, make([]byte, 40)) {
		t.Errorf("empty runs: pixels %v", pix)
	}
	for _, o := range []int{40, -4, 1 << 62} {
		pix := make([]byte, 40)
		if paintSinglesSSE2(pix, []paintSpan{{0, 1, 255}, {o, 1, 9}}, b.word) {
			t.Errorf("single pixel at %d of 10 pixels: accepted", o)
		}
		if pix[0] != 1 {
			t.Errorf("single pixel at %d: the first pixel was not painted", o)
		}
	}
	if !paintSinglesSSE2(make([]byte, 40), []paintSpan{{36, 1, 255}}, b.word) {
		t.Errorf("the last pixel refused")
	}
}

// FuzzPaintSpansKernels: TestPaintSpansKernels on pixels, runs and colour
// from the fuzzer.
func FuzzPaintSpansKernels(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 200, 100, 50, 255, 0, 0, 0, 0, 9, 9, 9, 9, 7, 7, 7, 7}, []byte{0, 3, 200, 2, 1, 255}, uint32(0xff102030))
	f.Add([]byte{255, 255, 255, 255}, []byte{0, 1, 1}, uint32(0x40ffffff))
	f.Fuzz(func(t *testing.T, pix, runs []byte, col uint32) {
		pix = pix[:len(pix)&^3]
		n := len(pix) / 4
		if n == 0 {
			return
		}
		var spans []paintSpan
		for i := 0; i+3 <= len(runs); i += 3 {
			x := int(runs[i]) % n
			w := min(1+int(runs[i+1]), n-x)
			spans = append(spans, paintSpan{4 * x, uint32(w), uint32(max(runs[i+2], 1))})
		}
		c := color.NRGBA{uint8(col), uint8(col >> 8), uint8(col >> 16), uint8(col >> 24)}
		paintBoth(t, pix, spans, c)
	})
}

// sweepBoth draws with draw on two copies of a w×h image in bands of rows
// rows (and in a clip off the origin), one with the assembly sweep and one
// with the Go sweep, and fails unless they agree to the byte.
func sweepBoth(t *testing.T, w, h, rows int, draw func(c *Canvas)) {
	t.Helper()
	clips := []image.Rectangle{}
	for y := 0; y < h; y += rows {
		clips = append(clips, image.Rect(0, y, w, y+rows))
	}
	clips = append(clips, image.Rect(w/7, h/5, w-w/9, h/2))
	for _, clip := range clips {
		var imgs [2]*image.RGBA
		for k := range imgs {
			imgs[k] = image.NewRGBA(image.Rect(0, 0, w, h))
			c := NewBand(imgs[k], clip)
			if !c.ras.dense {
				t.Fatalf("clip %v has no dense store", clip)
			}
			c.ras.noSIMD = k == 0
			c.Clear(color.NRGBA{240, 235, 220, 255})
			draw(c)
		}
		if m, n := maxDiff(imgs[0], imgs[1], 0); n > 0 {
			t.Fatalf("clip %v: %d pixels differ from the Go sweep, by up to %d", clip, n, m)
		}
	}
}

// TestSweepKernels: fills swept by the assembly cell loop (on amd64) paint
// what the Go loop paints, both fill rules, translucent and opaque, holes,
// rings far outside, NaN and huge points, bands of 1 to 257 rows and a clip
// off the origin (cells right of the clip).
func TestSweepKernels(t *testing.T) {
	if !useSSE2 {
		t.Skip("no assembly sweep")
	}
	const w, h = 333, 257
	for seed := uint64(1); seed <= 4; seed++ {
		for _, rows := range []int{1, 7, 68, h} {
			sweepBoth(t, w, h, rows, func(c *Canvas) { randomFills(c, w, h, seed) })
		}
	}
}

// FuzzSweepKernels: TestSweepKernels on a polygon from the fuzzer (points
// as bytes, a quarter-pixel apart), either rule, any colour.
func FuzzSweepKernels(f *testing.F) {
	f.Add([]byte{10, 10, 200, 30, 90, 250, 5, 180}, uint32(0x80102030), true)
	f.Add([]byte{0, 0, 255, 0, 255, 255, 0, 255, 128, 128, 30, 220, 220, 30}, uint32(0xff0000ff), false)
	f.Fuzz(func(t *testing.T, pts []byte, col uint32, evenOdd bool) {
		if !useSSE2 {
			t.Skip("no assembly sweep")
		}
		var ring []render.Point
		for i := 0; i+1 < len(pts); i += 2 {
			ring = append(ring, render.Point{X: float64(pts[i])/4 - 8, Y: float64(pts[i+1])/4 - 8})
		}
		st := &render.Style{Fill: color.NRGBA{uint8(col), uint8(col >> 8), uint8(col >> 16), uint8(col >> 24)}}
		if evenOdd {
			st.FillRule = render.EvenOdd
		}
		sweepBoth(t, 61, 60, 13, func(c *Canvas) {
			c.Path(&render.Path{Sub: [][]render.Point{ring, ring[len(ring)/2:]}, Closed: true}, st)
		})
	})
}
