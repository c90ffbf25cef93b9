// Package svg is the SVG backend of the renderer: a render.Sink that writes
// one SVG 1.1 document. Device pixels map 1:1 to SVG user units.
//
// The output is deterministic and compact: numbers carry at most two decimals
// (opacities three, so every 8-bit alpha survives), path data is relative
// after the first point of each subpath, each distinct marker is defined once
// in <defs> and placed with <use>.
//
// Text is drawn as the glyph outlines of its render.Font by default, as
// QGIS's "export text as paths" does: each glyph used is defined once in
// <defs> (in font units) and placed with <use> at the pen positions of
// render.Font (Advance plus Kern), so the labels look the same in every
// viewer, whether or not it has Noto Sans and whether or not it reads CSS
// @font-face (librsvg, Qt's SVG renderer and Inkscape do not). Every run is
// also written as real <text> that paints nothing (fill="none"), so the
// document can still be searched, selected and read by scripts.
//
// TextAsOutlines(false) writes live text instead: <text> in font-family
// "Noto Sans" with explicit per-character x positions, so a viewer's own
// kerning never moves a glyph away from where the renderer measured it; the
// font is then referenced, not embedded, unless EmbedFonts is called.
package svg

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"maliatlas/render"
)

// Canvas is an SVG document being written. It implements render.Sink. Its
// methods are not safe for concurrent use.
type Canvas struct {
	w             io.Writer
	width, height float64
	title         string
	background    color.NRGBA
	embed         bool
	live          bool // text as live <text>, not outlines

	glyphs map[glyphKey]string // glyph -> id of its outline in defs ("" when empty)
	ntext  int                 // outlined runs with a halo (ids of their glyph groups)

	body  []byte // everything after <defs>
	defs  []byte // marker definitions
	nmark int
	marks map[markerKey]string
	icons map[any][]byte // icon image -> PNG data URL

	fonts     []*render.Font       // in order of first use, for EmbedFonts
	fontsSeen map[*render.Font]int // index in fonts

	depth  int // open groups
	closed bool
	err    error
}

var _ render.Sink = (*Canvas)(nil)

// New starts an SVG document of width×height device pixels written to w when
// Close is called.
func New(w io.Writer, width, height float64) *Canvas {
	return &Canvas{
		w: w, width: width, height: height,
		marks:     map[markerKey]string{},
		icons:     map[any][]byte{},
		fontsSeen: map[*render.Font]int{},
		glyphs:    map[glyphKey]string{},
	}
}

// TextAsOutlines chooses how Text draws: as glyph outlines (on, the default)
// or as live <text> in the font's family (off).
func (c *Canvas) TextAsOutlines(on bool) { c.live = !on }

// SetTitle sets the document's <title>.
func (c *Canvas) SetTitle(title string) { c.title = title }

// SetBackground fills the whole canvas with col under everything drawn.
func (c *Canvas) SetBackground(col color.NRGBA) { c.background = col }

// EmbedFonts makes Close embed every font used by live text (see
// TextAsOutlines) as an @font-face data URL (about 600 KB per font in
// base64), for the viewers that read @font-face (web browsers). Outlined text
// needs no font.
func (c *Canvas) EmbedFonts(on bool) { c.embed = on }

// BeginGroup opens a <g id="id"> that contains everything drawn until the
// matching EndGroup (the renderer marks its layers with it). Groups nest.
func (c *Canvas) BeginGroup(id string) {
	c.body = append(c.body, "<g id=\""...)
	c.body = appendEscaped(c.body, id)
	c.body = append(c.body, "\">\n"...)
	c.depth++
}

// EndGroup closes the innermost open group; without one it does nothing.
func (c *Canvas) EndGroup() {
	if c.depth == 0 {
		return
	}
	c.depth--
	c.body = append(c.body, "</g>\n"...)
}

