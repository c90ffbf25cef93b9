package raster

import (
	"image"
	"math"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"maliatlas/render"
)

// Text is drawn from glyph outlines: each glyph is loaded from the sfnt font
// unhinted, flattened at its pixel size and cached; a run's glyphs are placed
// with the same advances and kerning as render.Font.Measure, at the nearest
// 1/32 pixel from the run's anchor rounded to a whole pixel. Each glyph, at
// each such offset, is rasterized once into coverage masks (the outline
// stroked for the halo, and filled) that are cached; a run adds up its
// glyphs' masks into the run's masks, kept in a run cache (LRU, by bytes),
// and blends the halo, then the glyphs.

const glyphTol = 0.1 // flattening tolerance, pixels

type glyphKey struct {
	f    *render.Font
	gi   sfnt.GlyphIndex
	size float64
}

// glyphOutline holds closed contours in pixels relative to the pen position
// on the baseline; contour i is pts[starts[i]:starts[i+1]].
type glyphOutline struct {
	pts    []render.Point
	starts []int
}

const maxGlyphs = 8192

var glyphCache = struct {
	sync.Mutex
	m map[glyphKey]*glyphOutline
}{m: map[glyphKey]*glyphOutline{}}

var sfntBufs = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

func getGlyph(f *render.Font, gi sfnt.GlyphIndex, size float64) *glyphOutline {
	k := glyphKey{f, gi, size}
	glyphCache.Lock()
	g := glyphCache.m[k]
	glyphCache.Unlock()
	if g != nil {
		return g
	}
	g = loadGlyph(f, gi, size)
	glyphCache.Lock()
	if len(glyphCache.m) >= maxGlyphs {
		clear(glyphCache.m)
	}
	glyphCache.m[k] = g
	glyphCache.Unlock()
	return g
}

func loadGlyph(f *render.Font, gi sfnt.GlyphIndex, size float64) *glyphOutline {
	g := &glyphOutline{}
	sf := f.SFNT()
	upem := float64(sf.UnitsPerEm())
	buf := sfntBufs.Get().(*sfnt.Buffer)
	defer sfntBufs.Put(buf)
	// Load at ppem = units per em: coordinates are font units in 26.6.
	segs, err := sf.LoadGlyph(buf, gi, fixed.Int26_6(sf.UnitsPerEm())<<6, nil)
	if err != nil {
		return g
	}
	k := size / upem / 64
	pt := func(p fixed.Point26_6) render.Point {
		return render.Point{X: float64(p.X) * k, Y: float64(p.Y) * k}
	}
	var last render.Point
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			g.starts = append(g.starts, len(g.pts))
			last = pt(s.Args[0])
			g.pts = append(g.pts, last)
		case sfnt.SegmentOpLineTo:
			last = pt(s.Args[0])
			g.pts = append(g.pts, last)
		case sfnt.SegmentOpQuadTo:
			p1, p2 := pt(s.Args[0]), pt(s.Args[1])
			dd := math.Hypot(last.X-2*p1.X+p2.X, last.Y-2*p1.Y+p2.Y)
			n := int(math.Ceil(math.Sqrt(dd / (4 * glyphTol))))
			n = min(max(n, 1), 64)
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				g.pts = append(g.pts, render.Point{
					X: u*u*last.X + 2*u*t*p1.X + t*t*p2.X,
					Y: u*u*last.Y + 2*u*t*p1.Y + t*t*p2.Y})
			}
			last = p2
		case sfnt.SegmentOpCubeTo:
			p1, p2, p3 := pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2])
			dd := max(math.Hypot(last.X-2*p1.X+p2.X, last.Y-2*p1.Y+p2.Y),
				math.Hypot(p1.X-2*p2.X+p3.X, p1.Y-2*p2.Y+p3.Y))
			n := int(math.Ceil(math.Sqrt(3 * dd / (4 * glyphTol))))
			n = min(max(n, 1), 64)
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				g.pts = append(g.pts, render.Point{
					X: u*u*u*last.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
					Y: u*u*u*last.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y})
			}
			last = p3
		}
	}
	g.starts = append(g.starts, len(g.pts))
	return g
}

