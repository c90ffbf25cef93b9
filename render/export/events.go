package export

import (
	"math"

	"maliatlas/events"
	"maliatlas/geo"
	"maliatlas/render"
)

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

// eventLegendBox is the event layers' legends, stacked, with their sizes.
type eventLegendBox struct {
	legends []render.EventLegend
	heights []float64
	w, h    float64
	rect    render.Rect
}

// measureEventLegends is one box holding a legend per event layer: what the
// colour means, the file, the precision filter and the period. The layers
// are readied for view v first (the top of the density is known once it is
// computed).
func (L *layout) measureEventLegends(evs []*render.EventLayer, v geo.Viewport) *eventLegendBox {
	if len(evs) == 0 {
		return nil
	}
	k := L.k
	b := &eventLegendBox{}
	for i, l := range evs {
		l.Prepare(v)
		lg := l.Legend(L.lang)
		w, h := lg.Size(L.fonts, k)
		b.legends = append(b.legends, lg)
		b.heights = append(b.heights, h)
		b.w = math.Max(b.w, w)
		b.h += h
		if i > 0 {
			b.h += 8 * k
		}
	}
	return b
}

// eventSpots are the places of the map area the event layers' events fill
// (one box per 48 px cell holding any), for the placer to keep their legend
// off as it keeps off labels.
func eventSpots(evs []*render.EventLayer, v geo.Viewport, area render.Rect) []render.Rect {
	var out []render.Rect
	cell := 48 * v.DeviceScale()
	for _, l := range evs {
		for _, c := range events.Clusters(l.Table, l.Selection(), v, cell) {
			x, y := v.WorldToScreen(c.X, c.Y)
			r := render.Rect{Min: render.Point{X: x - cell/2, Y: y - cell/2}, Max: render.Point{X: x + cell/2, Y: y + cell/2}}
			if r.Overlaps(area) {
				out = append(out, r)
			}
		}
	}
	return out
}

// eventLegends draws the event legends in their box (placed by the placer
// like the other elements over the map: off the labels and the events).
func (L *layout) eventLegends(b *eventLegendBox) {
	if b == nil {
		return
	}
	y := b.rect.Min.Y
	for i, lg := range b.legends {
		w, _ := lg.Size(L.fonts, L.k)
		lg.DrawAt(L.s, b.rect.Max.X-w, y, L.fonts, L.k)
		y += b.heights[i] + 8*L.k
	}
}
