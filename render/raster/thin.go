package raster

import (
	"encoding/binary"
	"image"
	"math"
	"sync"

	"maliatlas/render"
)

// Thin strokes (at most maxThinWidth wide, round joins) skip the cell
// rasterizer: the coverage of each pixel near the stroke is computed directly
// from the pixel's position, for a strip along every segment (pixels whose
// centres project within it) and a disc at every join and round cap. Across
// the pieces of a path a pixel keeps its largest coverage (their union), so
// overlaps never double the alpha; the path is blended once, pixel by pixel,
// when it is done.
//
// A strip's coverage is the area of the unit pixel inside it (the pixel's
// projection onto the segment normal has a trapezoid distribution), a disc's
// the area inside the disc averaged over directions, both looked up in tables
// per width at 1/64 px of distance. Cost is proportional to the pixels
// touched, and a pixel depends only on its own position, so bands agree with
// a single canvas.

const maxThinWidth = 2.0

// thinPen accumulates the coverage of one thin stroke over the clip.
type thinPen struct {
	clip image.Rectangle
	w    int
	cov  []uint8 // clip-sized coverage, row-major, zero outside a stroke

	xmin, xmax []int32 // dirty columns of each row (relative), xmin > xmax when clean
	rows       []int32 // the dirty rows (relative), in no order

	hw     float64 // half width
	table  *stripTable
	cap    render.LineCap
	capExt float64 // how far a flat cap reaches beyond the end (square: hw)

	// The source scaled by each coverage for the colour (word, scale) last
	// flushed: the strokes of a layer share one.
	srcWord, srcScale uint32
	srcOK             bool
	srcBy             [256]uint64
	// The same for the SSE2 flush (lanes in byte order, and the inverse
	// alpha), built with srcBy when useSSE2.
	tab *flushTab

	// ring: a closed polyline was drawn since the last flush (its rows
	// hold two runs of coverage far apart: the SSE2 flush then tests each
	// 4-pixel step of a block).
	ring bool

	noSIMD bool // tests: the Go loops only
}

// flushTab is the SSE2 flush's table (thin_amd64.s): for each coverage a,
// the source scaled by a in four 16-bit lanes in byte order (R, G, B, A),
// and 255 minus its alpha in every lane.
type flushTab struct {
	sv, inv [256]uint64
	// steps: 1 when a 16-pixel block with coverage is blended step by
	// step, its steps without coverage passed over (rings), 0 when it is
	// blended whole (set by each flush).
	steps uint64
}

func newThinPen(clip image.Rectangle) *thinPen {
	p := &thinPen{}
	p.setClip(clip)
	return p
}

// setClip moves the pen to another clip (its coverage is all zero between
// strokes), keeping its storage when large enough.
func (p *thinPen) setClip(clip image.Rectangle) {
	p.clip, p.w = clip, clip.Dx()
	n, h := clip.Dx()*clip.Dy(), clip.Dy()
	if n+covSlack > cap(p.cov) {
		// covSlack bytes after the last row: the SSE2 strip walk reads and
		// writes back four bytes at a time.
		p.cov = make([]uint8, n, n+covSlack)
	}
	p.cov = p.cov[:n]
	if h > cap(p.xmin) {
		p.xmin, p.xmax = make([]int32, h), make([]int32, h)
	}
	if h+1 > cap(p.rows) {
		// Room for every row (a row is listed once, when first dirtied)
		// and one more: the SSE2 strip walk adds rows without append,
		// storing a row past the list's end before it knows whether the
		// row is new.
		p.rows = make([]int32, 0, h+1)
	}
	p.xmin, p.xmax = p.xmin[:h], p.xmax[:h]
	for i := range p.xmin {
		p.xmin[i], p.xmax[i] = math.MaxInt32, -1
	}
	p.rows = p.rows[:0]
}

func (p *thinPen) setup(hw float64, cap render.LineCap) {
	if p.table == nil || hw != p.hw {
		p.table = getStripTable(hw)
	}
	p.hw, p.cap = hw, cap
	p.capExt = 0
	if cap == render.SquareCap {
		p.capExt = hw
	}
}