// Glyphs are placed at the nearest 1/textSteps pixel (a glyph edge moves by
// at most 1/64 px: a few levels of coverage).
const (
	textShift = 5
	textSteps = 1 << textShift
)

// glyphMaskKey identifies a glyph rasterized at a subpixel offset (in
// 1/textSteps pixel) with a halo width (0: none).
type glyphMaskKey struct {
	f          *render.Font
	gi         sfnt.GlyphIndex
	size, halo float64
	subX, subY uint8
}

// glyphMask holds coverage masks w×h whose top-left pixel lands at (x, y)
// from the anchor pixel (the pen position rounded down to whole pixels).
type glyphMask struct {
	x, y, w, h int
	halo, fill []uint8 // halo is nil without a halo; either is nil when empty
	// parts: a level run too large to be kept whole (more than maxRunArea
	// pixels) keeps its glyphs' masks instead, blended one by one.
	parts []glyphPart
}

// glyphPart is a glyph's masks placed in a run, x pixels right of its anchor.
type glyphPart struct {
	m *glyphMask
	x int
}

// maxRunArea bounds a level run's masks (pixels); larger runs (huge type)
// are drawn glyph by glyph. A variable for the tests.
var maxRunArea = 1 << 20

var glyphMasks = struct {
	sync.Mutex
	m map[glyphMaskKey]*glyphMask
}{m: map[glyphMaskKey]*glyphMask{}}

func getGlyphMask(k glyphMaskKey) *glyphMask {
	glyphMasks.Lock()
	g := glyphMasks.m[k]
	glyphMasks.Unlock()
	if g != nil {
		return g
	}
	g = renderGlyphMask(k)
	glyphMasks.Lock()
	if len(glyphMasks.m) >= maxGlyphs {
		clear(glyphMasks.m)
	}
	glyphMasks.m[k] = g
	glyphMasks.Unlock()
	return g
}

func renderGlyphMask(k glyphMaskKey) *glyphMask {
	o := getGlyph(k.f, k.gi, k.size)
	g := &glyphMask{}
	if len(o.pts) == 0 {
		return g
	}
	sx, sy := float64(k.subX)/textSteps, float64(k.subY)/textSteps
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range o.pts {
		x0, y0 = min(x0, p.X+sx), min(y0, p.Y+sy)
		x1, y1 = max(x1, p.X+sx), max(y1, p.Y+sy)
	}
	reach := 1.0
	if k.halo > 0 {
		reach += max(k.halo, 1) / 2 * math.Sqrt2
	}
	g.x, g.y = int(math.Floor(x0-reach)), int(math.Floor(y0-reach))
	g.w, g.h = int(math.Ceil(x1+reach))-g.x, int(math.Ceil(y1+reach))-g.y
	mr := maskRasterizer(g.w, g.h)
	defer maskRasterizers.Put(mr)
	// Glyph points in mask pixels.
	dx, dy := sx-float64(g.x), sy-float64(g.y)
	pts := make([]render.Point, len(o.pts))
	for i, p := range o.pts {
		pts[i] = render.Point{X: p.X + dx, Y: p.Y + dy}
	}
	if k.halo > 0 {
		mr.str.setup(max(k.halo, 1), &render.Style{Join: render.RoundJoin})
		for i := 0; i+1 < len(o.starts); i++ {
			mr.str.subpath(pts[o.starts[i]:o.starts[i+1]], true)
		}
		g.halo = mr.sweep(g.w, g.h)
	}
	for i := 0; i+1 < len(o.starts); i++ {
		mr.ras.polygon(pts[o.starts[i]:o.starts[i+1]])
	}
	g.fill = mr.sweep(g.w, g.h)
	return g
}

// maskRasterizers keeps the rasterizers (and their strokers) glyph masks
// are rasterized with, with their storage: after a zoom every label's
// glyphs are rendered anew at new offsets, and growing those buffers from
// nothing for each mask took about a third of the time.
var maskRasterizers sync.Pool

type maskRas struct {
	ras *rasterizer
	str *stroker
}

