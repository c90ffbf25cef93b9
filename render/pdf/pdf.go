// Package pdf is the PDF backend of the renderer: a render.Sink that writes a
// PDF 1.4 document of one or more pages of the same size, with no third-party
// library.
//
// Each page's content stream starts with a matrix that maps device pixels
// (origin top-left, y down) to points (origin bottom-left, y up), scaled by
// the points-per-pixel factor given to New, so every drawing operator works in
// device pixels like the other backends. Content streams, fonts and images are
// Flate-compressed. Text is real, selectable text in the embedded TrueType
// font (WinAnsiEncoding), subset to the glyphs shown (glyph ids unchanged;
// about 15 KB per font instead of 450 KB); characters outside WinAnsi are
// drawn as glyph outlines (visible, not searchable). Each distinct marker is one Form XObject placed once per point;
// each distinct opacity is one ExtGState; all pages and forms share one
// resource dictionary.
//
// Output is deterministic: the same drawing calls give the same bytes.
package pdf

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"io"
	"strconv"
	"unicode/utf16"

	"maliatlas/render"
)

// Fixed object numbers.
const (
	objCatalog   = 1
	objPages     = 2
	objResources = 3
)

// Document is a PDF being written. It implements render.Sink, drawing on its
// current page. Its methods are not safe for concurrent use.
type Document struct {
	cw           *countWriter
	bw           *bufio.Writer
	pageW, pageH float64 // points
	scale        float64 // points per device pixel

	offsets []int64 // byte offset of each object, by number; -1: not written
	pages   []int   // page object numbers
	page    *content
	pageObj int

	title, subject string
	background     color.NRGBA

	fonts     []*pdfFont
	fontIndex map[*render.Font]*pdfFont
	alphas    []alphaState
	alphaName map[alphaState]string
	xobjects  []namedObj
	marks     map[markerKey]string
	images    map[any]string

	zbuf   bytes.Buffer
	zw     *zlib.Writer
	closed bool
	err    error
}

var _ render.Sink = (*Document)(nil)

type namedObj struct {
	name string
	obj  int
}