// polyline strokes cleaned points (no repeated consecutive points, at least
// two) with round joins and the pen's caps.
//
// Each segment's direction is computed once: for the end of a segment the
// next one's is needed, and it is kept for the next turn of the loop (unless
// that segment is culled). No index is taken modulo the length.
func (p *thinPen) polyline(pts []render.Point, closed bool) {
	n := len(pts)
	nseg := n - 1
	if closed {
		nseg = n
		p.ring = true
	}
	round := p.cap == render.RoundCap
	// Segments farther than this from the clip's rows paint nothing there.
	reach := p.hw + p.capExt + 1
	ry0, ry1 := float64(p.clip.Min.Y)-reach, float64(p.clip.Max.Y)+reach
	// A join that turns by less than straightJoin needs no disc: the two
	// strips, each reaching a little past the vertex (ext: the disc's reach
	// times the sine of the turn), cover the thin wedge on the outer side.
	// That reach overstates the coverage there by at most a few levels.
	ext := p.hw + 0.7072
	rr := p.hw + 0.7072      // a disc's reach
	var pux, puy, pl float64 // the previous segment's direction and length
	var nux, nuy, nl float64 // this one's, when found at the last turn
	havePrev, haveNext := false, false
	for i := 0; i < nseg; i++ {
		j := i + 1 // b's index
		if j == n {
			j = 0
		}
		a, b := pts[i], pts[j]
		if (a.Y < ry0 && b.Y < ry0) || (a.Y > ry1 && b.Y > ry1) {
			havePrev, haveNext = false, false
			continue
		}
		var ux, uy, l float64
		if haveNext {
			ux, uy, l = nux, nuy, nl
		} else {
			ux, uy, l = segDir(a, b)
		}
		flatA := !closed && i == 0 && !round
		flatB := !closed && i == nseg-1 && !round
		skipA, eA, eB := false, 0.0, 0.0
		if closed || i > 0 {
			if !havePrev {
				k := i - 1
				if k < 0 {
					k = n - 1
				}
				pux, puy, pl = segDir(pts[k], a)
			}
			skipA, eA = straight(pux, puy, ux, uy, ext)
		}
		haveNext = closed || i < nseg-1
		if haveNext {
			k := j + 1
			if k == n {
				k = 0
			}
			nux, nuy, nl = segDir(b, pts[k])
			_, eB = straight(ux, uy, nux, nuy, ext)
		}
		p.segmentDir(a, ux, uy, l, flatA, flatB, eA, eB)
		switch {
		case flatA || skipA:
		case (closed || i > 0) && pl >= rr && l >= rr:
			p.joinDisc(a, pux, puy, ux, uy)
		default:
			p.disc(a)
		}
		pux, puy, pl, havePrev = ux, uy, l, true
	}
	if !closed && round {
		p.disc(pts[n-1])
	}
}

// segDir returns the unit direction and the length of a→b (sanitized
// coordinates: no overflow).
func segDir(a, b render.Point) (ux, uy, l float64) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l = math.Sqrt(dx*dx + dy*dy)
	return dx / l, dy / l, l
}

// straight reports whether the turn from direction a to direction b is small
// enough to draw without a join disc, and then how far each strip reaches
// past the vertex (ext: the disc's reach).
func straight(ax, ay, bx, by, ext float64) (bool, float64) {
	if ax*bx+ay*by < straightJoin {
		return false, 0
	}
	return true, ext*math.Abs(ax*by-ay*bx) + 1.0/lutRes
}

// straightJoin is the cosine of the largest turn drawn without a join
// disc (about 5.7°).
const straightJoin = 0.995

// dot strokes a zero-length subpath: a disc for round caps, a square for
// square caps.
func (p *thinPen) dot(c render.Point) {
	switch p.cap {
	case render.RoundCap:
		p.disc(c)
	case render.SquareCap:
		// A horizontal segment of length 2hw with butt ends.
		save := p.capExt
		p.capExt = 0
		p.segment(render.Point{X: c.X - p.hw, Y: c.Y}, render.Point{X: c.X + p.hw, Y: c.Y}, true, true)
		p.capExt = save
	}
}

// trap is the distribution of a unit pixel's offset projected on a unit
// direction (x, y): the sum of uniforms on [-a, a] and [-b, b], a >= b, with
// a = max(|x|, |y|)/2 and b = min(|x|, |y|)/2.
type trap struct{ a, b, inv8ab, inv2a float64 }

func newTrap(x, y float64) trap {
	a, b := math.Abs(x)/2, math.Abs(y)/2
	if b > a {
		a, b = b, a
	}
	t := trap{a: a, b: b, inv2a: 1 / (2 * a)}
	if b > 1e-6 {
		t.inv8ab = 1 / (8 * a * b)
	} else {
		t.b = 0
	}
	return t
}

// cdf returns P(offset <= x).
func (t *trap) cdf(x float64) float64 {
	a, b := t.a, t.b
	switch {
	case x <= -a-b:
		return 0
	case x >= a+b:
		return 1
	case x < -a+b:
		d := x + a + b
		return d * d * t.inv8ab
	case x <= a-b:
		return (x + a) * t.inv2a
	default:
		d := a + b - x
		return 1 - d*d*t.inv8ab
	}
}