// Close closes any open groups and writes the whole document to the writer.
// It returns the first write error. Calling it again does nothing.
func (c *Canvas) Close() error {
	if c.closed {
		return c.err
	}
	c.closed = true
	for c.depth > 0 {
		c.EndGroup()
	}
	bw := bufio.NewWriterSize(c.w, 64<<10)
	var b []byte
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="`...)
	b = appendNum(b, c.width)
	b = append(b, `" height="`...)
	b = appendNum(b, c.height)
	b = append(b, `" viewBox="0 0 `...)
	b = appendNum(b, c.width)
	b = append(b, ' ')
	b = appendNum(b, c.height)
	b = append(b, "\">\n"...)
	if c.title != "" {
		b = append(b, "<title>"...)
		b = appendEscaped(b, c.title)
		b = append(b, "</title>\n"...)
	}
	bw.Write(b)
	if len(c.defs) > 0 || (c.embed && c.live && len(c.fonts) > 0) {
		bw.WriteString("<defs>\n")
		if c.embed && c.live && len(c.fonts) > 0 {
			c.writeFontFaces(bw)
		}
		bw.Write(c.defs)
		bw.WriteString("</defs>\n")
	}
	if c.background.A != 0 {
		b = append(b[:0], `<rect width="100%" height="100%"`...)
		b = appendFill(b, c.background)
		b = append(b, "/>\n"...)
		bw.Write(b)
	}
	bw.Write(c.body)
	bw.WriteString("</svg>\n")
	c.err = bw.Flush()
	c.body, c.defs = nil, nil
	return c.err
}

func (c *Canvas) writeFontFaces(w *bufio.Writer) {
	w.WriteString("<style>\n")
	for _, f := range c.fonts {
		fmt.Fprintf(w, "@font-face{font-family:%q;font-weight:%d;font-style:%s;src:url(data:font/ttf;base64,",
			f.Name, f.Weight, map[bool]string{false: "normal", true: "italic"}[f.Italic])
		enc := base64.NewEncoder(base64.StdEncoding, w)
		enc.Write(f.Data)
		enc.Close()
		w.WriteString(") format(\"truetype\")}\n")
	}
	w.WriteString("</style>\n")
}

// Path implements render.Sink.
func (c *Canvas) Path(p *render.Path, st *render.Style) {
	fill := p.Closed && st.HasFill()
	stroke := st.HasStroke()
	if !fill && !stroke {
		return
	}
	b := append(c.body, `<path d="`...)
	n := len(b)
	b = appendPathData(b, p)
	if len(b) == n { // nothing drawable
		c.body = b[:len(b)-len(`<path d="`)]
		return
	}
	b = append(b, '"')
	if fill {
		b = appendFill(b, st.Fill)
		if st.FillRule == render.EvenOdd {
			b = append(b, ` fill-rule="evenodd"`...)
		}
	} else {
		b = append(b, ` fill="none"`...)
	}
	if stroke {
		b = appendStroke(b, st)
	}
	c.body = append(b, "/>\n"...)
}

// appendFill appends fill (and fill-opacity) attributes.
func appendFill(b []byte, col color.NRGBA) []byte {
	b = append(b, ` fill="`...)
	b = appendColor(b, col)
	b = append(b, '"')
	if col.A != 255 {
		b = append(b, ` fill-opacity="`...)
		b = appendAlpha(b, col.A)
		b = append(b, '"')
	}
	return b
}

// appendStroke appends the stroke attributes of st, leaving out SVG defaults.
func appendStroke(b []byte, st *render.Style) []byte {
	b = append(b, ` stroke="`...)
	b = appendColor(b, st.Stroke)
	b = append(b, '"')
	if st.Stroke.A != 255 {
		b = append(b, ` stroke-opacity="`...)
		b = appendAlpha(b, st.Stroke.A)
		b = append(b, '"')
	}
	if hundredths(st.Width) != 100 {
		b = append(b, ` stroke-width="`...)
		b = appendNum(b, st.Width)
		b = append(b, '"')
	}
	switch st.Cap {
	case render.RoundCap:
		b = append(b, ` stroke-linecap="round"`...)
	case render.SquareCap:
		b = append(b, ` stroke-linecap="square"`...)
	}
	switch st.Join {
	case render.RoundJoin:
		b = append(b, ` stroke-linejoin="round"`...)
	case render.BevelJoin:
		b = append(b, ` stroke-linejoin="bevel"`...)
	default:
		if ml := st.Miter(); ml != 4 {
			b = append(b, ` stroke-miterlimit="`...)
			b = appendNum(b, ml)
			b = append(b, '"')
		}
	}
	if dash := st.DashPattern(); dash != nil {
		b = append(b, ` stroke-dasharray="`...)
		for i, d := range dash {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendNum(b, d)
		}
		b = append(b, '"')
		if hundredths(st.DashOffset) != 0 {
			b = append(b, ` stroke-dashoffset="`...)
			b = appendNum(b, st.DashOffset)
			b = append(b, '"')
		}
	}
	return b
}

