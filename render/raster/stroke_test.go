package raster

import (
	"math"
	"testing"

	"maliatlas/render"
)

func line(pts ...render.Point) *render.Path {
	return &render.Path{Sub: [][]render.Point{pts}}
}

func pt(x, y float64) render.Point { return render.Point{X: x, Y: y} }

func TestStrokeWidthFromPixels(t *testing.T) {
	for _, w := range []float64{0.25, 0.5, 1, 1.5, 2, 3.5, 6, 11} {
		for _, y := range []float64{50, 50.3, 50.5} {
			c := New(100, 100)
			c.Path(line(pt(10, y), pt(90, y)), &render.Style{Stroke: black, Width: w})
			got := columnInk(c.RGBA(), 50, 0, 100)
			if math.Abs(got-w) > 0.02+0.01*w {
				t.Errorf("horizontal width %.2f at y=%.1f: measured %.3f px", w, y, got)
			}
		}
		// Diagonal: the ink of a row is width/cos(45°).
		c := New(100, 100)
		c.Path(line(pt(0, 0), pt(100, 100)), &render.Style{Stroke: black, Width: w})
		got := rowInk(c.RGBA(), 50, 0, 100)
		if want := w * math.Sqrt2; math.Abs(got-want) > 0.03+0.01*want {
			t.Errorf("diagonal width %.2f: measured %.3f px across a row, want %.3f", w, got, want)
		}
	}
}

func TestHairlineStaysVisible(t *testing.T) {
	c := New(100, 100)
	c.Path(line(pt(10, 50.5), pt(90, 50.5)), &render.Style{Stroke: black, Width: 0.3})
	a := alphaAt(c.RGBA(), 50, 50)
	if a < 70 || a > 84 {
		t.Errorf("0.3 px hairline alpha = %d, want about 0.3*255", a)
	}
	if b := alphaAt(c.RGBA(), 50, 49) + alphaAt(c.RGBA(), 50, 51); b != 0 {
		t.Errorf("hairline spills into neighbours: %d", b)
	}
}

func TestDashGaps(t *testing.T) {
	// Horizontal dashed line from x=10: on [10,20), off [20,25), on [25,35)...
	c := New(120, 40)
	c.Path(line(pt(10, 20), pt(110, 20)), &render.Style{Stroke: black, Width: 4, Dash: []float64{10, 5}})
	img := c.RGBA()
	for k := 0; k < 6; k++ {
		on0 := 10 + 15*k
		for x := on0; x < on0+10; x++ {
			if got := columnInk(img, x, 0, 40); math.Abs(got-4) > 0.02 {
				t.Errorf("x=%d should be in a dash: ink %.2f", x, got)
			}
		}
		for x := on0 + 10; x < on0+15 && x < 110; x++ {
			if got := columnInk(img, x, 0, 40); got != 0 {
				t.Errorf("x=%d should be in a gap: ink %.2f", x, got)
			}
		}
	}
	// With an offset of 12 the pattern starts 2 px into the first gap.
	c = New(120, 40)
	c.Path(line(pt(10, 20), pt(110, 20)), &render.Style{Stroke: black, Width: 4, Dash: []float64{10, 5}, DashOffset: 12})
	img = c.RGBA()
	for x, want := range map[int]float64{10: 0, 12: 0, 13: 4, 22: 4, 23: 0, 27: 0, 28: 4} {
		if got := columnInk(img, x, 0, 40); math.Abs(got-want) > 0.02 {
			t.Errorf("offset 12: x=%d ink %.2f, want %.0f", x, got, want)
		}
	}
}

func TestDashContinuesAcrossVertices(t *testing.T) {
	// (10,10)→(20,10)→(20,60), dash [15 on, 5 off]: the first dash covers the
	// 10 px leg and 5 px down the second; the gap is y 15..20 at x=20.
	c := New(40, 80)
	c.Path(line(pt(10, 10), pt(20, 10), pt(20, 60)), &render.Style{Stroke: black, Width: 2, Dash: []float64{15, 5}})
	img := c.RGBA()
	check := func(y int, want float64) {
		t.Helper()
		if got := rowInk(img, y, 0, 40); math.Abs(got-want) > 0.02 {
			t.Errorf("row %d ink %.2f, want %.0f", y, got, want)
		}
	}
	check(13, 2) // first dash, second leg
	check(16, 0) // gap
	check(19, 0)
	check(21, 2) // second dash
	check(34, 2)
	check(36, 0) // second gap (35..40)
}

