package raster

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"maliatlas/render"

	"maliatlas/internal/testutil"
)

// routeLike returns n polylines of 2–15 vertices, 1–31 px apart, turning by
// up to 45° at each vertex (like digitised routes).
func routeLike(rnd *rand.Rand, n int, w, h float64) [][]render.Point {
	var out [][]render.Point
	for i := 0; i < n; i++ {
		x, y := 20+rnd.Float64()*(w-40), 20+rnd.Float64()*(h-40)
		a := rnd.Float64() * 2 * math.Pi
		var pl []render.Point
		for k := 2 + rnd.IntN(14); k > 0; k-- {
			pl = append(pl, render.Point{X: x, Y: y})
			step := 1 + rnd.Float64()*30
			a += (rnd.Float64()*2 - 1) * math.Pi / 4
			x += step * math.Cos(a)
			y += step * math.Sin(a)
		}
		out = append(out, pl)
	}
	return out
}

// rings returns n wobbly rings of 12–48 vertices, 8–60 px in radius (like
// zone outlines).
func rings(rnd *rand.Rand, n int, w, h float64) [][]render.Point {
	var out [][]render.Point
	for i := 0; i < n; i++ {
		cx, cy, r := rnd.Float64()*w, rnd.Float64()*h, 8+rnd.Float64()*52
		k := 12 + rnd.IntN(37)
		ring := make([]render.Point, k)
		for j := range ring {
			a := 2 * math.Pi * float64(j) / float64(k)
			rr := r * (0.7 + 0.3*math.Sin(3*a+float64(i)))
			ring[j] = render.Point{X: cx + rr*math.Cos(a), Y: cy + rr*math.Sin(a)}
		}
		out = append(out, ring)
	}
	return out
}

// scribbles returns n polylines of 2–15 vertices 0.3–40 px apart in random
// directions: sharp turns, reversals, self-crossings.
func scribbles(rnd *rand.Rand, n int, w, h float64) [][]render.Point {
	var out [][]render.Point
	for i := 0; i < n; i++ {
		x, y := 20+rnd.Float64()*(w-40), 20+rnd.Float64()*(h-40)
		var pl []render.Point
		for k := 2 + rnd.IntN(14); k > 0; k-- {
			pl = append(pl, render.Point{X: x, Y: y})
			step := 0.3 + rnd.Float64()*40
			a := rnd.Float64() * 2 * math.Pi
			x += step * math.Cos(a)
			y += step * math.Sin(a)
		}
		out = append(out, pl)
	}
	return out
}

// strokeBoth draws lines with st on a canvas using the thin-stroke path and
// on one using the general stroker.
func strokeBoth(t *testing.T, lines [][]render.Point, closed bool, st *render.Style, w, h int) (fast, slow *Canvas) {
	t.Helper()
	fast, slow = New(w, h), New(w, h)
	slow.noThin = true
	for _, pl := range lines {
		p := &render.Path{Sub: [][]render.Point{pl}, Closed: closed}
		fast.Path(p, st)
		slow.Path(p, st)
	}
	if fast.pen == nil || slow.pen != nil {
		t.Fatal("the thin-stroke path was not taken where expected")
	}
	return fast, slow
}

// TestThinStrokeMatchesGeneralStroker: on route-like polylines and zone-like
// rings, the thin path and the general stroker agree on the ink within 1% and on all but a
// few join and cap pixels (3%) within 24 levels.
func TestThinStrokeMatchesGeneralStroker(t *testing.T) {
	const w, h = 300, 200
	rnd := rand.New(rand.NewPCG(uint64(testutil.Seed(t, 21)), 22))
	for _, width := range []float64{0.4, 0.8, 1, 1.2, 1.5, 1.8, 2} {
		for _, cp := range []render.LineCap{render.ButtCap, render.RoundCap, render.SquareCap} {
			for _, closed := range []bool{false, true} {
				st := &render.Style{Stroke: color.NRGBA{30, 60, 200, 255}, Width: width, Cap: cp, Join: render.RoundJoin}
				lines := routeLike(rnd, 12, w, h)
				if closed {
					lines = rings(rnd, 6, w, h)
				}
				fast, slow := strokeBoth(t, lines, closed, st, w, h)
				ink := totalInk(slow.RGBA())
				dInk := math.Abs(totalInk(fast.RGBA())-ink) / ink
				m, n24 := maxDiff(fast.RGBA(), slow.RGBA(), 24)
				inked := 0
				for i := 3; i < len(slow.RGBA().Pix); i += 4 {
					if slow.RGBA().Pix[i] != 0 {
						inked++
					}
				}
				t.Logf("width %.1f cap %d closed %v: ink %.0f px, %.2f%% apart; %d of %d pixels differ by more than 24, max %d",
					width, cp, closed, ink, 100*dInk, n24, inked, m)
				if dInk > 0.02 || float64(n24) > 0.03*float64(inked) || m > 128 {
					t.Errorf("width %.1f cap %d closed %v: ink %.0f px, %.2f%% apart; %d of %d pixels differ by more than 24, max %d",
						width, cp, closed, ink, 100*dInk, n24, inked, m)
				}
			}
		}
	}
}

