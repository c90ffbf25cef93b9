package raster

import (
	"image"
	"image/color"
	"math"
	"testing"

	"maliatlas/render"
)

func TestFillSquareWithHole(t *testing.T) {
	for _, tc := range []struct {
		name     string
		rule     render.FillRule
		holeCCW  bool
		holeFull bool // is the hole painted?
	}{
		{"nonzero opposite hole", render.NonZero, true, false},
		{"evenodd same hole", render.EvenOdd, false, false},
		{"evenodd opposite hole", render.EvenOdd, true, false},
		{"nonzero same-orientation hole", render.NonZero, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(100, 100)
			p := &render.Path{Sub: [][]render.Point{rect(10, 10, 90, 90, false), rect(30, 30, 70, 70, tc.holeCCW)}, Closed: true}
			c.Path(p, &render.Style{Fill: red, FillRule: tc.rule})
			img := c.RGBA()
			for _, q := range [][2]int{{15, 15}, {50, 20}, {85, 85}, {20, 50}} {
				if got := img.RGBAAt(q[0], q[1]); got != (color.RGBA{255, 0, 0, 255}) {
					t.Errorf("ring pixel %v = %v, want opaque red", q, got)
				}
			}
			for _, q := range [][2]int{{5, 5}, {95, 50}, {50, 95}} {
				if a := alphaAt(img, q[0], q[1]); a != 0 {
					t.Errorf("outside pixel %v alpha = %d, want 0", q, a)
				}
			}
			for _, q := range [][2]int{{50, 50}, {31, 31}, {68, 68}} {
				a := alphaAt(img, q[0], q[1])
				if tc.holeFull && a != 255 {
					t.Errorf("hole pixel %v alpha = %d, want 255", q, a)
				}
				if !tc.holeFull && a != 0 {
					t.Errorf("hole pixel %v alpha = %d, want 0", q, a)
				}
			}
			want := 80.0*80 - 40*40
			if tc.holeFull {
				want = 80 * 80
			}
			if got := totalInk(img); math.Abs(got-want) > 0.5 {
				t.Errorf("painted area = %.2f px, want %.0f", got, want)
			}
		})
	}
}

func TestEvenOddVsNonZeroStar(t *testing.T) {
	draw := func(rule render.FillRule) *Canvas {
		c := New(200, 200)
		c.Path(&render.Path{Sub: [][]render.Point{star(100, 100, 90)}, Closed: true}, &render.Style{Fill: black, FillRule: rule})
		return c
	}
	nz, eo := draw(render.NonZero).RGBA(), draw(render.EvenOdd).RGBA()
	if a := alphaAt(nz, 100, 105); a != 255 {
		t.Errorf("non-zero: centre alpha = %d, want 255", a)
	}
	if a := alphaAt(eo, 100, 105); a != 0 {
		t.Errorf("even-odd: centre alpha = %d, want 0", a)
	}
	// The tip of the top point is inside with both rules.
	for name, img := range map[string]*image.RGBA{"non-zero": nz, "even-odd": eo} {
		if a := alphaAt(img, 100, 20); a != 255 {
			t.Errorf("%s: point alpha = %d, want 255", name, a)
		}
	}
}

func TestFillAreaAndEdges(t *testing.T) {
	c := New(100, 100)
	// A triangle of area 0.5*60*50 = 1500 at fractional coordinates.
	tri := []render.Point{{X: 10.3, Y: 20.7}, {X: 70.3, Y: 20.7}, {X: 40.1, Y: 70.7}}
	c.Path(&render.Path{Sub: [][]render.Point{tri}, Closed: true}, &render.Style{Fill: black})
	if got := totalInk(c.RGBA()); math.Abs(got-1500) > 1 {
		t.Errorf("triangle ink = %.2f px, want 1500", got)
	}
	// A half-pixel edge gives half coverage.
	c = New(20, 20)
	c.Path(&render.Path{Sub: [][]render.Point{rect(5.5, 5, 15, 15, false)}, Closed: true}, &render.Style{Fill: black})
	if a := alphaAt(c.RGBA(), 5, 10); a < 126 || a > 129 {
		t.Errorf("half-covered pixel alpha = %d, want about 128", a)
	}
}

func TestFillTranslucentBlend(t *testing.T) {
	c := New(10, 10)
	c.Clear(color.NRGBA{0, 0, 255, 255})
	c.Path(&render.Path{Sub: [][]render.Point{rect(0, 0, 10, 10, false)}, Closed: true},
		&render.Style{Fill: color.NRGBA{255, 0, 0, 128}})
	got := c.RGBA().RGBAAt(5, 5)
	if got.A != 255 || absInt(int(got.R)-128) > 1 || absInt(int(got.B)-127) > 1 || got.G != 0 {
		t.Errorf("50%% red over blue = %v, want about {128 0 127 255}", got)
	}
	// Over transparent the result is premultiplied.
	c = New(10, 10)
	c.Path(&render.Path{Sub: [][]render.Point{rect(0, 0, 10, 10, false)}, Closed: true},
		&render.Style{Fill: color.NRGBA{200, 100, 0, 128}})
	got = c.RGBA().RGBAAt(5, 5)
	if got.A != 128 || absInt(int(got.R)-100) > 1 || absInt(int(got.G)-50) > 1 {
		t.Errorf("translucent over transparent = %v, want about {100 50 0 128}", got)
	}
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func TestFillClippedAtCanvasSides(t *testing.T) {
	c := New(100, 40)
	// Reaches far beyond the left, top and bottom edges.
	c.Path(&render.Path{Sub: [][]render.Point{rect(-1e6, -1e5, 30, 1e5, false)}, Closed: true}, &render.Style{Fill: black})
	// Reaches far beyond the right edge.
	c.Path(&render.Path{Sub: [][]render.Point{rect(60, 10, 1e9, 20, false)}, Closed: true}, &render.Style{Fill: black})
	img := c.RGBA()
	for y := 0; y < 40; y++ {
		if got := rowInk(img, y, 0, 30); got != 30 {
			t.Fatalf("row %d: left fill ink %.2f, want 30", y, got)
		}
		if a := alphaAt(img, 30, y); a != 0 {
			t.Fatalf("row %d: pixel 30 alpha %d, want 0", y, a)
		}
	}
	for y := 10; y < 20; y++ {
		if got := rowInk(img, y, 60, 100); got != 40 {
			t.Errorf("row %d: right fill ink %.2f, want 40", y, got)
		}
	}
	if a := alphaAt(img, 80, 25); a != 0 {
		t.Errorf("below the right fill alpha = %d, want 0", a)
	}
}