// strip returns the part of the pixel within hw of a line at signed distance
// s from its centre.
func (t *trap) strip(s, hw float64) float64 {
	return t.cdf(hw-s) - t.cdf(-hw-s)
}

// Strip coverage is looked up in a table per half width: lutAngles
// directions from 0° to 45° (the others are symmetric), evenly spaced in
// tangent, and distances from the centre line every 1/lutRes pixel.
const (
	lutAngles = 33
	lutRes    = 64
	// covStride is the room for each direction's distances, a power of
	// two above the reach of the widest thin stroke ((1+0.7072)·lutRes+2
	// entries), so that an index masked with covStride-1 needs no check.
	covStride = 128
)

type stripTable struct {
	n int // entries per direction
	// cov[d*covStride+k]: coverage at distance k/lutRes, direction d (zero
	// for k >= n).
	cov []uint8
	// disc[k]: coverage of a pixel whose centre is k/lutRes from the centre
	// of a disc of radius hw (the mean over directions).
	disc []uint8
	// discZero: disc is zero from one entry below a disc's reach
	// (hw+0.7072) on, so a pixel beyond the reach adds nothing.
	discZero bool
}

var stripTables = struct {
	sync.Mutex
	m map[float64]*stripTable
}{m: map[float64]*stripTable{}}

func getStripTable(hw float64) *stripTable {
	stripTables.Lock()
	t := stripTables.m[hw]
	stripTables.Unlock()
	if t != nil {
		return t
	}
	t = &stripTable{n: int(math.Ceil((hw+0.7072)*lutRes)) + 2}
	if t.n > covStride {
		panic("raster: thin-stroke half width beyond the coverage table") // maxThinWidth is too large
	}
	t.cov = make([]uint8, lutAngles*covStride)
	for d := 0; d < lutAngles; d++ {
		tan := float64(d) / (lutAngles - 1)
		h := math.Hypot(1, tan)
		tr := newTrap(1/h, tan/h)
		for k := 0; k < t.n; k++ {
			t.cov[d*covStride+k] = uint8(tr.strip(float64(k)/lutRes, hw)*255 + 0.5)
		}
	}
	t.disc = make([]uint8, t.n)
	const ss = 16 // ss×ss samples per pixel
	for k := range t.disc {
		r := float64(k) / lutRes
		in, all := 0, 0
		for d := 0; d <= 4; d++ {
			sin, cos := math.Sincos(float64(d) / 4 * math.Pi / 4)
			cx, cy := r*cos, r*sin
			for i := 0; i < ss*ss; i++ {
				x := cx - 0.5 + (float64(i%ss)+0.5)/ss
				y := cy - 0.5 + (float64(i/ss)+0.5)/ss
				if x*x+y*y <= hw*hw {
					in++
				}
				all++
			}
		}
		t.disc[k] = uint8((in*255 + all/2) / all)
	}
	end := len(t.disc)
	for end > 0 && t.disc[end-1] == 0 {
		end--
	}
	t.discZero = float64(end+1) <= (hw+0.7072)*lutRes
	stripTables.Lock()
	if len(stripTables.m) >= 256 {
		clear(stripTables.m)
	}
	stripTables.m[hw] = t
	stripTables.Unlock()
	return t
}

// profile is how pixels project across a segment of one direction: the
// strip coverage table row.
type profile struct {
	cov []uint8
}

func (p *thinPen) profile(ux, uy float64) profile {
	a, b := math.Abs(ux), math.Abs(uy)
	if b > a {
		a, b = b, a
	}
	// b/a is in [0, 1], so d is in [0, lutAngles-1] and the mask keeps
	// it, unless NaN (no direction): int then gives -1<<63, masked to 0.
	// (Cheap enough to inline.)
	d := int(b/a*(lutAngles-1)+0.5) & 63
	const _ = uint(64 - lutAngles) // the mask holds every direction
	return profile{cov: p.table.cov[d*covStride:][:covStride]}
}

// segment adds the coverage of the strip along a→b for the pixels whose
// centres project within the segment; an end marked flat also covers the cap
// extension and softens the pixels across the end.
func (p *thinPen) segment(a, b render.Point, flatA, flatB bool) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	p.segmentDir(a, dx/l, dy/l, l, flatA, flatB, 0, 0)
}

