package app

import (
	"fyne.io/fyne/v2/widget"

	"maliatlas/layers"
)

// newPeriodSelect is the period control: all years or one of the periods the
// sources describe.
func (s *Shell) newPeriodSelect() *widget.Select {
	sel := widget.NewSelect(nil, nil)
	s.periodSel = sel
	s.syncPeriodSelect()
	return sel
}

func (s *Shell) syncPeriodSelect() {
	sel := s.periodSel
	opts := make([]string, len(layers.PeriodPresets))
	cur := 0
	for i, p := range layers.PeriodPresets {
		opts[i] = p.Title.In(s.lang)
		if p.Period == s.period {
			cur = i
		}
	}
	sel.OnChanged = nil
	sel.Options = opts
	sel.SetSelectedIndex(cur)
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 && layers.PeriodPresets[i].Period != s.period {
			s.SetPeriod(layers.PeriodPresets[i].Period)
		}
	}
	sel.Refresh()
}
