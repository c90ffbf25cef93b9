package mapframe

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/cli"
	"maliatlas/events"
	"maliatlas/events/synth"
	"maliatlas/geo"
	"maliatlas/render"
)

func scene(t testing.TB) *render.Scene {
	t.Helper()
	s, err := cli.LoadScene()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func seed(t *testing.T) uint64 {
	n := uint64(1)
	if s := os.Getenv("SEED"); s != "" {
		n, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("SEED=%d", n)
	return n
}

// differing counts the pixels of a and b farther apart than tol in a channel.
func differing(a, b *image.RGBA, tol int) int {
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		for k := 0; k < 4; k++ {
			d := int(a.Pix[i+k]) - int(b.Pix[i+k])
			if d > tol || d < -tol {
				n++
				break
			}
		}
	}
	return n
}

// A frame that reuses the one before (shifted, with its exposed strips
// drawn) shows what a full redraw of the same view shows.
func TestPannedFrameMatchesAFullRedraw(t *testing.T) {
	for _, scale := range []float64{1, 2} {
		t.Run(strconv.FormatFloat(scale, 'g', -1, 64), func(t *testing.T) { pannedMatchesFull(t, scale) })
	}
}

func pannedMatchesFull(t *testing.T, scale float64) {
	s := scene(t)
	r := rand.New(rand.NewPCG(seed(t), 7))
	v := geo.FitBound(orb.Bound{Min: orb.Point{-6, 12}, Max: orb.Point{2, 18}}, 640, 400, scale, 0)
	o := render.Options{View: v, Lang: "en", Background: color.NRGBA{214, 228, 236, 255}}
	var c Cache
	c.Frame(s, o, 1, nil)
	for i := 0; i < 6; i++ {
		dx, dy := float64(r.IntN(160)-80), float64(r.IntN(100)-50)
		v = v.Pan(dx, dy)
		o.View = v
		got := c.Frame(s, o, 1, nil)
		if !c.Reused {
			t.Fatalf("pan %d (%v, %v): the frame was drawn anew", i, dx, dy)
		}
		var fresh Cache
		want := fresh.Frame(s, o, 1, nil)
		if n := differing(got, want, 24); n > len(got.Pix)/4/500 {
			t.Errorf("pan %d (%v, %v): %d pixels differ from a full redraw", i, dx, dy, n)
		}
	}
	// A zoom, or other options, draw anew.
	o.View = v.ZoomAround(320, 200, 2)
	c.Frame(s, o, 1, nil)
	if c.Reused {
		t.Error("a zoomed frame reused the last one")
	}
	c.Frame(s, o, 2, nil)
	if c.Reused {
		t.Error("a frame with other options reused the last one")
	}
}

// Frames are handed out in rotation from buffers kept between frames.
func TestFramesReuseTheirBuffers(t *testing.T) {
	s := scene(t)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-6, 12}, Max: orb.Point{2, 18}}, 320, 200, 1, 0)
	o := render.Options{View: v}
	var c Cache
	seen := map[*image.RGBA]bool{}
	for i := 0; i < 9; i++ {
		o.View = o.View.Pan(5, 0)
		seen[c.Frame(s, o, 1, nil)] = true
	}
	if len(seen) != outputs {
		t.Errorf("%d distinct frame buffers over 9 frames, want %d", len(seen), outputs)
	}
}

func TestShift(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 5, 4))
	for y := 0; y < 4; y++ {
		for x := 0; x < 5; x++ {
			img.Pix[y*img.Stride+x*4] = uint8(10*y + x)
		}
	}
	shift(img, 2, -1)
	for y := 0; y < 3; y++ {
		for x := 2; x < 5; x++ {
			if got, want := img.Pix[y*img.Stride+x*4], uint8(10*(y+1)+x-2); got != want {
				t.Errorf("(%d,%d) = %d, want %d", x, y, got, want)
			}
		}
	}
}

// Two raster layers in one frame (the colour relief under the shading) each
// get their own resampled picture: the frame with both differs from the
// frame with the shading alone.
func TestTwoRasterLayersInOneFrame(t *testing.T) {
	s := scene(t)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-6, 12}, Max: orb.Point{2, 18}}, 320, 200, 1, 0)
	var c Cache
	one := c.Frame(s, render.Options{View: v, Visible: []string{"hillshade"}}, 1, nil)
	a := image.NewRGBA(one.Rect)
	copy(a.Pix, one.Pix)
	both := c.Frame(s, render.Options{View: v, Visible: []string{"relief-color", "hillshade"}}, 2, nil)
	if n := differing(a, both, 30); n < len(a.Pix)/4/2 {
		t.Errorf("the colour relief changes only %d pixels of %d", n, len(a.Pix)/4)
	}
}

// A long drag with a hotspot layer on (density, hex cells, clusters of
// synthetic events) reuses every frame and shows what a full redraw shows:
// the layer makes its density, cells' picture or clusters for the whole
// frame and its margin, not for the strips, and keeps its colour scale
// when it makes them again for the places the drag reaches.
func TestPannedHotspotFrameMatchesAFullRedraw(t *testing.T) {
	s := scene(t)
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.Options{Format: synth.ACLED, N: 20000, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	tab, _, err := events.Read(context.Background(), "synthetic-test.csv", buf.Bytes(), events.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, style := range []string{render.EventDensity, render.EventHex, render.EventClusters} {
		t.Run(style, func(t *testing.T) {
			l := render.NewEventLayer("ev", "synthetic", tab)
			l.Style = style
			v := geo.FitBound(orb.Bound{Min: orb.Point{-8, 12}, Max: orb.Point{0, 18}}, 480, 300, 1, 0)
			o := render.Options{View: v, Lang: "en", Background: color.NRGBA{214, 228, 236, 255}, Events: []*render.EventLayer{l}}
			var c Cache
			c.Frame(s, o, 1, nil)
			// Eastwards then northwards, 40 px a frame: 1.7 views across,
			// so the layer makes what it caches again on the way.
			for i := 0; i < 30; i++ {
				d := [2]float64{-40, 0}
				if i >= 20 {
					d = [2]float64{0, 40}
				}
				o.View = o.View.Pan(d[0], d[1])
				got := c.Frame(s, o, 1, nil)
				if !c.Reused {
					t.Fatalf("frame %d was drawn anew", i)
				}
				if i%5 != 4 {
					continue
				}
				var fresh Cache
				want := fresh.Frame(s, o, 1, nil)
				if n := differing(got, want, 24); n > len(got.Pix)/4/500 {
					t.Errorf("frame %d: %d pixels differ from a full redraw", i, n)
				}
			}
		})
	}
}
