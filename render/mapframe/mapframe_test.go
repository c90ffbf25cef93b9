package mapframe

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"math"
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
	"maliatlas/render/raster"
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
// drawn) shows the map a full redraw of the same view shows; its labels,
// placed once for the padded area, never collide and stay where they were.
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
	var c, bare Cache // with labels, and the map alone
	c.Frame(s, o, 1, nil)
	noLabels := o
	noLabels.NoLabels = true
	bare.Frame(s, noLabels, 1, nil)
	start := worldLabels(c.Labels(), o.View)
	if len(start) < 10 {
		t.Fatalf("%d labels in the first frame", len(start))
	}
	placed := 0
	for i := 0; i < 12; i++ {
		dx, dy := float64(r.IntN(160)-80), float64(r.IntN(100)-50)
		if i < 6 {
			dx = -90 // far enough east for the labels to be placed again
		}
		v = v.Pan(dx, dy)
		o.View, noLabels.View = v, v
		var boxes []render.Rect // every label, the off-map ones too
		o.PlacedLabels = &boxes
		got := c.Frame(s, o, 1, nil)
		if !c.Reused {
			t.Fatalf("pan %d (%v, %v): the frame was drawn anew", i, dx, dy)
		}
		if c.Placed {
			placed++
		}
		gotMap := bare.Frame(s, noLabels, 1, nil)
		var fresh Cache
		want := fresh.Frame(s, noLabels, 1, nil)
		if n := differing(gotMap, want, 24); n > len(got.Pix)/4/500 {
			t.Errorf("pan %d (%v, %v): %d pixels of the map differ from a full redraw", i, dx, dy, n)
		}
		labels := c.Labels()
		checkNoCollision(t, labels)
		// The labels of the first frame still wholly in view are where
		// they were, on the map.
		now := worldLabels(labels, v)
		w, h := v.DeviceSize()
		for k, at := range start {
			sx, sy := v.WorldToScreen(at[0], at[1])
			if sx < 0 || sy < 0 || sx > float64(w) || sy > float64(h) {
				continue
			}
			if _, ok := now[k]; !ok {
				if labelAt(labels, k.text, sx, sy) || !wholly(sx, sy, w, h) {
					continue
				}
				t.Errorf("pan %d: label %q of the first frame, in view at (%.0f, %.0f), moved or went", i, k.text, sx, sy)
			}
		}
		// Outside the labels the frame is the map.
		if n := differingOutside(got, gotMap, boxes, 8*scale); n > len(got.Pix)/4/1000 {
			t.Errorf("pan %d: %d pixels outside the labels differ from the map without labels", i, n)
		}
	}
	if placed == 0 {
		t.Error("a drag of more than half a view never placed the labels again")
	}
	// A zoom, or other options, draw anew.
	o.View = v.ZoomAround(320, 200, 2)
	c.Frame(s, o, 1, nil)
	if c.Reused || !c.Placed {
		t.Error("a zoomed frame reused the last one, or its labels")
	}
	c.Frame(s, o, 2, nil)
	if c.Reused || !c.Placed {
		t.Error("a frame with other options reused the last one, or its labels")
	}
}

// labelKey identifies a label across frames: its text and its box's
// top-left corner in world pixels (rounded).
type labelKey struct {
	text string
	x, y int64
}

// worldLabels maps the labels of a frame of v to their anchors in world
// coordinates.
func worldLabels(ls []render.PlacedLabel, v geo.Viewport) map[labelKey][2]float64 {
	ppw := v.PixelsPerWorld()
	ox, oy := v.ScreenToWorld(0, 0)
	m := map[labelKey][2]float64{}
	for _, l := range ls {
		k := labelKey{l.Text.S, int64(math.Round(l.Box.Min.X + ox*ppw)), int64(math.Round(l.Box.Min.Y + oy*ppw))}
		m[k] = [2]float64{ox + l.Box.Min.X/ppw, oy + l.Box.Min.Y/ppw}
	}
	return m
}

// labelAt finds a label of text whose box's corner is at (x, y).
func labelAt(ls []render.PlacedLabel, text string, x, y float64) bool {
	for _, l := range ls {
		if l.Text.S == text && math.Abs(l.Box.Min.X-x) < 0.6 && math.Abs(l.Box.Min.Y-y) < 0.6 {
			return true
		}
	}
	return false
}

// wholly: a label of the first frame whose box began at (x, y) might reach
// beyond the view (the check is about labels well inside it).
func wholly(x, y float64, w, h int) bool {
	return x >= 0 && y >= 0 && x+200 <= float64(w) && y+40 <= float64(h)
}

