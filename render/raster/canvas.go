// Package raster is the anti-aliased raster backend: it implements
// render.Sink onto an *image.RGBA with a sparse cell-based scanline
// rasterizer (cost proportional to edges plus covered pixels), a stroker,
// sprite-cached point markers and outline-cached text.
//
// Device coordinates are the image's coordinates (for New, origin top-left).
// A Canvas may be limited to a clip rectangle (NewBand) so that several
// canvases sharing one image can replay the same drawing calls on separate
// goroutines, each painting its own horizontal band; the result equals a
// single canvas.
package raster

import (
	"image"
	"image/color"
	"math"
	"sync"

	"maliatlas/render"
)

// Canvas draws render primitives onto an RGBA image. A Canvas is not safe for
// concurrent use; distinct canvases (bands) on one image are, as long as their
// clips do not overlap.
type Canvas struct {
	img  *image.RGBA
	clip image.Rectangle
	ras  *rasterizer
	bl   blender
	str  *stroker
	pen  *thinPen // thin strokes, allocated on first use
	// noThin draws thin strokes with the general stroker (tests compare).
	noThin bool

	keep []bool // fill: which rings reach the clip
}

var _ render.ClipSink = (*Canvas)(nil)

// New returns a canvas over a new transparent w×h image.
func New(w, h int) *Canvas {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))
	return NewBand(img, img.Rect)
}

// NewBand returns a canvas that draws onto img only inside clip.
func NewBand(img *image.RGBA, clip image.Rectangle) *Canvas {
	clip = clip.Intersect(img.Rect)
	c := &Canvas{img: img, clip: clip, bl: newBlender(img)}
	c.ras = newRasterizer(clip, img.Rect)
	c.str = newStroker(c.ras)
	return c
}

// bandPool keeps the canvases given back by Release, with their buffers
// (coverage, cells, rows): a picture painted in bands by a few canvases at
// a time (export.ReplayParallel, once per frame in the app) does not
// allocate and grow them anew each time.
var bandPool sync.Pool

// Band is NewBand with a canvas from those given back by Release when there
// is one (the same drawing: a canvas keeps no state between paths but its
// buffers). Give it back with Release once done.
func Band(img *image.RGBA, clip image.Rectangle) *Canvas {
	c, _ := bandPool.Get().(*Canvas)
	if c == nil {
		return NewBand(img, clip)
	}
	c.retarget(img, clip)
	return c
}

// retarget moves c onto img, painting inside clip.
func (c *Canvas) retarget(img *image.RGBA, clip image.Rectangle) {
	c.img, c.bl = img, newBlender(img)
	c.SetClip(clip)
}

// Release gives c back for Band to reuse; c must not be used after. It
// keeps no reference to the image it drew on.
func (c *Canvas) Release() {
	if c.noThin {
		return // a test's canvas drawing thin strokes the general way: not for reuse
	}
	c.img, c.bl = nil, blender{}
	bandPool.Put(c)
}

// SetClip moves the canvas to another rectangle of the same image (clipped
// to it), keeping its buffers: one canvas can paint many bands in turn.
func (c *Canvas) SetClip(clip image.Rectangle) {
	clip = clip.Intersect(c.img.Rect)
	c.clip = clip
	c.ras.setClip(clip, c.img.Rect)
	if c.pen != nil {
		c.pen.setClip(clip)
	}
}

// RGBA returns the image drawn on. (The accessor cannot be called Image:
// that name is the render.Sink method drawing an image.)
func (c *Canvas) RGBA() *image.RGBA { return c.img }

// Clip returns the rectangle the canvas paints in.
func (c *Canvas) Clip() image.Rectangle { return c.clip }

// Clear sets every pixel of the clip to col (replacing, not blending).
func (c *Canvas) Clear(col color.NRGBA) {
	w := premul(col)
	for y := c.clip.Min.Y; y < c.clip.Max.Y; y++ {
		o := c.bl.offset(y, c.clip.Min.X)
		fillWord(c.img.Pix[o:o+c.clip.Dx()*4], w)
	}
}

