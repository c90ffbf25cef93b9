package raster

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"maliatlas/render"
)

// drawLongStrokes draws strokes that a band replay sets up once
// (render.PathCache): long polylines (many runs of segments) crossing many
// bands, paths whose subpaths start where the previous one ends, closed
// rings, repeated and NaN points, lone points, thin and wide, solid and
// dashed.
func drawLongStrokes(s render.Sink, w, h float64) {
	rnd := rand.New(rand.NewPCG(3, 5))
	nan := math.NaN()
	for i := 0; i < 24; i++ {
		var subs [][]render.Point
		x, y := rnd.Float64()*w, rnd.Float64()*h
		for k := 0; k < 1+i%3; k++ {
			var pl []render.Point
			for j := 0; j < 20+rnd.IntN(120); j++ {
				pl = append(pl, render.Point{X: x, Y: y})
				if j%17 == 5 {
					pl = append(pl, render.Point{X: x, Y: y}) // repeated
				}
				if j%23 == 7 {
					pl = append(pl, render.Point{X: nan, Y: y})
				}
				x += rnd.NormFloat64() * 12
				y += rnd.NormFloat64()*12 + 2
			}
			// The next subpath starts where this one ends.
			x, y = pl[len(pl)-1].X, pl[len(pl)-1].Y
			subs = append(subs, pl)
		}
		if i%5 == 0 {
			subs = append(subs, []render.Point{{X: x + 3, Y: y + 3}}) // a lone point
		}
		st := &render.Style{Stroke: color.NRGBA{uint8(30 * i), 60, 200, 230}, Width: []float64{0.6, 1, 1.2, 2, 3.5}[i%5],
			Cap: render.LineCap(i % 3), Join: render.RoundJoin}
		if i%7 == 3 {
			st.Join = render.MiterJoin
		}
		if i%6 == 1 {
			st.Dash = []float64{9, 4}
		}
		s.Path(&render.Path{Sub: subs, Closed: i%4 == 2}, st)
	}
}

// TestPreparedStrokesEqualSingleCanvas: strokes set up once and replayed
// into bands, on several goroutines at once, paint what one canvas does.
func TestPreparedStrokesEqualSingleCanvas(t *testing.T) {
	const w, h = 420, 700
	single := New(w, h)
	drawLongStrokes(single, w, h)
	drawScene(single, w, h)
	for _, compact := range []bool{false, true} {
		rec := render.Recording{Compact: compact}
		drawLongStrokes(&rec, w, h)
		drawScene(&rec, w, h)
		want := single.RGBA()
		if compact {
			want = New(w, h).RGBA()
			rec.Replay(NewBand(want, want.Rect)) // one band: nothing set up once
		}
		for _, rows := range []int{3, 17, 68, 250} {
			img := image.NewRGBA(image.Rect(0, 0, w, h))
			var wg sync.WaitGroup
			for g := 0; g < 3; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					c := NewBand(img, image.Rect(0, 0, w, rows))
					for y := g * rows; y < h; y += 3 * rows {
						c.SetClip(image.Rect(0, y, w, y+rows))
						rec.Replay(c)
					}
				}()
			}
			wg.Wait()
			if m, n := maxDiff(want, img, 0); n > 0 {
				t.Errorf("compact %v, bands of %d rows: %d pixels differ from one canvas, max difference %d", compact, rows, n, m)
			}
		}
	}
}

// TestStrokePrepKeepsSubpathStarts: a subpath that starts where the
// previous one ends keeps its first point (each subpath is cleaned alone).
func TestStrokePrepKeepsSubpathStarts(t *testing.T) {
	a := []render.Point{{X: 0, Y: 0}, {X: 10, Y: 0}}
	b := []render.Point{{X: 10, Y: 0}, {X: 10, Y: 10}, {X: 10, Y: 10}}
	for _, thin := range []bool{false, true} {
		sp := newStrokePrep(&render.Path{Sub: [][]render.Point{a, b}}, thin, new([]render.Point))
		if len(sp.subs) != 2 {
			t.Fatalf("thin %v: %d subpaths, want 2", thin, len(sp.subs))
		}
		s0, s1 := sp.subs[0], sp.subs[1]
		if !thin {
			if len(s0.pts) != 2 || len(s1.pts) != 2 || s1.pts[0] != b[0] {
				t.Errorf("cleaned subpaths %v and %v, want 2 points each", s0.pts, s1.pts)
			}
			continue
		}
		if len(s0.segs) != 2 || len(s1.segs) != 2 {
			t.Fatalf("cleaned subpaths %v and %v, want 2 points each", s0.segs, s1.segs)
		}
		if g := s1.segs[0]; g != (prepSeg{10, 0, 0, 1, 10}) {
			t.Errorf("second subpath's segment %v, want from (10, 0) down, 10 long", g)
		}
	}
}

// BenchmarkStrokePolylinesRecordBands: the 1,000 polylines of
// BenchmarkStrokePolylines recorded anew (as each render does, so that the
// strokes are set up again) and replayed into 68-row bands on one goroutine.
func BenchmarkStrokePolylinesRecordBands(b *testing.B) {
	routes := benchRoutes()
	img := image.NewRGBA(image.Rect(0, 0, benchW, benchH))
	const rows = 68
	c := NewBand(img, image.Rect(0, 0, benchW, rows))
	for b.Loop() {
		rec := render.Recording{Compact: true}
		drawRoutes(&rec, routes)
		for y := 0; y < benchH; y += rows {
			c.SetClip(image.Rect(0, y, benchW, min(y+rows, benchH)))
			rec.Replay(c)
		}
	}
}
