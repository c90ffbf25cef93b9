package raster

import (
	"image"
	"math"
	"math/bits"
	"slices"
	"sync"

	"maliatlas/render"
)

// The rasterizer is a sparse, cell-based scanline rasterizer in the manner of
// FreeType's "gray" and AGG's rasterizer_cells_aa: every edge adds signed
// (cover, area) contributions to the pixel cells it crosses, at 1/256-pixel
// precision; the cells of each row are then sorted by x and swept, emitting a
// single-pixel coverage value where an edge passes and a constant-coverage
// span between edges. Cost is proportional to the edges' length in cells plus
// the covered pixels, never to the bounding box.
//
// Cells are kept in one of two stores with the same sweep output. A clip of
// at most maxDenseCells pixels (a band, a glyph mask) has a dense grid: a
// (cover, area) pair per pixel of the clip, plus a bitmap per row of the cells
// touched, so an edge adds to its cells in place (cells of several edges in
// one pixel merge by themselves) and the sweep reads each row's cells in x
// order from the bitmap, with no sort. Bigger clips (a whole page on one
// canvas) keep a sparse list of cells per row, sorted when swept.
//
// On amd64 (not with -tags purego) the dense store's edge walk
// (lineDenseAsm), its sweep (sweepRowsAsm) and the painting of the runs and
// edge pixels it lists (paintSpansSSE2, paintSinglesSSE2) are assembly;
// the Go code here (line with hlineDense, sweepDenseBlend, paintSpansGo) is
// their twin, and TestSweepKernels, TestPaintSpansKernels and their fuzz
// targets check that both write the same bytes.

const (
	subShift = 8
	subScale = 1 << subShift
	subMask  = subScale - 1

	// maxCoord bounds input coordinates so that float arithmetic in the
	// clipper never overflows; geometry beyond it is absurd for a map.
	maxCoord = 1e15
)

// maxDenseCells is the biggest clip (rows × (columns+1)) given a dense cell
// grid: 2 MiB of cells. An export band (bandBytes/5 = 262,144 cells
// whatever the page's width) fits. A variable for the tests, which compare
// the two stores.
var maxDenseCells = 1 << 18

// cellAcc is a dense grid's cell: the sums of the edges' contributions.
type cellAcc struct {
	cover, area int32
}

type cell struct {
	x, cover, area int32
}

type rasterizer struct {
	clip   image.Rectangle // pixels that may be painted (band ∩ image)
	bounds image.Rectangle // the whole image
	// Float clip box. Y uses the whole image so that a band computes exactly
	// the same cells as a single canvas would for its rows; X uses the clip.
	fx0, fx1, fy0, fy1 float64
	ry0, ry1           float64 // rows a line may add cells to, [ry0, ry1)

	rows           [][]cell // sparse store: indexed by y - clip.Min.Y
	rowMin, rowMax int      // touched rows (relative), rowMin > rowMax when none

	// Dense store (when dense): cell (x, y) of the current window is
	// grid[(y-wy0)*gw + x-wx0]; bit x-wx0 of the row's bw bitmap words says
	// it was touched.
	// The window is the clip, or what a fill narrows it to for one path
	// (setWindow); it has a column right of the clip when there is one (such
	// a cell paints nothing, but is simpler to keep than to test for). The
	// store is taken from densePool at a path's first cell and given back,
	// zeroed, by its sweep.
	dense         bool
	noSIMD        bool    // tests: the Go edge walk and sweep only
	lj            lineJob // lineDenseAsm's view of the dense store
	ds            *denseStore
	wx0, wy0      int
	gw, bw, wrows int
	prow0, prow1  int         // rows a line may add cells to, inclusive
	spans         []covSpan   // coverage runs of the current sweep
	pspans        []paintSpan // the same, painted by sweepDenseBlend
	mask          maskSink    // sweepMask's target
	sortTmp       []cell

	cur      cell
	curY     int
	curValid bool

	// path state
	sx, sy, lx, ly float64
	open           bool
}

func newRasterizer(clip, bounds image.Rectangle) *rasterizer {
	r := &rasterizer{}
	r.setClip(clip, bounds)
	return r
}

