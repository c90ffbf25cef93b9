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
//
// Most of a strip's pixels belong to no other piece of its path: those in
// its core (the part of the strip far enough from its ends that neither the
// neighbouring strips nor any disc reaches it, when no other segment of the
// path comes near) are blended straight into the image, the others go
// through the coverage buffer. Each pixel is still blended once with the
// union's coverage, so the picture is the same as with the buffer alone.

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

	// bl, when direct, receives the core pixels of the path being stroked.
	bl     *blender
	direct bool
	// Scratch for crowded: the segments near the clip (once nearOK).
	near   []nearSeg
	nearOK bool
	// The near segments to test (indices into near): all of them in
	// nearIdx, or when bucketStart is set by columns of bucketW pixels:
	// column c's in bucketed[bucketStart[c]:bucketStart[c+1]].
	nearIdx, bucketed, bucketStart, bucketFill []int32
	useBuckets                                 bool

	// dropBuffer clears the buffer at flush without blending it (tests:
	// what the direct blending alone paints).
	dropBuffer bool
}

// begin starts a path to be blended with b; with direct the cores of its
// strips are blended straight away (the path must be a single subpath).
func (p *thinPen) begin(b *blender, direct bool) {
	p.bl, p.direct = b, direct
	if direct {
		p.source(b)
	}
}