// truthAlpha is the alpha (0..1) of round-capped, round-joined strokes of
// half width hw along lines, each line blended over the others, found by
// 8×8 supersampling of the distance to the line.
func truthAlpha(lines [][]render.Point, closed bool, hw float64, w, h int) []float64 {
	out := make([]float64, w*h)
	for _, pl := range lines {
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range pl {
			x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
		}
		for y := max(0, int(y0-hw-2)); y < min(h, int(y1+hw+2)); y++ {
			for x := max(0, int(x0-hw-2)); x < min(w, int(x1+hw+2)); x++ {
				n := 0
				for k := 0; k < 64; k++ {
					px, py := float64(x)+(float64(k%8)+0.5)/8, float64(y)+(float64(k/8)+0.5)/8
					for i := range pl {
						if i+1 == len(pl) && !closed {
							break
						}
						if distToSegment(px, py, pl[i], pl[(i+1)%len(pl)]) <= hw {
							n++
							break
						}
					}
				}
				c := float64(n) / 64
				out[y*w+x] += c * (1 - out[y*w+x])
			}
		}
	}
	return out
}

func distToSegment(px, py float64, a, b render.Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = max(0, min(1, ((px-a.X)*dx+(py-a.Y)*dy)/l2))
	}
	return math.Hypot(px-a.X-t*dx, py-a.Y-t*dy)
}

// TestThinStrokeAsExactAsGeneralStroker: against supersampled truth, on
// scribbles (reversals and crossings, where both only approximate the union
// of overlapping pieces) and on small rings, the thin path is off by more
// than 8 or 24 levels on no more pixels than the general stroker (give or
// take 20%).
func TestThinStrokeAsExactAsGeneralStroker(t *testing.T) {
	const w, h = 200, 150
	rnd := rand.New(rand.NewPCG(uint64(testutil.Seed(t, 31)), 32))
	for _, tc := range []struct {
		width  float64
		closed bool
	}{{1, false}, {1.2, false}, {1.5, false}, {2, false}, {1, true}, {1.2, true}, {2, true}} {
		width := tc.width
		lines := scribbles(rnd, 6, w, h)
		if tc.closed {
			lines = rings(rnd, 6, w, h)
		}
		st := &render.Style{Stroke: black, Width: width, Cap: render.RoundCap, Join: render.RoundJoin}
		fast, slow := strokeBoth(t, lines, tc.closed, st, w, h)
		truth := truthAlpha(lines, tc.closed, width/2, w, h)
		off := func(img *image.RGBA, tol float64) int {
			n := 0
			for i, v := range truth {
				if math.Abs(float64(img.Pix[i*4+3])-255*v) > tol {
					n++
				}
			}
			return n
		}
		for _, tol := range []float64{8, 24} {
			nf, ns := off(fast.RGBA(), tol), off(slow.RGBA(), tol)
			t.Logf("width %.1f closed %v: pixels off by more than %.0f: thin %d, general %d", width, tc.closed, tol, nf, ns)
			if float64(nf) > 1.2*float64(ns)+10 {
				t.Errorf("width %.1f closed %v: thin path off by more than %.0f on %d pixels, general stroker on %d",
					width, tc.closed, tol, nf, ns)
			}
		}
	}
}