// setClip moves the rasterizer to another clip, keeping the rows' storage.
func (r *rasterizer) setClip(clip, bounds image.Rectangle) {
	r.clip, r.bounds = clip, bounds
	r.fx0, r.fx1 = float64(clip.Min.X), float64(clip.Max.X)
	r.fy0, r.fy1 = float64(bounds.Min.Y), float64(bounds.Max.Y)
	r.releaseDense()
	n := clip.Dy()
	r.dense = n > 0 && clip.Dx() > 0 && n*(clip.Dx()+1) <= maxDenseCells
	if r.dense {
		n = 0 // no sparse rows
	}
	if n <= cap(r.rows) {
		r.rows = r.rows[:n]
	} else {
		r.rows = append(r.rows[:cap(r.rows)], make([][]cell, n-cap(r.rows))...)
	}
	for i := range r.rows {
		r.rows[i] = r.rows[i][:0]
	}
	r.reset()
}

// denseStore is the storage of a dense grid (see rasterizer), all zero
// while in densePool.
type denseStore struct {
	grid    []cellAcc
	bitmap  []uint64
	spans   []paintSpan // sweepDenseAsm's runs
	singles []paintSpan // and edge pixels
}

// densePool shares dense stores between rasterizers: a band's canvas lives
// for one replay, a store for one path.
var densePool sync.Pool

// grow returns s resized to n elements, reallocated (zeroed) if too small.
// The dense store relies on the elements beyond len being zero as well.
func grow[T any](s []T, n int) []T {
	if n <= cap(s) {
		return s[:n]
	}
	return make([]T, n)
}

// takeDense gets a zeroed store for the current window.
func (r *rasterizer) takeDense() {
	ds, _ := densePool.Get().(*denseStore)
	if ds == nil {
		ds = &denseStore{}
	}
	ds.grid = grow(ds.grid, r.wrows*r.gw)
	ds.bitmap = grow(ds.bitmap, r.wrows*r.bw)
	r.ds = ds
	r.lj = lineJob{grid: &ds.grid[0], bitmap: &ds.bitmap[0], gw: r.gw, bw: r.bw, wx0: r.wx0, wy0: r.wy0,
		prow0: r.prow0, prow1: r.prow1, wrows: r.wrows, xlo: r.gw, xhi: -1}
}

// lineJob is what lineDenseAsm reads of the rasterizer: the dense store
// (grid and bitmap at the window's first cell and word, wrows rows of gw
// cells and bw words), the window's origin, the rows a line may add cells
// to, and the touched rows (relative) and columns (xlo..xhi, relative, a
// superset: every column between an edge's ends), which it widens. bad
// says it met a cell outside the window.
type lineJob struct {
	grid           *cellAcc
	bitmap         *uint64
	gw, bw         int
	wx0, wy0       int
	prow0, prow1   int
	rowMin, rowMax int
	wrows          int
	bad            bool
	xlo, xhi       int
}

// releaseDense zeroes the touched cells and bits of a path added but never
// swept and gives the store back.
func (r *rasterizer) releaseDense() {
	ds := r.ds
	if ds == nil {
		return
	}
	if r.rowMin <= r.rowMax {
		clear(ds.grid[r.rowMin*r.gw : (r.rowMax+1)*r.gw])
		clear(ds.bitmap[r.rowMin*r.bw : (r.rowMax+1)*r.bw])
	}
	r.putDense()
}

func (r *rasterizer) putDense() {
	densePool.Put(r.ds)
	r.ds = nil
}

// setWindow narrows the dense grid, for the next path only, to the pixels
// [x0, x1] × [y0, y1] (inclusive, clipped to the clip; x1 may be the
// clip's right side): the cells of every edge added must lie in it. A small
// path's cells are then near each other in memory. It does nothing on a
// sparse store or while a path is being added.
func (r *rasterizer) setWindow(x0, y0, x1, y1 int) {
	if !r.dense || r.ds != nil || r.curValid || r.open {
		return
	}
	x0, y0 = max(x0, r.clip.Min.X), max(y0, r.clip.Min.Y)
	x1, y1 = min(x1, r.clip.Max.X), min(y1, r.clip.Max.Y-1)
	if x0 > x1 || y0 > y1 {
		return
	}
	r.setGrid(x0, y0, x1-x0+1, y1-y0+1)
}

// setGrid sets the dense window: columns wx0.., gw of them, rows wy0..
func (r *rasterizer) setGrid(wx0, wy0, gw, rows int) {
	r.wx0, r.wy0, r.gw, r.bw, r.wrows = wx0, wy0, gw, (gw+63)/64, rows
	r.prow0, r.prow1 = wy0, wy0+rows-1
	r.ry0, r.ry1 = float64(wy0), float64(wy0+rows)
	r.rowMin, r.rowMax = rows, -1
}