// appendPathData appends SVG path data: an absolute moveto per subpath, then
// relative linetos between points rounded to hundredths (so rounding never
// accumulates), dropping points that round onto their predecessor.
func appendPathData(b []byte, p *render.Path) []byte {
	for _, sub := range p.Sub {
		if len(sub) == 0 {
			continue
		}
		x, y := hundredths(sub[0].X), hundredths(sub[0].Y)
		b = append(b, 'M')
		b = appendH(b, x)
		b = appendSep(b, y)
		b = appendH(b, y)
		cmd := false
		for _, pt := range sub[1:] {
			nx, ny := hundredths(pt.X), hundredths(pt.Y)
			if nx == x && ny == y {
				continue
			}
			if !cmd {
				b = append(b, 'l')
				cmd = true
			} else {
				b = appendSep(b, nx-x)
			}
			b = appendH(b, nx-x)
			b = appendSep(b, ny-y)
			b = appendH(b, ny-y)
			x, y = nx, ny
		}
		if !cmd && !p.Closed {
			// A single point: keep it as a zero-length segment so round and
			// square caps still draw a dot.
			b = append(b, "l0 0"...)
		}
		if p.Closed {
			b = append(b, 'Z')
		}
	}
	return b
}

// appendSep appends the separator needed before a number: none before a
// minus sign, which already separates.
func appendSep(b []byte, next int64) []byte {
	if next < 0 {
		return b
	}
	return append(b, ' ')
}

// markerKey identifies a distinct marker.
type markerKey struct {
	shape       render.MarkerShape
	size        int64
	fill        color.NRGBA
	stroke      color.NRGBA
	strokeWidth int64
	icon        any
}

// Markers implements render.Sink: the marker is defined once in <defs> and
// placed with one <use> per point.
func (c *Canvas) Markers(m *render.Marker, at []render.Point) {
	if len(at) == 0 || m.Size <= 0 {
		return
	}
	id := c.markerID(m)
	if id == "" {
		return
	}
	b := c.body
	for _, p := range at {
		b = append(b, `<use xlink:href="#`...)
		b = append(b, id...)
		b = append(b, '"')
		if x := hundredths(p.X); x != 0 {
			b = append(b, ` x="`...)
			b = appendH(b, x)
			b = append(b, '"')
		}
		if y := hundredths(p.Y); y != 0 {
			b = append(b, ` y="`...)
			b = appendH(b, y)
			b = append(b, '"')
		}
		b = append(b, "/>\n"...)
	}
	c.body = b
}

// markerID returns the id of m's definition, writing it on first use; ""
// when the marker draws nothing.
func (c *Canvas) markerID(m *render.Marker) string {
	k := markerKey{shape: m.Shape, size: hundredths(m.Size), fill: m.Fill, stroke: m.Stroke, strokeWidth: hundredths(m.StrokeWidth)}
	if m.Shape == render.Icon {
		if m.Icon == nil {
			return ""
		}
		k.fill, k.stroke, k.strokeWidth = color.NRGBA{}, color.NRGBA{}, 0
		k.icon = imageKey(m.Icon)
	}
	if id, ok := c.marks[k]; ok {
		return id
	}
	id := "mk" + strconv.Itoa(c.nmark)
	c.nmark++
	c.marks[k] = id
	d := append(c.defs, `<g id="`...)
	d = append(d, id...)
	d = append(d, "\">"...)
	d = c.appendMarkerShape(d, m)
	c.defs = append(d, "</g>\n"...)
	return id
}

