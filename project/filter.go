package project

import "maliatlas/layers"

// LayerFilter keeps the features that layer states and a period let through:
// not in a hidden legend category, not of a hidden confidence, and (for a
// non-zero period) of years overlapping it. Nil when it keeps everything.
// Projects, briefing steps, exports and the window all filter with it.
func LayerFilter(states []LayerState, period Period) func(*layers.Feature) bool {
	cats := map[string]map[string]bool{}
	confs := map[string]map[layers.Confidence]bool{}
	for _, st := range states {
		for _, c := range st.HiddenCategories {
			if cats[st.ID] == nil {
				cats[st.ID] = map[string]bool{}
			}
			cats[st.ID][c] = true
		}
		for _, c := range st.HiddenConfidence {
			if conf, ok := layers.ParseConfidence(c); ok {
				if confs[st.ID] == nil {
					confs[st.ID] = map[layers.Confidence]bool{}
				}
				confs[st.ID][conf] = true
			}
		}
	}
	var hidden func(*layers.Feature) bool
	if len(cats) > 0 || len(confs) > 0 {
		hidden = func(f *layers.Feature) bool {
			if f.Layer == nil {
				return true
			}
			id := f.Layer.Spec.ID
			if p := f.Layer.Spec.Parent; p != "" {
				id = p // a basemap zoom band follows its layer's toggles
			}
			return !cats[id][f.Category] && !confs[id][f.Confidence]
		}
	}
	pp := layers.Period{From: period.From, To: period.To}
	if pp.From == 0 && pp.To != 0 {
		pp.From = 1 // "up to a year"
	}
	return layers.And(hidden, layers.PeriodFilter(pp))
}