// segmentDir is segment from a along the unit direction (ux, uy) for l
// pixels; an end not flat reaches eA before a or eB beyond the end (a join
// drawn without its disc).
func (p *thinPen) segmentDir(a render.Point, ux, uy, l float64, flatA, flatB bool, eA, eB float64) {
	hw := p.hw
	nx, ny := -uy, ux
	pr := p.profile(ux, uy)
	// The exact distribution of the pixel's offset across the segment (its
	// support, for the reach; all of it for flat ends).
	var tr trap
	if flatA || flatB {
		tr = newTrap(ux, uy)
	} else {
		tr.a, tr.b = math.Abs(ux)/2, math.Abs(uy)/2
		if tr.b > tr.a {
			tr.a, tr.b = tr.b, tr.a
		}
		if tr.b <= 1e-6 {
			tr.b = 0
		}
	}
	sup := tr.a + tr.b
	rs := hw + sup
	ext := p.capExt
	flat := flatA || flatB
	tlo, thi := -eA, l+eB
	if flatA {
		tlo = -ext - sup
	}
	if flatB {
		thi = l + ext + sup
	}
	// Bounding box of the region {tlo <= t <= thi, |s| <= rs}.
	ex, ey := math.Abs(nx)*rs, math.Abs(ny)*rs
	bx0 := fmin(a.X+ux*tlo, a.X+ux*thi) - ex
	bx1 := fmax(a.X+ux*tlo, a.X+ux*thi) + ex
	by0 := fmin(a.Y+uy*tlo, a.Y+uy*thi) - ey
	by1 := fmax(a.Y+uy*tlo, a.Y+uy*thi) + ey
	cx0, cx1 := float64(p.clip.Min.X), float64(p.clip.Max.X)
	cy0, cy1 := float64(p.clip.Min.Y), float64(p.clip.Max.Y)
	if !(by0 < cy1 && by1 > cy0 && bx0 < cx1 && bx1 > cx0) {
		return
	}
	y0 := int(math.Ceil(fmax(by0-0.5, cy0)))
	y1 := int(math.Floor(fmin(by1-0.5, cy1-1)))
	xlo, xhi := fmax(bx0-0.5, cx0), fmin(bx1-0.5, cx1-1)
	if !flat && ux != 0 && uy != 0 {
		p.strip(a, ux, uy, rs, tlo, thi, pr.cov, y0, y1, xlo, xhi)
		return
	}
	// Pixel centres px of a row with t = (px-ax)ux + tOff in [tlo, thi]
	// and s = (px-ax)nx + sOff in [-rs, rs]: px - ax - 0.5 between the
	// bounds below, divided by ux and nx.
	iux, inx := 0.0, 0.0
	if ux != 0 {
		iux = 1 / ux
	}
	if nx != 0 {
		inx = 1 / nx
	}
	base := a.X - 0.5
	cov := pr.cov
	for y := y0; y <= y1; y++ {
		oy := float64(y) + 0.5 - a.Y
		tOff, sOff := oy*uy, oy*ny
		lo, hi := xlo, xhi
		if ux != 0 {
			t0, t1 := base+(tlo-tOff)*iux, base+(thi-tOff)*iux
			if t0 > t1 {
				t0, t1 = t1, t0
			}
			if t0 > lo {
				lo = t0
			}
			if t1 < hi {
				hi = t1
			}
		}
		if nx != 0 {
			s0, s1 := base+(-rs-sOff)*inx, base+(rs-sOff)*inx
			if s0 > s1 {
				s0, s1 = s1, s0
			}
			if s0 > lo {
				lo = s0
			}
			if s1 < hi {
				hi = s1
			}
		}
		if !(lo <= hi) {
			continue
		}
		x0, x1 := int(math.Ceil(lo)), int(math.Floor(hi))
		if x0 > x1 {
			continue
		}
		ry := y - p.clip.Min.Y
		row := p.cov[ry*p.w+x0-p.clip.Min.X : ry*p.w+x1+1-p.clip.Min.X]
		wrote := false
		ox := float64(x0) + 0.5 - a.X
		// Signed distance from the centre line, in table steps.
		sk := (ox*nx + sOff) * lutRes
		dk := nx * lutRes
		if !flat {
			for i := range row {
				k := int(math.Abs(sk+float64(i)*dk) + 0.5)
				if k >= len(cov) {
					continue
				}
				if v := cov[k]; v > row[i] {
					row[i] = v
					wrote = true
				}
			}
			if wrote {
				p.dirty(ry, x0, x1)
			}
			continue
		}
		for i := range row {
			k := int(math.Abs(sk+float64(i)*dk) + 0.5)
			if k >= len(cov) {
				continue
			}
			v := cov[k]
			if v != 0 {
				t := (ox+float64(i))*ux + tOff
				c := float64(v)
				if flatA {
					c *= tr.cdf(t + ext)
				}
				if flatB {
					c *= tr.cdf(l + ext - t)
				}
				v = uint8(c + 0.5)
			}
			if v > row[i] {
				row[i] = v
				wrote = true
			}
		}
		if wrote {
			p.dirty(ry, x0, x1)
		}
	}
}

