package raster

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"maliatlas/assets"
	"maliatlas/render"
)

// drawScene draws every kind of primitive, much of it across band borders.
func drawScene(s render.Sink, w, h float64) {
	rnd := rand.New(rand.NewPCG(7, 11))
	fonts := assets.MapFonts()
	for i := 0; i < 30; i++ {
		cx, cy, r := rnd.Float64()*w, rnd.Float64()*h, 5+rnd.Float64()*60
		var ring []render.Point
		for k := 0; k < 48; k++ {
			a := 2 * math.Pi * float64(k) / 48
			rr := r * (0.7 + 0.3*math.Sin(3*a+float64(i)))
			ring = append(ring, render.Point{X: cx + rr*math.Cos(a), Y: cy + rr*math.Sin(a)})
		}
		s.Path(&render.Path{Sub: [][]render.Point{ring, star(cx, cy, r/2)}, Closed: true},
			&render.Style{Fill: color.NRGBA{uint8(rnd.IntN(256)), 80, 160, 90}, FillRule: render.FillRule(i % 2),
				Stroke: color.NRGBA{20, 20, 20, 200}, Width: 0.5 + rnd.Float64()*3, Join: render.LineJoin(i % 3)})
	}
	for i := 0; i < 30; i++ {
		var pl []render.Point
		x, y := rnd.Float64()*w, rnd.Float64()*h
		for k := 0; k < 12; k++ {
			pl = append(pl, render.Point{X: x, Y: y})
			x += rnd.NormFloat64() * 40
			y += rnd.NormFloat64() * 40
		}
		st := &render.Style{Stroke: color.NRGBA{200, 30, 30, 220}, Width: 0.3 + rnd.Float64()*6,
			Cap: render.LineCap(i % 3), Join: render.LineJoin(i % 3)}
		if i%4 == 0 {
			st.Dash = []float64{8, 3, 1, 3}
			st.DashOffset = float64(i)
		}
		s.Path(&render.Path{Sub: [][]render.Point{pl}}, st)
	}
	var at []render.Point
	for i := 0; i < 300; i++ {
		at = append(at, render.Point{X: rnd.Float64() * w, Y: rnd.Float64() * h})
	}
	s.Markers(&render.Marker{Shape: render.Circle, Size: 7, Fill: color.NRGBA{250, 200, 0, 255}, Stroke: black, StrokeWidth: 1}, at)
	s.Markers(&render.Marker{Shape: render.Triangle, Size: 9, Fill: color.NRGBA{0, 200, 250, 180}}, at[:50])
	icon := image.NewNRGBA(image.Rect(0, 0, 3, 3))
	for i := range icon.Pix {
		icon.Pix[i] = uint8(i * 9)
	}
	s.Markers(&render.Marker{Shape: render.Icon, Size: 14, Icon: icon}, at[50:80])
	s.Image(icon, render.Rect{Min: render.Point{X: 10.3, Y: h/2 - 20.6}, Max: render.Point{X: 60.7, Y: h/2 + 30.2}})
	for i, name := range []string{"Ménaka", "Ségou", "Taoudénit", "Kéniéba", "Tombouctou"} {
		s.Text(&render.Text{X: 20 + float64(i)*70, Y: h/2 + 6 + float64(i)*3.3, S: name, Font: fonts.Bold, Size: 13 + float64(i),
			Color: black, Halo: white, HaloWidth: 3})
	}
}

func TestBandsEqualSingleCanvas(t *testing.T) {
	const w, h = 400, 300
	single := New(w, h)
	single.Clear(color.NRGBA{240, 235, 220, 255})
	drawScene(single, w, h)

	for _, cuts := range [][]int{{150}, {37, 91, 150, 151, 299}} {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		var wg sync.WaitGroup
		y0 := 0
		for _, y1 := range append(cuts, h) {
			band := NewBand(img, image.Rect(0, y0, w, y1))
			wg.Add(1)
			go func() {
				defer wg.Done()
				band.Clear(color.NRGBA{240, 235, 220, 255})
				drawScene(band, w, h)
			}()
			y0 = y1
		}
		wg.Wait()
		if m, n := maxDiff(single.RGBA(), img, 0); n > 0 {
			t.Errorf("bands cut at %v differ from one canvas: %d pixels, max difference %d", cuts, n, m)
		}
	}
}

