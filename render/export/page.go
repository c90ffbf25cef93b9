// Package export writes a map page to a file: PNG, SVG or PDF chosen by the
// file's extension, always atomically (a temporary file, then rename).
package export

import (
	"fmt"
	"math"
	"strings"
)

// Paper sizes in millimetres, portrait.
var papers = map[string][2]float64{
	"a4":     {210, 297},
	"a3":     {297, 420},
	"letter": {215.9, 279.4},
}

// Page is the size of the output: device pixels and, for PDF, points.
type Page struct {
	W, H int     // device pixels
	DPI  float64 // device pixels per inch (PNG pHYs, PDF scale)
	// Scale is device pixels per logical pixel: symbols and text grow with it
	// so a 300 dpi print looks like the screen, only sharper.
	Scale float64
	// WidthPt, HeightPt is the PDF page size in points; zero means W, H at DPI.
	WidthPt, HeightPt float64
}

// PointSize is the PDF page size in points: the paper's exact size for a
// paper page, else the pixel size at the page's dpi.
func (p Page) PointSize() (w, h float64) {
	if p.WidthPt > 0 && p.HeightPt > 0 {
		return p.WidthPt, p.HeightPt
	}
	return float64(p.W) * 72 / p.DPI, float64(p.H) * 72 / p.DPI
}

// SizePage is a page of w×h pixels at 96 dpi (screen-like symbols).
func SizePage(w, h int) Page { return Page{W: w, H: h, DPI: 96, Scale: 1} }

// ParseSize parses "WxH".
func ParseSize(s string) (int, int, error) {
	a, b, ok := strings.Cut(strings.ToLower(s), "x")
	var w, h int
	if ok {
		_, err1 := fmt.Sscanf(a, "%d", &w)
		_, err2 := fmt.Sscanf(b, "%d", &h)
		ok = err1 == nil && err2 == nil
	}
	if !ok || w < 16 || h < 16 || w > 20000 || h > 20000 {
		return 0, 0, fmt.Errorf("size %q is not WxH with 16..20000 pixels a side (e.g. 1600x1200)", s)
	}
	return w, h, nil
}

// PaperPage is a paper page at dpi, portrait unless landscape.
func PaperPage(name string, landscape bool, dpi float64) (Page, error) {
	mm, ok := papers[strings.ToLower(name)]
	if !ok {
		return Page{}, fmt.Errorf("paper %q is not A4, A3 or letter", name)
	}
	if dpi < 36 || dpi > 1200 {
		return Page{}, fmt.Errorf("dpi %g is outside 36..1200", dpi)
	}
	w, h := mm[0], mm[1]
	if landscape {
		w, h = h, w
	}
	return Page{
		W: int(math.Round(w / 25.4 * dpi)), H: int(math.Round(h / 25.4 * dpi)),
		DPI: dpi, Scale: dpi / 96,
		WidthPt: math.Round(w / 25.4 * 72), HeightPt: math.Round(h / 25.4 * 72),
	}, nil
}