func TestClosedDashJoinsAtStart(t *testing.T) {
	// A 40×40 square (perimeter 160) with dash [30, 10] and offset 10: the
	// dash running over the start vertex is one piece, so the corner is
	// mitred, not two butt ends.
	c := New(80, 80)
	c.Path(&render.Path{Sub: [][]render.Point{rect(20, 20, 60, 60, false)}, Closed: true},
		&render.Style{Stroke: black, Width: 6, Dash: []float64{30, 10}, DashOffset: 10})
	img := c.RGBA()
	if a := alphaAt(img, 18, 18); a != 255 {
		t.Errorf("outer corner at the start vertex alpha = %d, want 255 (mitred)", a)
	}
}

func TestCaps(t *testing.T) {
	for _, tc := range []struct {
		cap         render.LineCap
		end, corner int // alpha at (17,50) (beyond the end) and (16,46) (cap corner)
	}{
		{render.ButtCap, 0, 0},
		{render.SquareCap, 255, 255},
		{render.RoundCap, 255, 0},
	} {
		c := New(100, 100)
		c.Path(line(pt(20, 50), pt(80, 50)), &render.Style{Stroke: black, Width: 10, Cap: tc.cap})
		img := c.RGBA()
		if a := alphaAt(img, 17, 50); a != tc.end {
			t.Errorf("cap %d: alpha beyond the end = %d, want %d", tc.cap, a, tc.end)
		}
		if a := alphaAt(img, 15, 45); a != tc.corner {
			t.Errorf("cap %d: alpha at the cap corner = %d, want %d", tc.cap, a, tc.corner)
		}
		if a := alphaAt(img, 14, 50); a != 0 {
			t.Errorf("cap %d: alpha 6 px beyond the end = %d, want 0", tc.cap, a)
		}
	}
}

func TestJoins(t *testing.T) {
	// A right angle at (50,50): (20,50)→(50,50)→(50,80), width 10. The outer
	// corner pixel (53,46) is covered by a miter only; round covers (52,47)
	// (distance 3.5 from the vertex) but not the corner.
	for _, tc := range []struct {
		join           render.LineJoin
		limit          float64
		corner, inside int
	}{
		{render.MiterJoin, 0, 255, 255},
		{render.MiterJoin, 1.2, 0, 255}, // ratio √2 > 1.2: bevelled
		{render.BevelJoin, 0, 0, 255},
		{render.RoundJoin, 0, 0, 255},
	} {
		c := New(100, 100)
		c.Path(line(pt(20, 50), pt(50, 50), pt(50, 80)), &render.Style{Stroke: black, Width: 10, Join: tc.join, MiterLimit: tc.limit})
		img := c.RGBA()
		if a := alphaAt(img, 54, 45); a != tc.corner {
			t.Errorf("join %d limit %.1f: outer corner alpha = %d, want %d", tc.join, tc.limit, a, tc.corner)
		}
		if a := alphaAt(img, 51, 48); a != tc.inside {
			t.Errorf("join %d: near-vertex alpha = %d, want %d", tc.join, a, tc.inside)
		}
	}
	// Translucent strokes: overlaps of pieces do not double the alpha.
	c := New(100, 100)
	half := black
	half.A = 128
	c.Path(line(pt(20, 50), pt(50, 50), pt(30, 60), pt(60, 20)), &render.Style{Stroke: half, Width: 8, Join: render.RoundJoin, Cap: render.RoundCap})
	for i := 3; i < len(c.RGBA().Pix); i += 4 {
		if a := c.RGBA().Pix[i]; a > 128 {
			t.Fatalf("translucent stroke alpha %d > 128 at byte %d: overlapping pieces doubled", a, i)
		}
	}
}

func TestDashLongerThanRingIsClosed(t *testing.T) {
	// Dash [500, 10] on a 160 px ring: drawn like a solid closed stroke.
	a, b := New(80, 80), New(80, 80)
	sq := &render.Path{Sub: [][]render.Point{rect(20, 20, 60, 60, false)}, Closed: true}
	a.Path(sq, &render.Style{Stroke: black, Width: 6, Dash: []float64{500, 10}})
	b.Path(sq, &render.Style{Stroke: black, Width: 6})
	if m, n := maxDiff(a.RGBA(), b.RGBA(), 0); n > 0 {
		t.Errorf("long dash differs from solid ring: %d pixels, max %d", n, m)
	}
}
