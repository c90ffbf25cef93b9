package render

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"maliatlas/assets/translations"
	"maliatlas/events"
)

// num formats a legend number: whole numbers plain, others with 2
// significant decimals.
func legendNum(v float64) string {
	switch {
	case v == math.Trunc(v) && math.Abs(v) < 1e9:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 10:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 1:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2g", v)
}

// LegendItem is one row of an event legend: a swatch and its text.
type LegendItem struct {
	fill, stroke color.NRGBA
	hollow       bool
	text         string
}

// Colors are the swatch's fill and outline, and whether it is hollow.
func (it LegendItem) Colors() (fill, stroke color.NRGBA, hollow bool) {
	return it.fill, it.stroke, it.hollow
}

// Text is the words of the item.
func (it LegendItem) Text() string { return it.text }

// EventLegend is what an event layer's legend says, in lang.
type EventLegend struct {
	Title   string // the file and, for generated files, that they are synthetic
	Meaning string // what the colour or size means
	Items   []LegendItem
	Ramp    *Ramp // a continuous bar (density), with RampLo and RampHi at its ends
	RampLo  string
	RampHi  string
	Notes   []string // precision filter, period
}

// Legend describes the layer as it was last drawn.
func (l *EventLayer) Legend(lang string) EventLegend {
	l.lock()
	defer l.unlock()
	l.selection()
	if l.Style == EventHex {
		l.hexBins()
	}
	t := l.Table
	lg := EventLegend{Title: l.Title}
	if lg.Title == "" {
		lg.Title = t.Name
	}
	if t.Synthetic {
		lg.Title += translations.T(lang, "legend.events.synthetic")
	}
	what := translations.T(lang, "legend.events.events")
	if !l.byCount() {
		what = t.WeightName()
	}
	r := RampNamed(l.Ramp)
	switch l.Style {
	case EventDensity:
		lg.Meaning = fmt.Sprintf(translations.T(lang, "legend.events.density"), what, l.bandwidthKm())
		lg.Ramp = &r
		lg.RampLo = "0"
		c := &l.shared.cache
		if l.FixedMax > 0 {
			lg.RampHi = legendNum(l.FixedMax) + translations.T(lang, "legend.events.ormore")
		} else if c.dens != nil && c.densNorm > 0 {
			// The scale held while the map pans (densityFor).
			lg.RampHi = legendNum(c.densNorm)
			if c.dens.Max > c.densNorm*1.0001 {
				lg.RampHi += translations.T(lang, "legend.events.ormore")
			}
		}
	case EventHex:
		lg.Meaning = fmt.Sprintf(translations.T(lang, "legend.events.hex"), capital(what), l.cellKm(), l.classesName(lang))
		if h := l.shared.cache.hex; h != nil {
			cl := l.shared.cache.classes
			for k := 0; k < cl.Len(); k++ {
				lo := cl.Limits[k]
				if k > 0 && l.byCount() {
					lo = math.Floor(lo) + 1
				}
				txt := legendNum(lo) + "–" + legendNum(cl.Limits[k+1])
				if lo >= cl.Limits[k+1] {
					txt = legendNum(cl.Limits[k+1])
				}
				lg.Items = append(lg.Items, LegendItem{fill: l.classColor(r, k, cl.Len()), text: txt})
			}
		}
	case EventClusters:
		lg.Meaning = translations.T(lang, "legend.events.clusters")
		lg.Items = []LegendItem{
			{fill: r.At(0.4), text: translations.T(lang, "legend.events.someprecise")},
			{stroke: r.At(0.4), hollow: true, text: translations.T(lang, "legend.events.impreciseonly")},
		}
	default:
		lg.Meaning = translations.T(lang, "legend.events.points")
		c := l.pointColor()
		lg.Items = []LegendItem{
			{fill: c, text: translations.T(lang, "legend.events.precise")},
			{stroke: c, hollow: true, text: translations.T(lang, "legend.events.imprecise")},
		}
	}
	if l.Filter.PreciseOnly {
		lg.Notes = append(lg.Notes, translations.T(lang, "legend.events.preciseonly"))
	} else {
		lg.Notes = append(lg.Notes, translations.T(lang, "legend.events.alllocations"))
	}
	if f := l.Filter; f.From != 0 || f.To != 0 {
		from, to := "…", "…"
		if f.From != 0 {
			from = events.FormatDay(f.From)
		}
		if f.To != 0 {
			to = events.FormatDay(f.To)
		}
		lg.Notes = append(lg.Notes, translations.T(lang, "legend.events.period")+from+" – "+to)
	}
	if len(l.Filter.Hidden) > 0 {
		lg.Notes = append(lg.Notes, translations.T(lang, "legend.events.leftout")+strings.Join(l.Filter.Hidden, ", "))
	}
	lg.Notes = append(lg.Notes, fmt.Sprintf(translations.T(lang, "legend.events.shown"), len(l.shared.cache.sel), t.Len()))
	return lg
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (l *EventLayer) classesName(lang string) string {
	if l.Classes == "natural breaks" {
		return translations.T(lang, "legend.events.naturalbreaks")
	}
	return translations.T(lang, "legend.events.quantiles")
}

// lines is the legend's text rows with their kinds, for measuring and drawing.
func (lg *EventLegend) rows() (n int) {
	n = 2 + len(lg.Items) + len(lg.Notes)
	if lg.Ramp != nil {
		n++
	}
	return n
}

// Size is the legend box's size at scale k (device pixels per logical).
func (lg *EventLegend) Size(fonts FontSet, k float64) (w, h float64) {
	size, lineH := 10.5*k, 14.5*k
	w = fonts.Bold.Measure(lg.Title, size)
	w = math.Max(w, fonts.Regular.Measure(lg.Meaning, size))
	for _, it := range lg.Items {
		w = math.Max(w, 26*k+fonts.Regular.Measure(it.text, size))
	}
	for _, n := range lg.Notes {
		w = math.Max(w, fonts.Italic.Measure(n, size*0.95))
	}
	if lg.Ramp != nil {
		w = math.Max(w, 180*k)
	}
	return w + 20*k, float64(lg.rows())*lineH + 14*k
}

// DrawAt draws the legend box with its top-left corner at (x, y).
func (lg *EventLegend) DrawAt(s Sink, x, y float64, fonts FontSet, k float64) {
	w, h := lg.Size(fonts, k)
	size, lineH := 10.5*k, 14.5*k
	ink := color.NRGBA{34, 30, 26, 255}
	sub := color.NRGBA{90, 84, 76, 255}
	s.Path(&Path{Closed: true, Sub: [][]Point{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}}},
		&Style{Fill: color.NRGBA{255, 255, 255, 236}, Stroke: color.NRGBA{120, 110, 95, 255}, Width: 0.8 * k})
	tx := x + 10*k
	cy := y + 8*k
	text := func(str string, f *Font, sz float64, c color.NRGBA, dx float64) {
		s.Text(&Text{X: tx + dx, Y: cy + lineH*0.75, S: str, Font: f, Size: sz, Color: c})
		cy += lineH
	}
	text(lg.Title, fonts.Bold, size, ink, 0)
	text(lg.Meaning, fonts.Regular, size, ink, 0)
	if lg.Ramp != nil {
		bw := 120 * k
		n := 48
		for i := 0; i < n; i++ {
			x0 := tx + bw*float64(i)/float64(n)
			s.Path(&Path{Closed: true, Sub: [][]Point{{{x0, cy + 2*k}, {x0 + bw/float64(n) + 0.3, cy + 2*k}, {x0 + bw/float64(n) + 0.3, cy + lineH - 2*k}, {x0, cy + lineH - 2*k}}}},
				&Style{Fill: lg.Ramp.At(float64(i) / float64(n-1))})
		}
		s.Text(&Text{X: tx + bw + 6*k, Y: cy + lineH*0.75, S: lg.RampLo + " – " + lg.RampHi, Font: fonts.Regular, Size: size, Color: ink})
		cy += lineH
	}
	for _, it := range lg.Items {
		m := &Marker{Shape: Circle, Size: 10 * k, Fill: it.fill, Stroke: color.NRGBA{255, 255, 255, 220}, StrokeWidth: 0.8 * k}
		if it.hollow {
			m = &Marker{Shape: Circle, Size: 10 * k, Stroke: it.stroke, StrokeWidth: 1.8 * k}
		}
		if lg.Ramp == nil && strings.ContainsAny(it.text, "0123456789") {
			// Hex classes: a hexagon swatch.
			cx, cyy, r := tx+8*k, cy+lineH/2, 7*k
			var hex []Point
			for a := 0; a < 6; a++ {
				th := math.Pi / 180 * float64(60*a-30)
				hex = append(hex, Point{cx + r*math.Cos(th), cyy + r*math.Sin(th)})
			}
			s.Path(&Path{Closed: true, Sub: [][]Point{hex}}, &Style{Fill: it.fill, Stroke: color.NRGBA{255, 255, 255, 200}, Width: 0.6 * k})
		} else {
			s.Markers(m, []Point{{tx + 8*k, cy + lineH/2}})
		}
		text(it.text, fonts.Regular, size, ink, 26*k)
	}
	for _, n := range lg.Notes {
		text(n, fonts.Italic, size*0.95, sub, 0)
	}
}
