package render

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"maliatlas/assets/translations"
	"maliatlas/events"
)

// ProfileChart is a route's event profile: one bar per stretch.
type ProfileChart struct {
	Title    string
	Segs     []events.Segment
	Worst    int    // the highlighted stretch, or -1
	Weighted bool   // bars show the weight rather than the count
	What     string // what a bar measures ("events", "fatalities")
	Caption  string // the sentence under the chart
	Ramp     string
	// Axis is the distance axis' title in the reader's language; empty,
	// the English one ("km along the route · bars: What per stretch").
	Axis string
}

// DrawProfile draws the chart into r (k device pixels per logical pixel).
func DrawProfile(s Sink, r Rect, c ProfileChart, fonts FontSet, k float64) {
	ink := color.NRGBA{34, 30, 26, 255}
	sub := color.NRGBA{110, 104, 96, 255}
	grid := color.NRGBA{220, 214, 204, 255}
	rect := func(x0, y0, x1, y1 float64, st *Style) {
		s.Path(&Path{Closed: true, Sub: [][]Point{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}}}, st)
	}
	text := func(x, y float64, str string, f *Font, size float64, col color.NRGBA) {
		s.Text(&Text{X: x, Y: y, S: str, Font: f, Size: size, Color: col})
	}
	rect(r.Min.X, r.Min.Y, r.Max.X, r.Max.Y, &Style{Fill: color.NRGBA{255, 255, 255, 255}})
	size := 11 * k
	title, tsize := fitText(fonts.Bold, c.Title, 12.5*k, r.Dx()-24*k)
	text(r.Min.X+12*k, r.Min.Y+20*k, title, fonts.Bold, tsize, ink)
	left, right := r.Min.X+56*k, r.Max.X-16*k
	top, bottom := r.Min.Y+36*k, r.Max.Y-52*k
	if len(c.Segs) == 0 || right <= left || bottom <= top {
		return
	}
	val := func(sg events.Segment) float64 {
		if c.Weighted {
			return sg.Weight
		}
		return float64(sg.Events)
	}
	maxV := 0.0
	for _, sg := range c.Segs {
		maxV = math.Max(maxV, val(sg))
	}
	total := c.Segs[len(c.Segs)-1].ToKm
	if maxV == 0 {
		maxV = 1
	}
	// Horizontal grid lines at nice steps.
	step := niceStep(maxV / 4)
	for v := 0.0; v <= maxV*1.0001; v += step {
		y := bottom - (bottom-top)*v/maxV
		rect(left, y-0.4*k, right, y+0.4*k, &Style{Fill: grid})
		lbl := legendNum(v)
		text(left-6*k-fonts.Regular.Measure(lbl, size*0.9), y+4*k, lbl, fonts.Regular, size*0.9, sub)
	}
	rp := RampNamed(c.Ramp)
	for i, sg := range c.Segs {
		x0 := left + (right-left)*sg.FromKm/total
		x1 := left + (right-left)*sg.ToKm/total
		y := bottom - (bottom-top)*val(sg)/maxV
		col := rp.At(0.35)
		if i == c.Worst {
			col = rp.At(0.85)
		}
		rect(x0+0.8*k, y, x1-0.8*k, bottom, &Style{Fill: col})
		if i == c.Worst {
			rect(x0+0.8*k, y, x1-0.8*k, bottom, &Style{Stroke: ink, Width: 1.2 * k})
		}
	}
	rect(left, bottom, right, bottom+0.8*k, &Style{Fill: ink})
	// Distance ticks.
	kmStep := niceStep(total / 8)
	for d := 0.0; d <= total+1e-9; d += kmStep {
		x := left + (right-left)*d/total
		rect(x-0.4*k, bottom, x+0.4*k, bottom+4*k, &Style{Fill: ink})
		lbl := fmt.Sprintf("%.0f", d)
		text(x-fonts.Regular.Measure(lbl, size*0.9)/2, bottom+16*k, lbl, fonts.Regular, size*0.9, sub)
	}
	axis := c.Axis
	if axis == "" {
		axis = fmt.Sprintf(translations.T("en", "events.profile.axis"), c.What)
	}
	text(right-fonts.Italic.Measure(axis, size*0.9), bottom+30*k, axis, fonts.Italic, size*0.9, sub)
	text(r.Min.X+12*k, r.Max.Y-8*k, c.Caption, fonts.Regular, size, ink)
}

// fitText fits s into width w: a size down to four fifths of size, then
// the words cut with an ellipsis.
func fitText(f *Font, s string, size, w float64) (string, float64) {
	tw := f.Measure(s, size)
	if tw <= w || w <= 0 {
		return s, size
	}
	if size*w/tw >= 0.8*size {
		return s, size * w / tw
	}
	size *= 0.8
	r := []rune(s)
	for len(r) > 1 && f.Measure(string(r)+"…", size) > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…", size
}

// niceStep rounds v up to 1, 2 or 5 times a power of ten.
func niceStep(v float64) float64 {
	if !(v > 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