func (r *rasterizer) reset() {
	r.rowMin, r.rowMax = len(r.rows), -1
	r.prow0, r.prow1 = r.clip.Min.Y, r.clip.Max.Y-1
	r.ry0, r.ry1 = float64(r.clip.Min.Y), float64(r.clip.Max.Y)
	if r.dense {
		r.setGrid(r.clip.Min.X, r.clip.Min.Y, r.clip.Dx()+1, r.clip.Dy())
	}
	r.curValid = false
	r.open = false
}

func sanitize(v float64) float64 {
	if v > maxCoord {
		return maxCoord
	}
	if v < -maxCoord {
		return -maxCoord
	}
	return v
}

// moveTo starts a new closed contour (closing the previous one).
func (r *rasterizer) moveTo(x, y float64) {
	if x != x || y != y {
		return
	}
	if r.open {
		r.closePath()
	}
	x, y = sanitize(x), sanitize(y)
	r.sx, r.sy, r.lx, r.ly = x, y, x, y
	r.open = true
}

// lineTo adds an edge from the current point. NaN points are skipped.
func (r *rasterizer) lineTo(x, y float64) {
	if x != x || y != y {
		return
	}
	x, y = sanitize(x), sanitize(y)
	if !r.open {
		r.sx, r.sy, r.lx, r.ly = x, y, x, y
		r.open = true
		return
	}
	r.edge(r.lx, r.ly, x, y)
	r.lx, r.ly = x, y
}

func (r *rasterizer) closePath() {
	if r.open {
		r.edge(r.lx, r.ly, r.sx, r.sy)
		r.lx, r.ly = r.sx, r.sy
		r.open = false
	}
}

// ring adds a closed ring (a polygon's, as polygon does), passing over its
// edges wholly above or below the rows painted without a call each: a band
// sees only a small part of a big polygon's edges.
func (r *rasterizer) ring(pts []render.Point) {
	if len(pts) == 0 {
		return
	}
	r.moveTo(pts[0].X, pts[0].Y)
	y0, y1 := r.ry0, r.ry1
	asm := r.dense && useSSE2 && !r.noSIMD
	// With the assembly edge walk, an edge inside the clip goes straight to
	// it (what lineTo, edge and line do with such an edge), each point
	// taken to fixed point once: (fx, fy) is the pen's when fixOK.
	var fx, fy int
	fixOK := false
	for k := 1; k < len(pts); k++ {
		p := pts[k]
		if asm && r.open && p.X == p.X && p.Y == p.Y {
			x, y := sanitize(p.X), sanitize(p.Y)
			lx, ly := r.lx, r.ly
			if ly != y && !((ly < y0 && y < y0) || (ly >= y1 && y >= y1)) &&
				lx >= r.fx0 && lx <= r.fx1 && x >= r.fx0 && x <= r.fx1 && !(lx >= r.fx1 && x >= r.fx1) &&
				ly >= r.fy0 && ly <= r.fy1 && y >= r.fy0 && y <= r.fy1 {
				if !fixOK {
					fx, fy = toFix(lx), toFix(ly)
				}
				nx, ny := toFix(x), toFix(y)
				if ny != fy {
					r.lineAsm(fx, fy, nx, ny)
				}
				fx, fy, fixOK = nx, ny, true
				r.lx, r.ly = x, y
				continue
			}
		}
		fixOK = false
		if r.open && p.X == p.X && ((p.Y < y0 && r.ly < y0) || (p.Y >= y1 && r.ly >= y1)) {
			// The edge adds no cell (see edge), nor do the next ones while
			// their points stay on the same side: only move the pen.
			if p.Y < y0 {
				for k+1 < len(pts) && pts[k+1].Y < y0 && pts[k+1].X == pts[k+1].X {
					k++
				}
			} else {
				for k+1 < len(pts) && pts[k+1].Y >= y1 && pts[k+1].X == pts[k+1].X {
					k++
				}
			}
			r.lx, r.ly = sanitize(pts[k].X), sanitize(pts[k].Y)
			continue
		}
		r.lineTo(p.X, p.Y)
	}
	r.closePath()
}

// polygon adds a closed polygon.
func (r *rasterizer) polygon(pts []render.Point) {
	if len(pts) < 3 {
		return
	}
	r.moveTo(pts[0].X, pts[0].Y)
	for _, p := range pts[1:] {
		r.lineTo(p.X, p.Y)
	}
	r.closePath()
}

