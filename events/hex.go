package events

import (
	"fmt"
	"math"
	"sync"

	"github.com/paulmach/orb"
)

// HexBins is the count and weight of events in pointy-top hexagons of
// CellKm across (the distance between neighbouring centres, and between
// opposite sides) on the equal-area plane (ToKm). Only cells with events
// are kept. Cell i is at axial coordinates (Q[i], R[i]).
type HexBins struct {
	CellKm float64
	Q, R   []int32
	Count  []int32
	Weight []float64
	// Members lists, for cell i, the events in it: Members[Start[i]:Start[i+1]].
	Start   []int32
	Members []int32

	lookupOnce sync.Once
	lookup     map[[2]int32]int32
}

// Len is the number of cells with events.
func (h *HexBins) Len() int { return len(h.Q) }

// radius is the centre-to-corner distance of a cell.
func (h *HexBins) radius() float64 { return h.CellKm / math.Sqrt(3) }

// CentreKm is the centre of cell i on the equal-area plane.
func (h *HexBins) CentreKm(i int) (x, y float64) {
	s := h.radius()
	q, r := float64(h.Q[i]), float64(h.R[i])
	return s * math.Sqrt(3) * (q + r/2), s * 1.5 * r
}

// Ring is the outline of cell i in lon/lat (closed, counter-clockwise).
func (h *HexBins) Ring(i int) orb.Ring {
	cx, cy := h.CentreKm(i)
	s := h.radius()
	ring := make(orb.Ring, 7)
	for k := 0; k < 6; k++ {
		a := math.Pi / 180 * float64(60*k-30)
		lon, lat := FromKm(cx+s*math.Cos(a), cy+s*math.Sin(a))
		ring[k] = orb.Point{lon, lat}
	}
	ring[6] = ring[0]
	return ring
}

// hexOf is the axial cell of a point on the equal-area plane (cube rounding).
func hexOf(x, y, s float64) (q, r int) {
	fq := (math.Sqrt(3)/3*x - y/3) / s
	fr := (2.0 / 3 * y) / s
	fs := -fq - fr
	rq, rr, rs := math.Round(fq), math.Round(fr), math.Round(fs)
	dq, dr, ds := math.Abs(rq-fq), math.Abs(rr-fr), math.Abs(rs-fs)
	switch {
	case dq > dr && dq > ds:
		rq = -rr - rs
	case dr > ds:
		rr = -rq - rs
	}
	return int(rq), int(rr)
}

// maxDenseCells bounds the dense grid HexBin counts in.
const maxDenseCells = 1 << 24

// HexBin counts the selected events in hexagons of cellKm.
func HexBin(t *Table, sel []int32, cellKm float64) (*HexBins, error) {
	if !(cellKm >= 0.1 && cellKm <= 5000) {
		return nil, fmt.Errorf("the cell size must be 0.1–5000 km, not %g", cellKm)
	}
	h := &HexBins{CellKm: cellKm}
	if len(sel) == 0 {
		h.Start = []int32{0}
		return h, nil
	}
	s := h.radius()
	xs, ys := t.km()
	// The dense grid spans the axial range of the table's extent.
	b := t.Bound()
	qmin, rmin, qmax, rmax := math.MaxInt, math.MaxInt, math.MinInt, math.MinInt
	for _, c := range [][2]float64{{b.Min[0], b.Min[1]}, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}, {b.Max[0], b.Max[1]}} {
		x, y := ToKm(c[0], c[1])
		q, r := hexOf(x, y, s)
		qmin, qmax = min(qmin, q), max(qmax, q)
		rmin, rmax = min(rmin, r), max(rmax, r)
	}
	qmin, rmin, qmax, rmax = qmin-2, rmin-2, qmax+2, rmax+2
	// q of the extent's corners does not bound q inside it (the axes are
	// skewed): widen q by the r span.
	qmin -= (rmax - rmin + 1) / 2
	qmax += (rmax - rmin + 1) / 2
	qn, rn := qmax-qmin+1, rmax-rmin+1
	if qn*rn > maxDenseCells {
		return nil, fmt.Errorf("%g km cells are too small for events spread over %.0f×%.0f km", cellKm,
			(b.Max[0]-b.Min[0])*111*cosStd, (b.Max[1]-b.Min[1])*111)
	}
	cellOf := make([]int32, len(sel))
	slot := make([]int32, qn*rn) // 1 + index of the cell, 0 empty
	for k, i := range sel {
		q, r := hexOf(float64(xs[i]), float64(ys[i]), s)
		g := (r-rmin)*qn + (q - qmin)
		c := slot[g]
		if c == 0 {
			h.Q = append(h.Q, int32(q))
			h.R = append(h.R, int32(r))
			h.Count = append(h.Count, 0)
			h.Weight = append(h.Weight, 0)
			c = int32(len(h.Q))
			slot[g] = c
		}
		c--
		h.Count[c]++
		h.Weight[c] += float64(t.Weight[i])
		cellOf[k] = c
	}
	// Members grouped by cell (counting sort).
	h.Start = make([]int32, len(h.Q)+1)
	for c := range h.Count {
		h.Start[c+1] = h.Start[c] + h.Count[c]
	}
	h.Members = make([]int32, len(sel))
	fill := append([]int32(nil), h.Start[:len(h.Q)]...)
	for k, i := range sel {
		c := cellOf[k]
		h.Members[fill[c]] = i
		fill[c]++
	}
	return h, nil
}

// TopCategories returns up to n categories of cell i's events, most
// frequent first, with their counts.
func (h *HexBins) TopCategories(t *Table, i, n int) []AreaCount {
	counts := map[uint32]int{}
	for _, e := range h.Members[h.Start[i]:h.Start[i+1]] {
		counts[t.Category[e]]++
	}
	var out []AreaCount
	for c, k := range counts {
		out = append(out, AreaCount{Name: t.Categories.Values[c], Events: k})
	}
	sortCounts(out)
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// CellAt returns the cell containing lon/lat, or -1 when it has no events.
func (h *HexBins) CellAt(lon, lat float64) int {
	h.lookupOnce.Do(func() {
		h.lookup = make(map[[2]int32]int32, len(h.Q))
		for i := range h.Q {
			h.lookup[[2]int32{h.Q[i], h.R[i]}] = int32(i)
		}
	})
	x, y := ToKm(lon, lat)
	q, r := hexOf(x, y, h.radius())
	if i, ok := h.lookup[[2]int32{int32(q), int32(r)}]; ok {
		return int(i)
	}
	return -1
}
