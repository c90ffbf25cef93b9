package raster

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"maliatlas/render"
)

// flushBoth fills two pens over clip of img with the same coverage rows
// (bytes taken from cov in turn, zero when it runs out; rows and spans from
// rnd), flushes one with the Go loop and the other with flush (the SSE2
// kernel on amd64) onto copies of img, and fails on any difference in the
// pictures, or on a pen not left clean.
func flushBoth(t *testing.T, rnd *rand.Rand, img *image.RGBA, clip image.Rectangle, col color.NRGBA, scale float64, cov []byte) {
	t.Helper()
	pens := [2]*thinPen{newThinPen(clip), newThinPen(clip)}
	imgs := [2]*image.RGBA{cloneRGBA(img), cloneRGBA(img)}
	for round := 0; round < 2; round++ { // the second round reuses the pens
		rows := rnd.Perm(clip.Dy())
		rows = rows[:rnd.IntN(len(rows)+1)]
		for _, ry := range rows {
			for k := 1 + rnd.IntN(3); k > 0; k-- { // spans may overlap
				x0 := rnd.IntN(clip.Dx())
				x1 := x0 + rnd.IntN(clip.Dx()-x0)
				if rnd.IntN(4) == 0 {
					x1 = x0 + rnd.IntN(min(5, clip.Dx()-x0))
				}
				for x := x0; x <= x1; x++ {
					var v byte
					if len(cov) > 0 {
						v, cov = cov[0], cov[1:]
					}
					for _, p := range pens {
						p.cov[ry*p.w+x] = v
					}
				}
				for _, p := range pens {
					p.dirty(ry, x0+clip.Min.X, x1+clip.Min.X)
				}
			}
		}
		for i, p := range pens {
			b := newBlender(imgs[i])
			b.setColor(col, scale)
			if i == 0 {
				p.source(&b)
				p.flushGo(&b)
			} else {
				// The SSE2 flush blends a ring's blocks step by step,
				// other blocks whole: both ways.
				p.ring = rnd.IntN(2) == 0
				p.flush(&b)
				if p.ring {
					t.Fatal("flush left the pen's ring mark set")
				}
			}
		}
		if !bytes.Equal(imgs[0].Pix, imgs[1].Pix) {
			for i := range imgs[0].Pix {
				if imgs[0].Pix[i] != imgs[1].Pix[i] {
					x, y := i%imgs[0].Stride/4, i/imgs[0].Stride
					t.Fatalf("colour %v scale %v: pixel (%d,%d) byte %d: %d, want %d (Go loop)",
						col, scale, x, y, i%4, imgs[1].Pix[i], imgs[0].Pix[i])
				}
			}
		}
		p := pens[1]
		if len(p.rows) != 0 {
			t.Fatalf("%d dirty rows left", len(p.rows))
		}
		for ry := range p.xmin {
			if p.xmin[ry] != math.MaxInt32 || p.xmax[ry] != -1 {
				t.Fatalf("row %d left dirty: %d…%d", ry, p.xmin[ry], p.xmax[ry])
			}
		}
		for i, v := range p.cov {
			if v != 0 {
				t.Fatalf("coverage %d left at %d", v, i)
			}
		}
	}
}

func cloneRGBA(m *image.RGBA) *image.RGBA {
	c := *m
	c.Pix = append([]byte(nil), m.Pix...)
	return &c
}

func randomRGBA(rnd *rand.Rand, r image.Rectangle) *image.RGBA {
	img := image.NewRGBA(r)
	for i := range img.Pix {
		img.Pix[i] = uint8(rnd.IntN(256))
	}
	return img
}

