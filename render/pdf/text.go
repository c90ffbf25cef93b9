package pdf

import (
	"encoding/binary"
	"math"
	"strconv"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"maliatlas/render"
)

// winAnsiHigh maps the Unicode characters of WinAnsiEncoding codes 128–159.
var winAnsiHigh = map[rune]byte{
	'€': 128, '‚': 130, 'ƒ': 131, '„': 132, '…': 133, '†': 134, '‡': 135, 'ˆ': 136,
	'‰': 137, 'Š': 138, '‹': 139, 'Œ': 140, 'Ž': 142, '‘': 145, '’': 146, '“': 147,
	'”': 148, '•': 149, '–': 150, '—': 151, '˜': 152, '™': 153, 'š': 154, '›': 155,
	'œ': 156, 'ž': 158, 'Ÿ': 159,
}

// winAnsi returns r's code in WinAnsiEncoding.
func winAnsi(r rune) (byte, bool) {
	switch {
	case r >= 32 && r <= 126, r >= 160 && r <= 255:
		return byte(r), true
	case r >= 0x152 && r <= 0x2122:
		c, ok := winAnsiHigh[r]
		return c, ok
	}
	return 0, false
}

// winAnsiRune returns the character of WinAnsi code c (0 when undefined).
func winAnsiRune(c int) rune {
	if (c >= 32 && c <= 126) || (c >= 160 && c <= 255) {
		return rune(c)
	}
	for r, v := range winAnsiHigh {
		if int(v) == c {
			return r
		}
	}
	return 0
}

// pdfFont is an embedded TrueType font.
type pdfFont struct {
	f    *render.Font
	name string    // resource name
	obj  int       // the /Font dictionary
	used [256]bool // WinAnsi codes shown
}

// font returns the embedded font for f, registering it on first use.
func (d *Document) font(f *render.Font) *pdfFont {
	if pf, ok := d.fontIndex[f]; ok {
		return pf
	}
	pf := &pdfFont{f: f, name: "F" + strconv.Itoa(len(d.fonts)), obj: d.alloc()}
	d.fonts = append(d.fonts, pf)
	d.fontIndex[f] = pf
	return pf
}

// run is a piece of a text run: consecutive WinAnsi characters shown as
// text, or one other character drawn as its outline.
type run struct {
	x     float64 // start, in ems from the run's origin
	codes []byte  // WinAnsi codes, or nil for an outline
	kerns []float64
	glyph rune
}

// text shows t: the halo pass (text render mode 1, round joins) for every
// piece, then the fill pass (mode 0).
func (c *content) text(t *render.Text) {
	if t.S == "" || t.Font == nil || t.Size <= 0 {
		return
	}
	halo := t.Halo.A != 0 && t.HaloWidth > 0
	if t.Color.A == 0 && !halo {
		return
	}
	pf := c.doc.font(t.Font)
	runs := splitRuns(t)
	if halo {
		st := &render.Style{Stroke: t.Halo, Width: t.HaloWidth, Join: render.RoundJoin, Cap: render.RoundCap}
		c.setStroke(st)
		for i := range runs {
			c.showRun(t, pf, &runs[i], 1)
		}
	}
	if t.Color.A != 0 {
		c.setFill(t.Color)
		for i := range runs {
			c.showRun(t, pf, &runs[i], 0)
		}
	}
}

// splitRuns cuts t.S into WinAnsi pieces and outline characters, placing
// each by the font's advances and kerning exactly as render.Font.Measure.
func splitRuns(t *render.Text) []run {
	var runs []run
	x := 0.0
	var prev rune = -1
	short := 0.0 // how much narrower the last character is than the code shown for it
	for _, r := range t.S {
		k := 0.0
		if prev >= 0 {
			k = t.Font.Kern(prev, r)
		}
		pos := x + k // where this character's glyph starts
		code, ok := winAnsi(r)
		if r == '\u202f' {
			// French typography's narrow no-break space has no WinAnsi
			// code: it is shown as the no-break space, so the text stays
			// searchable, and the next character keeps its measured place.
			code, ok = 0xa0, true
		}
		switch {
		case ok && len(runs) > 0 && runs[len(runs)-1].codes != nil:
			last := &runs[len(runs)-1]
			last.codes = append(last.codes, code)
			last.kerns = append(last.kerns, k-short)
		case ok:
			runs = append(runs, run{x: pos, codes: []byte{code}, kerns: []float64{0}})
		default:
			runs = append(runs, run{x: pos, glyph: r})
		}
		x = pos + t.Font.Advance(r)
		short = 0
		if r == '\u202f' {
			short = t.Font.Advance('\u00a0') - t.Font.Advance(r)
		}
		prev = r
	}
	return runs
}