// edge clips a float edge to the clip box and adds it in fixed point. Parts
// above or below the image contribute nothing; parts left of the clip are
// replaced by a vertical edge on its left side (they keep their winding);
// parts right of it are dropped (the sweep extends the remaining cover to the
// right side).
func (r *rasterizer) edge(x0, y0, x1, y1 float64) {
	if y0 == y1 {
		return
	}
	// Edges wholly above or below the rows painted add no cell (an end on a
	// row's top boundary adds nothing to that row): skip them before any
	// fixed-point work, as most edges of a big polygon are, for a band.
	if (y0 < r.ry0 && y1 < r.ry0) || (y0 >= r.ry1 && y1 >= r.ry1) {
		return
	}
	Y0, Y1 := r.fy0, r.fy1
	if (y0 <= Y0 && y1 <= Y0) || (y0 >= Y1 && y1 >= Y1) {
		return
	}
	X0, X1 := r.fx0, r.fx1
	if x0 >= X1 && x1 >= X1 {
		return
	}
	// Clip in y.
	if y0 < Y0 || y0 > Y1 || y1 < Y0 || y1 > Y1 {
		dxdy := (x1 - x0) / (y1 - y0)
		if y0 < Y0 {
			x0 += (Y0 - y0) * dxdy
			y0 = Y0
		} else if y0 > Y1 {
			x0 += (Y1 - y0) * dxdy
			y0 = Y1
		}
		if y1 < Y0 {
			x1 += (Y0 - y1) * dxdy
			y1 = Y0
		} else if y1 > Y1 {
			x1 += (Y1 - y1) * dxdy
			y1 = Y1
		}
	}
	// Clip in x.
	if x0 >= X0 && x1 >= X0 && x0 <= X1 && x1 <= X1 {
		r.line(x0, y0, x1, y1)
		return
	}
	if x0 <= X0 && x1 <= X0 {
		r.line(X0, y0, X0, y1)
		return
	}
	// Split where the edge crosses X0 and X1; order pieces along the edge.
	dydx := (y1 - y0) / (x1 - x0)
	type piece struct{ x, y float64 }
	var ts [4]piece
	n := 0
	ts[n] = piece{x0, y0}
	n++
	cross := func(X float64) {
		if (x0 < X && x1 > X) || (x0 > X && x1 < X) {
			ts[n] = piece{X, y0 + (X-x0)*dydx}
			n++
		}
	}
	if x0 < x1 {
		cross(X0)
		cross(X1)
	} else {
		cross(X1)
		cross(X0)
	}
	ts[n] = piece{x1, y1}
	n++
	for i := 0; i+1 < n; i++ {
		a, b := ts[i], ts[i+1]
		mx := (a.x + b.x) / 2
		switch {
		case mx >= X1:
			// dropped
		case mx <= X0:
			r.line(X0, a.y, X0, b.y)
		default:
			ax, bx := a.x, b.x
			ax = min(max(ax, X0), X1)
			bx = min(max(bx, X0), X1)
			r.line(ax, a.y, bx, b.y)
		}
	}
}

func toFix(v float64) int {
	return int(math.Floor(v*subScale + 0.5))
}

