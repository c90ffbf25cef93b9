package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"maliatlas/layers"
)

// Years the year slider spans: the sources' first and last years.
const (
	firstYear = 2012
	lastYear  = 2025
)

// newPeriodControl is the period control: all years or one of the periods
// the sources describe, or a single year on a slider.
func (s *Shell) newPeriodControl() fyne.CanvasObject {
	sel := widget.NewSelect(nil, nil)
	s.periodSel = sel
	// One year on a scale of marks; its first stop is "not one year".
	ys := NewYearSlider(func(y int) {
		if y == 0 {
			s.SetPeriod(layers.Period{})
		} else {
			s.SetPeriod(layers.Period{From: y, To: y})
		}
	})
	s.yearSlider = ys.Slider
	s.yearLabel = widget.NewLabel("")
	s.syncPeriodSelect()
	return container.NewHBox(container.NewGridWrap(fyne.NewSize(170, 36), sel), ys, s.yearLabel)
}

func (s *Shell) syncPeriodSelect() {
	sel := s.periodSel
	opts := make([]string, len(layers.PeriodPresets))
	cur := 0
	for i, p := range layers.PeriodPresets {
		opts[i] = p.Title.In(s.lang)
		if p.Period == s.vs.Period {
			cur = i
		}
	}
	sel.OnChanged = nil
	sel.Options = opts
	sel.SetSelectedIndex(cur)
	if _, preset := layers.PresetOf(s.vs.Period); !preset {
		sel.ClearSelected()
		sel.PlaceHolder = s.vs.Period.Label(s.lang)
	}
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 && layers.PeriodPresets[i].Period != s.vs.Period {
			s.SetPeriod(layers.PeriodPresets[i].Period)
		}
	}
	sel.Refresh()
	// The slider follows the period: on its year, else on its first stop.
	year := 0
	if s.vs.Period.From == s.vs.Period.To && s.vs.Period.From != 0 {
		year = s.vs.Period.From
		s.yearLabel.SetText(fmt.Sprint(year))
	} else {
		s.yearLabel.SetText("")
	}
	if v := float64(year); year == 0 {
		s.yearSlider.Value = yearAll
	} else {
		s.yearSlider.Value = v
	}
	s.yearSlider.Refresh()
}