// TestThinFlushKernels: the SSE2 flush (on amd64) writes the same bytes as
// the Go loop, for opaque, translucent and scaled colours, clips inside a
// larger image and narrow ones (spans that cannot be widened to steps of
// four pixels; rows 4–9 pixels wide, with short spans near a row's end),
// coverage with runs of zeros, full coverage, random bytes and lone bytes
// (16-pixel blocks blended whole over steps without coverage); it clears
// the coverage and the dirty rows.
func TestThinFlushKernels(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	clips := []struct{ img, clip image.Rectangle }{
		{image.Rect(0, 0, 97, 40), image.Rect(0, 0, 97, 40)},
		{image.Rect(-5, 3, 130, 60), image.Rect(7, 10, 90, 45)},
		{image.Rect(0, 0, 64, 16), image.Rect(0, 0, 64, 16)},
		{image.Rect(0, 0, 40, 10), image.Rect(37, 0, 40, 10)},
		{image.Rect(0, 0, 40, 10), image.Rect(0, 2, 1, 9)},
		{image.Rect(0, 0, 40, 10), image.Rect(33, 2, 39, 9)},
		// Rows just wide enough, or not, for the windows of 4 and 8 pixels
		// the kernel blends short spans over.
		{image.Rect(0, 0, 40, 10), image.Rect(30, 1, 34, 9)},
		{image.Rect(0, 0, 40, 10), image.Rect(29, 1, 34, 9)},
		{image.Rect(0, 0, 40, 10), image.Rect(1, 1, 8, 9)},
		{image.Rect(0, 0, 40, 10), image.Rect(31, 1, 39, 9)},
		{image.Rect(0, 0, 40, 10), image.Rect(30, 1, 39, 9)},
	}
	cols := []color.NRGBA{{200, 30, 40, 255}, {255, 255, 255, 255}, {10, 20, 250, 128}, {90, 200, 100, 1}, {0, 0, 0, 0}}
	for _, c := range clips {
		for _, col := range cols {
			for _, scale := range []float64{1, 0.6, 0.01} {
				for kind := range 4 {
					cov := make([]byte, 4096)
					for i := range cov {
						switch kind {
						case 0:
							cov[i] = uint8(rnd.IntN(256))
						case 1: // sparse
							if rnd.IntN(6) == 0 {
								cov[i] = uint8(rnd.IntN(256))
							}
						case 2: // runs of 0 and 255
							cov[i] = uint8(255 * (i / 7 % 2))
						default: // lone bytes: blocks of 16 with one or two steps of coverage
							if i%13 == 0 {
								cov[i] = uint8(1 + rnd.IntN(255))
							}
						}
					}
					flushBoth(t, rnd, randomRGBA(rnd, c.img), c.clip, col, scale, cov)
				}
			}
		}
	}
}

// FuzzThinFlushKernels: TestThinFlushKernels on coverage, colour and
// layout from the fuzzer.
func FuzzThinFlushKernels(f *testing.F) {
	f.Add(uint64(1), uint8(40), uint8(9), uint8(3), uint8(1), []byte{0, 0, 255, 255, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}, uint32(0xff102030), uint8(255))
	f.Add(uint64(2), uint8(3), uint8(3), uint8(0), uint8(0), []byte{255, 1, 2}, uint32(0x80ffffff), uint8(100))
	f.Fuzz(func(t *testing.T, seed uint64, w, h, dx, dy uint8, cov []byte, col uint32, scale uint8) {
		w, h = w%80+1, h%20+1
		rnd := rand.New(rand.NewPCG(seed, 1))
		img := image.Rect(0, 0, int(w)+int(dx%8), int(h)+int(dy%8))
		clip := image.Rect(int(dx%8), int(dy%8), img.Max.X, img.Max.Y)
		c := color.NRGBA{uint8(col), uint8(col >> 8), uint8(col >> 16), uint8(col >> 24)}
		flushBoth(t, rnd, randomRGBA(rnd, img), clip, c, float64(scale)/255, cov)
	})
}

// stripBoth draws lines with two thin pens over clip, one with the Go
// loops and one with the SSE2 strip walk (on amd64), and fails unless they
// leave the same coverage, dirty columns and dirty rows (in the same order).
// It reports whether anything was drawn.
func stripBoth(t *testing.T, what string, clip image.Rectangle, hw float64, cp render.LineCap, closed bool, lines [][]render.Point) bool {
	t.Helper()
	var pens [2]*thinPen
	for i := range pens {
		pens[i] = newThinPen(clip)
		pens[i].noSIMD = i == 0
		pens[i].setup(hw, cp)
	}
	for _, pl := range lines {
		for _, p := range pens {
			p.polyline(pl, closed)
		}
	}
	g, s := pens[0], pens[1]
	if !bytes.Equal(g.cov, s.cov) {
		for i := range g.cov {
			if g.cov[i] != s.cov[i] {
				t.Fatalf("%s: coverage at (%d,%d): %d, want %d (Go loop)", what, i%g.w+clip.Min.X, i/g.w+clip.Min.Y, s.cov[i], g.cov[i])
			}
		}
	}
	// The slack after the buffer stays clear.
	if sl := s.cov[len(s.cov):cap(s.cov)]; slices.ContainsFunc(sl, func(b byte) bool { return b != 0 }) {
		t.Fatalf("%s: the SSE2 walk wrote past the buffer: %v", what, sl)
	}
	if !slices.Equal(g.rows, s.rows) || !slices.Equal(g.xmin, s.xmin) || !slices.Equal(g.xmax, s.xmax) {
		t.Fatalf("%s: dirty rows or columns differ from the Go loop's", what)
	}
	return len(g.rows) > 0
}

