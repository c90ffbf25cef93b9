package layers

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// Symbol is a resolved style for one feature: colours parsed, the category's
// overrides applied, width or size chosen by importance, and dashes and
// transparency chosen by confidence.
type Symbol struct {
	Fill, Stroke color.NRGBA
	Width        float64
	Dash         []float64
	Cap, Join    string

	Casing      color.NRGBA
	CasingWidth float64

	Marker       string
	Size         float64
	MarkerStroke color.NRGBA

	Hatch *HatchSymbol

	Arrows bool
}

// HatchSymbol is a parsed Hatch.
type HatchSymbol struct {
	Color                 color.NRGBA
	Angle, Spacing, Width float64
}

// ParseColor parses "#rgb", "#rrggbb" or "#rrggbbaa". The empty string is a
// transparent colour.
func ParseColor(s string) (color.NRGBA, error) {
	if s == "" || s == "none" {
		return color.NRGBA{}, nil
	}
	if !strings.HasPrefix(s, "#") {
		return color.NRGBA{}, fmt.Errorf("colour %q does not start with #", s)
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) == 6 {
		h += "ff"
	}
	if len(h) != 8 {
		return color.NRGBA{}, fmt.Errorf("colour %q is not #rgb, #rrggbb or #rrggbbaa", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("colour %q: not hexadecimal", s)
	}
	return color.NRGBA{R: uint8(v >> 24), G: uint8(v >> 16), B: uint8(v >> 8), A: uint8(v)}, nil
}

// mustColor parses a colour already validated by the checker; a bad one is drawn
// magenta so it shows.
func mustColor(s string) color.NRGBA {
	c, err := ParseColor(s)
	if err != nil {
		return color.NRGBA{R: 255, B: 255, A: 255}
	}
	return c
}

// Over lays the fields o sets over s.
func (s Style) Over(o Style) Style {
	r := s
	if o.Fill != "" {
		r.Fill = o.Fill
	}
	if o.Stroke != "" {
		r.Stroke = o.Stroke
	}
	if o.Width != 0 {
		r.Width = o.Width
	}
	if o.Dash != nil {
		r.Dash = o.Dash
	}
	if o.Cap != "" {
		r.Cap = o.Cap
	}
	if o.Join != "" {
		r.Join = o.Join
	}
	if o.Casing != "" {
		r.Casing = o.Casing
	}
	if o.CasingWidth != 0 {
		r.CasingWidth = o.CasingWidth
	}
	if o.Marker != "" {
		r.Marker = o.Marker
	}
	if o.Size != 0 {
		r.Size = o.Size
	}
	if o.MarkerStroke != "" {
		r.MarkerStroke = o.MarkerStroke
	}
	if o.Hatch != nil {
		r.Hatch = o.Hatch
	}
	if o.Arrows {
		r.Arrows = true
	}
	if o.WidthByImportance != nil {
		r.WidthByImportance = o.WidthByImportance
	}
	if o.ByConfidence {
		r.ByConfidence = true
	}
	return r
}

// Alpha multipliers for fills and hatches by confidence.
var confidenceAlpha = [...]float64{Confirmed: 1, Reported: 0.72, Suspected: 0.45}

func fade(c color.NRGBA, k float64) color.NRGBA {
	c.A = uint8(float64(c.A)*k + 0.5)
	return c
}

// resolve turns a Style into a Symbol for a feature of the given kind,
// importance and confidence.
func (s Style) resolve(kind string, importance int, conf Confidence) *Symbol {
	sym := &Symbol{
		Fill:         mustColor(s.Fill),
		Stroke:       mustColor(s.Stroke),
		Width:        s.Width,
		Dash:         s.Dash,
		Cap:          s.Cap,
		Join:         s.Join,
		Casing:       mustColor(s.Casing),
		CasingWidth:  s.CasingWidth,
		Marker:       s.Marker,
		Size:         s.Size,
		MarkerStroke: mustColor(s.MarkerStroke),
		Arrows:       s.Arrows,
	}
	if s.Hatch != nil {
		sym.Hatch = &HatchSymbol{Color: mustColor(s.Hatch.Color), Angle: s.Hatch.Angle, Spacing: s.Hatch.Spacing, Width: s.Hatch.Width}
	}
	if n := len(s.WidthByImportance); n > 0 && importance > 0 {
		i := min(importance, n) - 1
		if kind == "point" {
			sym.Size = s.WidthByImportance[i]
		} else {
			sym.Width = s.WidthByImportance[i]
		}
	}
	if s.ByConfidence {
		k := confidenceAlpha[conf]
		sym.Fill = fade(sym.Fill, k)
		if sym.Hatch != nil {
			sym.Hatch.Color = fade(sym.Hatch.Color, k)
		}
		if kind == "point" {
			sym.MarkerStroke = fade(sym.MarkerStroke, k)
		}
		if conf == Suspected && sym.Dash == nil {
			w := max(sym.Width, 1)
			sym.Dash = []float64{3.5 * w, 2.5 * w}
		}
	}
	return sym
}