// sweep returns the coverage of the path accumulated as a w×h mask (nil
// when empty) and resets the rasterizer.
func (mr *maskRas) sweep(w, h int) []uint8 {
	m := make([]uint8, w*h)
	mr.ras.sweepMask(false, m, w)
	for _, v := range m {
		if v != 0 {
			return m
		}
	}
	return nil
}

// maskRasterizer returns a rasterizer over the mask w×h (from the pool when
// there is one), as a new canvas of that size has.
func maskRasterizer(w, h int) *maskRas {
	r := image.Rect(0, 0, w, h)
	mr, _ := maskRasterizers.Get().(*maskRas)
	if mr == nil {
		ras := newRasterizer(r, r)
		return &maskRas{ras, newStroker(ras)}
	}
	mr.ras.setClip(r, r)
	return mr
}

// Text draws one run: the halo (outlines stroked HaloWidth wide with round
// joins) first, then the glyphs filled. The run is anchored at the nearest
// whole device pixel (its glyphs keep their exact advances from there, at
// 1/textSteps pixel), so that a run's coverage masks depend only on its text,
// font, size, halo width and angle: they are made once, kept in the run cache
// and blended with the run's colours wherever the label lands (after a zoom,
// labels land at new sub-pixel positions every frame; a label seen at the
// last zoom is then only a blit).
func (c *Canvas) Text(t *render.Text) {
	if c.empty() || t == nil || t.Font == nil || t.S == "" || !(t.Size > 0) || t.Size > 1e4 ||
		math.IsNaN(t.X) || math.IsNaN(t.Y) || math.IsInf(t.X, 0) || math.IsInf(t.Y, 0) ||
		math.Abs(t.X) > 1e9 || math.Abs(t.Y) > 1e9 {
		return
	}
	halo := t.Halo.A != 0 && t.HaloWidth > 0 && t.HaloWidth < 1e4
	if t.Color.A == 0 && !halo {
		return
	}
	k := runKey{f: t.Font, size: t.Size, s: t.S}
	if halo {
		k.halo = t.HaloWidth
	}
	if t.Angle != 0 && !math.IsNaN(t.Angle) && !math.IsInf(t.Angle, 0) {
		k.angle = t.Angle
	} else {
		// Cheap vertical cull of a level run (generous: glyphs stay within
		// about 1.2 em above and 0.5 em below the baseline).
		hw := k.halo / 2
		if t.Y+0.6*t.Size+hw+1 < float64(c.clip.Min.Y) || t.Y-1.3*t.Size-hw-1 > float64(c.clip.Max.Y) ||
			t.X-t.Size-hw > float64(c.clip.Max.X) {
			return
		}
	}
	m := getRun(k)
	ax, ay := int(math.Floor(t.X+0.5)), int(math.Floor(t.Y+0.5))
	px, py := ax+m.x, ay+m.y // the masks' top-left on the canvas
	if m.w == 0 || px >= c.clip.Max.X || py >= c.clip.Max.Y || px+m.w <= c.clip.Min.X || py+m.h <= c.clip.Min.Y {
		return
	}
	pen := c.thinPen()
	if m.parts != nil {
		c.textParts(t, m, ax, ay, halo)
		return
	}
	if halo && m.halo != nil {
		pen.addMask(m.halo, px, py, m.w, m.h)
		scale := 1.0
		if t.HaloWidth < 1 {
			scale = t.HaloWidth
		}
		c.bl.setColor(t.Halo, scale)
		pen.flush(&c.bl)
	}
	if t.Color.A != 0 && m.fill != nil {
		pen.addMask(m.fill, px, py, m.w, m.h)
		c.bl.setColor(t.Color, 1)
		pen.flush(&c.bl)
	}
}

// textParts draws a run kept as its glyphs' masks.
func (c *Canvas) textParts(t *render.Text, m *glyphMask, ax, ay int, halo bool) {
	pen := c.thinPen()
	if halo {
		for _, g := range m.parts {
			pen.addMask(g.m.halo, ax+g.x+g.m.x, ay+g.m.y, g.m.w, g.m.h)
		}
		scale := 1.0
		if t.HaloWidth < 1 {
			scale = t.HaloWidth
		}
		c.bl.setColor(t.Halo, scale)
		pen.flush(&c.bl)
	}
	if t.Color.A != 0 {
		for _, g := range m.parts {
			pen.addMask(g.m.fill, ax+g.x+g.m.x, ay+g.m.y, g.m.w, g.m.h)
		}
		c.bl.setColor(t.Color, 1)
		pen.flush(&c.bl)
	}
}

