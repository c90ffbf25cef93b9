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

func TestMarkersCentred(t *testing.T) {
	shapes := map[string]render.MarkerShape{"circle": render.Circle, "square": render.Square, "diamond": render.Diamond}
	for name, shape := range shapes {
		for _, p := range []render.Point{{X: 20, Y: 20}, {X: 20.5, Y: 20.5}, {X: 20.25, Y: 19.8}, {X: 20.37, Y: 20.9}} {
			c := New(40, 40)
			c.Markers(&render.Marker{Shape: shape, Size: 8, Fill: black, Stroke: red, StrokeWidth: 1}, []render.Point{p})
			cx, cy := centroid(c.RGBA(), c.RGBA().Rect)
			// Quarter-pixel positioning: within 1/8 px plus rounding.
			if math.Abs(cx-p.X) > 0.155 || math.Abs(cy-p.Y) > 0.155 {
				t.Errorf("%s at %v: ink centred at (%.3f, %.3f)", name, p, cx, cy)
			}
		}
	}
	// The triangle's box is centred: apex at top, base at bottom.
	c := New(40, 40)
	c.Markers(&render.Marker{Shape: render.Triangle, Size: 10, Fill: black}, []render.Point{{X: 20, Y: 20}})
	img := c.RGBA()
	if a := alphaAt(img, 19, 18); a != 255 {
		t.Errorf("triangle near apex alpha = %d, want 255", a)
	}
	if a := alphaAt(img, 19, 14); a != 0 {
		t.Errorf("triangle above apex alpha = %d, want 0", a)
	}
	if got := rowInk(img, 24, 0, 40); math.Abs(got-9.5) > 0.6 {
		t.Errorf("triangle base row ink = %.2f, want about 9.5", got)
	}
}

func TestMarkersMatchDirectDrawing(t *testing.T) {
	// A circle marker is the same as filling and stroking a circle path at a
	// quarter-pixel position.
	c := New(40, 40)
	c.Markers(&render.Marker{Shape: render.Circle, Size: 12, Fill: red, Stroke: black, StrokeWidth: 1.5}, []render.Point{{X: 20.25, Y: 19.5}})
	d := New(40, 40)
	d.Path(&render.Path{Sub: [][]render.Point{circle(20.25, 19.5, 6)}, Closed: true},
		&render.Style{Fill: red, Stroke: black, Width: 1.5, Join: render.RoundJoin})
	if m, n := maxDiff(c.RGBA(), d.RGBA(), 1); n > 0 {
		t.Errorf("sprite differs from direct drawing: max %d, %d pixels", m, n)
	}
	if totalInk(c.RGBA()) < 100 {
		t.Error("nothing drawn")
	}
}

func TestIconMarker(t *testing.T) {
	icon := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for i := range icon.Pix {
		icon.Pix[i] = 255
	}
	icon.SetNRGBA(0, 0, color.NRGBA{0, 0, 255, 255})
	c := New(40, 40)
	c.Clear(color.NRGBA{0, 255, 0, 255})
	c.Markers(&render.Marker{Shape: render.Icon, Size: 16, Icon: icon}, []render.Point{{X: 20, Y: 20}})
	img := c.RGBA()
	if got := img.RGBAAt(20, 20); got != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("icon centre = %v, want white", got)
	}
	if got := img.RGBAAt(12, 12); got.B < 200 || got.R > 50 {
		t.Errorf("icon top-left = %v, want blue", got)
	}
	if got := img.RGBAAt(11, 20); got != (color.RGBA{0, 255, 0, 255}) {
		t.Errorf("left of the icon = %v, want background", got)
	}
	if got := img.RGBAAt(27, 27); got != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("icon bottom-right inside = %v, want white", got)
	}
	if got := img.RGBAAt(28, 28); got != (color.RGBA{0, 255, 0, 255}) {
		t.Errorf("beyond the icon = %v, want background", got)
	}
}

func TestManyMarkersPositions(t *testing.T) {
	c := New(200, 50)
	var at []render.Point
	for i := 0; i < 10; i++ {
		at = append(at, render.Point{X: 10 + float64(i)*19.1, Y: 25})
	}
	c.Markers(&render.Marker{Shape: render.Square, Size: 6, Fill: black}, at)
	img := c.RGBA()
	for _, p := range at {
		r := image.Rect(int(p.X)-8, 15, int(p.X)+8, 35)
		cx, _ := centroid(img, r)
		if math.Abs(cx-p.X) > 0.14 {
			t.Errorf("marker at x=%.2f centred at %.3f", p.X, cx)
		}
	}
	if got, want := totalInk(img), 10*36.0; math.Abs(got-want) > 1 {
		t.Errorf("10 squares of 6 px: ink %.2f, want %.0f", got, want)
	}
}