// strip adds the coverage of rows y0…y1 of the strip from a along (ux, uy)
// (neither zero): pixels whose centres are within rs of its centre line and
// project within [tlo, thi] along it, between columns xlo and xhi, with the
// coverage table cov (covStride entries). Each row's bounds are linear
// functions of the row, evaluated anew for each, and the distance is stepped
// from the row's first pixel, so bands agree. (Bounds are clamped with
// comparisons: the float min and max builtins cost more.)
func (p *thinPen) strip(a render.Point, ux, uy, rs, tlo, thi float64, cov []uint8, y0, y1 int, xlo, xhi float64) {
	tab := (*[covStride]uint8)(cov)
	// Column (pixel centre - 0.5) where t = T on row y: pT(T) + y·qt;
	// where s = S: pS(S) + y·qs (s along the normal (-uy, ux)).
	iux, iuy := 1/ux, 1/uy
	qt, qs := -uy*iux, ux*iuy
	ay := 0.5 - a.Y
	pT := func(T float64) float64 { return a.X - 0.5 + T*iux + ay*qt }
	pS := func(S float64) float64 { return a.X - 0.5 - S*iuy + ay*qs }
	tLo, tHi := pT(tlo), pT(thi)
	if ux < 0 {
		tLo, tHi = tHi, tLo
	}
	sLo, sHi := pS(-rs), pS(rs)
	if uy > 0 { // s decreases along the row
		sLo, sHi = sHi, sLo
	}
	// Signed distance from the centre line in table steps at column x of
	// row y: k0 + y·ky + x·kx.
	kx, ky := -uy*lutRes, ux*lutRes
	k0 := ((0.5-a.X)*-uy + ay*ux) * lutRes
	// The SSE2 walk (thin_amd64.s) does the same arithmetic in the same
	// order; it needs the rows and columns inside the clip (they are, by
	// construction: checked here all the same), room for every row and one
	// more in p.rows, and covSlack bytes after the buffer.
	if useSSE2 && !p.noSIMD && y0 >= p.clip.Min.Y && y1 < p.clip.Max.Y && xlo >= float64(p.clip.Min.X) &&
		xhi <= float64(p.clip.Max.X-1) && cap(p.rows) > len(p.xmin) && len(p.xmin) == p.clip.Dy() &&
		len(p.xmax) == len(p.xmin) && len(p.cov) >= p.w*len(p.xmin) && cap(p.cov) >= len(p.cov)+covSlack {
		if y0 > y1 {
			return
		}
		// On the stack (stripRowsSSE2 does not keep it): filling it
		// needs no write barriers.
		j := &stripJob{
			sLo: sLo, sHi: sHi, tLo: tLo, tHi: tHi, qs: qs, qt: qt, xlo: xlo, xhi: xhi,
			k0: k0, ky: ky, kx: kx, y0: y0, y1: y1,
			cov: &p.cov[0], w: p.w, mx: p.clip.Min.X, my: p.clip.Min.Y, tab: &tab[0],
			xmin: &p.xmin[0], xmax: &p.xmax[0], rows: &p.rows[:1][0], nrows: len(p.rows),
		}
		stripRowsSSE2(j)
		p.rows = p.rows[:j.nrows]
		return
	}
	for y := y0; y <= y1; y++ {
		fy := float64(y)
		lo, hi := sLo+fy*qs, sHi+fy*qs
		if t := tLo + fy*qt; t > lo {
			lo = t
		}
		if t := tHi + fy*qt; t < hi {
			hi = t
		}
		if lo < xlo {
			lo = xlo
		}
		if hi > xhi {
			hi = xhi
		}
		if !(lo <= hi) {
			continue
		}
		x0, x1 := int(math.Ceil(lo)), int(math.Floor(hi))
		if x0 > x1 {
			continue
		}
		sk := k0 + fy*ky + float64(x0)*kx
		ry := y - p.clip.Min.Y
		row := p.cov[ry*p.w+x0-p.clip.Min.X : ry*p.w+x1+1-p.clip.Min.X]
		wrote := false
		for i := range row {
			if v := tab[int(math.Abs(sk)+0.5)&(covStride-1)]; v > row[i] {
				row[i] = v
				wrote = true
			}
			sk += kx
		}
		if wrote {
			p.dirty(ry, x0, x1)
		}
	}
}