// imageKey is a comparable identity for img: the image itself when its
// dynamic type is comparable (pointers, as for every image package type),
// else its pixels.
func imageKey(img image.Image) any {
	if reflect.TypeOf(img).Comparable() {
		return img
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.String()
}

// appendMarkerShape appends the marker's shape centred on the origin.
// Geometry (shared with the PDF backend): a circle of diameter Size, a square
// of side Size, a triangle pointing up and a diamond both filling the
// Size×Size box; the outline is stroked centred on the shape's edge.
func (c *Canvas) appendMarkerShape(b []byte, m *render.Marker) []byte {
	r := m.Size / 2
	if m.Shape == render.Icon {
		b = append(b, `<image x="`...)
		b = appendNum(b, -r)
		b = append(b, `" y="`...)
		b = appendNum(b, -r)
		b = append(b, `" width="`...)
		b = appendNum(b, m.Size)
		b = append(b, `" height="`...)
		b = appendNum(b, m.Size)
		b = append(b, `" preserveAspectRatio="none" xlink:href="`...)
		b = append(b, c.iconURL(m.Icon)...)
		return append(b, `"/>`...)
	}
	switch m.Shape {
	case render.Square:
		b = append(b, `<rect x="`...)
		b = appendNum(b, -r)
		b = append(b, `" y="`...)
		b = appendNum(b, -r)
		b = append(b, `" width="`...)
		b = appendNum(b, m.Size)
		b = append(b, `" height="`...)
		b = appendNum(b, m.Size)
		b = append(b, '"')
	case render.Triangle:
		b = append(b, `<path d="`...)
		b = appendPathData(b, &render.Path{Closed: true, Sub: [][]render.Point{{{X: 0, Y: -r}, {X: r, Y: r}, {X: -r, Y: r}}}})
		b = append(b, '"')
	case render.Diamond:
		b = append(b, `<path d="`...)
		b = appendPathData(b, &render.Path{Closed: true, Sub: [][]render.Point{{{X: 0, Y: -r}, {X: r, Y: 0}, {X: 0, Y: r}, {X: -r, Y: 0}}}})
		b = append(b, '"')
	default:
		b = append(b, `<circle r="`...)
		b = appendNum(b, r)
		b = append(b, '"')
	}
	if m.Fill.A != 0 {
		b = appendFill(b, m.Fill)
	} else {
		b = append(b, ` fill="none"`...)
	}
	if m.Stroke.A != 0 && m.StrokeWidth > 0 {
		b = appendStroke(b, &render.Style{Stroke: m.Stroke, Width: m.StrokeWidth})
	}
	return append(b, "/>"...)
}

// iconURL returns img as a PNG data URL, encoding each icon once.
func (c *Canvas) iconURL(img image.Image) []byte {
	k := imageKey(img)
	if u, ok := c.icons[k]; ok {
		return u
	}
	u := pngDataURL(img)
	c.icons[k] = u
	return u
}

// pngDataURL encodes img as a base64 PNG data URL.
func pngDataURL(img image.Image) []byte {
	var buf bytes.Buffer
	buf.WriteString("data:image/png;base64,")
	enc := base64.NewEncoder(base64.StdEncoding, &buf)
	if err := png.Encode(enc, img); err != nil {
		return nil
	}
	enc.Close()
	return buf.Bytes()
}

// Image implements render.Sink: img becomes a PNG data URL stretched over r.
func (c *Canvas) Image(img image.Image, r render.Rect) {
	if img == nil || img.Bounds().Empty() || r.Dx() <= 0 || r.Dy() <= 0 {
		return
	}
	url := pngDataURL(img)
	if url == nil {
		return
	}
	b := append(c.body, `<image x="`...)
	b = appendNum(b, r.Min.X)
	b = append(b, `" y="`...)
	b = appendNum(b, r.Min.Y)
	b = append(b, `" width="`...)
	b = appendNum(b, r.Dx())
	b = append(b, `" height="`...)
	b = appendNum(b, r.Dy())
	b = append(b, `" preserveAspectRatio="none" xlink:href="`...)
	b = append(b, url...)
	c.body = append(b, "\"/>\n"...)
}

// Text implements render.Sink: the run's glyph outlines (see the package
// comment) under an invisible <text> of the same run, or with
// TextAsOutlines(false) live text only. The halo is the outlines stroked
// with round joins under the fill, as the raster backend draws it.
func (c *Canvas) Text(t *render.Text) {
	if t.S == "" || t.Font == nil || t.Size <= 0 || (t.Color.A == 0 && t.Halo.A == 0) {
		return
	}
	fi, ok := c.fontsSeen[t.Font]
	if !ok {
		fi = len(c.fonts)
		c.fontsSeen[t.Font] = fi
		c.fonts = append(c.fonts, t.Font)
	}
	if !c.live {
		c.outlineText(t, fi)
	}
	b := append(c.body, `<text x="`...)
	b = appendGlyphXs(b, t)
	b = append(b, `" y="`...)
	b = appendNum(b, t.Y)
	b = append(b, `" font-family="`...)
	b = appendEscaped(b, t.Font.Name)
	b = append(b, `,sans-serif" font-size="`...)
	b = appendNum(b, t.Size)
	b = append(b, '"')
	if t.Font.Weight != 0 && t.Font.Weight != 400 {
		b = append(b, ` font-weight="`...)
		b = strconv.AppendInt(b, int64(t.Font.Weight), 10)
		b = append(b, '"')
	}
	if t.Font.Italic {
		b = append(b, ` font-style="italic"`...)
	}
	switch {
	case !c.live:
		b = append(b, ` fill="none"`...) // the outlines above show it
	case t.Color.A != 0:
		b = appendFill(b, t.Color)
	default:
		b = append(b, ` fill="none"`...)
	}
	if c.live && t.Halo.A != 0 && t.HaloWidth > 0 {
		b = appendStroke(b, &render.Style{Stroke: t.Halo, Width: t.HaloWidth, Join: render.RoundJoin})
		b = append(b, ` paint-order="stroke"`...)
	}
	b = appendRotate(b, t)
	if needsPreserve(t.S) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b = appendEscaped(b, t.S)
	c.body = append(b, "</text>\n"...)
}

// appendRotate appends the transform attribute that turns t about its
// anchor, if it is turned.
func appendRotate(b []byte, t *render.Text) []byte {
	if t.Angle == 0 || math.IsNaN(t.Angle) || math.IsInf(t.Angle, 0) {
		return b
	}
	b = append(b, ` transform="`...)
	b = appendRotation(b, t)
	return append(b, '"')
}

func appendRotation(b []byte, t *render.Text) []byte {
	b = append(b, `rotate(`...)
	b = appendNum(b, t.Angle*180/math.Pi)
	b = append(b, ' ')
	b = appendNum(b, t.X)
	b = append(b, ' ')
	b = appendNum(b, t.Y)
	return append(b, ')')
}

// glyphKey identifies a glyph outline defined in <defs>.
type glyphKey struct {
	f  *render.Font
	gi sfnt.GlyphIndex
}

// outlineText draws t as glyph outlines: a group scaled from font units to
// pixels at the run's anchor (and turned about it) holding one <use> of each
// glyph's definition at its pen position. With a halo the glyphs are a group
// stroked first, then drawn again filled by a <use> of that group, so no
// glyph's halo covers its neighbour's fill.
func (c *Canvas) outlineText(t *render.Text, fi int) {
	halo := t.Halo.A != 0 && t.HaloWidth > 0 && t.HaloWidth < 1e4
	if (t.Color.A == 0 && !halo) || math.IsNaN(t.X) || math.IsNaN(t.Y) || math.IsInf(t.X, 0) || math.IsInf(t.Y, 0) ||
		!(t.Size > 0) || math.IsInf(t.Size, 0) || t.Font.UnitsPerEm() <= 0 {
		return
	}
	upem := float64(t.Font.UnitsPerEm())
	k := t.Size / upem
	b := c.body
	start := len(b)
	b = append(b, `<g transform="`...)
	if t.Angle != 0 && !math.IsNaN(t.Angle) && !math.IsInf(t.Angle, 0) {
		b = appendRotation(b, t)
		b = append(b, ' ')
	}
	b = append(b, `translate(`...)
	b = appendNum(b, t.X)
	b = append(b, ' ')
	b = appendNum(b, t.Y)
	b = append(b, `) scale(`...)
	b = appendScale(b, k)
	b = append(b, `)"`...)
	id := ""
	if halo {
		// The raster backend draws a halo thinner than a pixel a pixel
		// wide, fainter by as much.
		st := render.Style{Stroke: t.Halo, Width: max(t.HaloWidth, 1) / k, Join: render.RoundJoin}
		if t.HaloWidth < 1 {
			st.Stroke.A = uint8(math.Round(float64(st.Stroke.A) * t.HaloWidth))
		}
		id = "tx" + strconv.Itoa(c.ntext)
		c.ntext++
		b = append(b, `><g fill="none"`...)
		b = appendStroke(b, &st)
		b = append(b, `><g id="`...)
		b = append(b, id...)
		b = append(b, `">`...)
	} else {
		b = appendFill(b, t.Color)
		b = append(b, '>')
	}
	n := 0
	for r, x := range t.Font.Pen(t.S, upem) {
		gid := c.glyphID(t.Font, fi, r)
		if gid == "" {
			continue
		}
		n++
		b = append(b, `<use xlink:href="#`...)
		b = append(b, gid...)
		b = append(b, '"')
		if hundredths(x) != 0 {
			b = append(b, ` x="`...)
			b = appendNum(b, x)
			b = append(b, '"')
		}
		b = append(b, "/>"...)
	}
	if n == 0 { // only blanks
		c.body = b[:start]
		if halo {
			c.ntext--
		}
		return
	}
	if halo {
		b = append(b, "</g></g>"...)
		if t.Color.A != 0 {
			b = append(b, `<use xlink:href="#`...)
			b = append(b, id...)
			b = append(b, '"')
			b = appendFill(b, t.Color)
			b = append(b, "/>"...)
		}
	}
	c.body = append(b, "</g>\n"...)
}

// appendScale appends a scale factor with six significant digits (a glyph
// 1000 units wide then lands within a thousandth of a pixel), without the
// leading zero.
func appendScale(b []byte, k float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, k, 'g', 6, 64)
	if len(b) > n+1 && b[n] == '0' && b[n+1] == '.' {
		b = append(b[:n], b[n+1:]...)
	}
	return b
}

