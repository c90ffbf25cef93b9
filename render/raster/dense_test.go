package raster

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"maliatlas/render"
)

// withStore runs f with the dense cell store on or off (off: every canvas
// keeps sparse cell lists, as a canvas bigger than maxDenseCells does).
func withStore(dense bool, f func()) {
	old := maxDenseCells
	if !dense {
		maxDenseCells = 0
	}
	defer func() { maxDenseCells = old }()
	f()
}

// randomFills draws filled (and some stroked) paths of every kind: small and
// big polygons, rings of few and of many points, rings reaching far outside the canvas, many vertices in one
// pixel, holes, both fill rules, translucent and opaque, NaN and huge points.
func randomFills(s render.Sink, w, h float64, seed uint64) {
	rnd := rand.New(rand.NewPCG(seed, 99))
	nan := math.NaN()
	for i := 0; i < 60; i++ {
		var sub [][]render.Point
		for range 1 + rnd.IntN(3) {
			cx, cy := rnd.Float64()*w*1.4-0.2*w, rnd.Float64()*h*1.4-0.2*h
			r := math.Exp(rnd.Float64()*6) / 4 // 0.25 .. 100 px
			if rnd.IntN(8) == 0 {
				r = w * 2 // far outside on every side
			}
			n := 3 + rnd.IntN(60)
			if rnd.IntN(4) == 0 {
				n = bigRing + rnd.IntN(300) // a ring fill takes no box of
			}
			ring := make([]render.Point, n)
			for k := range ring {
				a := 2 * math.Pi * float64(k) / float64(n)
				rr := r * (0.5 + rnd.Float64())
				ring[k] = render.Point{X: cx + rr*math.Cos(a), Y: cy + rr*math.Sin(a)}
			}
			switch rnd.IntN(12) {
			case 0:
				ring[rnd.IntN(n)].X = nan
			case 1:
				ring[rnd.IntN(n)] = render.Point{X: 1e17, Y: -1e16}
			case 2: // a burst of vertices within one pixel
				for k := 0; k < n; k += 2 {
					ring[k] = render.Point{X: cx + rnd.Float64()*0.9, Y: cy + rnd.Float64()*0.9}
				}
			}
			sub = append(sub, ring)
		}
		st := &render.Style{Fill: color.NRGBA{uint8(rnd.IntN(256)), uint8(rnd.IntN(256)), 90, uint8(1 + rnd.IntN(255))},
			FillRule: render.FillRule(rnd.IntN(2))}
		if i%3 == 0 {
			st.Fill.A = 255
		}
		if i%5 == 0 { // a general (not thin) stroke goes through the rasterizer too
			st.Stroke, st.Width, st.Join = color.NRGBA{20, 20, 20, 200}, 2.5+rnd.Float64()*5, render.MiterJoin
		}
		s.Path(&render.Path{Sub: sub, Closed: true}, st)
	}
}

// TestDenseCellsMatchSparse: fills and strokes swept from the dense cell
// grid (bands, with per-path windows) paint exactly what the sparse cell
// lists paint, for bands of many heights and clips not at the origin.
func TestDenseCellsMatchSparse(t *testing.T) {
	const w, h = 333, 257
	for seed := uint64(1); seed <= 6; seed++ {
		ground := color.NRGBA{240, 235, 220, 255}
		var want *image.RGBA
		withStore(false, func() {
			c := New(w, h)
			c.Clear(ground)
			randomFills(c, w, h, seed)
			want = c.RGBA()
		})
		if n := totalInk(want); n < w*h/20 {
			t.Fatalf("seed %d: the sparse canvas is nearly empty (%.0f px of ink)", seed, n)
		}
		for _, rows := range []int{1, 7, 68, h} {
			img := image.NewRGBA(image.Rect(0, 0, w, h))
			withStore(true, func() {
				c := NewBand(img, image.Rect(0, 0, w, rows))
				if !c.ras.dense {
					t.Fatalf("a %d×%d band has no dense store", w, rows)
				}
				for y := 0; y < h; y += rows {
					c.SetClip(image.Rect(0, y, w, y+rows))
					c.Clear(ground)
					randomFills(c, w, h, seed)
				}
			})
			if m, n := maxDiff(want, img, 0); n > 0 {
				t.Errorf("seed %d, bands of %d rows: %d pixels differ from the sparse store, by up to %d", seed, rows, n, m)
			}
		}
		// A clip away from the image's origin, in x as well (a cut in x
		// need not agree with the whole canvas: compare the stores there).
		clip := image.Rect(41, 30, 290, 95)
		var imgs [2]*image.RGBA
		for k, dense := range []bool{false, true} {
			imgs[k] = image.NewRGBA(image.Rect(0, 0, w, h))
			withStore(dense, func() {
				c := NewBand(imgs[k], clip)
				c.Clear(ground)
				randomFills(c, w, h, seed)
			})
		}
		if m, n := maxDiff(imgs[0], imgs[1], 0); n > 0 {
			t.Errorf("seed %d, clip %v: %d pixels differ between the stores, by up to %d", seed, clip, n, m)
		}
	}
}
