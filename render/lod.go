package render

import (
	"math"
	"slices"
)

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

// A frame that shows a small part of a large layer (a strip exposed by a
// pan, a zoomed-in view) looks only at the features near it: a layer of
// gridMinFeatures or more gets, the first time such a frame needs it, a
// uniform grid of its features' boxes. A frame covering a large part of the
// layer (an export of the whole extent) walks every feature as before, and
// the grid is never made.
const (
	gridMinFeatures = 4096
	gridPerCell     = 4  // features per cell on average
	gridMaxCells    = 64 // cells a feature may fill; wider ones are always candidates
	gridMaxShare    = 4  // a frame over more than 1/gridMaxShare of the cells walks all
)

// featGrid buckets a layer's features by the cells of a uniform grid over
// the layer's extent that their boxes meet.
type featGrid struct {
	x0, y0 float64 // the extent's corner
	inv    float64 // cells per world unit
	nx, ny int
	off    []int32 // cell c holds items[off[c]:off[c+1]]
	items  []int32
	wide   []int32 // features too wide for the cells, in order
	// margin is the widest margin culled is asked for on this layer, in
	// logical pixels: a feature it keeps lies within it of the frame.
	margin float64
}

func (pl *prepLayer) cullGrid() *featGrid {
	pl.gridOnce.Do(func() { pl.grid = buildGrid(pl.feats, pl.ext) })
	return pl.grid
}

// buildGrid is the grid of feats, whose extent is ext (prepLayer.ext).
func buildGrid(feats []prepFeature, ext [4]float64) *featGrid {
	g := &featGrid{margin: 20} // highlights
	minX, minY, maxX, maxY := ext[0], ext[1], ext[2], ext[3]
	for i := range feats {
		if s := feats[i].sym; s != nil {
			g.margin = max(g.margin, s.Width+12, s.Size, s.CasingWidth)
		}
	}
	w, h := maxX-minX, maxY-minY
	if !(w >= 0 && h >= 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return nil
	}
	side := math.Sqrt(max(w*h, 1e-30) / (float64(len(feats)) / gridPerCell))
	if !(side > 0) {
		return nil
	}
	g.x0, g.y0, g.inv = minX, minY, 1/side
	g.nx = min(4096, max(1, int(w*g.inv)+1))
	g.ny = min(4096, max(1, int(h*g.inv)+1))
	counts := make([]int32, g.nx*g.ny+1)
	cells := func(f *prepFeature) (cx0, cy0, cx1, cy1 int) {
		cx0, cy0 = g.cell(float64(f.minX), float64(f.minY))
		cx1, cy1 = g.cell(float64(f.maxX), float64(f.maxY))
		return
	}
	for i := range feats {
		cx0, cy0, cx1, cy1 := cells(&feats[i])
		if (cx1-cx0+1)*(cy1-cy0+1) > gridMaxCells {
			g.wide = append(g.wide, int32(i))
			continue
		}
		for cy := cy0; cy <= cy1; cy++ {
			for cx := cx0; cx <= cx1; cx++ {
				counts[cy*g.nx+cx+1]++
			}
		}
	}
	for c := 1; c < len(counts); c++ {
		counts[c] += counts[c-1]
	}
	g.off = counts
	g.items = make([]int32, counts[len(counts)-1])
	next := slices.Clone(counts[:len(counts)-1])
	for i := range feats {
		cx0, cy0, cx1, cy1 := cells(&feats[i])
		if (cx1-cx0+1)*(cy1-cy0+1) > gridMaxCells {
			continue
		}
		for cy := cy0; cy <= cy1; cy++ {
			for cx := cx0; cx <= cx1; cx++ {
				c := cy*g.nx + cx
				g.items[next[c]] = int32(i)
				next[c]++
			}
		}
	}
	return g
}

// cell is the grid cell of a world point, clamped to the grid.
func (g *featGrid) cell(x, y float64) (int, int) {
	cx := int(math.Floor((x - g.x0) * g.inv))
	cy := int(math.Floor((y - g.y0) * g.inv))
	return max(0, min(g.nx-1, cx)), max(0, min(g.ny-1, cy))
}

// candidates returns, in ascending order, the indexes of pl's features
// that the frame may draw (a superset of those culled keeps), in buf; all
// is true (and the list nil) when the frame should walk every feature.
func (fr *frame) candidates(pl *prepLayer, buf []int32) (idx []int32, all bool) {
	if len(pl.feats) < gridMinFeatures || !(fr.ppw > 0) {
		return nil, true
	}
	// A frame over much of the layer walks it all (and makes no grid).
	e := pl.ext
	fx0, fy0 := max(e[0], fr.ox), max(e[1], fr.oy)
	fx1, fy1 := min(e[2], fr.ox+fr.w/fr.ppw), min(e[3], fr.oy+fr.h/fr.ppw)
	if (fx1-fx0)*(fy1-fy0)*gridMaxShare > (e[2]-e[0])*(e[3]-e[1]) {
		return nil, true
	}
	g := pl.cullGrid()
	if g == nil {
		return nil, true
	}
	m := g.margin * fr.scale / fr.ppw
	x0, y0 := fr.ox-m, fr.oy-m
	x1, y1 := fr.ox+fr.w/fr.ppw+m, fr.oy+fr.h/fr.ppw+m
	if !(x0 <= x1 && y0 <= y1) {
		return nil, true
	}
	cx0, cy0 := g.cell(x0, y0)
	cx1, cy1 := g.cell(x1, y1)
	if (cx1-cx0+1)*(cy1-cy0+1)*gridMaxShare > g.nx*g.ny {
		return nil, true
	}
	idx = append(buf[:0], g.wide...)
	for cy := cy0; cy <= cy1; cy++ {
		for cx := cx0; cx <= cx1; cx++ {
			c := cy*g.nx + cx
			idx = append(idx, g.items[g.off[c]:g.off[c+1]]...)
		}
	}
	slices.Sort(idx)
	return slices.Compact(idx), false
}