func TestNothingDrawnOutsideClip(t *testing.T) {
	const w, h = 400, 300
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	sentinel := color.RGBA{1, 2, 3, 4}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, sentinel)
		}
	}
	clip := image.Rect(57, 113, 311, 171)
	c := NewBand(img, clip)
	drawScene(c, w, h)
	// Whole-canvas fills and strokes through the clip.
	c.Path(&render.Path{Sub: [][]render.Point{rect(-10, -10, w+10, h+10, false)}, Closed: true},
		&render.Style{Fill: color.NRGBA{9, 9, 9, 20}, Stroke: black, Width: 30})
	c.Path(line(pt(0, 0), pt(w, h)), &render.Style{Stroke: black, Width: 25, Cap: render.SquareCap})
	changed := 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			in := image.Pt(x, y).In(clip)
			if got := img.RGBAAt(x, y); got != sentinel {
				if !in {
					t.Fatalf("pixel (%d,%d) outside the clip %v was painted: %v", x, y, clip, got)
				}
				changed++
			}
		}
	}
	if changed < clip.Dx()*clip.Dy()/2 {
		t.Errorf("only %d pixels painted inside the clip", changed)
	}
}

func TestHugeAndNaNCoordinates(t *testing.T) {
	c := New(100, 100)
	nan, inf := math.NaN(), math.Inf(1)
	fonts := assets.MapFonts()
	paths := [][]render.Point{
		{{X: 1e300, Y: 1e300}, {X: -1e300, Y: 5}, {X: 50, Y: -1e300}},
		{{X: nan, Y: 1}, {X: 10, Y: nan}, {X: 20, Y: 20}, {X: 30, Y: 80}, {X: 80, Y: 40}},
		{{X: inf, Y: -inf}, {X: 0, Y: 0}, {X: -inf, Y: inf}},
		{{X: 1e15, Y: 50}, {X: -1e15, Y: 50.5}, {X: 50, Y: 1e15}},
		{{X: 5, Y: 5}},
		{},
	}
	for _, sub := range paths {
		for _, st := range []*render.Style{
			{Fill: black, Stroke: red, Width: 3},
			{Fill: black, FillRule: render.EvenOdd, Stroke: red, Width: 0.5, Dash: []float64{3, 1}, Cap: render.RoundCap},
			{Stroke: red, Width: 2, Dash: []float64{1e-9, 1e-9}},
			{Stroke: red, Width: nan},
			{Stroke: red, Width: 1e12},
			{Stroke: red, Width: 2, Dash: []float64{nan, 1}},
			{Stroke: red, Width: 2, Dash: []float64{5, 5}, DashOffset: inf},
		} {
			c.Path(&render.Path{Sub: [][]render.Point{sub}, Closed: true}, st)
			c.Path(&render.Path{Sub: [][]render.Point{sub}}, st)
		}
	}
	c.Markers(&render.Marker{Shape: render.Circle, Size: 5, Fill: black}, []render.Point{{X: nan, Y: 1}, {X: 1e300, Y: -1e300}, {X: inf, Y: 5}})
	c.Markers(&render.Marker{Shape: render.Square, Size: nan, Fill: black}, []render.Point{{X: 5, Y: 5}})
	c.Markers(&render.Marker{Shape: render.Icon, Size: 1e9}, []render.Point{{X: 5, Y: 5}})
	c.Text(&render.Text{X: nan, Y: 10, S: "Gao", Font: fonts.Regular, Size: 12, Color: black})
	c.Text(&render.Text{X: -1e300, Y: 1e300, S: "Gao", Font: fonts.Regular, Size: 12, Color: black, Halo: white, HaloWidth: 2})
	c.Text(&render.Text{X: 10, Y: 10, S: "Gao", Font: fonts.Regular, Size: inf, Color: black})
	c.Image(image.NewRGBA(image.Rect(0, 0, 2, 2)), render.Rect{Min: render.Point{X: nan, Y: -inf}, Max: render.Point{X: inf, Y: 1e300}})
	c.Image(image.NewRGBA(image.Rect(0, 0, 2, 2)), render.Rect{Min: render.Point{X: -1e300, Y: -1e300}, Max: render.Point{X: 1e300, Y: 1e300}})

	// A polygon with enormous coordinates covering the canvas fills it exactly.
	d := New(64, 64)
	d.Path(&render.Path{Sub: [][]render.Point{rect(-1e12, -3e11, 7e13, 2e12, false)}, Closed: true}, &render.Style{Fill: black})
	if got := totalInk(d.RGBA()); got != 64*64 {
		t.Errorf("huge polygon ink %.2f, want %d", got, 64*64)
	}
}