// compositeSprites is what Markers must paint: each marker's sprite (its
// premultiplied pixels) composited source-over with BlitRow, one after the
// other, clipped to the image.
func compositeSprites(img *image.RGBA, m *render.Marker, at []render.Point) {
	sw := m.StrokeWidth
	if !(sw > 0) || m.Stroke.A == 0 {
		sw = 0
	}
	key := spriteKey{shape: m.Shape, size: m.Size, sw: sw, fill: m.Fill, stroke: m.Stroke}
	if sw == 0 {
		key.stroke = color.NRGBA{}
	}
	if m.Shape == render.Icon {
		key.fill, key.stroke, key.sw, key.icon = color.NRGBA{}, color.NRGBA{}, 0, m.Icon
	}
	b := img.Rect
	for _, p := range at {
		if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.Abs(p.X) > 1e6 || math.Abs(p.Y) > 1e6 {
			continue
		}
		qx := int(math.Floor(p.X*subSteps + 0.5))
		qy := int(math.Floor(p.Y*subSteps + 0.5))
		k := key
		k.qx, k.qy = uint8(qx&3), uint8(qy&3)
		sp := renderSprite(k, m.Icon)
		x, y := qx>>2+sp.dx, qy>>2+sp.dy
		x0, x1 := max(x, b.Min.X), min(x+sp.w, b.Max.X)
		for yy := max(y, b.Min.Y); yy < min(y+sp.h, b.Max.Y); yy++ {
			if x0 >= x1 {
				break
			}
			so := (yy-y)*sp.w*4 + (x0-x)*4
			do := img.PixOffset(x0, yy)
			BlitRow(img.Pix[do:do+(x1-x0)*4], sp.pix[so:so+(x1-x0)*4])
		}
	}
}

// TestMarkersEqualSpriteComposite: markers drawn on one canvas and replayed
// from a recording into bands of several heights (some markers cut by the
// bands and by the image's edges, many overlapping) paint exactly what
// compositing their sprites one by one does, on a background of noise.
func TestMarkersEqualSpriteComposite(t *testing.T) {
	const w, h = 160, 120
	rnd := rand.New(rand.NewPCG(7, 8))
	bg := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(bg.Pix); i += 4 {
		a := uint8(rnd.IntN(256))
		bg.Pix[i+3] = a
		for c := range 3 {
			bg.Pix[i+c] = uint8(rnd.IntN(int(a) + 1))
		}
	}
	icon := image.NewNRGBA(image.Rect(0, 0, 5, 4))
	for i := range icon.Pix {
		icon.Pix[i] = uint8(rnd.IntN(256))
	}
	markers := []render.Marker{
		{Shape: render.Circle, Size: 5, Fill: color.NRGBA{228, 26, 28, 255}, Stroke: color.NRGBA{255, 255, 255, 204}, StrokeWidth: 1},
		{Shape: render.Circle, Size: 11, Fill: color.NRGBA{0, 188, 212, 70}, Stroke: color.NRGBA{20, 20, 20, 255}, StrokeWidth: 2.5},
		{Shape: render.Square, Size: 6, Fill: color.NRGBA{10, 200, 30, 255}},
		{Shape: render.Triangle, Size: 9, Fill: color.NRGBA{0, 200, 250, 180}},
		{Shape: render.Diamond, Size: 7.3, Fill: color.NRGBA{90, 0, 90, 255}, Stroke: color.NRGBA{255, 255, 0, 128}, StrokeWidth: 0.6},
		{Shape: render.Icon, Size: 9, Icon: icon},
		// A sprite over maxInkPixels, blitted from its pixels.
		{Shape: render.Circle, Size: 70, Fill: color.NRGBA{0, 0, 200, 90}, Stroke: color.NRGBA{0, 0, 0, 255}, StrokeWidth: 2},
	}
	for _, m := range markers {
		at := make([]render.Point, 600)
		for i := range at {
			// Some beyond every edge, many on one another.
			// (float32 values: a Compact recording keeps them exactly)
			at[i] = render.Point{X: float64(float32(-12 + rnd.Float64()*(w+24))), Y: float64(float32(-12 + rnd.Float64()*(h+24)))}
			if i%5 == 0 {
				at[i] = at[i/2]
			}
		}
		at[7] = render.Point{X: math.NaN(), Y: 10}
		want := image.NewRGBA(bg.Rect)
		copy(want.Pix, bg.Pix)
		compositeSprites(want, &m, at)

		one := image.NewRGBA(bg.Rect)
		copy(one.Pix, bg.Pix)
		NewBand(one, one.Rect).Markers(&m, at)
		if d, n := maxDiff(want, one, 0); n > 0 {
			t.Errorf("%v size %g on one canvas: %d pixels differ from the sprites composited, by up to %d", m.Shape, m.Size, n, d)
		}
		for _, compact := range []bool{false, true} {
			rec := render.Recording{Compact: compact}
			rec.Markers(&m, at)
			for _, rows := range []int{1, 5, 17, 68} {
				img := image.NewRGBA(bg.Rect)
				copy(img.Pix, bg.Pix)
				c := NewBand(img, image.Rect(0, 0, w, rows))
				for y := 0; y < h; y += rows {
					c.SetClip(image.Rect(0, y, w, y+rows))
					rec.Replay(c)
				}
				if d, n := maxDiff(want, img, 0); n > 0 {
					t.Errorf("%v size %g replayed into bands of %d rows (compact %v): %d pixels differ, by up to %d", m.Shape, m.Size, rows, compact, n, d)
				}
			}
		}
	}
}