func (c *Canvas) empty() bool { return c.clip.Empty() }

// Path fills (closed paths only) and then strokes p with st.
func (c *Canvas) Path(p *render.Path, st *render.Style) {
	if c.empty() || p == nil || st == nil {
		return
	}
	if st.HasFill() && p.Closed {
		c.fill(p.Sub, st.Fill, st.FillRule)
	}
	if st.HasStroke() {
		w := st.Width
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return
		}
		scale := 1.0
		if w < 1 {
			// Hairline: draw one pixel wide with proportionally less alpha.
			scale, w = w, 1
		}
		c.str.setup(w, st)
		thin := w <= maxThinWidth && st.Join == render.RoundJoin && !c.noThin
		if thin {
			c.thinPen().setup(w/2, st.Cap)
			c.str.thin = c.pen
		}
		for _, sub := range p.Sub {
			c.str.subpath(sub, p.Closed)
		}
		c.str.thin = nil
		c.bl.setColor(st.Stroke, scale)
		if thin {
			c.pen.flush(&c.bl)
		} else {
			c.ras.sweep(false, &c.bl)
		}
	}
}

// thinPen returns the canvas's coverage accumulator, made on first use.
func (c *Canvas) thinPen() *thinPen {
	if c.pen == nil {
		c.pen = newThinPen(c.clip)
	}
	return c.pen
}

// bigRing is the number of points above which fill takes a ring's box for
// granted (the whole clip): reading the points twice costs more than the box
// saves on such rings.
const bigRing = 128

// fill rasterizes closed rings with a fill rule, culling rings whose bounding
// box misses the clip (a ring wholly left of it has zero net winding). The
// rasterizer's cells are kept to the kept rings' bounding box.
func (c *Canvas) fill(rings [][]render.Point, col color.NRGBA, rule render.FillRule) {
	x0, y0 := float64(c.clip.Min.X), float64(c.clip.Min.Y)
	x1, y1 := float64(c.clip.Max.X), float64(c.clip.Max.Y)
	r := c.ras
	keep := c.keep[:0]
	big := false
	ux0, uy0, ux1, uy1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, ring := range rings {
		k := false
		if len(ring) > bigRing {
			// Many points: no box (a second pass over them); the ring
			// passes over what misses the band quickly, the window stays
			// the clip.
			k, big = true, true
		} else if len(ring) >= 3 {
			// The box of the ring's points that are not NaN (fmin and
			// fmax with the point first keep the box when it is NaN):
			// the rasterizer skips NaN points.
			bx0, by0, bx1, by1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
			for _, p := range ring {
				bx0, bx1 = fmin(p.X, bx0), fmax(p.X, bx1)
				by0, by1 = fmin(p.Y, by0), fmax(p.Y, by1)
			}
			k = !(bx1 <= x0 || bx0 >= x1 || by1 <= y0 || by0 >= y1)
			if k {
				ux0, uy0 = min(ux0, bx0), min(uy0, by0)
				ux1, uy1 = max(ux1, bx1), max(uy1, by1)
			}
		}
		keep = append(keep, k)
	}
	c.keep = keep
	// The window has a pixel of margin on every side for the rounding to
	// 1/256 px; a box reaching beyond ±2³⁰ px (infinite or absurd points)
	// keeps the whole clip.
	const lim = 1 << 30
	if !big && ux0 > -lim && uy0 > -lim && ux1 < lim && uy1 < lim {
		r.setWindow(int(math.Floor(ux0))-1, int(math.Floor(uy0))-1, int(math.Floor(ux1))+2, int(math.Floor(uy1))+2)
	}
	for i, ring := range rings {
		if !keep[i] {
			continue
		}
		r.ring(ring)
	}
	c.bl.setColor(col, 1)
	r.sweep(rule == render.EvenOdd, &c.bl)
}
