// Package mapframe draws the successive frames of an interactive map,
// reusing what was drawn: while the view only pans, the last picture of the
// map (without labels) is shifted in place and only the strips the pan
// exposes are drawn; the labels, placed once for an area larger than the
// view and drawn into a cached transparent layer (labels.go), are then
// composited over a copy, and whatever the caller draws over the map is
// drawn on top. A zoom, a resize or a change of options draws everything
// anew. Buffers are kept from frame to frame: a frame
// allocates no new full-size image.
package mapframe

import (
	"image"
	"math"

	"maliatlas/geo"
	"maliatlas/render"
	"maliatlas/render/export"
)

// outputs is how many frames a Cache hands out in rotation: the caller may
// still be showing the one before last while the next is drawn.
const outputs = 3

// Cache draws frames of one scene. It is not safe for concurrent use: one
// goroutine (the map's draw loop) owns it.
type Cache struct {
	base  *image.RGBA // the map without labels, as last drawn
	outs  [outputs]*image.RGBA
	next  int
	strip *image.RGBA

	valid  bool
	ox, oy float64 // world coordinates of base's pixel (0, 0)
	zoom   float64
	scale  float64
	w, h   int
	gen    uint64
	evGen  uint64 // the event layers' (render.EventLayer.Prepare)

	labels labelLayer // the labels of the padded area (labels.go)

	// Reused reports whether the last frame reused the picture before it.
	Reused bool
	// Placed reports whether the last frame placed the labels anew (a
	// zoom, other options, a pan near the padded area's edge, or labels
	// across the view's edge once settled).
	Placed bool

	settle bool // the next frame is of a map at rest (Settle)
}

// Settle says the map is at rest (the pan has ended): the next frame places
// the labels again if some cross the view's edges, so that none is cut.
// The caller then asks for a frame of the same view.
func (c *Cache) Settle() { c.settle = true }

// Invalidate makes the next frame a full redraw.
func (c *Cache) Invalidate() { c.valid, c.labels.valid = false, false }

// Labels returns the cached labels that reach the last frame's view, in its
// device pixels (the off-map labels, placed per frame, are not among them).
func (c *Cache) Labels() []render.PlacedLabel {
	if !c.labels.valid {
		return nil
	}
	return c.labels.visible(c.w, c.h)
}

// Frame draws the frame o asks for (o.View gives the view) and returns it.
// gen identifies what the options show besides the view: a frame with
// another gen than the last is drawn anew. over, when not nil, draws on top
// of the map after the labels (annotations). The image returned stays valid
// until two more frames have been drawn.
func (c *Cache) Frame(s *render.Scene, o render.Options, gen uint64, over func(render.Sink)) *image.RGBA {
	v := o.View
	w, h := v.DeviceSize()
	ox, oy := v.ScreenToWorld(0, 0)
	ppw := v.PixelsPerWorld()
	if c.base == nil || c.base.Rect.Dx() != w || c.base.Rect.Dy() != h {
		c.base = image.NewRGBA(image.Rect(0, 0, w, h))
		for i := range c.outs {
			c.outs[i] = nil
		}
		c.valid = false
	}
	dx, dy := (c.ox-ox)*ppw, (c.oy-oy)*ppw // how far the content moved
	rx, ry := math.Round(dx), math.Round(dy)
	// Event layers make what they cache (density, hex cells, clusters)
	// for the whole frame, so that the strips only sample it; when they
	// would draw the places already drawn otherwise, all is redrawn.
	var evGen uint64
	for _, ev := range o.Events {
		evGen = evGen*1000003 + ev.Prepare(v)
	}
	reuse := c.valid && gen == c.gen && evGen == c.evGen && v.Zoom == c.zoom && v.DeviceScale() == c.scale &&
		math.Abs(dx-rx) < 0.02 && math.Abs(dy-ry) < 0.02 && math.Abs(rx) < float64(w) && math.Abs(ry) < float64(h)
	base := o
	base.NoLabels = true
	base.RasterTarget = true
	if reuse {
		ix, iy := int(rx), int(ry)
		shift(c.base, ix, iy)
		c.labels.offX -= ix
		c.labels.offY -= iy
		// Keep the exact origin of the shifted picture, so rounding never
		// accumulates over a long drag.
		c.ox -= float64(ix) / ppw
		c.oy -= float64(iy) / ppw
		// The exposed strips: a column at the left or right, a row at the
		// top or bottom (the row without the column's part).
		if ix > 0 {
			c.drawStrip(s, base, image.Rect(0, 0, ix, h))
		} else if ix < 0 {
			c.drawStrip(s, base, image.Rect(w+ix, 0, w, h))
		}
		x0, x1 := max(0, ix), min(w, w+ix)
		if iy > 0 {
			c.drawStrip(s, base, image.Rect(x0, 0, x1, iy))
		} else if iy < 0 {
			c.drawStrip(s, base, image.Rect(x0, h+iy, x1, h))
		}
	} else {
		var rec render.Recording
		s.Draw(&rec, &base)
		export.ReplayParallel(&rec, c.base)
		rec.Release() // its blocks for the next frame's recording
		c.ox, c.oy = ox, oy
	}
	c.valid, c.gen, c.evGen, c.zoom, c.scale, c.w, c.h = true, gen, evGen, v.Zoom, v.DeviceScale(), w, h
	c.Reused = reuse

	out := c.outs[c.next]
	if out == nil {
		out = image.NewRGBA(c.base.Rect)
		c.outs[c.next] = out
	}
	c.next = (c.next + 1) % outputs
	copy(out.Pix, c.base.Pix)
	var rec render.Recording
	if !o.NoLabels {
		if o.LabelInset != (render.Inset{}) || len(o.LabelObstacles) > 0 {
			// Labels kept off a layout's elements: placed for the view,
			// every frame.
			labels := o
			labels.LabelsOnly = true
			s.Draw(&rec, &labels)
			c.Placed = true
		} else {
			c.drawLabels(s, o, out, &rec)
		}
	}
	if over != nil {
		over(&rec)
	}
	if rec.Len() > 0 {
		export.ReplayParallel(&rec, out)
	}
	rec.Release()
	c.settle = false
	return out
}

