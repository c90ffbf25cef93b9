package render

import (
	"math"
	"math/bits"
	"slices"
	"sync"
)

// A recording replayed into bands hands each band's markers call only the
// points that can reach the band (within the call's box margin above and
// below it), in their order: a big point layer is not scanned whole once per
// band. The points are grouped by rows once per recording, on the first
// replay that needs them.

// rowIndexMin is the fewest points of a markers call grouped by rows.
const rowIndexMin = 256

// rowStep is the height of a group of rows, device pixels.
const rowStep = 16

// rowIndex groups the points of a markers call by rows of device pixels:
// group g holds the points with y in [y0+g·step, y0+(g+1)·step) and is
// idx[start[g]:start[g+1]] (indices into the call's points, ascending).
// Points that cannot be drawn (NaN or infinite coordinates) are in no group.
type rowIndex struct {
	y0, step float64
	margin   float64 // how far from its point a marker may paint
	start    []int32
	idx      []int32
}

// n is the number of points of o.
func (o *op) n() int {
	if o.pts32 != nil {
		return len(o.pts32)
	}
	return len(o.pts)
}

// xy returns the coordinates of point i of o.
func (o *op) xy(i int) (float64, float64) {
	if o.pts32 != nil {
		return float64(o.pts32[i].x), float64(o.pts32[i].y)
	}
	return o.pts[i].X, o.pts[i].Y
}

// markerMargin bounds how far from its point a marker may paint (as
// Recording.Markers pads its box).
func markerMargin(m *Marker) float64 {
	return m.Size*math.Sqrt2/2 + max(m.StrokeWidth, 0)*2.5 + 2
}

// markerRows returns o's points grouped by rows (o is a bounded markers call).
func (o *op) markerRows() *rowIndex {
	o.x.rowsOnce.Do(func() {
		m := &o.x.marker
		ri := &rowIndex{y0: o.box.Min.Y, step: rowStep, margin: markerMargin(m)}
		// Few groups even for a box that is huge (points far off the page).
		ri.step = max(ri.step, (o.box.Max.Y-o.box.Min.Y)/4096)
		ng := int((o.box.Max.Y-o.box.Min.Y)/ri.step) + 1
		n := o.n()
		// A point's group, or -1 when it cannot be drawn.
		group := func(i int) int {
			x, y := o.xy(i)
			if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
				return -1
			}
			return min(max(int((y-ri.y0)/ri.step), 0), ng-1)
		}
		// Count, then place (counting sort: each group in point order).
		ri.start = make([]int32, ng+1)
		for i := range n {
			if k := group(i); k >= 0 {
				ri.start[k+1]++
			}
		}
		for k := range ng {
			ri.start[k+1] += ri.start[k]
		}
		ri.idx = make([]int32, ri.start[ng])
		next := append([]int32(nil), ri.start[:ng]...)
		for i := range n {
			if k := group(i); k >= 0 {
				ri.idx[next[k]] = int32(i)
				next[k]++
			}
		}
		o.x.rows = ri
	})
	return o.x.rows
}

// bitsPool keeps the bitmaps markersIn marks the chosen points in.
var bitsPool = sync.Pool{New: func() any { return new([]uint64) }}

// markersIn returns, in order, the points of the markers call o that can
// paint inside clip, gathered into *buf; ok is false when that would be
// most of them (the caller then passes them all).
func (o *op) markersIn(clip Rect, buf *[]Point) (pts []Point, ok bool) {
	// A clip over most of the call's rows (a small picture, one band)
	// gains nothing from grouping the points.
	if 2*(clip.Max.Y-clip.Min.Y+2*markerMargin(&o.x.marker)) >= o.box.Max.Y-o.box.Min.Y {
		return nil, false
	}
	ri := o.markerRows()
	ng := len(ri.start) - 1
	g0 := int(math.Floor((clip.Min.Y - ri.margin - ri.y0) / ri.step))
	g1 := int(math.Floor((clip.Max.Y + ri.margin - ri.y0) / ri.step))
	g0, g1 = max(g0, 0), min(g1, ng-1)
	if g0 > g1 {
		return (*buf)[:0], true
	}
	a, b := ri.start[g0], ri.start[g1+1]
	if int(b-a) > o.n()/2 {
		return nil, false
	}
	// Mark the chosen points, then read them out in index order.
	bp := bitsPool.Get().(*[]uint64)
	defer bitsPool.Put(bp)
	words := (o.n() + 63) / 64
	if cap(*bp) < words {
		*bp = make([]uint64, words)
	}
	set := (*bp)[:words]
	lo, hi := words, 0
	for g := g0; g <= g1; g++ {
		if ri.start[g] < ri.start[g+1] { // ascending: first and last
			lo = min(lo, int(ri.idx[ri.start[g]])>>6)
			hi = max(hi, int(ri.idx[ri.start[g+1]-1])>>6)
		}
	}
	for _, i := range ri.idx[a:b] {
		set[i>>6] |= 1 << (uint(i) & 63)
	}
	out := slices.Grow((*buf)[:0], int(b-a))
	for w := lo; w <= hi; w++ {
		m := set[w]
		set[w] = 0 // leave the bitmap clear for the next use
		for ; m != 0; m &= m - 1 {
			i := w<<6 + bits.TrailingZeros64(m)
			if o.pts32 != nil {
				q := o.pts32[i]
				out = append(out, Point{float64(q.x), float64(q.y)})
			} else {
				out = append(out, o.pts[i])
			}
		}
	}
	*buf = out
	return out, true
}
