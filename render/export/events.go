package export

import "maliatlas/render"

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