// TestThinStrokeGeometry: widths, centring, caps and the hairline rule of the
// thin path, measured directly.
func TestThinStrokeGeometry(t *testing.T) {
	// A vertical 1.2 px line at x = 50.5 covers column 50 fully and 0.1 of
	// each neighbour.
	c := New(100, 100)
	c.Path(line(pt(50.5, 10), pt(50.5, 90)), &render.Style{Stroke: black, Width: 1.2, Join: render.RoundJoin})
	if a, b, d := alphaAt(c.RGBA(), 49, 50), alphaAt(c.RGBA(), 50, 50), alphaAt(c.RGBA(), 51, 50); b != 255 || a < 25 || a > 26 || d != a {
		t.Errorf("1.2 px line columns 49,50,51: alpha %d %d %d, want 25.5 255 25.5", a, b, d)
	}
	// Butt caps end at the end points, square caps hw beyond, round caps
	// about hw beyond.
	for _, tc := range []struct {
		cap  render.LineCap
		want float64
	}{{render.ButtCap, 80}, {render.SquareCap, 82}, {render.RoundCap, 80 + math.Pi/2}} {
		c := New(100, 40)
		c.Path(line(pt(10, 20), pt(90, 20)), &render.Style{Stroke: black, Width: 2, Cap: tc.cap, Join: render.RoundJoin})
		if got := totalInk(c.RGBA()) / 2; math.Abs(got-tc.want) > 0.15 {
			t.Errorf("cap %d: line length %.2f px, want %.2f", tc.cap, got, tc.want)
		}
	}
	// A single point: a disc for round caps, a square for square caps.
	for _, tc := range []struct {
		cap  render.LineCap
		want float64
	}{{render.ButtCap, 0}, {render.SquareCap, 4}, {render.RoundCap, math.Pi}} {
		c := New(20, 20)
		c.Path(line(pt(10.3, 9.8)), &render.Style{Stroke: black, Width: 2, Cap: tc.cap, Join: render.RoundJoin})
		if got := totalInk(c.RGBA()); math.Abs(got-tc.want) > 0.15 {
			t.Errorf("dot with cap %d: ink %.2f, want %.2f", tc.cap, got, tc.want)
		}
	}
}

// TestThinStrokeBandsEqualSingleCanvas: thin strokes crossing band borders
// paint the same pixels in bands (one canvas moved band to band with SetClip)
// as on one canvas.
func TestThinStrokeBandsEqualSingleCanvas(t *testing.T) {
	const w, h = 300, 200
	rnd := rand.New(rand.NewPCG(uint64(testutil.Seed(t, 41)), 42))
	lines := append(routeLike(rnd, 40, w, h), scribbles(rnd, 20, w, h)...)
	draw := func(c *Canvas) {
		for i, pl := range lines {
			st := &render.Style{Stroke: color.NRGBA{200, 40, 40, 180}, Width: 0.3 + float64(i%6)*0.35,
				Cap: render.LineCap(i % 3), Join: render.RoundJoin}
			if i%5 == 0 {
				st.Dash = []float64{5, 2}
			}
			c.Path(&render.Path{Sub: [][]render.Point{pl}, Closed: i%4 == 0}, st)
		}
	}
	single := New(w, h)
	draw(single)
	for _, rows := range []int{1, 7, 32, 64} {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		c := NewBand(img, image.Rect(0, 0, w, rows))
		for y := 0; y < h; y += rows {
			c.SetClip(image.Rect(0, y, w, y+rows))
			draw(c)
		}
		if m, n := maxDiff(single.RGBA(), img, 0); n > 0 {
			t.Errorf("bands of %d rows differ from one canvas: %d pixels, max difference %d", rows, n, m)
		}
	}
}

// TestFourLaneBlendMatchesTwoLane: the 64-bit blend used by thin strokes and
// spans gives the same pixels as the two-lane one.
func TestFourLaneBlendMatchesTwoLane(t *testing.T) {
	rnd := rand.New(rand.NewPCG(uint64(testutil.Seed(t, 51)), 52))
	for i := 0; i < 200000; i++ {
		c := color.NRGBA{uint8(rnd.IntN(256)), uint8(rnd.IntN(256)), uint8(rnd.IntN(256)), uint8(rnd.IntN(256))}
		word := premul(c)
		d := premul(color.NRGBA{uint8(rnd.IntN(256)), uint8(rnd.IntN(256)), uint8(rnd.IntN(256)), uint8(rnd.IntN(256))})
		a := uint32(rnd.IntN(256))
		srb, sga := div255x2((word&0x00ff00ff)*a), div255x2(((word>>8)&0x00ff00ff)*a)
		want := over(d, srb, sga, 255-sga>>16)
		sv := div255x4(expand(word) * uint64(a))
		got := pack(sv + div255x4(expand(d)*(255-sv>>48)))
		if got != want {
			t.Fatalf("colour %v over %08x at coverage %d: %08x, want %08x", c, d, a, got, want)
		}
	}
}

