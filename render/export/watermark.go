package export

import (
	"image/color"
	"math"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"maliatlas/render"
)

var watermarkInk = color.NRGBA{128, 128, 128, 70}

// watermark draws text diagonally across the page, lower left to upper
// right, in light grey. Sinks draw text horizontally only, so the glyphs are
// drawn as filled outlines.
func (L *layout) watermark(text string) {
	f := L.fonts.Bold
	if f == nil {
		f = L.fonts.Regular
	}
	if f == nil || text == "" {
		return
	}
	W, H := float64(L.pg.W), float64(L.pg.H)
	angle := math.Atan2(H, W)
	diag := math.Hypot(W, H)
	// As large as fits 70 % of the diagonal, and not taller than a fifth of the page.
	size := math.Min(0.7*diag/math.Max(f.Measure(text, 1), 0.1), math.Min(W, H)/5)
	w := f.Measure(text, size)
	asc, _ := f.Metrics()
	subs := outline(f, text, size)
	// Centre the run on the page, then rotate it about the centre.
	cx, cy := W/2, H/2
	ox, oy := -w/2, asc*size*0.72/2
	sin, cos := math.Sincos(-angle)
	for _, sub := range subs {
		for i, p := range sub {
			x, y := p.X+ox, p.Y+oy
			sub[i] = render.Point{X: cx + x*cos - y*sin, Y: cy + x*sin + y*cos}
		}
	}
	L.s.Path(&render.Path{Closed: true, Sub: subs}, &render.Style{Fill: watermarkInk, FillRule: render.NonZero})
}

// outline returns the glyph outlines of s at size, baseline at y = 0 from
// x = 0, y down, advancing as Font.Measure does.
func outline(f *render.Font, s string, size float64) [][]render.Point {
	sf := f.SFNT()
	var buf sfnt.Buffer
	upem := float64(sf.UnitsPerEm())
	k := size / upem / 64
	var subs [][]render.Point
	x := 0.0
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			x += f.Kern(prev, r) * size
		}
		prev = r
		gi := f.GlyphIndex(r)
		segs, err := sf.LoadGlyph(&buf, gi, fixed.Int26_6(sf.UnitsPerEm())<<6, nil)
		if err == nil {
			pt := func(p fixed.Point26_6) render.Point {
				return render.Point{X: x + float64(p.X)*k, Y: float64(p.Y) * k}
			}
			var cur []render.Point
			var last render.Point
			for _, sg := range segs {
				switch sg.Op {
				case sfnt.SegmentOpMoveTo:
					if len(cur) >= 3 {
						subs = append(subs, cur)
					}
					last = pt(sg.Args[0])
					cur = []render.Point{last}
				case sfnt.SegmentOpLineTo:
					last = pt(sg.Args[0])
					cur = append(cur, last)
				case sfnt.SegmentOpQuadTo:
					p1, p2 := pt(sg.Args[0]), pt(sg.Args[1])
					for i := 1; i <= 8; i++ {
						t := float64(i) / 8
						u := 1 - t
						cur = append(cur, render.Point{X: u*u*last.X + 2*u*t*p1.X + t*t*p2.X, Y: u*u*last.Y + 2*u*t*p1.Y + t*t*p2.Y})
					}
					last = p2
				case sfnt.SegmentOpCubeTo:
					p1, p2, p3 := pt(sg.Args[0]), pt(sg.Args[1]), pt(sg.Args[2])
					for i := 1; i <= 12; i++ {
						t := float64(i) / 12
						u := 1 - t
						cur = append(cur, render.Point{
							X: u*u*u*last.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
							Y: u*u*u*last.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y})
					}
					last = p3
				}
			}
			if len(cur) >= 3 {
				subs = append(subs, cur)
			}
		}
		x += f.Advance(r) * size
	}
	return subs
}
