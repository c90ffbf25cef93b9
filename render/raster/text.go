package raster

import (
	"math"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"maliatlas/render"
)

// Text is drawn from glyph outlines: each glyph is loaded from the sfnt font
// unhinted, flattened at its pixel size and cached; a run's glyphs are placed
// with the same advances and kerning as render.Font.Measure, stroked (halo)
// and then filled, each as one rasterizer pass.

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

// Text draws one run: the halo (outlines stroked HaloWidth wide with round
// joins) first, then the glyphs filled.
func (c *Canvas) Text(t *render.Text) {
	if c.empty() || t == nil || t.Font == nil || t.S == "" || !(t.Size > 0) || t.Size > 1e4 ||
		math.IsNaN(t.X) || math.IsNaN(t.Y) || math.IsInf(t.X, 0) || math.IsInf(t.Y, 0) {
		return
	}
	halo := t.Halo.A != 0 && t.HaloWidth > 0 && t.HaloWidth < 1e4
	hw := 0.0
	if halo {
		hw = t.HaloWidth / 2
	}
	// Cheap vertical cull (generous: glyphs stay within about 1.2 em above
	// and 0.5 em below the baseline).
	if t.Y+0.6*t.Size+hw+1 < float64(c.clip.Min.Y) || t.Y-1.3*t.Size-hw-1 > float64(c.clip.Max.Y) ||
		t.X-t.Size-hw > float64(c.clip.Max.X) {
		return
	}
	// Lay out the glyphs.
	f := t.Font
	c.textPts = c.textPts[:0]
	c.textSubs = c.textSubs[:0]
	x := t.X
	prev := rune(-1)
	for _, r := range t.S {
		if prev >= 0 {
			x += f.Kern(prev, r) * t.Size
		}
		g := getGlyph(f, f.GlyphIndex(r), t.Size)
		for i := 0; i+1 < len(g.starts); i++ {
			start := len(c.textPts)
			for _, p := range g.pts[g.starts[i]:g.starts[i+1]] {
				c.textPts = append(c.textPts, render.Point{X: p.X + x, Y: p.Y + t.Y})
			}
			c.textSubs = append(c.textSubs, [2]int{start, len(c.textPts)})
		}
		x += f.Advance(r) * t.Size
		prev = r
	}
	if halo {
		w, scale := t.HaloWidth, 1.0
		if w < 1 {
			scale, w = w, 1
		}
		c.str.setup(w, &render.Style{Join: render.RoundJoin})
		for _, s := range c.textSubs {
			c.str.subpath(c.textPts[s[0]:s[1]], true)
		}
		c.bl.setColor(t.Halo, scale)
		c.ras.sweep(false, &c.bl)
	}
	if t.Color.A != 0 {
		r := c.ras
		for _, s := range c.textSubs {
			pts := c.textPts[s[0]:s[1]]
			if len(pts) < 3 {
				continue
			}
			r.moveTo(pts[0].X, pts[0].Y)
			for _, p := range pts[1:] {
				r.lineTo(p.X, p.Y)
			}
			r.closePath()
		}
		c.bl.setColor(t.Color, 1)
		r.sweep(false, &c.bl)
	}
}
