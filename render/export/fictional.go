package export

import (
	"image/color"
	"math"

	"maliatlas/render"
)

// fictional reports whether m is a training scenario's page.
func (m *Map) fictional() bool { return m.Fictional || m.Exercise != nil }

// bandHeight is the height of the fictional band (0 on other pages).
func (m *Map) bandHeight(pg Page) float64 {
	if !m.fictional() {
		return 0
	}
	return render.FictionalBandHeight(pg.Scale)
}

// fictional draws the band across the page at y, under the title. It goes
// over the whole width, the legend and panel included, so no crop of the
// page's upper part loses it.
func (L *layout) fictional(y, h, right float64) {
	if h <= 0 {
		return
	}
	render.DrawFictionalBand(L.s, 0, y, float64(L.pg.W), h, L.lang, L.fonts)
	// And a thin repeat along the bottom edge, so a crop of the lower part
	// still shows it is fictional.
	bh := h * 0.7
	render.DrawFictionalBand(L.s, 0, float64(L.pg.H)-bh, float64(L.pg.W), bh, L.lang, L.fonts)
}

// Panel is a column of text down the right side of a page: a debrief's
// questions, answers and reports.
type Panel struct {
	// Width is the share of the page's width (0.36 when zero).
	Width  float64
	Blocks []PanelBlock
}

// PanelBlock is a heading and its lines.
type PanelBlock struct {
	Heading string
	Lines   []PanelLine
}

// PanelLine is a paragraph, wrapped to the panel; a Swatch colour draws a
// square before it (a group's colour).
type PanelLine struct {
	Text   string
	Bold   bool
	Color  color.NRGBA // zero: ink
	Swatch color.NRGBA // zero alpha: none
	Indent bool
}

func (m *Map) panelWidth(pg Page) float64 {
	if m.Panel == nil {
		return 0
	}
	w := m.Panel.Width
	if w <= 0 {
		w = 0.36
	}
	return math.Round(float64(pg.W) * w)
}

type panelRun struct {
	text        string
	bold, head  bool
	color       color.NRGBA
	swatch      color.NRGBA
	indent, gap float64
	first       bool
}

// panel draws m.Panel between top and bottom, shrinking the text until it fits.
func (L *layout) panel(top, bottom float64) {
	p := L.m.Panel
	if p == nil {
		return
	}
	k := L.k
	w := L.m.panelWidth(L.pg)
	x0 := float64(L.pg.W) - w
	H := float64(L.pg.H) - bottom
	L.rect(x0, top, w, H-top, &render.Style{Fill: color.NRGBA{255, 255, 255, 255}})
	L.rect(x0, top, 1*k, H-top, &render.Style{Fill: panelRim})
	f, fb := L.fonts.Regular, L.fonts.Bold
	lay := func(size float64) ([]panelRun, float64) {
		var runs []panelRun
		y := 0.0
		lh := size * 1.3
		for bi, b := range p.Blocks {
			if b.Heading != "" {
				gap := 0.0
				if bi > 0 {
					gap = size * 0.8
				}
				for i, line := range wrap(b.Heading, fb, size*1.1, w-24*k) {
					runs = append(runs, panelRun{text: line, bold: true, head: true, gap: gap * b2f(i == 0), first: i == 0})
					y += gap*b2f(i == 0) + lh*1.1
				}
			}
			for _, l := range b.Lines {
				ind := 0.0
				if l.Indent {
					ind = 12 * k
				}
				if l.Swatch.A != 0 {
					ind += size * 1.1
				}
				font := f
				if l.Bold {
					font = fb
				}
				for i, line := range wrap(l.Text, font, size, w-24*k-ind) {
					r := panelRun{text: line, bold: l.Bold, color: l.Color, indent: ind, first: i == 0}
					if i == 0 {
						r.swatch = l.Swatch
						r.gap = size * 0.25
					}
					runs = append(runs, r)
					y += r.gap + lh
				}
			}
		}
		return runs, y
	}
	size := 10.5 * k
	runs, total := lay(size)
	for total > H-top-20*k && size > 6*k {
		size *= 0.92
		runs, total = lay(size)
	}
	y := top + 12*k
	lh := size * 1.3
	for _, r := range runs {
		y += r.gap
		font, sz := f, size
		if r.bold {
			font = fb
		}
		if r.head {
			sz = size * 1.1
		}
		c := r.color
		if c.A == 0 {
			c = ink
		}
		if r.swatch.A != 0 {
			s := size * 0.8
			L.rect(x0+12*k+r.indent-size*1.1, y+lh*0.78-s, s, s, &render.Style{Fill: r.swatch, Stroke: ink, Width: 0.5 * k})
		}
		L.text(x0+12*k+r.indent, y+lh*0.78, r.text, font, sz, c)
		y += lh
		if r.head {
			y += lh * 0.1
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
