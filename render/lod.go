package render

import "math"

// Level of detail: what a frame draws follows its pixels, not the size of
// the data. Lines and outlines are simplified per zoom level (below) and
// buildPath drops vertices closer than simplifyTolerance; thinMarkers does
// the same for dense point layers.

// markersPerPixel is the density (markers of one symbol per device pixel of
// the frame) above which a batch is thinned: beyond one marker in 64 pixels
// on average the markers stand on one another wherever they are dense.
const markersPerPixel = 1.0 / 64

// thinMarkers keeps, when pts is denser than markersPerPixel over the frame,
// only the last marker of each device pixel (the one drawn on top: markers
// of one batch are identical, so the others hide under it, shifted by less
// than a pixel), in the original order. Sparser batches, and markers outside
// the frame, are kept as they are. It reuses pts.
func (fr *frame) thinMarkers(pts []Point) []Point {
	w, h := int(fr.w), int(fr.h)
	if w <= 0 || h <= 0 || float64(len(pts)) <= markersPerPixel*float64(w)*float64(h) {
		return pts
	}
	n := w * h
	if cap(fr.seen) < (n+63)/64 {
		fr.seen = make([]uint64, (n+63)/64)
	}
	seen := fr.seen[:(n+63)/64]
	clear(seen)
	// Walk backwards so the last marker of a pixel is the one kept; compact
	// the kept ones at the end of pts, then move them to the front.
	k := len(pts)
	for i := len(pts) - 1; i >= 0; i-- {
		p := pts[i]
		if p.X >= 0 && p.Y >= 0 && p.X < fr.w && p.Y < fr.h {
			c := int(p.Y)*w + int(p.X)
			if seen[c>>6]&(1<<(c&63)) != 0 {
				continue
			}
			seen[c>>6] |= 1 << (c & 63)
		}
		k--
		pts[k] = p
	}
	return append(pts[:0], pts[k:]...)
}

// Lines and polygon outlines are simplified per zoom level: for each level
// (quarter octaves of scale) a layer keeps, per feature, the vertices that
// Douglas–Peucker keeps within lodTolerance device pixels at the level's
// largest scale, so at any scale of the level no vertex dropped lies farther
// than lodTolerance from the line drawn. Levels are computed once, when a
// frame first needs them, and a layer keeps its last maxLODLevels.
const (
	lodTolerance = 0.2 // device pixels
	maxLODLevels = 4
	// lodMinPart is the smallest part worth simplifying.
	lodMinPart = 8
)

// lodLevel is one zoom level of a layer: kept[off[i]:off[i+1]] are the
// indexes into feats[i].pts of the vertices to draw, in order.
type lodLevel struct {
	off  []int32
	kept []int32
}

// lodKey is the zoom level of a scale (device pixels per world unit).
func lodKey(ppw float64) int { return int(math.Floor(math.Log2(ppw) * 4)) }

// level returns pl's simplification for frames of scale ppw (nil when the
// scale is not usable).
func (pl *prepLayer) level(ppw float64) *lodLevel {
	if !(ppw > 0) || math.IsInf(ppw, 0) {
		return nil
	}
	key := lodKey(ppw)
	pl.lodMu.Lock()
	defer pl.lodMu.Unlock()
	if lv, ok := pl.lod[key]; ok {
		return lv
	}
	if pl.lod == nil || len(pl.lod) >= maxLODLevels {
		pl.lod = map[int]*lodLevel{}
	}
	tol := lodTolerance / math.Exp2(float64(key+1)/4) // world units at the level's largest scale
	lv := &lodLevel{off: make([]int32, 1, len(pl.feats)+1)}
	var stack [][2]int
	for i := range pl.feats {
		f := &pl.feats[i]
		if f.kind != kindPoint {
			for _, pt := range f.parts {
				stack = simplifyPart(f.pts, pt.start, pt.end, tol, &lv.kept, stack)
			}
		}
		lv.off = append(lv.off, int32(len(lv.kept)))
	}
	pl.lod[key] = lv
	return lv
}

// of returns the kept vertex indexes of feature i (nil: draw every vertex).
func (lv *lodLevel) of(i int) []int32 {
	if lv == nil {
		return nil
	}
	return lv.kept[lv.off[i]:lv.off[i+1]]
}

// simplifyPart appends to kept the indexes of pts[start:end] that
// Douglas–Peucker keeps at tolerance tol (both ends always; short parts
// whole). stack is scratch space, returned for reuse.
func simplifyPart(pts []wpt, start, end int, tol float64, kept *[]int32, stack [][2]int) [][2]int {
	if end-start < lodMinPart {
		for i := start; i < end; i++ {
			*kept = append(*kept, int32(i))
		}
		return stack
	}
	*kept = append(*kept, int32(start))
	tol2 := tol * tol
	stack = append(stack[:0], [2]int{start, end - 1})
	// Ranges are split depth first, the left half last pushed, so kept
	// indexes come out in order.
	for len(stack) > 0 {
		r := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		a, b := r[0], r[1]
		worst, wi := -1.0, -1
		for i := a + 1; i < b; i++ {
			if d := segDist2(pts[i], pts[a], pts[b]); d > worst {
				worst, wi = d, i
			}
		}
		if wi >= 0 && worst > tol2 {
			stack = append(stack, [2]int{wi, b}, [2]int{a, wi})
			continue
		}
		*kept = append(*kept, int32(b))
	}
	return stack
}

// segDist2 is the squared distance from p to the segment a–b.
func segDist2(p, a, b wpt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = max(0, min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l2))
	}
	ex, ey := p.x-(a.x+t*dx), p.y-(a.y+t*dy)
	return ex*ex + ey*ey
}