// showRun draws one piece in text render mode 0 (fill) or 1 (stroke).
func (c *content) showRun(t *render.Text, pf *pdfFont, r *run, mode int) {
	if r.codes == nil {
		c.glyphOutline(t, r.glyph, r.x*t.Size, mode == 1)
		return
	}
	for _, code := range r.codes {
		pf.used[code] = true
	}
	b := append(c.buf, "BT /"...)
	b = append(b, pf.name...)
	b = append(b, ' ')
	b = appendNum(b, t.Size)
	b = append(b, " Tf "...)
	b = append(b, byte('0'+mode))
	b = append(b, " Tr "...)
	// The text matrix: glyphs upright in the y-down page space, turned by
	// t.Angle about the anchor, this piece r.x ems along the baseline.
	o := t.Rotated(r.x*t.Size, 0)
	if sn, cs := math.Sincos(t.Angle); t.Angle != 0 {
		b = appendFine(b, cs)
		b = append(b, ' ')
		b = appendFine(b, sn)
		b = append(b, ' ')
		b = appendFine(b, sn)
		b = append(b, ' ')
		b = appendFine(b, -cs)
		b = append(b, ' ')
	} else {
		b = append(b, "1 0 0 -1 "...)
	}
	b = appendNum(b, o.X)
	b = append(b, ' ')
	b = appendNum(b, o.Y)
	b = append(b, " Tm ["...)
	start := 0
	for i := 1; i <= len(r.codes); i++ {
		if i < len(r.codes) && r.kerns[i] == 0 {
			continue
		}
		b = appendLiteral(b, r.codes[start:i])
		if i < len(r.codes) {
			// A positive kern moves the next glyph right: a negative TJ
			// adjustment, in thousandths of an em.
			b = append(b, ' ')
			b = appendFine(b, math.Round(-r.kerns[i]*1e5)/100)
			b = append(b, ' ')
		}
		start = i
	}
	c.buf = append(b, "] TJ ET\n"...)
}

// glyphOutline fills (or, for the halo, strokes) the outline of r with its
// origin x pixels along the baseline from the anchor (turned by t.Angle).
func (c *content) glyphOutline(t *render.Text, r rune, x float64, stroke bool) {
	f := t.Font.SFNT()
	gi := t.Font.GlyphIndex(r)
	var buf sfnt.Buffer
	upem := float64(f.UnitsPerEm())
	// Load at one pixel per font unit: coordinates are font units (y down).
	segs, err := f.LoadGlyph(&buf, gi, fixed.Int26_6(f.UnitsPerEm())<<6, nil)
	if err != nil || len(segs) == 0 {
		return
	}
	s := t.Size / upem / 64
	b := c.buf
	pt := func(p fixed.Point26_6) {
		q := t.Rotated(x+float64(p.X)*s, float64(p.Y)*s)
		b = appendNum(b, q.X)
		b = append(b, ' ')
		b = appendNum(b, q.Y)
	}
	var cur fixed.Point26_6
	open := false
	for _, sg := range segs {
		switch sg.Op {
		case sfnt.SegmentOpMoveTo:
			if open {
				b = append(b, "h\n"...)
			}
			pt(sg.Args[0])
			b = append(b, " m\n"...)
			cur, open = sg.Args[0], true
		case sfnt.SegmentOpLineTo:
			pt(sg.Args[0])
			b = append(b, " l\n"...)
			cur = sg.Args[0]
		case sfnt.SegmentOpQuadTo:
			// Quadratic to cubic: control points two thirds of the way to q.
			q, p := sg.Args[0], sg.Args[1]
			c1 := fixed.Point26_6{X: cur.X + (q.X-cur.X)*2/3, Y: cur.Y + (q.Y-cur.Y)*2/3}
			c2 := fixed.Point26_6{X: p.X + (q.X-p.X)*2/3, Y: p.Y + (q.Y-p.Y)*2/3}
			pt(c1)
			b = append(b, ' ')
			pt(c2)
			b = append(b, ' ')
			pt(p)
			b = append(b, " c\n"...)
			cur = p
		case sfnt.SegmentOpCubeTo:
			pt(sg.Args[0])
			b = append(b, ' ')
			pt(sg.Args[1])
			b = append(b, ' ')
			pt(sg.Args[2])
			b = append(b, " c\n"...)
			cur = sg.Args[2]
		}
	}
	if stroke {
		b = append(b, "s\n"...)
	} else {
		b = append(b, "h f\n"...)
	}
	c.buf = b
}