// glyphID returns the id of the outline of r's glyph in f (the fi-th font
// used), defining it on first use; "" for a glyph without outline (a space).
func (c *Canvas) glyphID(f *render.Font, fi int, r rune) string {
	gi := f.GlyphIndex(r)
	k := glyphKey{f, gi}
	if id, ok := c.glyphs[k]; ok {
		return id
	}
	d := appendGlyphData(nil, f, gi)
	id := ""
	if len(d) > 0 {
		id = "gl" + strconv.Itoa(fi) + "-" + strconv.Itoa(int(gi))
		c.defs = append(c.defs, `<path id="`...)
		c.defs = append(c.defs, id...)
		c.defs = append(c.defs, `" d="`...)
		c.defs = append(c.defs, d...)
		c.defs = append(c.defs, "\"/>\n"...)
	}
	c.glyphs[k] = id
	return id
}

// appendGlyphData appends the path data of glyph gi of f in font units, y
// down (as render and the raster backend use them); nothing when the glyph
// has no outline.
func appendGlyphData(b []byte, f *render.Font, gi sfnt.GlyphIndex) []byte {
	var buf sfnt.Buffer
	sf := f.SFNT()
	segs, err := sf.LoadGlyph(&buf, gi, fixed.Int26_6(sf.UnitsPerEm())<<6, nil)
	if err != nil || len(segs) == 0 {
		return b
	}
	pt := func(b []byte, p fixed.Point26_6) []byte {
		b = appendNum(b, float64(p.X)/64)
		y := float64(p.Y) / 64
		if y >= 0 {
			b = append(b, ' ')
		}
		return appendNum(b, y)
	}
	open := false
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if open {
				b = append(b, 'Z')
			}
			open = true
			b = append(b, 'M')
			b = pt(b, s.Args[0])
		case sfnt.SegmentOpLineTo:
			b = append(b, 'L')
			b = pt(b, s.Args[0])
		case sfnt.SegmentOpQuadTo:
			b = append(b, 'Q')
			b = pt(b, s.Args[0])
			b = append(b, ' ')
			b = pt(b, s.Args[1])
		case sfnt.SegmentOpCubeTo:
			b = append(b, 'C')
			b = pt(b, s.Args[0])
			b = append(b, ' ')
			b = pt(b, s.Args[1])
			b = append(b, ' ')
			b = pt(b, s.Args[2])
		}
	}
	if open {
		b = append(b, 'Z')
	}
	return b
}