// covSlack is the room after the coverage buffer's last row that the SSE2
// strip walk needs: it reads and writes back 4 bytes at a time from a row's
// first pixel (the bytes past the row's end unchanged).
const covSlack = 16

// stripJob is what the SSE2 strip walk reads (thin_amd64.s: the field
// offsets are fixed there): strip's row bounds and distances, the buffer,
// the dirty columns and the list of dirty rows (nrows long, updated).
type stripJob struct {
	sLo, sHi, tLo, tHi, qs, qt, xlo, xhi, k0, ky, kx float64
	y0, y1                                           int
	cov                                              *uint8
	w, mx, my                                        int
	tab                                              *uint8
	xmin, xmax, rows                                 *int32
	nrows                                            int
}

// joinDisc adds the coverage of the disc of radius hw centred on the join
// v between a segment along (ax, ay) and the next along (bx, by), both at
// least the disc's reach long, for the pixels whose centres lie in the
// wedge beyond the end of the first and before the start of the second:
// every other pixel of the disc has its centre across one of the two
// strips, whose coverage (the pixel inside an infinite strip that holds the
// disc) is at least the disc's.
//
// Only the wedge's columns of each row are visited: each of its two
// half-planes, o·a > 0 and o·b < 0 for o the pixel centre minus v, bounds a
// row on one side (or keeps or drops the whole row, for a vertical
// direction). The bounds are widened by wedgeSlack, and every pixel between
// them is tested, so the pixels drawn are exactly those of disc's pixels
// whose centres lie in the wedge.
func (p *thinPen) joinDisc(v render.Point, ax, ay, bx, by float64) {
	rr := p.hw + 0.7072
	// The box of the wedge's sector of the disc: the origin, the ends of
	// its edges e1 ⟂ a and e2 ⟂ b, and the axis directions inside it (the
	// whole disc's box for a reversal). Pixel centres outside it are
	// outside the wedge or the disc; for a small turn, it is a sliver that
	// often holds none. (Widened by wedgeSlack, it may reach a hair beyond
	// the disc: pixels there have no coverage, as beyond a row's chord.)
	xmin, xmax, ymin, ymax := -rr, rr, -rr, rr
	if cr := ax*by - ay*bx; cr != 0 {
		s := rr
		if cr > 0 {
			s = -rr
		}
		e1x, e1y, e2x, e2y := -s*ay, s*ax, -s*by, s*bx
		xmin, xmax = fmin(0, fmin(e1x, e2x)), fmax(0, fmax(e1x, e2x))
		ymin, ymax = fmin(0, fmin(e1y, e2y)), fmax(0, fmax(e1y, e2y))
		if ax > 0 && bx < 0 {
			xmax = rr
		}
		if ax < 0 && bx > 0 {
			xmin = -rr
		}
		if ay > 0 && by < 0 {
			ymax = rr
		}
		if ay < 0 && by > 0 {
			ymin = -rr
		}
	}
	// Rows and columns (pixel centre - 0.5) of the box within the clip.
	ylo := fmax(v.Y+ymin-0.5-wedgeSlack, float64(p.clip.Min.Y))
	yhi := fmin(v.Y+ymax-0.5+wedgeSlack, float64(p.clip.Max.Y-1))
	bx0 := fmax(v.X+xmin-0.5-wedgeSlack, float64(p.clip.Min.X))
	bx1 := fmin(v.X+xmax-0.5+wedgeSlack, float64(p.clip.Max.X-1))
	if !(ylo <= yhi && bx0 <= bx1) {
		return
	}
	y0, y1 := iceil(ylo), ifloor(yhi)
	if y0 > y1 || float64(iceil(bx0)) > bx1 {
		return
	}
	// When the table is zero from below the reach (discZero), the pixels
	// of a row beyond the disc's chord add nothing, and the box bounds
	// every row; otherwise each row's chord bounds it, as in disc.
	chord := !p.table.discZero
	tab := p.table.disc
	// Per row, the half-plane o·a > 0 bounds ox on one side at oy·ra (a
	// vertical a keeps or drops the row), o·b < 0 at oy·rb.
	var ra, rb float64
	if ax != 0 {
		ra = -ay / ax
	}
	if bx != 0 {
		rb = -by / bx
	}
	inf := math.Inf(1)
	for y := y0; y <= y1; y++ {
		oy := float64(y) + 0.5 - v.Y
		// The wedge's offsets ox on this row: [lo, hi], widened.
		lo, hi := -inf, inf
		switch {
		case ax > 0:
			lo = oy*ra - wedgeSlack
		case ax < 0:
			hi = oy*ra + wedgeSlack
		case !(oy*ay > 0):
			continue
		}
		switch {
		case bx > 0:
			hi = fmin(hi, oy*rb+wedgeSlack)
		case bx < 0:
			lo = fmax(lo, oy*rb-wedgeSlack)
		case !(oy*by < 0):
			continue
		}
		// Columns x with x + 0.5 - v.X in [lo, hi], within the box.
		clo, chi := fmax(v.X-0.5+lo, bx0), fmin(v.X-0.5+hi, bx1)
		if chord {
			h2 := rr*rr - oy*oy
			if h2 <= 0 {
				continue
			}
			h := math.Sqrt(h2)
			clo, chi = fmax(clo, v.X-h-0.5), fmin(chi, v.X+h-0.5)
		}
		if !(clo <= chi) {
			continue
		}
		x0, x1 := iceil(clo), ifloor(chi)
		ry := y - p.clip.Min.Y
		row := p.cov[ry*p.w : (ry+1)*p.w]
		wrote := false
		for x := x0; x <= x1; x++ {
			ox := float64(x) + 0.5 - v.X
			if ox*ax+oy*ay <= 0 || ox*bx+oy*by >= 0 {
				continue
			}
			if v, i := discCov(tab, ox, oy), x-p.clip.Min.X; v > row[i] {
				row[i] = v
				wrote = true
			}
		}
		if wrote {
			p.dirty(ry, x0, x1)
		}
	}
}