// alphaState is one ExtGState: a fill (/ca) or stroke (/CA) opacity.
type alphaState struct {
	stroke bool
	a      uint8
	obj    int
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// New starts a PDF document written to w whose pages are pageWidthPt ×
// pageHeightPt points (842×595 is A4 landscape), where one device pixel is
// scale points. The first page is started; NewPage starts the others. Close
// must be called to finish the file.
func New(w io.Writer, pageWidthPt, pageHeightPt, scale float64) *Document {
	d := &Document{
		pageW: pageWidthPt, pageH: pageHeightPt, scale: scale,
		offsets:   []int64{-1, -1, -1, -1}, // 0 (free) and the fixed objects
		fontIndex: map[*render.Font]*pdfFont{},
		alphaName: map[alphaState]string{},
		marks:     map[markerKey]string{},
		images:    map[any]string{},
	}
	d.bw = bufio.NewWriterSize(w, 64<<10)
	d.cw = &countWriter{w: d.bw}
	d.zw = zlib.NewWriter(&d.zbuf)
	d.writeString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	d.startPage()
	return d
}

// SetInfo sets the document's title and subject (the Info dictionary).
func (d *Document) SetInfo(title, subject string) { d.title, d.subject = title, subject }

// SetBackground fills the whole page (margins included) with col under
// everything drawn on it: the current page if nothing is drawn on it yet,
// and every page started later.
func (d *Document) SetBackground(col color.NRGBA) {
	d.background = col
	if d.page != nil && len(d.page.buf) == d.page.start {
		d.paintBackground()
	}
}

func (d *Document) paintBackground() {
	if d.background.A == 0 {
		return
	}
	w, h := d.pageW/d.scale+1, d.pageH/d.scale+1 // +1: no sliver from rounding
	d.page.path(&render.Path{Closed: true, Sub: [][]render.Point{{{X: -1, Y: -1}, {X: w, Y: -1}, {X: w, Y: h}, {X: -1, Y: h}}}},
		&render.Style{Fill: d.background})
}

// PageCount returns the number of pages started so far.
func (d *Document) PageCount() int { return len(d.pages) }

// NewPage finishes the current page and starts another of the same size.
func (d *Document) NewPage() {
	if d.closed {
		return
	}
	d.finishPage()
	d.startPage()
}

func (d *Document) startPage() {
	d.pageObj = d.alloc()
	d.pages = append(d.pages, d.pageObj)
	d.page = newContent(d)
	// Device pixels (y down) to points (y up).
	b := appendFine(d.page.buf, d.scale)
	b = append(b, " 0 0 "...)
	b = appendFine(b, -d.scale)
	b = append(b, " 0 "...)
	b = appendFine(b, d.pageH)
	d.page.buf = append(b, " cm\n"...)
	d.page.start = len(d.page.buf)
	d.paintBackground()
}

func (d *Document) finishPage() {
	contents := d.alloc()
	d.writeStream(contents, "", d.page.buf, true)
	var b []byte
	b = append(b, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "...)
	b = appendFine(b, d.pageW)
	b = append(b, ' ')
	b = appendFine(b, d.pageH)
	b = append(b, "] /Resources 3 0 R /Contents "...)
	b = strconv.AppendInt(b, int64(contents), 10)
	b = append(b, " 0 R >>"...)
	d.writeObject(d.pageObj, b)
	d.page = nil
}

// Path implements render.Sink.
func (d *Document) Path(p *render.Path, st *render.Style) {
	if d.page != nil {
		d.page.path(p, st)
	}
}

// Markers implements render.Sink: each distinct marker is a Form XObject,
// painted once per point.
func (d *Document) Markers(m *render.Marker, at []render.Point) {
	if d.page == nil || len(at) == 0 || m.Size <= 0 {
		return
	}
	name := d.markerForm(m)
	if name == "" {
		return
	}
	b := d.page.buf
	for _, p := range at {
		b = append(b, "q 1 0 0 1 "...)
		b = appendNum(b, p.X)
		b = append(b, ' ')
		b = appendNum(b, p.Y)
		b = append(b, " cm /"...)
		b = append(b, name...)
		b = append(b, " Do Q\n"...)
	}
	d.page.buf = b
}

// Text implements render.Sink.
func (d *Document) Text(t *render.Text) {
	if d.page != nil {
		d.page.text(t)
	}
}

// Image implements render.Sink: img becomes an Image XObject (RGB, with a
// soft mask when it has transparency) stretched over r.
func (d *Document) Image(img image.Image, r render.Rect) {
	if d.page == nil || img == nil || img.Bounds().Empty() || r.Dx() <= 0 || r.Dy() <= 0 {
		return
	}
	name := d.imageXObject(img)
	d.page.image(name, r)
}

// Close finishes the last page and writes the shared objects, the cross
// reference table and the trailer, then flushes. It returns the first write
// error; calling it again does nothing.
func (d *Document) Close() error {
	if d.closed {
		return d.err
	}
	d.closed = true
	d.finishPage()
	for _, f := range d.fonts {
		d.writeFont(f)
	}
	for _, a := range d.alphas {
		op := "/ca "
		if a.stroke {
			op = "/CA "
		}
		b := append([]byte("<< /Type /ExtGState "), op...)
		b = appendByteFrac(b, a.a)
		d.writeObject(a.obj, append(b, " >>"...))
	}
	d.writeResources()

	var b []byte
	b = append(b, "<< /Type /Pages /Kids ["...)
	for i, p := range d.pages {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, " 0 R"...)
	}
	b = append(b, "] /Count "...)
	b = strconv.AppendInt(b, int64(len(d.pages)), 10)
	d.writeObject(objPages, append(b, " >>"...))
	d.writeObject(objCatalog, []byte("<< /Type /Catalog /Pages 2 0 R >>"))

	info := d.alloc()
	b = append(b[:0], "<< /Producer "...)
	b = appendTextString(b, "Mali Routes Atlas")
	if d.title != "" {
		b = append(b, " /Title "...)
		b = appendTextString(b, d.title)
	}
	if d.subject != "" {
		b = append(b, " /Subject "...)
		b = appendTextString(b, d.subject)
	}
	d.writeObject(info, append(b, " >>"...))

	xref := d.cw.n
	fmt.Fprintf(d.cw, "xref\n0 %d\n0000000000 65535 f \n", len(d.offsets))
	for i, off := range d.offsets[1:] {
		if off < 0 {
			if d.err == nil {
				d.err = fmt.Errorf("pdf: object %d was never written", i+1)
			}
			off = 0
		}
		fmt.Fprintf(d.cw, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(d.cw, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(d.offsets), info, xref)
	if err := d.bw.Flush(); err != nil && d.err == nil {
		d.err = err
	}
	return d.err
}

func (d *Document) writeResources() {
	var b []byte
	b = append(b, "<<"...)
	if len(d.fonts) > 0 {
		b = append(b, " /Font <<"...)
		for _, f := range d.fonts {
			b = appendNamedRef(b, f.name, f.obj)
		}
		b = append(b, " >>"...)
	}
	if len(d.xobjects) > 0 {
		b = append(b, " /XObject <<"...)
		for _, x := range d.xobjects {
			b = appendNamedRef(b, x.name, x.obj)
		}
		b = append(b, " >>"...)
	}
	if len(d.alphas) > 0 {
		b = append(b, " /ExtGState <<"...)
		for _, a := range d.alphas {
			b = appendNamedRef(b, d.alphaName[alphaState{stroke: a.stroke, a: a.a}], a.obj)
		}
		b = append(b, " >>"...)
	}
	d.writeObject(objResources, append(b, " >>"...))
}

func appendNamedRef(b []byte, name string, obj int) []byte {
	b = append(b, " /"...)
	b = append(b, name...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(obj), 10)
	return append(b, " 0 R"...)
}

// alphaGS returns the name of the ExtGState setting the fill or stroke
// opacity to a, creating it on first use.
func (d *Document) alphaGS(stroke bool, a uint8) string {
	k := alphaState{stroke: stroke, a: a}
	if n, ok := d.alphaName[k]; ok {
		return n
	}
	n := "a" + strconv.Itoa(int(a))
	if stroke {
		n = "A" + strconv.Itoa(int(a))
	}
	k.obj = d.alloc()
	d.alphas = append(d.alphas, k)
	d.alphaName[alphaState{stroke: stroke, a: a}] = n
	return n
}

// alloc reserves the next object number.
func (d *Document) alloc() int {
	d.offsets = append(d.offsets, -1)
	return len(d.offsets) - 1
}

func (d *Document) writeString(s string) {
	if d.err != nil {
		return
	}
	if _, err := io.WriteString(d.cw, s); err != nil {
		d.err = err
	}
}

func (d *Document) write(p []byte) {
	if d.err != nil {
		return
	}
	if _, err := d.cw.Write(p); err != nil {
		d.err = err
	}
}

// writeObject writes object n with the given body.
func (d *Document) writeObject(n int, body []byte) {
	d.offsets[n] = d.cw.n
	d.writeString(strconv.Itoa(n) + " 0 obj\n")
	d.write(body)
	d.writeString("\nendobj\n")
}

// writeStream writes object n as a stream of data, Flate-compressed when
// compress is set; dict holds the extra dictionary entries.
func (d *Document) writeStream(n int, dict string, data []byte, compress bool) {
	filter := ""
	if compress {
		d.zbuf.Reset()
		d.zw.Reset(&d.zbuf)
		d.zw.Write(data)
		d.zw.Close()
		data = d.zbuf.Bytes()
		filter = " /Filter /FlateDecode"
	}
	d.offsets[n] = d.cw.n
	d.writeString(fmt.Sprintf("%d 0 obj\n<< /Length %d%s%s >>\nstream\n", n, len(data), filter, dict))
	d.write(data)
	d.writeString("\nendstream\nendobj\n")
}

// appendTextString appends s as a PDF text string: a literal when it is
// printable ASCII, else UTF-16BE with a byte order mark, in hex.
func appendTextString(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return appendLiteral(b, []byte(s))
	}
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, hexUpper[u>>12], hexUpper[u>>8&15], hexUpper[u>>4&15], hexUpper[u&15])
	}
	return append(b, '>')
}

const hexUpper = "0123456789ABCDEF"

// appendLiteral appends s as a literal string, escaping what must be.
func appendLiteral(b []byte, s []byte) []byte {
	b = append(b, '(')
	for _, c := range s {
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}