// appendGlyphXs appends the x of every character of t, advancing by the
// font's advances and kerning exactly as render.Font.Measure does. It stops
// before a character outside the BMP, which some viewers count as two.
func appendGlyphXs(b []byte, t *render.Text) []byte {
	x := 0.0
	var prev rune = -1
	for i, r := range t.S {
		if r > 0xffff || r == utf8.RuneError {
			if i == 0 {
				b = appendNum(b, t.X)
			}
			break
		}
		if prev >= 0 {
			x += t.Font.Kern(prev, r)
			b = append(b, ' ')
		}
		b = appendNum(b, t.X+x*t.Size)
		x += t.Font.Advance(r)
		prev = r
	}
	return b
}

// needsPreserve reports whether s has white space that SVG's default
// handling would strip or collapse.
func needsPreserve(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n', '\r':
			return true
		case ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}

// appendEscaped appends s escaped for XML text and attribute values, dropping
// characters XML 1.0 does not allow.
func appendEscaped(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\'':
			b = append(b, "&apos;"...)
		case r == '\t' || r == '\n' || r == '\r':
			b = append(b, "&#"...)
			b = strconv.AppendInt(b, int64(r), 10)
			b = append(b, ';')
		case r < 0x20 || r == utf8.RuneError || (r >= 0xfffe && r <= 0xffff) || (r >= 0xd800 && r <= 0xdfff):
			// not allowed in XML 1.0
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}
