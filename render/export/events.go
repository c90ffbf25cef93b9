package export

import "maliatlas/render"

// vectorEvents is m with its event layers drawn as vectors (SVG, PDF).
func (m *Map) vectorEvents() *Map {
	if len(m.Options.Events) == 0 {
		return m
	}
	cp := *m
	cp.Options.Events = make([]*render.EventLayer, len(m.Options.Events))
	for i, l := range m.Options.Events {
		v := *l
		v.Vector = true
		cp.Options.Events[i] = &v
	}
	return &cp
}

// eventLegends draws one legend box per event layer, stacked up from the
// lower-right corner of the map area (above the scale bar): what the colour means, the file, the
// precision filter and the period.
func (L *layout) eventLegends(evs []*render.EventLayer, bottom, right float64) {
	k := L.k
	y := float64(L.pg.H) - bottom - 12*k
	if L.m.ScaleBar {
		y -= 44 * k // above the scale bar
	}
	for i := len(evs) - 1; i >= 0; i-- {
		lg := evs[i].Legend(L.lang)
		w, h := lg.Size(L.fonts, k)
		y -= h
		lg.DrawAt(L.s, float64(L.pg.W)-right-12*k-w, y, L.fonts, k)
		y -= 8 * k
	}
}
