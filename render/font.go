package render

import (
	"fmt"
	"iter"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Font is a parsed TrueType font shared by the renderer (measuring, placing)
// and every sink (drawing, embedding). Fonts are safe for concurrent use.
type Font struct {
	Name   string // family name used in SVG/PDF, e.g. "Noto Sans"
	Weight int    // 400 regular, 700 bold
	Italic bool
	Data   []byte // the TTF file, for embedding

	sfnt *sfnt.Font
	pool sync.Pool // *sfnt.Buffer

	mu      sync.Mutex
	advance map[rune]float64 // advance per unit em, cached
	kern    map[[2]rune]float64
	// width is Measure's sum at an em size of 1 per text, cached: a map
	// measures the same labels on every frame. It is emptied when it
	// reaches widthCacheMax texts.
	width map[string]float64
}

// widthCacheMax bounds Font.width.
const widthCacheMax = 8192

// ParseFont parses TTF data.
func ParseFont(name string, weight int, italic bool, data []byte) (*Font, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	return &Font{Name: name, Weight: weight, Italic: italic, Data: data, sfnt: f, advance: map[rune]float64{}}, nil
}

// SFNT returns the parsed font (glyph outlines for sinks that draw them).
func (f *Font) SFNT() *sfnt.Font { return f.sfnt }

// UnitsPerEm returns the font's design units per em.
func (f *Font) UnitsPerEm() int { return int(f.sfnt.UnitsPerEm()) }

func (f *Font) buf() *sfnt.Buffer {
	if b, ok := f.pool.Get().(*sfnt.Buffer); ok {
		return b
	}
	return new(sfnt.Buffer)
}

// GlyphIndex maps r to a glyph index (0 when the font lacks it).
func (f *Font) GlyphIndex(r rune) sfnt.GlyphIndex {
	b := f.buf()
	defer f.pool.Put(b)
	gi, err := f.sfnt.GlyphIndex(b, r)
	if err != nil {
		return 0
	}
	return gi
}

// Advance returns the advance width of r at an em size of 1.
func (f *Font) Advance(r rune) float64 {
	f.mu.Lock()
	a, ok := f.advance[r]
	f.mu.Unlock()
	if ok {
		return a
	}
	b := f.buf()
	defer f.pool.Put(b)
	upem := fixed.Int26_6(f.sfnt.UnitsPerEm())
	gi, err := f.sfnt.GlyphIndex(b, r)
	if err == nil {
		var adv fixed.Int26_6
		adv, err = f.sfnt.GlyphAdvance(b, gi, upem, font.HintingNone)
		if err == nil {
			a = float64(adv) / float64(upem)
		}
	}
	f.mu.Lock()
	f.advance[r] = a
	f.mu.Unlock()
	return a
}

// Kern returns the kerning between a and b at an em size of 1.
func (f *Font) Kern(a, b rune) float64 {
	f.mu.Lock()
	k, ok := f.kern[[2]rune{a, b}]
	f.mu.Unlock()
	if ok {
		return k
	}
	k = f.kernOf(a, b)
	f.mu.Lock()
	if f.kern == nil {
		f.kern = map[[2]rune]float64{}
	}
	f.kern[[2]rune{a, b}] = k
	f.mu.Unlock()
	return k
}

// kernOf is Kern, read from the font.
func (f *Font) kernOf(a, b rune) float64 {
	buf := f.buf()
	defer f.pool.Put(buf)
	upem := fixed.Int26_6(f.sfnt.UnitsPerEm())
	ga, err1 := f.sfnt.GlyphIndex(buf, a)
	gb, err2 := f.sfnt.GlyphIndex(buf, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	k, err := f.sfnt.Kern(buf, ga, gb, upem, font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(k) / float64(upem)
}

// Measure returns the advance width of s at the given em size in pixels.
// Sinks that lay out glyphs themselves must advance by the same amounts
// (Advance plus Kern) so text lands where the renderer placed it.
func (f *Font) Measure(s string, size float64) float64 {
	f.mu.Lock()
	w, ok := f.width[s]
	f.mu.Unlock()
	if ok {
		return w * size
	}
	var prev rune = -1
	for _, r := range s {
		if prev >= 0 {
			w += f.Kern(prev, r)
		}
		w += f.Advance(r)
		prev = r
	}
	f.mu.Lock()
	if f.width == nil || len(f.width) >= widthCacheMax {
		f.width = map[string]float64{}
	}
	f.width[s] = w
	f.mu.Unlock()
	return w * size
}

// Pen yields the runes of s, each with the pen's x before it at the em size
// size: the advances and kerning Measure adds up.
func (f *Font) Pen(s string, size float64) iter.Seq2[rune, float64] {
	return func(yield func(rune, float64) bool) {
		x := 0.0
		prev := rune(-1)
		for _, r := range s {
			if prev >= 0 {
				x += f.Kern(prev, r) * size
			}
			if !yield(r, x) {
				return
			}
			x += f.Advance(r) * size
			prev = r
		}
	}
}

// Metrics returns ascent and descent (both positive) at an em size of 1.
func (f *Font) Metrics() (ascent, descent float64) {
	b := f.buf()
	defer f.pool.Put(b)
	upem := fixed.Int26_6(f.sfnt.UnitsPerEm())
	m, err := f.sfnt.Metrics(b, upem, font.HintingNone)
	if err != nil {
		return 0.9, 0.25
	}
	return float64(m.Ascent) / float64(upem), float64(m.Descent) / float64(upem)
}
