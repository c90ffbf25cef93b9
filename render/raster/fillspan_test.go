package raster

import (
	"image/color"
	"math/rand/v2"
	"testing"
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