// writeFont writes the font dictionary, its descriptor and the font file.
func (d *Document) writeFont(pf *pdfFont) {
	f := pf.f
	m := readMetrics(f.Data)
	var nb sfnt.Buffer
	base, err := f.SFNT().Name(&nb, sfnt.NameIDPostScript)
	if err != nil || base == "" {
		base = f.Name
	}
	base = pdfName(base)
	u := 1000 / float64(m.upem)
	em := func(v int) string { return strconv.Itoa(int(math.Round(float64(v) * u))) }

	// Embed only the glyphs of the characters shown (as text; outlines drawn
	// as paths need none), or the whole file if it cannot be subset.
	var glyphs []uint16
	for code := 32; code <= 255; code++ {
		if pf.used[code] {
			glyphs = append(glyphs, uint16(f.GlyphIndex(winAnsiRune(code))))
		}
	}
	fontFile := f.Data
	if sub, err := subsetTrueType(f.Data, glyphs); err == nil {
		fontFile = sub
		base = subsetTag(glyphs) + "+" + base
	}
	file := d.alloc()
	d.writeStream(file, " /Length1 "+strconv.Itoa(len(fontFile)), fontFile, true)

	flags := 32 // Nonsymbolic
	if f.Italic || m.italicAngle != 0 {
		flags |= 64
	}
	weight := f.Weight
	if weight == 0 {
		weight = m.weight
	}
	stemV := 80 + (weight-400)/5 // 80 regular, 140 bold: the usual estimate
	desc := d.alloc()
	d.writeObject(desc, []byte("<< /Type /FontDescriptor /FontName /"+base+
		" /Flags "+strconv.Itoa(flags)+
		" /FontBBox ["+em(m.xMin)+" "+em(m.yMin)+" "+em(m.xMax)+" "+em(m.yMax)+"]"+
		" /ItalicAngle "+strconv.FormatFloat(math.Round(m.italicAngle*100)/100, 'f', -1, 64)+
		" /Ascent "+em(m.ascent)+" /Descent "+em(m.descent)+" /CapHeight "+em(m.capHeight)+
		" /StemV "+strconv.Itoa(max(stemV, 50))+
		" /FontFile2 "+strconv.Itoa(file)+" 0 R >>"))

	b := []byte("<< /Type /Font /Subtype /TrueType /BaseFont /" + base +
		" /FirstChar 32 /LastChar 255 /Widths [")
	for code := 32; code <= 255; code++ {
		if code > 32 {
			b = append(b, ' ')
		}
		w := 0.0
		if r := winAnsiRune(code); r != 0 {
			w = f.Advance(r) * 1000
		}
		b = appendFine(b, math.Round(w*100)/100)
	}
	b = append(b, "] /Encoding /WinAnsiEncoding /FontDescriptor "...)
	b = strconv.AppendInt(b, int64(desc), 10)
	d.writeObject(pf.obj, append(b, " 0 R >>"...))
}

// pdfName keeps the characters that need no escaping in a PDF name.
func pdfName(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > 0x20 && c < 0x7f && c != '/' && c != '(' && c != ')' && c != '<' && c != '>' &&
			c != '[' && c != ']' && c != '{' && c != '}' && c != '%' && c != '#' {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return "Font"
	}
	return string(out)
}

// fontMetrics are the FontDescriptor values, in font units.
type fontMetrics struct {
	upem                   int
	xMin, yMin, xMax, yMax int
	ascent, descent        int
	capHeight              int
	weight                 int
	italicAngle            float64
}

// readMetrics reads the head, hhea, OS/2 and post tables of a TrueType file.
// Missing tables leave plausible defaults.
func readMetrics(data []byte) fontMetrics {
	m := fontMetrics{upem: 1000, xMin: 0, yMin: -250, xMax: 1000, yMax: 1000, ascent: 900, descent: -250, weight: 400}
	i16 := func(t []byte, off int) int { return int(int16(binary.BigEndian.Uint16(t[off:]))) }
	if t := sfntTable(data, "head"); len(t) >= 54 {
		if u := int(binary.BigEndian.Uint16(t[18:])); u > 0 {
			m.upem = u
		}
		m.xMin, m.yMin, m.xMax, m.yMax = i16(t, 36), i16(t, 38), i16(t, 40), i16(t, 42)
	}
	if t := sfntTable(data, "hhea"); len(t) >= 8 {
		m.ascent, m.descent = i16(t, 4), i16(t, 6)
	}
	m.capHeight = m.ascent * 7 / 10
	if t := sfntTable(data, "OS/2"); len(t) >= 8 {
		m.weight = int(binary.BigEndian.Uint16(t[4:]))
		if binary.BigEndian.Uint16(t) >= 2 && len(t) >= 90 {
			m.capHeight = i16(t, 88)
		}
	}
	if t := sfntTable(data, "post"); len(t) >= 8 {
		m.italicAngle = float64(int32(binary.BigEndian.Uint32(t[4:]))) / 65536
	}
	return m
}

// sfntTable returns the table tag of a TrueType file, or nil.
func sfntTable(data []byte, tag string) []byte {
	if len(data) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil
		}
		if string(data[rec:rec+4]) == tag {
			off := int(binary.BigEndian.Uint32(data[rec+8:]))
			l := int(binary.BigEndian.Uint32(data[rec+12:]))
			if off < 0 || l < 0 || off+l > len(data) {
				return nil
			}
			return data[off : off+l]
		}
	}
	return nil
}