// runKey identifies a run's coverage masks (anchored at a whole pixel).
type runKey struct {
	f                 *render.Font
	size, halo, angle float64
	s                 string
}

// maxRunBytes bounds the run cache (the masks' bytes; least recently used
// runs are dropped first). A variable for the tests.
var maxRunBytes = 16 << 20

type runEntry struct {
	k          runKey
	m          *glyphMask
	prev, next *runEntry
}

// runCache is shared by every canvas (the bands of a parallel replay draw
// on several goroutines); masks are never changed once made.
var runCache = struct {
	sync.Mutex
	m     map[runKey]*runEntry
	head  runEntry // sentinel: head.next most recently used
	bytes int
}{m: map[runKey]*runEntry{}}

func (e *runEntry) size() int {
	n := len(e.m.halo) + len(e.m.fill) + len(e.k.s) + 128
	for _, p := range e.m.parts {
		n += len(p.m.halo) + len(p.m.fill) + 64
	}
	return n
}

func (e *runEntry) unlink() { e.prev.next, e.next.prev = e.next, e.prev }

func (e *runEntry) pushFront() {
	h := &runCache.head
	if h.next == nil {
		h.next, h.prev = h, h
	}
	e.prev, e.next = h, h.next
	h.next.prev = e
	h.next = e
}

// getRun returns the masks of k's run, from the cache or made and kept.
func getRun(k runKey) *glyphMask {
	runCache.Lock()
	if e := runCache.m[k]; e != nil {
		e.unlink()
		e.pushFront()
		runCache.Unlock()
		return e.m
	}
	runCache.Unlock()
	var m *glyphMask
	if k.angle != 0 {
		m = renderTurned(k)
	} else {
		m = renderLevel(k)
	}
	runCache.Lock()
	defer runCache.Unlock()
	if e := runCache.m[k]; e != nil { // made meanwhile on another goroutine
		return e.m
	}
	e := &runEntry{k: k, m: m}
	runCache.m[k] = e
	e.pushFront()
	runCache.bytes += e.size()
	for runCache.bytes > maxRunBytes && runCache.head.prev != e {
		old := runCache.head.prev
		old.unlink()
		delete(runCache.m, old.k)
		runCache.bytes -= old.size()
	}
	return m
}

// renderLevel makes a level run's masks from its glyphs' cached masks
// (placed at 1/textSteps pixel from the anchor pixel, coverage added),
// as the glyphs were blended one by one.
func renderLevel(k runKey) *glyphMask {
	f := k.f
	gk := glyphMaskKey{f: f, size: k.size, halo: k.halo}
	var glyphs []glyphPart
	x0, y0, x1, y1 := math.MaxInt, math.MaxInt, math.MinInt, math.MinInt
	haloInk := false
	for r, x := range f.Pen(k.s, k.size) {
		qx := int(math.Floor(x*textSteps + 0.5))
		gk.gi = f.GlyphIndex(r)
		gk.subX = uint8(qx & (textSteps - 1))
		if m := getGlyphMask(gk); m.fill != nil || m.halo != nil {
			g := glyphPart{m, qx >> textShift}
			glyphs = append(glyphs, g)
			x0, y0 = min(x0, g.x+m.x), min(y0, m.y)
			x1, y1 = max(x1, g.x+m.x+m.w), max(y1, m.y+m.h)
			haloInk = haloInk || m.halo != nil
		}
	}
	g := &glyphMask{}
	if len(glyphs) == 0 {
		return g
	}
	g.x, g.y, g.w, g.h = x0, y0, x1-x0, y1-y0
	if g.w*g.h > maxRunArea {
		g.parts = glyphs
		return g
	}
	add := func(dst, src []uint8, x, y, w, h int) {
		for row := 0; row < h; row++ {
			d := dst[(y+row)*g.w+x : (y+row)*g.w+x+w]
			for i, v := range src[row*w : row*w+w] {
				d[i] = uint8(min(uint32(d[i])+uint32(v), 255))
			}
		}
	}
	if haloInk {
		g.halo = make([]uint8, g.w*g.h)
	}
	fillInk := false
	for _, p := range glyphs {
		if p.m.halo != nil {
			add(g.halo, p.m.halo, p.x+p.m.x-g.x, p.m.y-g.y, p.m.w, p.m.h)
		}
		fillInk = fillInk || p.m.fill != nil
	}
	if fillInk {
		g.fill = make([]uint8, g.w*g.h)
		for _, p := range glyphs {
			if p.m.fill != nil {
				add(g.fill, p.m.fill, p.x+p.m.x-g.x, p.m.y-g.y, p.m.w, p.m.h)
			}
		}
	}
	return g
}