// TestBlendFlatKernels: the SSE2 kernel (on amd64) and the Go one agree on
// every pixel, with any source, inverse alpha and destination bytes.
func TestBlendFlatKernels(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	const n = 4096
	pix := make([]byte, n*4+64)
	for i := range pix {
		pix[i] = uint8(rnd.IntN(256))
	}
	var opaque []opaquePx
	var pairs, single []blendPx
	for off := 32; off+8 <= n*4; {
		var b blendPx
		b.off = uint32(off)
		for k := range 2 {
			b.set(k, inkPx{expand(rnd.Uint32()), uint64(rnd.IntN(256))})
		}
		switch rnd.IntN(3) {
		case 0:
			opaque = append(opaque, opaquePx{uint32(off), rnd.Uint32()})
			off += 4
		case 1:
			pairs = append(pairs, b)
			off += 8
		default:
			single = append(single, b)
			off += 4
		}
	}
	want := append([]byte(nil), pix...)
	blendFlatGo(want, -32, opaque, pairs, single)
	got := append([]byte(nil), pix...)
	blendFlatSSE2(got, -32, opaque, pairs, single)
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("byte %d: %d, want %d (Go kernel)", i, got[i], want[i])
		}
	}
}

// TestBlitRowKernels: BlitRow (four pixels at a time with SSE2 on amd64)
// equals the Go loop, a pixel at a time, on premultiplied sources with runs
// of transparent, opaque and translucent pixels, and on transparent pixels
// that carry colour (left out, as always).
func TestBlitRowKernels(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	for _, n := range []int{0, 1, 3, 4, 5, 8, 17, 64, 333, 1920} {
		src := make([]byte, n*4)
		for i := 0; i < n; {
			run := 1 + rnd.IntN(9)
			kind := rnd.IntN(4)
			for ; run > 0 && i < n; run, i = run-1, i+1 {
				p := src[i*4 : i*4+4]
				switch kind {
				case 0: // transparent, sometimes with colour
					p[0], p[1], p[2], p[3] = uint8(rnd.IntN(2)*rnd.IntN(256)), 0, 0, 0
				case 1:
					p[3] = 255
					p[0], p[1], p[2] = uint8(rnd.IntN(256)), uint8(rnd.IntN(256)), uint8(rnd.IntN(256))
				default:
					a := rnd.IntN(256)
					p[3] = uint8(a)
					p[0], p[1], p[2] = uint8(rnd.IntN(a+1)), uint8(rnd.IntN(a+1)), uint8(rnd.IntN(a+1))
				}
			}
		}
		dst := make([]byte, n*4)
		for i := range dst {
			dst[i] = uint8(rnd.IntN(256))
		}
		want := append([]byte(nil), dst...)
		blitRowGo(want, src)
		BlitRow(dst, src)
		for i := range dst {
			if dst[i] != want[i] {
				t.Fatalf("%d pixels: byte %d = %d, want %d", n, i, dst[i], want[i])
			}
		}
	}
}

// TestMarkersBandsConcurrent: bands replayed at once on several goroutines
// (sharing the recording's grouping of points and the sprites' flat lists,
// made by whichever band comes first) paint what one canvas does.
func TestMarkersBandsConcurrent(t *testing.T) {
	const w, h, rows = 300, 200, 12
	rnd := rand.New(rand.NewPCG(15, 16))
	at := make([]render.Point, 3000)
	for i := range at {
		at[i] = render.Point{X: rnd.Float64() * w, Y: rnd.Float64() * h}
	}
	// A style no other test uses: its sprites are made during the replay.
	m := &render.Marker{Shape: render.Circle, Size: 5.5, Fill: color.NRGBA{17, 170, 68, 255}, Stroke: color.NRGBA{255, 255, 255, 203}, StrokeWidth: 1}
	one := New(w, h)
	one.Markers(m, at)
	var rec render.Recording
	rec.Markers(m, at)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := NewBand(img, image.Rect(0, 0, w, rows))
			for y := g * rows; y < h; y += 4 * rows {
				c.SetClip(image.Rect(0, y, w, y+rows))
				rec.Replay(c)
			}
		}()
	}
	wg.Wait()
	if d, n := maxDiff(one.RGBA(), img, 0); n > 0 {
		t.Errorf("bands on 4 goroutines: %d pixels differ from one canvas, by up to %d", n, d)
	}
}