// ifloor and iceil are int(math.Floor(f)) and int(math.Ceil(f)) for f
// well within the int range, inlined.
func ifloor(f float64) int {
	i := int(f)
	if float64(i) > f {
		i--
	}
	return i
}

func iceil(f float64) int {
	i := int(f)
	if float64(i) < f {
		i++
	}
	return i
}

// wedgeSlack widens joinDisc's row bounds (in pixels) past the rounding
// of their arithmetic: far more than it, far less than a pixel.
const wedgeSlack = 1e-6

// disc adds the coverage of the disc of radius hw centred on v.
func (p *thinPen) disc(v render.Point) {
	rr := p.hw + 0.7072
	tab := p.table.disc
	cx0, cx1 := float64(p.clip.Min.X), float64(p.clip.Max.X)
	cy0, cy1 := float64(p.clip.Min.Y), float64(p.clip.Max.Y)
	if !(v.Y-rr < cy1 && v.Y+rr > cy0 && v.X-rr < cx1 && v.X+rr > cx0) {
		return
	}
	y0 := int(math.Ceil(fmax(v.Y-rr-0.5, cy0)))
	y1 := int(math.Floor(fmin(v.Y+rr-0.5, cy1-1)))
	for y := y0; y <= y1; y++ {
		oy := float64(y) + 0.5 - v.Y
		h2 := rr*rr - oy*oy
		if h2 <= 0 {
			continue
		}
		h := math.Sqrt(h2)
		lo, hi := fmax(v.X-h-0.5, cx0), fmin(v.X+h-0.5, cx1-1)
		x0, x1 := int(math.Ceil(lo)), int(math.Floor(hi))
		if x0 > x1 {
			continue
		}
		ry := y - p.clip.Min.Y
		row := p.cov[ry*p.w : (ry+1)*p.w]
		wrote := false
		for x := x0; x <= x1; x++ {
			ox := float64(x) + 0.5 - v.X
			if v, i := discCov(tab, ox, oy), x-p.clip.Min.X; v > row[i] {
				row[i] = v
				wrote = true
			}
		}
		if wrote {
			p.dirty(ry, x0, x1)
		}
	}
}

// discCov is the coverage, from a disc's table tab, of the pixel whose
// centre is (ox, oy) from the disc's centre: zero beyond the table.
func discCov(tab []uint8, ox, oy float64) uint8 {
	if k := int(math.Sqrt(ox*ox+oy*oy)*lutRes + 0.5); k < len(tab) {
		return tab[k]
	}
	return 0
}