func checkNoCollision(t *testing.T, ls []render.PlacedLabel) {
	t.Helper()
	for i := range ls {
		for j := i + 1; j < len(ls); j++ {
			a, b := ls[i].Box, ls[j].Box
			if ls[i].Turned || ls[j].Turned {
				continue // their bounds may overlap; render's tests check turned boxes
			}
			if a.Overlaps(b) {
				t.Errorf("labels %q and %q collide: %v %v", ls[i].Text.S, ls[j].Text.S, a, b)
			}
		}
	}
}

// differingOutside is differing for the pixels outside every box (widened
// by e) only.
func differingOutside(a, b *image.RGBA, boxes []render.Rect, e float64) int {
	w, h := a.Rect.Dx(), a.Rect.Dy()
	mask := make([]bool, w*h)
	for _, r := range boxes {
		for y := max(0, int(r.Min.Y-e)); y < min(h, int(r.Max.Y+e)+1); y++ {
			for x := max(0, int(r.Min.X-e)); x < min(w, int(r.Max.X+e)+1); x++ {
				mask[y*w+x] = true
			}
		}
	}
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		if mask[i/4] {
			continue
		}
		for k := 0; k < 4; k++ {
			d := int(a.Pix[i+k]) - int(b.Pix[i+k])
			if d > 24 || d < -24 {
				n++
				break
			}
		}
	}
	return n
}

// The label layer's tiles, composited, show what drawing the labels
// directly shows.
func TestLabelTilesMatchDirectDrawing(t *testing.T) {
	s := scene(t)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-6, 12}, Max: orb.Point{2, 18}}, 640, 400, 1, 0)
	o := render.Options{View: v, Lang: "en", Background: color.NRGBA{214, 228, 236, 255}}
	var c Cache
	c.Frame(s, o, 1, nil)
	for i := 0; i < 8; i++ {
		o.View = o.View.Pan(-37, 11)
		c.Frame(s, o, 1, nil)
	}
	got := image.NewRGBA(c.base.Rect)
	copy(got.Pix, c.base.Pix)
	c.labels.composite(got)
	want := image.NewRGBA(c.base.Rect)
	copy(want.Pix, c.base.Pix)
	cv := raster.NewBand(want, want.Rect)
	ls := c.Labels()
	if len(ls) < 10 {
		t.Fatalf("%d labels", len(ls))
	}
	for i := range ls {
		ls[i].Draw(cv)
	}
	if n := differing(got, want, 2); n > 0 {
		t.Errorf("%d pixels of the tiled labels differ from the labels drawn directly", n)
	}
	if n := differing(got, c.base, 24); n < 1000 {
		t.Errorf("the labels paint only %d pixels", n)
	}
}

// What the caller draws over the map (annotations, the exercise) is drawn
// over the labels, and is told where the labels are.
func TestOverIsDrawnOverTheLabels(t *testing.T) {
	s := scene(t)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-6, 12}, Max: orb.Point{2, 18}}, 640, 400, 1, 0)
	o := render.Options{View: v, Lang: "en"}
	var c Cache
	var placed []render.Rect
	o.PlacedLabels = &placed
	red := color.NRGBA{255, 0, 0, 255}
	var box render.Rect
	over := func(sk render.Sink) {
		if len(placed) == 0 {
			t.Fatal("over is called before the labels are known")
		}
		box = placed[0]
		sk.Path(&render.Path{Closed: true, Sub: [][]render.Point{{box.Min, {X: box.Max.X, Y: box.Min.Y}, box.Max, {X: box.Min.X, Y: box.Max.Y}}}}, &render.Style{Fill: red})
	}
	c.Frame(s, o, 1, over)
	placed = placed[:0]
	o.View = o.View.Pan(-20, 5)
	img := c.Frame(s, o, 1, over)
	if !c.Reused {
		t.Fatal("the pan frame was drawn anew")
	}
	if len(placed) != len(c.Labels()) && len(placed) < len(c.Labels()) {
		t.Errorf("%d label boxes reported, %d labels in view", len(placed), len(c.Labels()))
	}
	x, y := int((box.Min.X+box.Max.X)/2), int((box.Min.Y+box.Max.Y)/2)
	if x >= 0 && y >= 0 && x < img.Rect.Dx() && y < img.Rect.Dy() {
		if p := img.RGBAAt(x, y); p.R != 255 || p.G != 0 || p.B != 0 {
			t.Errorf("over the label at (%d, %d): %v, want red", x, y, p)
		}
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
			// The map without labels: the labels, placed for more than the
			// view, differ from a full redraw's (TestPannedFrameMatchesAFullRedraw).
			o := render.Options{View: v, Lang: "en", Background: color.NRGBA{214, 228, 236, 255}, Events: []*render.EventLayer{l}, NoLabels: true}
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

// Kept labels (render.Options.KeepLabels) are placed as they are, first:
// their candidates are not placed again, and the others keep off them.
func TestKeptLabelsStay(t *testing.T) {
	s := scene(t)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-6, 12}, Max: orb.Point{2, 18}}, 640, 400, 1, 0)
	var first []render.PlacedLabel
	o := render.Options{View: v, Lang: "en", LabelsOnly: true, Offmap: render.OffmapNone, Labels: &first}
	s.Draw(render.Discard{}, &o)
	if len(first) < 10 {
		t.Fatalf("%d labels", len(first))
	}
	// The first label moved down right by 7 px: where the placer would
	// not have put it.
	moved := first[0].Shifted(7, 5)
	moved.Anchor = first[0].Anchor
	var second []render.PlacedLabel
	o.Labels, o.KeepLabels = &second, []render.PlacedLabel{moved}
	s.Draw(render.Discard{}, &o)
	n := 0
	for _, l := range second {
		if l.Text.S != moved.Text.S {
			continue
		}
		n++
		if l.Box != moved.Box {
			t.Errorf("%q placed at %v, kept at %v", l.Text.S, l.Box, moved.Box)
		}
	}
	if n != 1 {
		t.Errorf("%q placed %d times, want once (kept)", moved.Text.S, n)
	}
	checkNoCollision(t, second)
}