// drawLabels composites the cached labels over out (placing them first when
// needed) and places the off-map labels into rec, clear of them.
func (c *Cache) drawLabels(s *render.Scene, o render.Options, out *image.RGBA, rec *render.Recording) {
	v := o.View
	w, h := v.DeviceSize()
	l := &c.labels
	// A full redraw places the labels again (its options may show
	// others), keeping those still shown where they were.
	settle := c.settle && l.valid && l.acrossView(w, h)
	c.Placed = !c.Reused || !l.usable(c.gen, v.Zoom, v.DeviceScale(), w, h) || settle
	if c.Placed {
		// Off the view's edges unless the map is panning.
		l.place(s, o, c.ox, c.oy, c.gen, l.sameGeometry(v.Zoom, v.DeviceScale(), w, h), !c.Reused || settle)
	}
	vis := l.visible(w, h)
	if c.Reused {
		l.composite(out)
	} else {
		// A full redraw (a zoom, mostly: often one of many): the labels
		// in view are drawn directly; the tiles wait for the first pan.
		for i := range vis {
			vis[i].Draw(rec)
		}
	}
	if o.PlacedLabels != nil {
		for i := range vis {
			*o.PlacedLabels = append(*o.PlacedLabels, vis[i].Box)
		}
	}
	// The off-map labels follow the view's edges: placed every frame.
	off := o
	off.LabelsOnly = true
	off.Offmap = render.OffmapOnly
	off.LabelObstacles = make([]render.Rect, 0, len(vis))
	for i := range vis {
		off.LabelObstacles = append(off.LabelObstacles, vis[i].Box)
	}
	s.Draw(rec, &off)
}

// drawStrip draws the map (without labels) for the device pixels r of the
// frame into the base picture.
func (c *Cache) drawStrip(s *render.Scene, o render.Options, r image.Rectangle) {
	if r.Empty() {
		return
	}
	v := o.View
	sc := v.DeviceScale()
	ppw := v.PixelsPerWorld()
	// A view whose device pixel (0, 0) is the frame's pixel r.Min.
	sv := v
	sv.Width, sv.Height = int(math.Ceil(float64(r.Dx())/sc)), int(math.Ceil(float64(r.Dy())/sc))
	sw, sh := sv.DeviceSize()
	wx := c.ox + (float64(r.Min.X)+float64(sw)/2)/ppw
	wy := c.oy + (float64(r.Min.Y)+float64(sh)/2)/ppw
	sv.Center = geo.Unproject(wx, wy)
	o.View = sv
	if c.strip == nil || c.strip.Rect.Dx() != sw || c.strip.Rect.Dy() != sh {
		if c.strip != nil && cap(c.strip.Pix) >= sw*sh*4 {
			c.strip = &image.RGBA{Pix: c.strip.Pix[:sw*sh*4], Stride: sw * 4, Rect: image.Rect(0, 0, sw, sh)}
		} else {
			c.strip = image.NewRGBA(image.Rect(0, 0, sw, sh))
		}
	}
	clear(c.strip.Pix)
	var rec render.Recording
	s.Draw(&rec, &o)
	export.ReplayParallel(&rec, c.strip)
	rec.Release()
	for y := 0; y < r.Dy(); y++ {
		src := c.strip.Pix[y*c.strip.Stride : y*c.strip.Stride+r.Dx()*4]
		o := (r.Min.Y+y)*c.base.Stride + r.Min.X*4
		copy(c.base.Pix[o:o+r.Dx()*4], src)
	}
}

// shift moves the pixels of img by (dx, dy) in place; what is exposed keeps
// old pixels, to be drawn over.
func shift(img *image.RGBA, dx, dy int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if dx == 0 && dy == 0 {
		return
	}
	row := func(y int) []byte { return img.Pix[y*img.Stride : y*img.Stride+w*4] }
	move := func(dst, src int) {
		d, s := row(dst), row(src)
		if dx >= 0 {
			copy(d[dx*4:], s[:(w-dx)*4])
		} else {
			copy(d[:(w+dx)*4], s[-dx*4:])
		}
	}
	if dy > 0 {
		for y := h - 1; y >= dy; y-- {
			move(y, y-dy)
		}
	} else {
		for y := 0; y < h+dy; y++ {
			move(y, y-dy)
		}
	}
}