// fmin and fmax are min and max for finite floats (the builtins also
// order NaNs and signed zeros, at a cost); when a is NaN they return b.
func fmin(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

func fmax(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// dirty records that columns [x0, x1] of relative row ry may hold coverage.
func (p *thinPen) dirty(ry, x0, x1 int) {
	if p.xmin[ry] == math.MaxInt32 {
		p.rows = append(p.rows, int32(ry))
	}
	p.xmin[ry] = min(p.xmin[ry], int32(x0-p.clip.Min.X))
	p.xmax[ry] = max(p.xmax[ry], int32(x1-p.clip.Min.X))
}

// addMask adds a coverage mask w×h (nil: nothing) whose top-left pixel is at
// (x, y), summing coverage where it overlaps what is there (up to full), as
// one non-zero rasterizer pass over the shapes of both would.
func (p *thinPen) addMask(m []uint8, x, y, w, h int) {
	if m == nil {
		return
	}
	x0, y0 := max(x, p.clip.Min.X), max(y, p.clip.Min.Y)
	x1, y1 := min(x+w, p.clip.Max.X), min(y+h, p.clip.Max.Y)
	if x0 >= x1 || y0 >= y1 {
		return
	}
	for yy := y0; yy < y1; yy++ {
		src := m[(yy-y)*w+x0-x : (yy-y)*w+x1-x]
		ry := yy - p.clip.Min.Y
		dst := p.cov[ry*p.w+x0-p.clip.Min.X : ry*p.w+x1-p.clip.Min.X]
		for i, v := range src {
			dst[i] = uint8(min(uint32(dst[i])+uint32(v), 255))
		}
		p.dirty(ry, x0, x1-1)
	}
}

// flush blends the accumulated coverage with b and clears it.
func (p *thinPen) flush(b *blender) {
	p.source(b)
	ring := p.ring
	p.ring = false
	if useSSE2 && p.flushSSE2(b, ring) {
		return
	}
	p.flushGo(b)
}

// source makes the tables of b's colour scaled by each coverage.
func (p *thinPen) source(b *blender) {
	word, scale := b.word, b.scale
	if !p.srcOK || p.srcWord != word || p.srcScale != scale {
		src := expand(word)
		for a := range p.srcBy {
			c := uint32(a)
			if scale != 256 {
				c = (c * scale) >> 8
			}
			p.srcBy[a] = div255x4(src * uint64(c))
		}
		if useSSE2 {
			if p.tab == nil {
				p.tab = new(flushTab)
			}
			for a, v := range p.srcBy {
				// expand's lanes are R, B, G, A.
				r, bl, g, al := v&0xffff, v>>16&0xffff, v>>32&0xffff, v>>48
				p.tab.sv[a] = r | g<<16 | bl<<32 | al<<48
				p.tab.inv[a] = (255 - al) * 0x0001000100010001
			}
		}
		p.srcWord, p.srcScale, p.srcOK = word, scale, true
	}
}

// flushSSE2 is flush with the SSE2 kernel, when the image holds the clip
// as the kernel expects (it reports whether it did the work).
func (p *thinPen) flushSSE2(b *blender, ring bool) bool {
	h := len(p.xmin)
	if len(p.rows) == 0 || h == 0 {
		p.rows = p.rows[:0]
		return true
	}
	o := b.offset(p.clip.Min.Y, p.clip.Min.X)
	if o < 0 || p.w*4 > b.stride || o+(h-1)*b.stride+p.w*4 > len(b.pix) || len(p.cov) < h*p.w || len(p.xmax) != h {
		return false
	}
	p.tab.steps = 0
	if ring {
		p.tab.steps = 1
	}
	if !flushRowsSSE2(p.cov, b.pix[o:], p.rows, p.xmin, p.xmax, p.w, b.stride, p.tab) {
		panic("raster: thin pen row out of range")
	}
	p.rows = p.rows[:0]
	return true
}

// flushGo is flush a pixel at a time (after source).
func (p *thinPen) flushGo(b *blender) {
	pix, word := b.pix, b.word
	opaque := b.opaque
	srcBy := &p.srcBy
	for _, ry := range p.rows {
		ry := int(ry)
		x0, x1 := int(p.xmin[ry]), int(p.xmax[ry])
		if x0 > x1 {
			continue
		}
		p.xmin[ry], p.xmax[ry] = math.MaxInt32, -1
		row := p.cov[ry*p.w : ry*p.w+x1+1]
		o0 := b.offset(ry+p.clip.Min.Y, p.clip.Min.X)
		for x := x0; x <= x1; x++ {
			if x+8 <= x1+1 && binary.LittleEndian.Uint64(row[x:x+8]) == 0 {
				x += 7
				continue
			}
			a := row[x]
			if a == 0 {
				continue
			}
			row[x] = 0
			o := o0 + x*4
			d := pix[o : o+4 : o+4]
			if a == 255 && opaque {
				binary.LittleEndian.PutUint32(d, word)
				continue
			}
			sv := srcBy[a]
			inv := 255 - sv>>48
			binary.LittleEndian.PutUint32(d, pack(sv+div255x4(expand(binary.LittleEndian.Uint32(d))*inv)))
		}
	}
	p.rows = p.rows[:0]
}