// TestJoinDiscIsDiscInWedge: a join disc covers exactly the pixels of the
// whole disc whose centres lie in the wedge beyond the first segment and
// before the second (o·a > 0, o·b < 0), with the same coverage, and nothing
// else: for random centres, widths and turns (small turns as on the zones'
// rings, reversals, axis-aligned directions), near and across the clip's
// edges, with and without the row chords (discZero).
func TestJoinDiscIsDiscInWedge(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 7))
	clip := image.Rect(3, 2, 43, 37)
	got, whole := newThinPen(clip), newThinPen(clip)
	dirs := []float64{0, math.Pi / 2, math.Pi, -math.Pi / 2, math.Pi / 4}
	widths := []float64{0.05, 0.25, 0.5, 0.6, 0.7, 0.75, 0.9, 1}
	drawn := 0
	for i := 0; i < 20000; i++ {
		hw := widths[rnd.IntN(len(widths))]
		got.setup(hw, render.RoundCap)
		whole.setup(hw, render.RoundCap)
		saved := got.table
		if i%4 == 3 {
			// The chord path (a private copy of the table).
			tb := *got.table
			tb.discZero = false
			got.table = &tb
		}
		v := render.Point{X: 1 + rnd.Float64()*44, Y: rnd.Float64() * 39}
		if i%5 == 0 {
			v.X, v.Y = math.Round(v.X*2)/2, math.Round(v.Y*2)/2
		}
		a := rnd.Float64() * 2 * math.Pi
		if i%3 == 0 {
			a = dirs[rnd.IntN(len(dirs))]
		}
		var turn float64
		switch i % 6 {
		case 0, 1:
			turn = (0.1 + rnd.Float64()*0.2) * (1 - 2*float64(rnd.IntN(2))) // 6°–17°
		case 2:
			turn = math.Pi * (1 - 2*float64(rnd.IntN(2))) // reversal
		case 3:
			turn = math.Pi / 2 * float64(1+rnd.IntN(3)) // axis to axis
		default:
			turn = (rnd.Float64()*2 - 1) * math.Pi
		}
		ax, ay := math.Cos(a), math.Sin(a)
		bx, by := math.Cos(a+turn), math.Sin(a+turn)
		if i%3 == 0 {
			ax, ay = math.Round(ax*1e12)/1e12, math.Round(ay*1e12)/1e12
		}
		got.joinDisc(v, ax, ay, bx, by)
		whole.disc(v)
		got.table = saved
		// The disc's box and a pixel around (the clip elsewhere is checked
		// clean by the clearing below).
		bx0, by0 := max(int(v.X)-4, clip.Min.X), max(int(v.Y)-4, clip.Min.Y)
		bx1, by1 := min(int(v.X)+5, clip.Max.X), min(int(v.Y)+5, clip.Max.Y)
		for y := by0; y < by1; y++ {
			for x := bx0; x < bx1; x++ {
				j := (y-clip.Min.Y)*got.w + x - clip.Min.X
				ox, oy := float64(x)+0.5-v.X, float64(y)+0.5-v.Y
				want := whole.cov[j]
				if ox*ax+oy*ay <= 0 || ox*bx+oy*by >= 0 {
					want = 0
				}
				if got.cov[j] != want {
					t.Fatalf("join %d (hw %g at %v, a (%g, %g), b (%g, %g)): pixel (%d, %d) has %d, want %d",
						i, hw, v, ax, ay, bx, by, x, y, got.cov[j], want)
				}
				if want != 0 {
					drawn++
				}
				// Every pixel with coverage is within its row's dirty columns.
				if got.cov[j] != 0 && (int(got.xmin[y-clip.Min.Y]) > x-clip.Min.X || int(got.xmax[y-clip.Min.Y]) < x-clip.Min.X) {
					t.Fatalf("join %d: pixel (%d, %d) drawn outside its row's dirty columns", i, x, y)
				}
			}
		}
		for y := by0; y < by1; y++ {
			for x := bx0; x < bx1; x++ {
				j := (y-clip.Min.Y)*got.w + x - clip.Min.X
				got.cov[j], whole.cov[j] = 0, 0
			}
		}
		if i%500 == 0 {
			for _, c := range got.cov {
				if c != 0 {
					t.Fatalf("join %d drew outside the disc's box", i)
				}
			}
		}
		got.setClip(clip)
		whole.setClip(clip)
	}
	if drawn < 10000 {
		t.Fatalf("only %d pixels drawn in the wedges: the test draws too little", drawn)
	}
}