// source prepares srcBy for b's colour.
func (p *thinPen) source(b *blender) {
	word, scale := b.word, b.scale
	if p.srcOK && p.srcWord == word && p.srcScale == scale {
		return
	}
	src := expand(word)
	for a := range p.srcBy {
		c := uint32(a)
		if scale != 256 {
			c = (c * scale) >> 8
		}
		p.srcBy[a] = div255x4(src * uint64(c))
	}
	p.srcWord, p.srcScale, p.srcOK = word, scale, true
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
	if n > cap(p.cov) {
		p.cov = make([]uint8, n)
	}
	p.cov = p.cov[:n]
	if h > cap(p.xmin) {
		p.xmin, p.xmax = make([]int32, h), make([]int32, h)
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
func (p *thinPen) polyline(pts []render.Point, closed bool) {
	n := len(pts)
	nseg := n - 1
	if closed {
		nseg = n
	}
	round := p.cap == render.RoundCap
	// Segments farther than this from the clip's rows paint nothing there.
	reach := p.hw + p.capExt + 1
	ry0, ry1 := float64(p.clip.Min.Y)-reach, float64(p.clip.Max.Y)+reach
	dir := func(i int) (ux, uy, l float64) {
		a, b := pts[i], pts[(i+1)%n]
		dx, dy := b.X-a.X, b.Y-a.Y
		l = math.Sqrt(dx*dx + dy*dy) // coordinates are sanitized: no overflow
		return dx / l, dy / l, l
	}
	// A join that turns by less than straightJoin needs no disc: the two
	// strips, each reaching a little past the vertex (ext: the disc's reach
	// times the sine of the turn), cover the thin wedge on the outer side.
	// That reach overstates the coverage there by at most a few levels.
	ext := p.hw + 0.7072
	straight := func(ax, ay, bx, by float64) (bool, float64) {
		if ax*bx+ay*by < straightJoin {
			return false, 0
		}
		return true, ext*math.Abs(ax*by-ay*bx) + 1.0/lutRes
	}
	var pux, puy, pl float64
	havePrev := false
	// The next segment and the join with it, kept for the next step.
	var nux, nuy, nl float64
	haveNext := false
	skipB, eB, m1 := false, 0.0, -1.0
	rr := p.hw + 0.7072 // a disc's reach
	direct := p.direct && (!closed || nseg >= 4)
	p.nearOK = false
	for i := 0; i < nseg; i++ {
		a, b := pts[i], pts[(i+1)%n]
		if (a.Y < ry0 && b.Y < ry0) || (a.Y > ry1 && b.Y > ry1) {
			havePrev, haveNext = false, false
			continue
		}
		var ux, uy, l float64
		if haveNext {
			ux, uy, l = nux, nuy, nl
		} else {
			ux, uy, l = dir(i)
		}
		flatA := !closed && i == 0 && !round
		flatB := !closed && i == nseg-1 && !round
		skipA, eA, m0 := false, 0.0, -1.0
		if closed || i > 0 {
			if havePrev {
				skipA, eA, m0 = skipB, eB, m1
			} else {
				pux, puy, pl = dir((i - 1 + nseg) % nseg)
				skipA, eA = straight(pux, puy, ux, uy)
			}
		}
		haveNext, skipB, eB, m1 = false, false, 0, -1
		if closed || i < nseg-1 {
			nux, nuy, nl = dir((i + 1) % nseg)
			haveNext = true
			skipB, eB = straight(ux, uy, nux, nuy)
		}
		// The core: from m0 to l-m1 along the segment.
		ct0, ct1 := 1.0, 0.0
		if direct && !flatA && !flatB {
			if m0 < 0 {
				if closed || i > 0 {
					// A join disc limited to its wedge (both segments
					// at least rr long) paints no pixel ahead of the join.
					m0 = joinMargin(pux, puy, ux, uy, eA, !skipA && !(pl >= rr && l >= rr), rr)
				} else {
					m0 = rr + coreEps // the round cap's disc
				}
			}
			if closed || i < nseg-1 {
				m1 = joinMargin(ux, uy, nux, nuy, eB, !skipB && !(l >= rr && nl >= rr), rr)
			} else {
				m1 = rr + coreEps
			}
			// Shorter cores are not worth the test for other pieces.
			if m0+minCore < l-m1 {
				ct0, ct1 = m0, l-m1
				if p.crowded(pts, closed, i, a, ux, uy, ct0, ct1) {
					ct0, ct1 = 1, 0
				}
			}
		}
		p.segmentDir(a, ux, uy, l, flatA, flatB, eA, eB, ct0, ct1)
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

// straightJoin is the cosine of the largest turn drawn without a join
// disc (about 5.7°).
const straightJoin = 0.995

// minCore is the shortest core blended straight (pixels along the segment).
const minCore = 4

// coreEps keeps a core clear of the pieces next to it despite rounding.
const coreEps = 1.0 / 256

// joinMargin returns how far from a join between a segment along (ax, ay)
// and the next along (bx, by) the core of either must start: beyond the join
// disc (if disc: a whole disc, reach rr) and beyond every pixel of the other strip,
// which extends e past the join and covers pixels within rr of its centre
// line. For a pixel of one strip (within rr of its line) at t along it from
// the join, the other's projection past the join is at most -t·cos + rr·sin
// and its distance from the other's line at least t·sin - rr·|cos| (sin, cos
// of the turn); the margin is where either clears the other strip.
func joinMargin(ax, ay, bx, by, e float64, disc bool, rr float64) float64 {
	c := ax*bx + ay*by
	sn := math.Abs(ax*by - ay*bx)
	m := math.Inf(1)
	if c > 1e-9 {
		m = (e + rr*sn) / c
	}
	if sn > 1e-9 {
		m = min(m, rr*(1+math.Abs(c))/sn)
	}
	if disc {
		m = max(m, rr)
	}
	return m + coreEps
}

// crowded reports whether any piece of the path other than segment i's own
// strip, its neighbours' strips and the discs at its ends may reach a pixel
// of its core (t in [t0, t1] from a along (ux, uy)) in the clip: a box test
// against every segment not next to it that comes near the clip's rows, with
// the pieces' reach. (Whether a core pixel is blended straight or through
// the buffer does not change it, so bands may decide apart.)
func (p *thinPen) crowded(pts []render.Point, closed bool, i int, a render.Point, ux, uy, t0, t1 float64) bool {
	n := len(pts)
	nseg := n - 1
	if closed {
		nseg = n
	}
	// The core's pixel centres lie within rr of its axis; another
	// segment's pieces within rr + capExt + 1 of it (its strip, discs and
	// caps). Boxes closer than the sum may share a pixel.
	rr := p.hw + 0.7072
	g := rr + rr + p.capExt + 1
	if !p.nearOK {
		p.nearSegs(pts, nseg, g)
	}
	x0, x1 := a.X+ux*t0, a.X+ux*t1
	y0, y1 := a.Y+uy*t0, a.Y+uy*t1
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	cx0, cx1, cy0, cy1 := x0-g, x1+g, y0-g, y1+g
	cand := p.nearIdx
	if p.useBuckets {
		// Many segments near the clip: only those listed in the columns
		// of buckets the core's box meets.
		b0, b1 := p.bucketOf(cx0), p.bucketOf(cx1)
		cand = p.bucketed[p.bucketStart[b0]:p.bucketStart[b1+1]]
	}
	for _, k := range cand {
		ns := &p.near[k]
		d := int(ns.j) - i
		if closed {
			d = (d%nseg + nseg) % nseg
			if d == 0 || d == 1 || d == nseg-1 {
				continue
			}
		} else if d >= -1 && d <= 1 {
			continue
		}
		if ns.x0 <= cx1 && ns.x1 >= cx0 && ns.y0 <= cy1 && ns.y1 >= cy0 {
			return true
		}
	}
	if !closed {
		// The caps at the path's ends (a disc for round caps) next to a
		// neighbour's far end.
		for _, e := range [2]render.Point{pts[0], pts[n-1]} {
			if e.X <= cx1 && e.X >= cx0 && e.Y <= cy1 && e.Y >= cy0 && (i >= 1 && e == pts[0] || i <= nseg-2 && e == pts[n-1]) {
				return true
			}
		}
	}
	return false
}

// nearSegs lists in p.near the segments whose boxes come within g of the
// clip's rows, with their boxes.
func (p *thinPen) nearSegs(pts []render.Point, nseg int, g float64) {
	n := len(pts)
	p.near = p.near[:0]
	ylo, yhi := float64(p.clip.Min.Y)-g, float64(p.clip.Max.Y)+g
	for j := 0; j < nseg; j++ {
		u, v := pts[j], pts[(j+1)%n]
		y0, y1 := u.Y, v.Y
		if y0 > y1 {
			y0, y1 = y1, y0
		}
		if y1 < ylo || y0 > yhi {
			continue
		}
		x0, x1 := u.X, v.X
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		p.near = append(p.near, nearSeg{x0, y0, x1, y1, int32(j)})
	}
	p.nearOK = true
	p.nearIdx = p.nearIdx[:0]
	p.bucketStart = p.bucketStart[:0]
	if len(p.near) <= 16 {
		for k := range p.near {
			p.nearIdx = append(p.nearIdx, int32(k))
		}
		p.useBuckets = false
		return
	}
	p.useBuckets = true
	// Columns of bucketW pixels: each segment listed in every column its
	// box widened by g meets (a counting sort).
	nb := p.clip.Dx()/bucketW + 1
	cnt := p.bucketStart
	for range nb + 1 {
		cnt = append(cnt, 0)
	}
	for k := range p.near {
		ns := &p.near[k]
		for c := p.bucketOf(ns.x0 - g); c <= p.bucketOf(ns.x1+g); c++ {
			cnt[c+1]++
		}
	}
	for c := 1; c <= nb; c++ {
		cnt[c] += cnt[c-1]
	}
	p.bucketed = append(p.bucketed[:0], make([]int32, cnt[nb])...)
	fill := append(p.bucketFill[:0], cnt[:nb]...)
	for k := range p.near {
		ns := &p.near[k]
		for c := p.bucketOf(ns.x0 - g); c <= p.bucketOf(ns.x1+g); c++ {
			p.bucketed[fill[c]] = int32(k)
			fill[c]++
		}
	}
	p.bucketStart, p.bucketFill = cnt, fill
}

// nearSeg is a segment (index j) and its bounding box.
type nearSeg struct {
	x0, y0, x1, y1 float64
	j              int32
}

// bucketW is the width of crowded's columns of segments, in pixels.
const bucketW = 32

// bucketOf returns the column of crowded's buckets that holds x (clamped).
func (p *thinPen) bucketOf(x float64) int {
	c := (x - float64(p.clip.Min.X)) / bucketW
	nb := p.clip.Dx() / bucketW
	switch {
	case !(c > 0):
		return 0
	case c >= float64(nb):
		return nb
	}
	return int(c)
}

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
	d := int(b/a*(lutAngles-1) + 0.5)
	d = min(max(d, 0), lutAngles-1)
	t := p.table
	return profile{cov: t.cov[d*covStride : (d+1)*covStride]}
}

// segment adds the coverage of the strip along a→b for the pixels whose
// centres project within the segment; an end marked flat also covers the cap
// extension and softens the pixels across the end.
func (p *thinPen) segment(a, b render.Point, flatA, flatB bool) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	p.segmentDir(a, dx/l, dy/l, l, flatA, flatB, 0, 0, 1, 0)
}

// segmentDir is segment from a along the unit direction (ux, uy) for l
// pixels; an end not flat reaches eA before a or eB beyond the end (a join
// drawn without its disc). The pixels whose centres project within [ct0,
// ct1] along it (none if ct0 > ct1; only without flat ends) are blended
// straight with p.bl: no other piece of the path covers them.
func (p *thinPen) segmentDir(a render.Point, ux, uy, l float64, flatA, flatB bool, eA, eB, ct0, ct1 float64) {
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
	bx0 := min(a.X+ux*tlo, a.X+ux*thi) - ex
	bx1 := max(a.X+ux*tlo, a.X+ux*thi) + ex
	by0 := min(a.Y+uy*tlo, a.Y+uy*thi) - ey
	by1 := max(a.Y+uy*tlo, a.Y+uy*thi) + ey
	cx0, cx1 := float64(p.clip.Min.X), float64(p.clip.Max.X)
	cy0, cy1 := float64(p.clip.Min.Y), float64(p.clip.Max.Y)
	if !(by0 < cy1 && by1 > cy0 && bx0 < cx1 && bx1 > cx0) {
		return
	}
	y0 := int(math.Ceil(max(by0-0.5, cy0)))
	y1 := int(math.Floor(min(by1-0.5, cy1-1)))
	xlo, xhi := max(bx0-0.5, cx0), min(bx1-0.5, cx1-1)
	if !flat && ux != 0 && uy != 0 {
		p.strip(a, ux, uy, rs, tlo, thi, ct0, ct1, pr.cov, y0, y1, xlo, xhi)
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
	core := ct0 <= ct1 && !flat
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
			// Core columns [c0, c1] of the row (relative to x0).
			c0, c1 := len(row), len(row)-1
			if core {
				if ux != 0 {
					f0, f1 := base+(ct0-tOff)*iux, base+(ct1-tOff)*iux
					if f0 > f1 {
						f0, f1 = f1, f0
					}
					f0, f1 = max(f0, lo), min(f1, hi)
					if f0 <= f1 {
						c0, c1 = int(math.Ceil(f0))-x0, int(math.Floor(f1))-x0
					}
				} else if tOff >= ct0 && tOff <= ct1 {
					c0, c1 = 0, len(row)-1
				}
			}
			if c0 <= c1 {
				p.blendRun(y, x0, c0, c1, sk, dk, cov)
			} else {
				c0, c1 = len(row), len(row)-1
			}
			for i := range row[:c0] {
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
				p.dirty(ry, x0, x0+c0-1)
			}
			wrote = false
			for i := c1 + 1; i < len(row); i++ {
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
				p.dirty(ry, x0+c1+1, x1)
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

// strip walks the rows y0…y1 of the strip from a along (ux, uy) (neither
// zero): pixels whose centres are within rs of its centre line and project
// within [tlo, thi] along it, between columns xlo and xhi, with the coverage
// table cov (covStride entries). The pixels projecting within [ct0, ct1] are
// blended straight into the image, the others kept in the buffer. Each
// bound is a linear function of the row, evaluated anew for each, and the
// distance is stepped from the row's first pixel, so bands agree.
func (p *thinPen) strip(a render.Point, ux, uy, rs, tlo, thi, ct0, ct1 float64, cov []uint8, y0, y1 int, xlo, xhi float64) {
	tab := (*[covStride]uint8)(cov)
	// Column (pixel centre - 0.5) where t = T on row y: pT(T) + y·qt;
	// where s = S: pS(S) + y·qs (s along the normal (-uy, ux)).
	iux, iuy := 1/ux, 1/uy
	qt, qs := -uy*iux, ux*iuy
	ay := 0.5 - a.Y
	pT := func(T float64) float64 { return a.X - 0.5 + T*iux + ay*qt }
	pS := func(S float64) float64 { return a.X - 0.5 - S*iuy + ay*qs }
	tLo, tHi, cLo, cHi := pT(tlo), pT(thi), pT(ct0), pT(ct1)
	if ux < 0 {
		tLo, tHi, cLo, cHi = tHi, tLo, cHi, cLo
	}
	sLo, sHi := pS(-rs), pS(rs)
	if uy > 0 { // s decreases along the row
		sLo, sHi = sHi, sLo
	}
	// Signed distance from the centre line in table steps at column x of
	// row y: k0 + y·ky + x·kx.
	kx, ky := -uy*lutRes, ux*lutRes
	k0 := ((0.5-a.X)*-uy + ay*ux) * lutRes
	// Rows [yc0, yc1] lie in the core whole: on row y the strip's pixels
	// project within (y+0.5-a.Y)/uy ± rs·|ux/uy| along it.
	yc0, yc1 := y1+1, y1
	if ct0 <= ct1 {
		w := rs * math.Abs(ux*iuy)
		const eps = 1e-6
		lo, hi := (ct0+w+eps)*uy, (ct1-w-eps)*uy
		if uy < 0 {
			lo, hi = hi, lo
		}
		if f0, f1 := max(lo+a.Y-0.5, float64(y0)), min(hi+a.Y-0.5, float64(y1)); f0 <= f1 {
			yc0, yc1 = int(math.Ceil(f0)), int(math.Floor(f1))
		}
		if yc0 > yc1 {
			yc0, yc1 = y1+1, y1
		}
	}
	b := p.bl
	srcBy := &p.srcBy
	for y := y0; y <= y1; y++ {
		fy := float64(y)
		if y == yc0 {
			p.stripCore(yc0, yc1, sLo, sHi, qs, xlo, xhi, k0, ky, kx, tab)
			y = yc1
			continue
		}
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
		n := x1 - x0 + 1
		sk := k0 + fy*ky + float64(x0)*kx
		// Core columns [c0, c1] relative to x0.
		c0, c1 := n, n-1
		if ct0 <= ct1 {
			f0, f1 := cLo+fy*qt, cHi+fy*qt
			if f0 < lo {
				f0 = lo
			}
			if f1 > hi {
				f1 = hi
			}
			if f0 <= f1 {
				c0, c1 = int(math.Ceil(f0))-x0, int(math.Floor(f1))-x0
			}
			if c0 > c1 {
				c0, c1 = n, n-1
			}
		}
		if c0 == 0 && c1 == n-1 {
			o := b.offset(y, x0)
			pix := b.pix[o : o+n*4]
			for j := 3; j < len(pix); j += 4 {
				q := pix[j-3 : j+1 : j+1]
				sv := srcBy[tab[int(math.Abs(sk)+0.5)&(covStride-1)]]
				sk += kx
				binary.LittleEndian.PutUint32(q, pack(sv+div255x4(expand(binary.LittleEndian.Uint32(q))*(255-sv>>48))))
			}
			continue
		}
		ry := y - p.clip.Min.Y
		row := p.cov[ry*p.w+x0-p.clip.Min.X : ry*p.w+x1+1-p.clip.Min.X]
		wl, wr := -1, -1
		for i := range row[:c0] {
			if v := tab[int(math.Abs(sk)+0.5)&(covStride-1)]; v > row[i] {
				row[i] = v
				wl = i
			}
			sk += kx
		}
		if c0 <= c1 {
			o := b.offset(y, x0)
			pix := b.pix[o+c0*4 : o+(c1+1)*4]
			for ; len(pix) >= 4; pix = pix[4:] {
				sv := srcBy[tab[int(math.Abs(sk)+0.5)&(covStride-1)]]
				sk += kx
				d := binary.LittleEndian.Uint32(pix)
				binary.LittleEndian.PutUint32(pix, pack(sv+div255x4(expand(d)*(255-sv>>48))))
			}
		}
		for i := c1 + 1; i < len(row); i++ {
			if v := tab[int(math.Abs(sk)+0.5)&(covStride-1)]; v > row[i] {
				row[i] = v
				wr = i
			}
			sk += kx
		}
		switch {
		case wl >= 0 && wr >= 0:
			p.dirty(ry, x0, x1)
		case wl >= 0:
			p.dirty(ry, x0, x0+c0-1)
		case wr >= 0:
			p.dirty(ry, x0+c1+1, x1)
		}
	}
}

// stripCore blends rows y0…y1 of a strip whole into the image (rows in its
// core): on row y the columns from sLo+y·qs to sHi+y·qs (within xlo…xhi),
// the first at k0+y·ky+x·kx table steps from the centre line, each next kx
// further. (Apart from strip: fewer live values, fewer spills. Bounds are
// clamped with comparisons: the float min and max builtins cost more.)
func (p *thinPen) stripCore(y0, y1 int, sLo, sHi, qs, xlo, xhi, k0, ky, kx float64, tab *[covStride]uint8) {
	b := p.bl
	srcBy := &p.srcBy
	for y := y0; y <= y1; y++ {
		fy := float64(y)
		lo, hi := sLo+fy*qs, sHi+fy*qs
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
		o := b.offset(y, x0)
		pix := b.pix[o : o+(x1-x0+1)*4]
		sk := k0 + fy*ky + float64(x0)*kx
		// Coverage 0 leaves a pixel as it is (the blend is exact for
		// multiples of 255).
		for j := 3; j < len(pix); j += 4 {
			q := pix[j-3 : j+1 : j+1]
			sv := srcBy[tab[int(math.Abs(sk)+0.5)&(covStride-1)]]
			sk += kx
			binary.LittleEndian.PutUint32(q, pack(sv+div255x4(expand(binary.LittleEndian.Uint32(q))*(255-sv>>48))))
		}
	}
}

// blendRun blends the strip's pixels x0+c0 … x0+c1 of row y straight into
// the image, the coverage of pixel x0+i being that of the table cov at
// |sk + i·dk|.
func (p *thinPen) blendRun(y, x0, c0, c1 int, sk, dk float64, cov []uint8) {
	b := p.bl
	o := b.offset(y, x0)
	pix := b.pix[o+c0*4 : o+(c1+1)*4]
	word, opaque := b.word, b.opaque
	srcBy := &p.srcBy
	for i := c0; i <= c1; i++ {
		k := int(math.Abs(sk+float64(i)*dk) + 0.5)
		if k >= len(cov) {
			continue
		}
		a := cov[k]
		if a == 0 {
			continue
		}
		j := (i - c0) * 4
		d := pix[j : j+4 : j+4]
		if a == 255 && opaque {
			binary.LittleEndian.PutUint32(d, word)
			continue
		}
		sv := srcBy[a]
		inv := 255 - sv>>48
		binary.LittleEndian.PutUint32(d, pack(sv+div255x4(expand(binary.LittleEndian.Uint32(d))*inv)))
	}
}

// disc adds the coverage of the disc of radius hw centred on v.
func (p *thinPen) disc(v render.Point) { p.discPart(v, false, 0, 0, 0, 0) }

// joinDisc adds the coverage of the disc of radius hw centred on the join
// v between a segment along (ax, ay) and the next along (bx, by), both at
// least the disc's reach long, for the pixels whose centres lie in the
// wedge beyond the end of the first and before the start of the second:
// every other pixel of the disc has its centre across one of the two
// strips, whose coverage (the pixel inside an infinite strip that holds the
// disc) is at least the disc's.
func (p *thinPen) joinDisc(v render.Point, ax, ay, bx, by float64) {
	p.discPart(v, true, ax, ay, bx, by)
}

// discPart adds the coverage of the disc of radius hw centred on v: the
// whole disc, or with wedge only the pixels in joinDisc's wedge.
func (p *thinPen) discPart(v render.Point, wedge bool, ax, ay, bx, by float64) {
	rr := p.hw + 0.7072
	tab := p.table.disc
	cx0, cx1 := float64(p.clip.Min.X), float64(p.clip.Max.X)
	cy0, cy1 := float64(p.clip.Min.Y), float64(p.clip.Max.Y)
	if !(v.Y-rr < cy1 && v.Y+rr > cy0 && v.X-rr < cx1 && v.X+rr > cx0) {
		return
	}
	y0 := int(math.Ceil(max(v.Y-rr-0.5, cy0)))
	y1 := int(math.Floor(min(v.Y+rr-0.5, cy1-1)))
	for y := y0; y <= y1; y++ {
		oy := float64(y) + 0.5 - v.Y
		h2 := rr*rr - oy*oy
		if h2 <= 0 {
			continue
		}
		h := math.Sqrt(h2)
		x0 := int(math.Ceil(max(v.X-h-0.5, cx0)))
		x1 := int(math.Floor(min(v.X+h-0.5, cx1-1)))
		if x0 > x1 {
			continue
		}
		ry := y - p.clip.Min.Y
		row := p.cov[ry*p.w : (ry+1)*p.w]
		wrote := false
		for x := x0; x <= x1; x++ {
			ox := float64(x) + 0.5 - v.X
			if wedge && (ox*ax+oy*ay <= 0 || ox*bx+oy*by >= 0) {
				continue
			}
			var v uint8
			if k := int(math.Sqrt(ox*ox+oy*oy)*lutRes + 0.5); k < len(tab) {
				v = tab[k]
			}
			if i := x - p.clip.Min.X; v > row[i] {
				row[i] = v
				wrote = true
			}
		}
		if wrote {
			p.dirty(ry, x0, x1)
		}
	}
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
	pix, word := b.pix, b.word
	opaque := b.opaque
	p.source(b)
	if p.dropBuffer {
		for _, ry := range p.rows {
			ry := int(ry)
			if x0, x1 := int(p.xmin[ry]), int(p.xmax[ry]); x0 <= x1 {
				clear(p.cov[ry*p.w+x0 : ry*p.w+x1+1])
			}
			p.xmin[ry], p.xmax[ry] = math.MaxInt32, -1
		}
		p.rows = p.rows[:0]
		return
	}
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
