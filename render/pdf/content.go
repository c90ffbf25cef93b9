package pdf

import (
	"image/color"

	"maliatlas/render"
)

// content is a content stream being built (a page or a form) with the
// graphics state it has set so far, so that unchanged parameters are not
// repeated.
type content struct {
	doc *Document
	buf []byte

	fill, stroke   color.NRGBA // RGB in use (alpha ignored)
	fillA, strokeA uint8
	width          float64
	cap            render.LineCap
	join           render.LineJoin
	miter          float64
	dash           []float64
	dashOff        float64
	start          int  // length of the page's set-up (matrix)
	unknown        bool // a form: the state is inherited, so set everything
}

func newContent(d *Document) *content {
	// PDF's initial graphics state.
	return &content{doc: d, buf: make([]byte, 0, 4096), fillA: 255, strokeA: 255, width: 1, miter: 10,
		fill: color.NRGBA{A: 255}, stroke: color.NRGBA{A: 255}}
}

// newFormContent starts a form's content stream. A form inherits the
// graphics state in force where it is painted (colours, opacities, line
// width, dashes of whatever was drawn before), so nothing is assumed: the
// first fill and stroke set every parameter.
func newFormContent(d *Document) *content {
	c := newContent(d)
	c.unknown = true
	return c
}

// setFill makes c the fill colour and opacity.
func (c *content) setFill(col color.NRGBA) {
	if c.unknown || col.R != c.fill.R || col.G != c.fill.G || col.B != c.fill.B {
		c.buf = appendRGB(c.buf, col)
		c.buf = append(c.buf, " rg\n"...)
		c.fill = col
	}
	if c.unknown || col.A != c.fillA {
		c.buf = append(c.buf, '/')
		c.buf = append(c.buf, c.doc.alphaGS(false, col.A)...)
		c.buf = append(c.buf, " gs\n"...)
		c.fillA = col.A
	}
}

// setStroke makes st's stroke parameters current.
func (c *content) setStroke(st *render.Style) {
	all := c.unknown
	col := st.Stroke
	if all || col.R != c.stroke.R || col.G != c.stroke.G || col.B != c.stroke.B {
		c.buf = appendRGB(c.buf, col)
		c.buf = append(c.buf, " RG\n"...)
		c.stroke = col
	}
	if all || col.A != c.strokeA {
		c.buf = append(c.buf, '/')
		c.buf = append(c.buf, c.doc.alphaGS(true, col.A)...)
		c.buf = append(c.buf, " gs\n"...)
		c.strokeA = col.A
	}
	if all || hundredths(st.Width) != hundredths(c.width) {
		c.buf = appendNum(c.buf, st.Width)
		c.buf = append(c.buf, " w\n"...)
		c.width = st.Width
	}
	if all || st.Cap != c.cap {
		c.buf = append(c.buf, byte('0'+st.Cap), ' ', 'J', '\n')
		c.cap = st.Cap
	}
	if all || st.Join != c.join {
		c.buf = append(c.buf, byte('0'+st.Join), ' ', 'j', '\n')
		c.join = st.Join
	}
	if st.Join == render.MiterJoin {
		ml := st.Miter()
		if all || hundredths(ml) != hundredths(c.miter) {
			c.buf = appendNum(c.buf, ml)
			c.buf = append(c.buf, " M\n"...)
			c.miter = ml
		}
	}
	dash := st.DashPattern()
	if all || !sameDash(dash, c.dash) || (dash != nil && hundredths(st.DashOffset) != hundredths(c.dashOff)) {
		c.buf = append(c.buf, '[')
		for i, v := range dash {
			if i > 0 {
				c.buf = append(c.buf, ' ')
			}
			c.buf = appendNum(c.buf, v)
		}
		c.buf = append(c.buf, "] "...)
		off := 0.0
		if dash != nil {
			off = st.DashOffset
		}
		c.buf = appendNum(c.buf, off)
		c.buf = append(c.buf, " d\n"...)
		c.dash = append(c.dash[:0], dash...)
		if dash == nil {
			c.dash = nil
		}
		c.dashOff = off
	}
}

func sameDash(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if hundredths(a[i]) != hundredths(b[i]) {
			return false
		}
	}
	return true
}

func appendRGB(b []byte, c color.NRGBA) []byte {
	b = appendByteFrac(b, c.R)
	b = append(b, ' ')
	b = appendByteFrac(b, c.G)
	b = append(b, ' ')
	return appendByteFrac(b, c.B)
}

// path paints p with st: fill, then stroke.
func (c *content) path(p *render.Path, st *render.Style) {
	fill := p.Closed && st.HasFill()
	stroke := st.HasStroke()
	if !fill && !stroke {
		return
	}
	if fill {
		c.setFill(st.Fill)
	}
	if stroke {
		c.setStroke(st)
	}
	n := len(c.buf)
	c.buf = appendPathOps(c.buf, p)
	if len(c.buf) == n {
		return
	}
	switch {
	case fill && stroke && st.FillRule == render.EvenOdd:
		c.buf = append(c.buf, "B*\n"...)
	case fill && stroke:
		c.buf = append(c.buf, "B\n"...)
	case fill && st.FillRule == render.EvenOdd:
		c.buf = append(c.buf, "f*\n"...)
	case fill:
		c.buf = append(c.buf, "f\n"...)
	default:
		c.buf = append(c.buf, "S\n"...)
	}
}

// appendPathOps appends the construction operators of p (m, l, h), dropping
// points that round onto their predecessor.
func appendPathOps(b []byte, p *render.Path) []byte {
	for _, sub := range p.Sub {
		if len(sub) == 0 {
			continue
		}
		x, y := hundredths(sub[0].X), hundredths(sub[0].Y)
		b = appendH(b, x)
		b = append(b, ' ')
		b = appendH(b, y)
		b = append(b, " m\n"...)
		moved := false
		for _, pt := range sub[1:] {
			nx, ny := hundredths(pt.X), hundredths(pt.Y)
			if nx == x && ny == y {
				continue
			}
			b = appendH(b, nx)
			b = append(b, ' ')
			b = appendH(b, ny)
			b = append(b, " l\n"...)
			x, y, moved = nx, ny, true
		}
		if !moved && !p.Closed {
			// A single point: a zero-length segment, so caps draw a dot.
			b = appendH(b, x)
			b = append(b, ' ')
			b = appendH(b, y)
			b = append(b, " l\n"...)
		}
		if p.Closed {
			b = append(b, "h\n"...)
		}
	}
	return b
}

// image paints the image XObject name over r.
func (c *content) image(name string, r render.Rect) {
	// Images are painted with the fill opacity.
	if c.unknown || c.fillA != 255 {
		c.buf = append(c.buf, '/')
		c.buf = append(c.buf, c.doc.alphaGS(false, 255)...)
		c.buf = append(c.buf, " gs\n"...)
		c.fillA = 255
	}
	b := append(c.buf, "q "...)
	b = appendNum(b, r.Dx())
	b = append(b, " 0 0 "...)
	b = appendNum(b, -r.Dy())
	b = append(b, ' ')
	b = appendNum(b, r.Min.X)
	b = append(b, ' ')
	b = appendNum(b, r.Max.Y)
	b = append(b, " cm /"...)
	b = append(b, name...)
	c.buf = append(b, " Do Q\n"...)
}