// TestThinStripKernels: thin strokes drawn with the SSE2 strip walk (on
// amd64) leave the same coverage, dirty columns and dirty rows, in the same
// order, as the Go loop: routes, scribbles and rings of every thin width
// and cap, over whole canvases and bands with offset clips, with segments
// running off the clip, near-axis directions (long rows, many blocks of
// rows) and huge coordinates, and strokes through the buffer's last pixels.
func TestThinStripKernels(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 16))
	clips := []image.Rectangle{image.Rect(0, 0, 300, 200), image.Rect(0, 67, 300, 133), image.Rect(-40, -20, 60, 10), image.Rect(13, 190, 290, 191)}
	drawn := 0
	for round := 0; round < 40; round++ {
		clip := clips[round%len(clips)]
		var lines [][]render.Point
		switch round % 3 {
		case 0:
			lines = routeLike(rnd, 30, 300, 200)
		case 1:
			lines = scribbles(rnd, 10, 300, 200)
		default:
			lines = rings(rnd, 10, 300, 200)
		}
		// Near-axis and far-off segments, and segments through the clip's
		// last pixel (the walk reads and writes four bytes at a time).
		mx, my := float64(clip.Max.X), float64(clip.Max.Y)
		lines = append(lines,
			[]render.Point{{X: 5, Y: 50}, {X: 290, Y: 50.3}, {X: 289.8, Y: 190}},
			[]render.Point{{X: -1e6, Y: 30}, {X: 1e6, Y: 160}},
			[]render.Point{{X: 150.5, Y: -1e5}, {X: 150.7, Y: 1e5}},
			[]render.Point{{X: mx - 7.3, Y: my - 3.1}, {X: mx - 0.2, Y: my - 0.4}, {X: mx + 3, Y: my - 2.2}},
			[]render.Point{{X: mx - 40, Y: my - 0.7}, {X: mx + 1, Y: my - 0.1}})
		hw := 0.5 + rnd.Float64()*(maxThinWidth/2-0.5)
		if round%5 == 0 {
			hw = 0.5
		}
		caps := []render.LineCap{render.RoundCap, render.ButtCap, render.SquareCap}
		if stripBoth(t, fmt.Sprintf("round %d", round), clip, hw, caps[round%3], round%3 == 2, lines) {
			drawn++
		}
	}
	if drawn < 30 {
		t.Fatalf("only %d rounds drew anything", drawn)
	}
}

// FuzzThinStripKernels: TestThinStripKernels on a clip, width, cap and
// polyline from the fuzzer (points as pairs of int16 in 1/16 px from the
// clip's corner, so they fall anywhere around it, on and off the pixel
// grid), plus route-like lines from the seed.
func FuzzThinStripKernels(f *testing.F) {
	f.Add(uint64(1), uint8(40), uint8(9), int8(3), int8(-2), uint8(128), uint8(0), false, []byte{0, 1, 0, 1, 200, 3, 90, 1, 17, 0, 255, 7})
	f.Add(uint64(2), uint8(3), uint8(1), int8(0), int8(0), uint8(255), uint8(2), true, []byte{10, 0, 10, 0, 40, 0, 12, 0, 80, 0, 8, 0})
	f.Fuzz(func(t *testing.T, seed uint64, w, h uint8, dx, dy int8, hw, cp uint8, closed bool, pts []byte) {
		clip := image.Rect(int(dx), int(dy), int(dx)+int(w%120)+1, int(dy)+int(h%70)+1)
		var pl []render.Point
		for i := 0; i+3 < len(pts) && len(pl) < 64; i += 4 {
			x := float64(int16(binary.LittleEndian.Uint16(pts[i:])))/16 + float64(clip.Min.X)
			y := float64(int16(binary.LittleEndian.Uint16(pts[i+2:])))/16 + float64(clip.Min.Y)
			if n := len(pl); n > 0 && pl[n-1].X == x && pl[n-1].Y == y {
				continue // the stroker cleans repeated points away
			}
			pl = append(pl, render.Point{X: x, Y: y})
		}
		rnd := rand.New(rand.NewPCG(seed, 3))
		lines := routeLike(rnd, 3, float64(clip.Dx())+40, float64(clip.Dy())+40)
		for _, l := range lines {
			for i := range l {
				l[i].X += float64(clip.Min.X) - 20
				l[i].Y += float64(clip.Min.Y) - 20
			}
		}
		if n := len(pl); closed && n > 1 && pl[0] == pl[n-1] {
			pl = pl[:n-1]
		}
		if len(pl) >= 2 {
			lines = append(lines, pl)
		}
		width := 0.05 + float64(hw)/255*(maxThinWidth/2-0.05)
		stripBoth(t, "fuzz", clip, width, render.LineCap(cp%3), closed, lines)
	})
}
