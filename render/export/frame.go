package export

import (
	"math"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/render"
)

// LegendPlace says where the legend goes.
type LegendPlace int

const (
	// LegendAuto picks: a small legend in a box over a corner of the map,
	// else a panel beside or below the map, whichever leaves the map larger.
	LegendAuto LegendPlace = iota
	LegendOver
	LegendSide
	LegendBelow
)

// pageFrame is where the parts of a page go, in device pixels: the title
// band at the top, the attribution band at the bottom, the legend panel
// (beside or below) and the map's area between them.
type pageFrame struct {
	top, bottom float64
	mapArea     render.Rect
	legend      *legendBox // nil: no legend
}

// frame lays out pg for m.
func (m *Map) frame(pg Page) pageFrame {
	W, H := float64(pg.W)-m.panelWidth(pg), float64(pg.H) // an exercise's text panel on the right (fictional.go)
	top, bottom := m.bands(pg)
	fr := pageFrame{top: top, bottom: bottom, mapArea: render.Rect{Min: render.Point{X: 0, Y: top}, Max: render.Point{X: W, Y: H - bottom}}}
	lb := m.measureLegend(pg)
	if lb == nil {
		return fr
	}
	fr.legend = lb
	mapW, mapH := W, H-top-bottom
	place := m.LegendAt
	if place == LegendAuto {
		place = LegendSide
		switch {
		case lb.total < 0.4*mapH && lb.colW+20*lb.k < 0.3*mapW:
			place = LegendOver
		default:
			// Beside or below, with the text wrapped at the width that
			// leaves the map largest; of equals, the narrowest panel.
			bestZ, bestW := math.Inf(-1), math.Inf(1)
			for _, tw := range []float64{250, 210, 175} {
				cand := m.measureLegendAt(pg, tw)
				side := cand.packSide(mapH)
				below := cand.packBelow(mapW)
				zs := m.fitZoom(pg, mapW-side.w, mapH)
				zb := m.fitZoom(pg, mapW, mapH-below.h)
				p, z, w := LegendSide, zs, side.w
				if zb > zs+0.03 { // a clearly larger map with the legend below
					p, z, w = LegendBelow, zb, below.h*mapW/mapH
				}
				if z > bestZ+0.01 || z > bestZ-0.01 && w < bestW {
					bestZ, bestW, place, lb = math.Max(z, bestZ), w, p, cand
				}
			}
			fr.legend = lb
		}
	}
	var packed legendPack
	switch place {
	case LegendOver:
		lb.place = LegendOver
		lb.cols = [][]legendRow{lb.rows}
		lb.w, lb.h = lb.colW+20*lb.k, lb.total
		return fr
	case LegendBelow:
		packed = lb.packBelow(mapW)
		fr.mapArea.Max.Y -= packed.h
		lb.rect = render.Rect{Min: render.Point{X: 0, Y: fr.mapArea.Max.Y}, Max: render.Point{X: W, Y: H - bottom}}
	default:
		place = LegendSide
		packed = lb.packSide(mapH)
		fr.mapArea.Max.X -= packed.w
		lb.rect = render.Rect{Min: render.Point{X: fr.mapArea.Max.X, Y: top}, Max: render.Point{X: W, Y: H - bottom}}
	}
	lb.place, lb.cols, lb.w, lb.h = place, packed.cols, packed.w, packed.h
	return fr
}

// fitZoom is the zoom the bbox gets in a map area of w×h device pixels.
func (m *Map) fitZoom(pg Page, w, h float64) float64 {
	if w < 16 || h < 16 {
		return -100
	}
	return geo.FitBound(m.BBox, int(w/pg.Scale), int(h/pg.Scale), pg.Scale, m.margin()).Zoom
}

// margin is the room, in logical pixels, kept around the bbox.
func (m *Map) margin() float64 {
	if m.NoMargin {
		return 0
	}
	return 8
}

// legendPack is the legend's rows in columns and the panel's size.
type legendPack struct {
	cols [][]legendRow
	w, h float64
}

// groups are the legend's rows cut where a new layer starts: a layer's
// heading and its categories stay in one column.
func (lb *legendBox) groups() [][]legendRow {
	var gs [][]legendRow
	for i, r := range lb.rows {
		if i == 0 || r.header || lb.rows[i-1].layer != r.layer || r.layer == nil {
			gs = append(gs, nil)
		}
		gs[len(gs)-1] = append(gs[len(gs)-1], r)
	}
	return gs
}

// pack fills columns of height colH top to bottom with whole groups; a
// group taller than a column is split, its heading kept with its first row.
func (lb *legendBox) pack(colH float64) [][]legendRow {
	var cols [][]legendRow
	var col []legendRow
	used := 0.0
	for _, g := range lb.groups() {
		gh := 0.0
		for _, r := range g {
			gh += r.h
		}
		if used+gh > colH && len(col) > 0 {
			cols, col, used = append(cols, col), nil, 0
		}
		if gh <= colH {
			col, used = append(col, g...), used+gh
			continue
		}
		for i, r := range g {
			need := r.h
			if r.header && i+1 < len(g) {
				need += g[i+1].h
			}
			if used+need > colH && len(col) > 0 {
				cols, col, used = append(cols, col), nil, 0
			}
			col, used = append(col, r), used+r.h
		}
	}
	if len(col) > 0 {
		cols = append(cols, col)
	}
	return cols
}