func (r *rasterizer) line(fx0, fy0, fx1, fy1 float64) {
	x1, y1, x2, y2 := toFix(fx0), toFix(fy0), toFix(fx1), toFix(fy1)
	if y1 == y2 {
		return
	}
	if r.dense && useSSE2 && !r.noSIMD {
		r.lineAsm(x1, y1, x2, y2)
		return
	}
	dx := x2 - x1
	dy := y2 - y1
	ey1 := y1 >> subShift
	ey2 := y2 >> subShift
	fy1i := y1 & subMask
	fy2i := y2 & subMask
	rmin, rmax := r.prow0, r.prow1 // rows painted

	if ey1 == ey2 {
		if ey1 >= rmin && ey1 <= rmax {
			if r.dense {
				r.hlineDense(ey1, x1, fy1i, x2, fy2i)
			} else {
				r.hline(ey1, x1, fy1i, x2, fy2i)
			}
		}
		return
	}
	incr, first, ady, d0 := 1, subScale, dy, subScale-fy1i
	if dy < 0 {
		incr, first, ady, d0 = -1, 0, -dy, fy1i
	}
	// Rows visited: j = 0..n, row(j) = ey1 + j*incr. Row j spans from
	// boundary j-1 (or the start) to boundary j (or the end); boundary k lies
	// at distance d0 + 256k from the start, at x = x1 + floor(D*dx/ady).
	n := (ey2 - ey1) * incr
	jlo, jhi := 0, n
	if incr > 0 {
		if ey1 > rmax || ey2 < rmin {
			return
		}
		jlo = max(0, rmin-ey1)
		jhi = min(n, rmax-ey1)
	} else {
		if ey2 > rmax || ey1 < rmin {
			return
		}
		jlo = max(0, ey1-rmax)
		jhi = min(n, ey1-rmin)
	}
	// Bresenham state at boundary jlo.
	q := int64(d0+subScale*jlo) * int64(dx)
	xb := int64(x1) + floorDiv(q, int64(ady))
	rem := floorMod(q, int64(ady))
	p := int64(subScale) * int64(dx)
	lift := floorDiv(p, int64(ady))
	rstep := floorMod(p, int64(ady))

	var xFrom, fya int
	if jlo == 0 {
		xFrom, fya = x1, fy1i
	} else {
		// x at boundary jlo-1.
		qq := int64(d0+subScale*(jlo-1)) * int64(dx)
		xFrom = x1 + int(floorDiv(qq, int64(ady)))
		fya = subScale - first
	}
	row := ey1 + jlo*incr
	for j := jlo; j <= jhi; j++ {
		if j == n {
			if r.dense {
				r.hlineDense(row, xFrom, fya, x2, fy2i)
			} else {
				r.hline(row, xFrom, fya, x2, fy2i)
			}
			break
		}
		xTo := int(xb)
		if r.dense {
			r.hlineDense(row, xFrom, fya, xTo, first)
		} else {
			r.hline(row, xFrom, fya, xTo, first)
		}
		xFrom = xTo
		fya = subScale - first
		row += incr
		xb += lift
		rem += rstep
		if rem >= int64(ady) {
			rem -= int64(ady)
			xb++
		}
	}
}