// renderTurned rasterizes the run of k turned by k.angle about its anchor
// (road refs, river names along their line): the glyph outlines, placed as
// for a level run and turned, are rasterized together into coverage masks
// the size of the run (filled, the halo dilated from the fill).
func renderTurned(k runKey) *glyphMask {
	g := &glyphMask{}
	f := k.f
	rel := render.Text{Angle: k.angle}
	var rings [][]render.Point
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for r, x := range f.Pen(k.s, k.size) {
		o := getGlyph(f, f.GlyphIndex(r), k.size)
		for i := 0; i+1 < len(o.starts); i++ {
			ring := make([]render.Point, 0, o.starts[i+1]-o.starts[i])
			for _, q := range o.pts[o.starts[i]:o.starts[i+1]] {
				p := rel.Rotated(x+q.X, q.Y)
				x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
				ring = append(ring, p)
			}
			rings = append(rings, ring)
		}
	}
	if len(rings) == 0 || x1-x0 > 1e4 || y1-y0 > 1e4 {
		return g
	}
	reach := 1.0
	if k.halo > 0 {
		reach += max(k.halo, 1) / 2 * math.Sqrt2
	}
	g.x, g.y = int(math.Floor(x0-reach)), int(math.Floor(y0-reach))
	g.w, g.h = int(math.Ceil(x1+reach))-g.x, int(math.Ceil(y1+reach))-g.y
	for _, ring := range rings {
		for i := range ring {
			ring[i].X -= float64(g.x)
			ring[i].Y -= float64(g.y)
		}
	}
	mr := maskRasterizer(g.w, g.h)
	defer maskRasterizers.Put(mr)
	for _, ring := range rings {
		mr.ras.polygon(ring)
	}
	g.fill = mr.sweep(g.w, g.h)
	if k.halo > 0 && g.fill != nil {
		g.halo = dilate(g.fill, g.w, g.h, max(k.halo, 1)/2)
	}
	return g
}

// dilate is the halo of a coverage mask w×h: each pixel covered as far as
// it is within r pixels of the ink, the ink's edge being taken where a
// pixel is half covered (what stroking the outline 2r wide with round joins
// gives, at a fraction of the cost: the level text's halo is stroked once
// per glyph and cached, a turned run's at every new angle).
func dilate(src []uint8, w, h int, r float64) []uint8 {
	type tap struct {
		dx, dy int
		d      float64
	}
	var taps []tap
	n := int(math.Ceil(r + 1))
	for dy := -n; dy <= n; dy++ {
		for dx := -n; dx <= n; dx++ {
			if d := math.Hypot(float64(dx), float64(dy)); d < r+1 {
				taps = append(taps, tap{dx, dy, d})
			}
		}
	}
	out := make([]uint8, len(src))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			best := 0.0
			for _, t := range taps {
				sx, sy := x+t.dx, y+t.dy
				if sx < 0 || sy < 0 || sx >= w || sy >= h || src[sy*w+sx] == 0 {
					continue
				}
				// The edge is about (0.5 − coverage) pixels beyond that
				// pixel's centre.
				if v := r + float64(src[sy*w+sx])/255 - t.d; v > best {
					best = v
					if best >= 1 {
						break
					}
				}
			}
			out[y*w+x] = uint8(math.Min(best, 1)*255 + 0.5)
		}
	}
	return out
}