// balanced packs the legend in at most n columns as short as they can be
// (never shorter than its tallest row, never taller than maxH).
func (lb *legendBox) balanced(n int, maxH float64) ([][]legendRow, float64) {
	lo := 0.0
	for _, r := range lb.rows {
		lo = math.Max(lo, r.h)
	}
	hi := math.Max(maxH, lo)
	for range 40 {
		mid := (lo + hi) / 2
		if len(lb.pack(mid)) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	cols := lb.pack(hi)
	h := 0.0
	for _, c := range cols {
		ch := 0.0
		for _, r := range c {
			ch += r.h
		}
		h = math.Max(h, ch)
	}
	return cols, h
}

// packSide is the legend as a panel down the right of a map mapH high: as
// few columns as fit, balanced, as wide as their text.
func (lb *legendBox) packSide(mapH float64) legendPack {
	k := lb.k
	avail := math.Max(mapH-lb.titleH-20*k, 40*k)
	n := len(lb.pack(avail))
	cols, _ := lb.balanced(n, avail)
	return legendPack{cols: cols, w: float64(len(cols))*(lb.colW+14*k) + 14*k, h: mapH}
}

// packBelow is the legend as a band under a map mapW wide: as many columns
// as the width holds, balanced, as high as their text.
func (lb *legendBox) packBelow(mapW float64) legendPack {
	k := lb.k
	n := max(1, int((mapW-14*k)/(lb.colW+14*k)))
	total := lb.total
	cols, h := lb.balanced(n, total)
	return legendPack{cols: cols, w: mapW, h: lb.titleH + h + 12*k}
}

// FitToView returns the page on which the map area is w×h logical pixels
// (the window's map), with the title and attribution bands and the legend
// beside or below it, and makes the bbox fill that area: the export shows
// the map at the size and scale it had on screen.
func (m *Map) FitToView(w, h int) Page {
	m.NoMargin = true
	pg := SizePage(w, h)
	lb := m.measureLegend(pg)
	grow := func(W, H int) Page {
		p := SizePage(W, H)
		top, bottom := m.bands(p)
		return SizePage(W, H+int(math.Ceil(top+bottom)))
	}
	if lb == nil {
		m.LegendAt = LegendAuto
		return grow(w, h)
	}
	// Beside or below: nothing covers the map as it was on screen.
	side := lb.packSide(float64(h))
	below := lb.packBelow(float64(w))
	if side.w*float64(h) <= below.h*float64(w) {
		m.LegendAt = LegendSide
		return grow(w+int(math.Ceil(side.w)), h)
	}
	m.LegendAt = LegendBelow
	return grow(w, h+int(math.Ceil(below.h)))
}

// Box is a layout element's place on the page (device pixels).
type Box struct {
	Name string // title, attribution, legend, inset, north, scalebar, events (the event legends)
	render.Rect
}

// placer puts layout elements in the map area where they cover no label
// and no element placed before them.
type placer struct {
	area   render.Rect
	labels []render.Rect
	taken  []render.Rect
	margin float64
}

type corner int

const (
	topLeft corner = iota
	topRight
	bottomLeft
	bottomRight
)

// place finds a w×h spot: near the corners in the order given, slid along
// the edges, the first that covers no label; else the one covering fewest.
func (p *placer) place(w, h float64, prefs ...corner) render.Rect {
	a, mg := p.area, p.margin
	best, bestScore := render.Rect{}, math.Inf(1)
	for ci, c := range prefs {
		for step := range 9 {
			for vstep := range 7 {
				var x, y float64
				dx := float64(step) * math.Max(w*0.4, 16)
				dy := float64(vstep) * math.Max(h*0.3, 12)
				switch c {
				case topLeft:
					x, y = a.Min.X+mg+dx, a.Min.Y+mg+dy
				case topRight:
					x, y = a.Max.X-mg-w-dx, a.Min.Y+mg+dy
				case bottomLeft:
					x, y = a.Min.X+mg+dx, a.Max.Y-mg-h-dy
				case bottomRight:
					x, y = a.Max.X-mg-w-dx, a.Max.Y-mg-h-dy
				}
				r := render.Rect{Min: render.Point{X: x, Y: y}, Max: render.Point{X: x + w, Y: y + h}}
				score := float64(ci*100 + step*7 + vstep) // nearer the preferred corner first
				if r.Min.X < a.Min.X || r.Min.Y < a.Min.Y || r.Max.X > a.Max.X || r.Max.Y > a.Max.Y {
					score += 1e6
				}
				for _, t := range p.taken {
					if t.Overlaps(r) {
						score += 1e6
					}
				}
				for _, l := range p.labels {
					if l.Overlaps(r) {
						score += 1000
					}
				}
				if score < bestScore {
					best, bestScore = r, score
				}
			}
		}
	}
	p.taken = append(p.taken, best)
	return best
}

// scaleBarMax is the longest scale bar for a map area: 150 px, less on a
// narrow map.
func scaleBarMax(area render.Rect, k float64) float64 {
	return math.Max(40*k, math.Min(150*k, area.Dx()*0.45))
}

// scaleBarSize is the scale bar's box for a bar up to maxLen long: the
// panel with the "0" before the bar and the unit after it.
func scaleBarSize(maxLen, k float64) (w, h float64) { return maxLen + 16*k + 36*k, 30 * k }

// northSize is the north arrow's box.
func northSize(k float64) (w, h float64) { return 36 * k, 52 * k }

// insetSize is the locator map's box (with its white margin) for a map area.
func insetSize(area render.Rect, k float64) (w, h float64) {
	w = math.Min(150*k, area.Dx()*0.22)
	minX, minY := geo.Project(orb.Point{insetBound.Min[0], insetBound.Max[1]})
	maxX, maxY := geo.Project(orb.Point{insetBound.Max[0], insetBound.Min[1]})
	h = w * (maxY - minY) / (maxX - minX)
	if lim := area.Dy() * 0.4; h > lim { // a wide, low map: a smaller inset
		w, h = w*lim/h, lim
	}
	return w + 6*k, h + 6*k
}