// blendOver is source-over of premultiplied pixels, to within rounding.
func TestBlendOver(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		a := uint8(r.IntN(256))
		src := []byte{uint8(r.IntN(int(a) + 1)), uint8(r.IntN(int(a) + 1)), uint8(r.IntN(int(a) + 1)), a}
		da := uint8(r.IntN(256))
		dst := []byte{uint8(r.IntN(int(da) + 1)), uint8(r.IntN(int(da) + 1)), uint8(r.IntN(int(da) + 1)), da}
		got := append([]byte(nil), dst...)
		blendOver(got, src)
		for k := range 4 {
			want := float64(src[k]) + float64(dst[k])*(255-float64(a))/255
			if math.Abs(float64(got[k])-want) > 0.51 {
				t.Fatalf("%v over %v: channel %d = %d, want %.2f", src, dst, k, got[k], want)
			}
		}
	}
}

// Other options (a highlight: the feature under the pointer) redraw the
// frame but keep the labels wholly in view where they were (those the pan
// left across the view's edges are placed again, as at rest); options that
// drop labels (a layer hidden) drop them.
func TestOtherOptionsKeepTheLabels(t *testing.T) {
	s := scene(t)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-6, 12}, Max: orb.Point{2, 18}}, 640, 400, 1, 0)
	o := render.Options{View: v, Lang: "en"}
	var c Cache
	c.Frame(s, o, 1, nil)
	for range 30 { // far enough for the labels to be placed again
		o.View = o.View.Pan(-23, 9)
		c.Frame(s, o, 1, nil)
	}
	before := c.Labels()
	o.Highlight = map[string]bool{"no-such-feature": true}
	c.Frame(s, o, 2, nil)
	if c.Reused || !c.Placed {
		t.Fatal("a frame with other options reused the last one")
	}
	after := c.Labels()
	w, h := o.View.DeviceSize()
	kept := 0
	for _, b := range before {
		if len(across([]render.PlacedLabel{b}, w, h)) > 0 {
			continue
		}
		kept++
		found := false
		for _, a := range after {
			if a.Text.S == b.Text.S && math.Abs(b.Box.Min.X-a.Box.Min.X)+math.Abs(b.Box.Min.Y-a.Box.Min.Y) <= 0.01 {
				found = true
			}
		}
		if !found {
			t.Errorf("label %q at %v, wholly in view, moved or went with the highlight", b.Text.S, b.Box)
		}
	}
	if kept < 3 {
		t.Errorf("only %d labels wholly in view before the highlight", kept)
	}
	if cut := across(after, w, h); len(cut) > 0 {
		t.Errorf("labels %q across the view's edges after the highlight", cut)
	}
	o.Visible = []string{"hillshade"}
	c.Frame(s, o, 3, nil)
	if n := len(c.Labels()); n != 0 {
		t.Errorf("%d labels kept with their layers hidden", n)
	}
}