// TestReplayIntoBandsEqualsSingleCanvas: a recording replayed into many thin
// bands (one canvas moved with SetClip; the recording leaves out calls that
// miss each band) paints what drawing directly on one canvas does.
func TestReplayIntoBandsEqualsSingleCanvas(t *testing.T) {
	const w, h = 400, 300
	single := New(w, h)
	drawScene(single, w, h)
	var rec render.Recording
	drawScene(&rec, w, h)
	for _, rows := range []int{5, 32, 111} {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		c := NewBand(img, image.Rect(0, 0, w, rows))
		for y := 0; y < h; y += rows {
			c.SetClip(image.Rect(0, y, w, y+rows))
			rec.Replay(c)
		}
		if m, n := maxDiff(single.RGBA(), img, 0); n > 0 {
			t.Errorf("replay into bands of %d rows differs from one canvas: %d pixels, max difference %d", rows, n, m)
		}
	}
}

type countingBand struct {
	*Canvas
	paths int
}

func (c *countingBand) Path(p *render.Path, st *render.Style) {
	c.paths++
	c.Canvas.Path(p, st)
}

func TestReplaySkipsCallsMissingTheBand(t *testing.T) {
	const w, h = 400, 300
	var rec render.Recording
	drawScene(&rec, w, h)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	all := &countingBand{Canvas: NewBand(img, img.Rect)}
	rec.Replay(all)
	top := &countingBand{Canvas: NewBand(img, image.Rect(0, 0, w, 20))}
	rec.Replay(top)
	if top.paths == 0 || top.paths > all.paths/3 {
		t.Errorf("a band of 20 rows out of 300 received %d of %d paths", top.paths, all.paths)
	}
}

// TestBandCanvasReused: a canvas that painted one picture (its buffers sized
// and dirtied by it) and is then moved onto another image, of another size
// and origin, paints there what a new canvas does; Band and Release do the
// same through the pool, and a released canvas keeps no reference to its
// image.
func TestBandCanvasReused(t *testing.T) {
	var rec render.Recording
	drawScene(&rec, 400, 300)
	// The reference: one new canvas over an image whose origin is not (0, 0).
	r := image.Rect(-30, 20, 370, 320)
	want := image.NewRGBA(r)
	rec.Replay(NewBand(want, r))

	first := image.NewRGBA(image.Rect(0, 0, 640, 480))
	c := NewBand(first, image.Rect(0, 100, 640, 220))
	rec.Replay(c)
	for _, rows := range []int{7, 66} {
		got := image.NewRGBA(r)
		c.retarget(got, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+rows))
		for y := r.Min.Y; y < r.Max.Y; y += rows {
			c.SetClip(image.Rect(r.Min.X, y, r.Max.X, y+rows))
			rec.Replay(c)
		}
		if m, n := maxDiff(want, got, 0); n > 0 {
			t.Errorf("a reused canvas in bands of %d rows differs from a new one: %d pixels, max difference %d", rows, n, m)
		}
	}

	for range 3 {
		got := image.NewRGBA(r)
		for y := r.Min.Y; y < r.Max.Y; y += 50 {
			b := Band(got, image.Rect(r.Min.X, y, r.Max.X, y+50))
			rec.Replay(b)
			b.Release()
			if b.img != nil || b.bl.pix != nil {
				t.Fatal("a released canvas keeps its image")
			}
		}
		if m, n := maxDiff(want, got, 0); n > 0 {
			t.Errorf("canvases from Band differ from a new one: %d pixels, max difference %d", n, m)
		}
	}
}
