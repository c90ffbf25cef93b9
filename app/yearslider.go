package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// yearAll is the slider's first stop: not one year (all years, or a span
// chosen in the period list).
const yearAll = firstYear - 1

// labelledYears are the years written under the slider's marks.
var labelledYears = []int{2012, 2015, 2020, 2025}

// YearSlider picks one year on a scale with a mark per year and the years
// written under some of them; its first stop, marked "·", is "not one year".
type YearSlider struct {
	widget.BaseWidget
	Slider *widget.Slider
}

// NewYearSlider makes the slider; changed is called with the year chosen
// (0 for the first stop) when the user lets go.
func NewYearSlider(changed func(year int)) *YearSlider {
	y := &YearSlider{Slider: widget.NewSlider(yearAll, lastYear)}
	y.Slider.Step = 1
	y.Slider.Value = yearAll
	y.Slider.OnChangeEnded = func(v float64) {
		if changed == nil {
			return
		}
		if int(v) <= yearAll {
			changed(0)
		} else {
			changed(int(v))
		}
	}
	y.ExtendBaseWidget(y)
	return y
}

// Year is the year chosen (0 at the first stop).
func (y *YearSlider) Year() int {
	if int(y.Slider.Value) <= yearAll {
		return 0
	}
	return int(y.Slider.Value)
}

// CreateRenderer is part of fyne.Widget.
func (y *YearSlider) CreateRenderer() fyne.WidgetRenderer {
	r := &yearRenderer{y: y}
	ink := color.NRGBA{160, 160, 160, 255}
	for yr := yearAll; yr <= lastYear; yr++ {
		tick := canvas.NewLine(ink)
		tick.StrokeWidth = 1
		r.ticks = append(r.ticks, tick)
	}
	dot := canvas.NewText("·", ink)
	dot.TextSize = 10
	r.labels = append(r.labels, dot)
	r.years = append(r.years, yearAll)
	for _, yr := range labelledYears {
		t := canvas.NewText(fmt.Sprint(yr), ink)
		t.TextSize = 9
		r.labels = append(r.labels, t)
		r.years = append(r.years, yr)
	}
	return r
}

type yearRenderer struct {
	y      *YearSlider
	ticks  []*canvas.Line
	labels []*canvas.Text
	years  []int
}

const yearScaleH = 12 // the marks and years under the slider

// xOf is the x of a year's stop: the slider's track runs between its end
// paddings (as Fyne's slider lays it out).
func (r *yearRenderer) xOf(year int, width float32) float32 {
	th := r.y.Slider.Theme()
	pad := (th.Size(theme.SizeNameInlineIcon)-4)/2 + th.Size(theme.SizeNameInnerPadding) - 1.5
	return pad + (width-2*pad)*float32(year-yearAll)/float32(lastYear-yearAll)
}

func (r *yearRenderer) Layout(size fyne.Size) {
	sh := size.Height - yearScaleH
	r.y.Slider.Resize(fyne.NewSize(size.Width, sh))
	r.y.Slider.Move(fyne.NewPos(0, 0))
	top := sh - 6
	for i, t := range r.ticks {
		x := r.xOf(yearAll+i, size.Width)
		h := float32(3)
		for _, yr := range labelledYears {
			if yr == yearAll+i {
				h = 5
			}
		}
		t.Position1 = fyne.NewPos(x, top)
		t.Position2 = fyne.NewPos(x, top+h)
	}
	for i, l := range r.labels {
		ms := l.MinSize()
		x := r.xOf(r.years[i], size.Width) - ms.Width/2
		x = max(0, min(x, size.Width-ms.Width))
		l.Move(fyne.NewPos(x, top+2))
		l.Resize(ms)
	}
}

func (r *yearRenderer) MinSize() fyne.Size {
	m := r.y.Slider.MinSize()
	return fyne.NewSize(max(m.Width, 260), m.Height+yearScaleH-4)
}

func (r *yearRenderer) Refresh() {
	r.Layout(r.y.Size())
	r.y.Slider.Refresh()
	for _, t := range r.ticks {
		t.Refresh()
	}
}

func (r *yearRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{}
	for _, t := range r.ticks {
		objs = append(objs, t)
	}
	for _, l := range r.labels {
		objs = append(objs, l)
	}
	return append(objs, r.y.Slider)
}

func (r *yearRenderer) Destroy() {}