// lineAsm is line for the dense store with lineDenseAsm, from fixed-point
// ends (y1 != y2).
func (r *rasterizer) lineAsm(x1, y1, x2, y2 int) {
	if r.ds == nil {
		r.takeDense()
	}
	r.lj.rowMin, r.lj.rowMax = r.rowMin, r.rowMax
	lineDenseAsm(&r.lj, x1, y1, x2, y2)
	r.rowMin, r.rowMax = r.lj.rowMin, r.lj.rowMax
	if r.lj.bad {
		panic("raster: an edge's cell outside the dense window")
	}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 {
	m := a % b
	if m != 0 && ((m < 0) != (b < 0)) {
		m += b
	}
	return m
}

func (r *rasterizer) setCell(ex, ey int) {
	if r.curValid && int(r.cur.x) == ex && r.curY == ey {
		return
	}
	r.flushCell()
	r.cur = cell{x: int32(ex)}
	r.curY = ey
	r.curValid = true
}

func (r *rasterizer) flushCell() {
	if !r.curValid {
		return
	}
	r.curValid = false
	c := r.cur
	if (c.cover|c.area) == 0 || int(c.x) >= r.clip.Max.X {
		return
	}
	i := r.curY - r.clip.Min.Y
	r.rows[i] = append(r.rows[i], c)
	if i < r.rowMin {
		r.rowMin = i
	}
	if i > r.rowMax {
		r.rowMax = i
	}
}

// hline renders the part of an edge inside one pixel row: from (x1, y1) to
// (x2, y2), y1 and y2 being subpixel offsets within the row [0, 256].
func (r *rasterizer) hline(ey, x1, y1, x2, y2 int) {
	ex1 := x1 >> subShift
	ex2 := x2 >> subShift
	fx1 := x1 & subMask
	fx2 := x2 & subMask
	if y1 == y2 {
		return
	}
	r.setCell(ex1, ey)
	if ex1 == ex2 {
		delta := y2 - y1
		r.cur.cover += int32(delta)
		r.cur.area += int32((fx1 + fx2) * delta)
		return
	}
	// A run of adjacent cells on the same row.
	p := (subScale - fx1) * (y2 - y1)
	first := subScale
	incr := 1
	dx := x2 - x1
	if dx < 0 {
		p = fx1 * (y2 - y1)
		first = 0
		incr = -1
		dx = -dx
	}
	delta := p / dx
	mod := p % dx
	if mod < 0 {
		delta--
		mod += dx
	}
	r.cur.cover += int32(delta)
	r.cur.area += int32((fx1 + first) * delta)
	ex1 += incr
	r.setCell(ex1, ey)
	y1 += delta
	if ex1 != ex2 {
		p = subScale * (y2 - y1 + delta)
		lift := p / dx
		rem := p % dx
		if rem < 0 {
			lift--
			rem += dx
		}
		mod -= dx
		for ex1 != ex2 {
			delta = lift
			mod += rem
			if mod >= 0 {
				mod -= dx
				delta++
			}
			r.cur.cover += int32(delta)
			r.cur.area += int32(subScale * delta)
			y1 += delta
			ex1 += incr
			r.setCell(ex1, ey)
		}
	}
	delta = y2 - y1
	r.cur.cover += int32(delta)
	r.cur.area += int32((fx2 + subScale - first) * delta)
}

// hlineDense is hline onto the dense grid: the same cells and sums, added
// in place.
func (r *rasterizer) hlineDense(ey, x1, y1, x2, y2 int) {
	if y1 == y2 {
		return
	}
	if r.ds == nil {
		r.takeDense()
	}
	i := ey - r.wy0
	ex1 := x1>>subShift - r.wx0
	ex2 := x2>>subShift - r.wx0
	fx1 := x1 & subMask
	fx2 := x2 & subMask
	// The row's cells and bitmap words, indexed from the whole store (a
	// cell is always in the window: see setWindow).
	g := r.ds.grid[i*r.gw:]
	bm := r.ds.bitmap[i*r.bw:]
	if i < r.rowMin {
		r.rowMin = i
	}
	if i > r.rowMax {
		r.rowMax = i
	}
	bm[ex1>>6] |= 1 << (ex1 & 63)
	if ex1 == ex2 {
		delta := y2 - y1
		c := &g[ex1]
		c.cover += int32(delta)
		c.area += int32((fx1 + fx2) * delta)
		return
	}
	// A run of adjacent cells on the same row.
	p := (subScale - fx1) * (y2 - y1)
	first := subScale
	incr := 1
	dx := x2 - x1
	if dx < 0 {
		p = fx1 * (y2 - y1)
		first = 0
		incr = -1
		dx = -dx
	}
	// 32-bit divisions (faster): p ≤ 65,536 and dx < 2³¹ on any clip.
	delta := int(int32(p) / int32(dx))
	mod := int(int32(p) % int32(dx))
	if mod < 0 {
		delta--
		mod += dx
	}
	c := &g[ex1]
	c.cover += int32(delta)
	c.area += int32((fx1 + first) * delta)
	ex1 += incr
	bm[ex1>>6] |= 1 << (ex1 & 63)
	y1 += delta
	if ex1 != ex2 {
		p = subScale * (y2 - y1 + delta)
		lift := int(int32(p) / int32(dx))
		rem := int(int32(p) % int32(dx))
		if rem < 0 {
			lift--
			rem += dx
		}
		mod -= dx
		for ex1 != ex2 {
			delta = lift
			mod += rem
			if mod >= 0 {
				mod -= dx
				delta++
			}
			c := &g[ex1]
			c.cover += int32(delta)
			c.area += int32(subScale * delta)
			y1 += delta
			ex1 += incr
			bm[ex1>>6] |= 1 << (ex1 & 63)
		}
	}
	delta = y2 - y1
	c = &g[ex2]
	c.cover += int32(delta)
	c.area += int32((fx2 + subScale - first) * delta)
}

// covSpan is a run of pixels [x0, x1) of row y with coverage a (1..255).
type covSpan struct {
	y, x0, x1 int32
	a         uint32
}

// spanSink takes the coverage runs of a sweep, a few rows at a time.
type spanSink interface {
	paint(spans []covSpan)
}

// maskSink writes coverage runs into a coverage mask (see sweepMask).
type maskSink struct {
	m         []uint8
	w, x0, y0 int
}

func (k *maskSink) paint(spans []covSpan) {
	for _, s := range spans {
		o := (int(s.y)-k.y0)*k.w - k.x0
		row := k.m[o+int(s.x0) : o+int(s.x1)]
		for i := range row {
			row[i] = uint8(s.a)
		}
	}
}

// flushSpans is the number of runs a sweep collects before handing them
// on (at the end of a row): few enough to stay in the first-level cache.
const flushSpans = 64

// sweep converts the accumulated cells into coverage runs (single pixels
// where edges pass, constant runs between them), paints them with b and
// resets the rasterizer for the next shape. Runs are handed to the blender
// a few rows at a time, so the blending loop is tight and the run buffer
// stays small.
func (r *rasterizer) sweep(evenOdd bool, b *blender) {
	if r.dense {
		r.flushCell()
		if r.open {
			r.closePath()
		}
		r.sweepDense(evenOdd, nil, b)
		return
	}
	r.sweepSpans(evenOdd, b)
}

// sweepMask is sweep onto a coverage mask m, w bytes a row, whose (0, 0) is
// the clip's top-left pixel and which is transparent where the path is:
// the coverage an opaque colour over a transparent pixel leaves as alpha.
func (r *rasterizer) sweepMask(evenOdd bool, m []uint8, w int) {
	r.mask = maskSink{m, w, r.clip.Min.X, r.clip.Min.Y}
	r.sweepSpans(evenOdd, &r.mask)
	r.mask.m = nil
}

// sweepSpans hands the coverage runs of the accumulated path to out and
// resets the rasterizer.
func (r *rasterizer) sweepSpans(evenOdd bool, out spanSink) {
	r.flushCell()
	if r.open {
		r.closePath()
		r.flushCell()
	}
	if r.dense {
		r.sweepDense(evenOdd, out, nil)
		return
	}
	cx1 := r.clip.Max.X
	spans := r.spans[:0]
	for i := r.rowMin; i <= r.rowMax; i++ {
		cells := r.rows[i]
		if len(cells) == 0 {
			continue
		}
		sortCells(cells, &r.sortTmp, int32(r.clip.Min.X))
		y := int32(i + r.clip.Min.Y)
		cover := 0
		n := len(cells)
		for k := 0; k < n; {
			x := int(cells[k].x)
			area := int(cells[k].area)
			cover += int(cells[k].cover)
			k++
			for k < n && int(cells[k].x) == x {
				area += int(cells[k].area)
				cover += int(cells[k].cover)
				k++
			}
			if area != 0 {
				if a := coverage(cover<<(subShift+1)-area, evenOdd); a > 0 {
					spans = append(spans, covSpan{y, int32(x), int32(x + 1), a})
				}
				x++
			}
			next := cx1
			if k < n {
				next = int(cells[k].x)
			}
			if next > x && cover != 0 {
				if a := coverage(cover<<(subShift+1), evenOdd); a > 0 {
					spans = append(spans, covSpan{y, int32(x), int32(next), a})
				}
			}
		}
		r.rows[i] = cells[:0]
		if len(spans) >= flushSpans {
			out.paint(spans)
			spans = spans[:0]
		}
	}
	if len(spans) > 0 {
		out.paint(spans)
	}
	r.spans = spans[:0]
	r.reset()
}

// sweepDense is sweepSpans for the dense store: each row's touched cells in
// x order from its bitmap, zeroed as they are read. With a blender b the
// runs are painted at once (out is not used). The runs are those of
// the sparse sweep, except that a run is not split at a cell that sums to
// zero (same pixels).
func (r *rasterizer) sweepDense(evenOdd bool, out spanSink, b *blender) {
	ds := r.ds
	if ds == nil { // no cell
		r.reset()
		return
	}
	if b != nil {
		r.sweepDenseBlend(evenOdd, b)
		return
	}
	spans := r.spans[:0]
	gw, bw, wx0 := r.gw, r.bw, r.wx0
	cx1 := r.clip.Max.X - wx0 // the clip's right side, in the window
	xmin := int32(wx0)
	for i := r.rowMin; i <= r.rowMax; i++ {
		g := ds.grid[i*gw : (i+1)*gw]
		bm := ds.bitmap[i*bw : (i+1)*bw]
		y := int32(i + r.wy0)
		cover := 0
		xs := 0 // start of the run of constant coverage after the last cell
		for w, word := range bm {
			if word == 0 {
				continue
			}
			bm[w] = 0
			for word != 0 {
				x := w<<6 + bits.TrailingZeros64(word)
				word &= word - 1
				c := g[x]
				g[x] = cellAcc{}
				if (c.cover|c.area) == 0 || x >= cx1 {
					continue
				}
				if x > xs && cover != 0 {
					if a := coverage(cover<<(subShift+1), evenOdd); a > 0 {
						spans = append(spans, covSpan{y, xmin + int32(xs), xmin + int32(x), a})
					}
				}
				cover += int(c.cover)
				xs = x
				if c.area != 0 {
					if a := coverage(cover<<(subShift+1)-int(c.area), evenOdd); a > 0 {
						spans = append(spans, covSpan{y, xmin + int32(x), xmin + int32(x) + 1, a})
					}
					xs = x + 1
				}
			}
		}
		if cx1 > xs && cover != 0 {
			if a := coverage(cover<<(subShift+1), evenOdd); a > 0 {
				spans = append(spans, covSpan{y, xmin + int32(xs), xmin + int32(cx1), a})
			}
		}
		if len(spans) >= flushSpans {
			out.paint(spans)
			spans = spans[:0]
		}
	}
	if len(spans) > 0 {
		out.paint(spans)
	}
	r.putDense()
	r.spans = spans[:0]
	r.reset()
}

// sweepDenseBlend is sweepDense painting with b: the same runs and pixels,
// collected as paintSpans (offsets into b.pix) and painted a few rows at a
// time, so that the cell loop makes no call.
func (r *rasterizer) sweepDenseBlend(evenOdd bool, b *blender) {
	if useSSE2 && !r.noSIMD {
		r.sweepDenseAsm(evenOdd, b)
		r.putDense()
		r.reset()
		return
	}
	ds := r.ds
	gw, bw, wx0 := r.gw, r.bw, r.wx0
	cx1 := r.clip.Max.X - wx0 // the clip's right side, in the window
	ps := r.pspans[:0]
	for i := r.rowMin; i <= r.rowMax; i++ {
		g := ds.grid[i*gw : (i+1)*gw]
		bm := ds.bitmap[i*bw : (i+1)*bw]
		po := b.offset(i+r.wy0, wx0) // the window's column 0 in b.pix
		cover := 0
		xs := 0 // start of the run of constant coverage after the last cell
		for w, word := range bm {
			if word == 0 {
				continue
			}
			bm[w] = 0
			for word != 0 {
				x := w<<6 + bits.TrailingZeros64(word)
				word &= word - 1
				c := g[x]
				g[x] = cellAcc{}
				if (c.cover|c.area) == 0 || x >= cx1 {
					continue
				}
				if x > xs && cover != 0 {
					if a := coverage(cover<<(subShift+1), evenOdd); a > 0 {
						ps = append(ps, paintSpan{po + 4*xs, uint32(x - xs), a})
					}
				}
				cover += int(c.cover)
				xs = x
				if c.area != 0 {
					if a := coverage(cover<<(subShift+1)-int(c.area), evenOdd); a > 0 {
						ps = append(ps, paintSpan{po + 4*x, 1, a})
					}
					xs = x + 1
				}
			}
		}
		if cx1 > xs && cover != 0 {
			if a := coverage(cover<<(subShift+1), evenOdd); a > 0 {
				ps = append(ps, paintSpan{po + 4*xs, uint32(cx1 - xs), a})
			}
		}
		if len(ps) >= flushSpans {
			b.paintSpans(ps)
			ps = ps[:0]
		}
	}
	b.paintSpans(ps)
	r.pspans = ps[:0]
	r.putDense()
	r.reset()
}

func coverage(area int, evenOdd bool) uint32 {
	c := area >> (subShift*2 + 1 - 8)
	if c < 0 {
		c = -c
	}
	if evenOdd {
		c &= 511
		if c > 256 {
			c = 512 - c
		}
	}
	if c > 255 {
		c = 255
	}
	return uint32(c)
}

// wideClip reports whether some cell lies 65536 or more pixels right of xmin
// (only possible on images wider than that).
func wideClip(c []cell, xmin int32) bool {
	for i := range c {
		if c[i].x-xmin >= 1<<16 {
			return true
		}
	}
	return false
}

// sortCells sorts a row's cells by x: insertion sort for short rows, else a
// two-pass LSD radix sort on x - xmin (rows are narrower than 65536 pixels)
// through the scratch buffer tmp.
func sortCells(c []cell, tmp *[]cell, xmin int32) {
	if len(c) <= 32 {
		for i := 1; i < len(c); i++ {
			v := c[i]
			j := i
			for j > 0 && c[j-1].x > v.x {
				c[j] = c[j-1]
				j--
			}
			c[j] = v
		}
		return
	}
	if wideClip(c, xmin) {
		slices.SortFunc(c, func(a, b cell) int { return int(a.x) - int(b.x) })
		return
	}
	if cap(*tmp) < len(c) {
		*tmp = make([]cell, len(c), 2*len(c))
	}
	t := (*tmp)[:len(c)]
	var lo, hi [256]int32
	for i := range c {
		k := uint32(c[i].x - xmin)
		lo[k&255]++
		hi[(k>>8)&255]++
	}
	var a, b int32
	for i := range 256 {
		lo[i], a = a, a+lo[i]
		hi[i], b = b, b+hi[i]
	}
	for i := range c {
		k := uint32(c[i].x-xmin) & 255
		t[lo[k]] = c[i]
		lo[k]++
	}
	for i := range t {
		k := (uint32(t[i].x-xmin) >> 8) & 255
		c[hi[k]] = t[i]
		hi[k]++
	}
}
