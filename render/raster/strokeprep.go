package raster

import (
	"math"

	"maliatlas/render"
)

// A stroke replayed into several bands (render.PathCache) is set up once:
// its subpaths' cleaned points and boxes and, for a thin solid stroke, each
// segment's direction and length, plus the rows each run of segments spans,
// so that a band walks only the runs that reach it. Everything here depends
// only on the path and the style, never on the band, and is computed by the
// same code as the stroker's own set-up: every band draws the same pixels.

// prepRun is the number of consecutive segments whose rows are kept
// together: a band skips the runs that cannot reach it.
const prepRun = 16

// strokePrep is the set-up of one path's stroke.
type strokePrep struct {
	// thin: set up for the thin pen (solid, thin, round joins), each
	// subpath as segs; otherwise as pts.
	thin bool
	subs []prepSub
	one  [1]prepSub // subs' storage for a path of one subpath
}

// prepSub is one subpath: what stroker.subpath computes before culling.
type prepSub struct {
	pts                []render.Point // cleaned, closing point dropped (not thin)
	closed             bool
	bx0, by0, bx1, by1 float64 // box of the cleaned points
	// Thin: the cleaned points (closing point dropped), each with the unit
	// direction and length of the segment from it (as thinPen.polyline
	// computes them; zero after the last point of an open subpath).
	segs []prepSeg
	// Thin, more than prepRun segments: the lowest and highest y of the
	// points of each run of prepRun segments.
	runs []yRange
}

// prepSeg is a point and the segment from it.
type prepSeg struct{ x, y, ux, uy, l float64 }

type yRange struct{ y0, y1 float64 }

// thinSolid tells whether a stroke of width w (after the hairline rule) and
// style st is drawn by the thin pen segment by segment (solid, thin, round
// joins) on a canvas that draws thin strokes.
func thinSolid(w float64, st *render.Style) bool {
	if w > maxThinWidth || st.Join != render.RoundJoin {
		return false
	}
	dash := st.DashPattern()
	return dash == nil || patternLength(dash) < 0.25
}

// newStrokePrep sets up the stroke of p, for the thin pen when thin;
// scratch is storage to clean points in.
func newStrokePrep(p *render.Path, thin bool, scratch *[]render.Point) *strokePrep {
	sp := &strokePrep{thin: thin}
	if len(p.Sub) == 1 {
		sp.subs = sp.one[:]
	} else {
		sp.subs = make([]prepSub, len(p.Sub))
	}
	if !thin {
		n := 0
		for _, sub := range p.Sub {
			n += len(sub)
		}
		all := make([]render.Point, 0, n)
		for i, sub := range p.Sub {
			// Cleaned after the others, in the same storage (room for all).
			ps := &sp.subs[i]
			var pts []render.Point
			pts, ps.bx0, ps.by0, ps.bx1, ps.by1 = cleanPoints(all[len(all):], sub)
			all = all[:len(all)+len(pts)]
			ps.pts, ps.closed = closeCleaned(pts[:len(pts):len(pts)], p.Closed)
		}
		return sp
	}
	// Clean the subpaths one after the other into scratch, then fill one
	// array.
	var endsBuf [8]int
	ends := endsBuf[:]
	if len(p.Sub) > len(ends) {
		ends = make([]int, len(p.Sub))
	}
	raw := 0
	for _, sub := range p.Sub {
		raw += len(sub)
	}
	buf := (*scratch)[:0]
	if cap(buf) < raw {
		buf = make([]render.Point, 0, raw) // room for every point: cleaned in place
	}
	n, nr := 0, 0
	for i, sub := range p.Sub {
		ps := &sp.subs[i]
		var pts []render.Point
		pts, ps.bx0, ps.by0, ps.bx1, ps.by1 = cleanPoints(buf[len(buf):], sub)
		buf = buf[:len(buf)+len(pts)]
		pts, ps.closed = closeCleaned(pts, p.Closed)
		ends[i] = len(buf)
		n += len(pts)
		if k := segCount(len(pts), ps.closed); k > prepRun {
			nr += (k + prepRun - 1) / prepRun
		}
	}
	*scratch = buf
	all := make([]prepSeg, n)
	rs := make([]yRange, nr)
	start := 0
	for i := range p.Sub {
		ps := &sp.subs[i]
		pts := buf[start:ends[i]]
		start = ends[i]
		pts, _ = closeCleaned(pts, p.Closed)
		k := len(pts)
		segs := all[:k:k]
		all = all[k:]
		for j, q := range pts {
			segs[j].x, segs[j].y = q.X, q.Y
		}
		nseg := segCount(k, ps.closed)
		for j := 0; j < nseg; j++ {
			a, b := pts[j], pts[0]
			if j+1 < k {
				b = pts[j+1]
			}
			dx, dy := b.X-a.X, b.Y-a.Y
			l := math.Sqrt(dx*dx + dy*dy) // as thinPen.polyline's dir
			segs[j].ux, segs[j].uy, segs[j].l = dx/l, dy/l, l
		}
		ps.segs = segs
		if nseg <= prepRun {
			continue
		}
		nrun := (nseg + prepRun - 1) / prepRun
		runs := rs[:nrun:nrun]
		rs = rs[nrun:]
		for r := range runs {
			j, e := r*prepRun, min((r+1)*prepRun, nseg)
			y0, y1 := pts[j].Y, pts[j].Y
			for m := j + 1; m <= e; m++ { // the segments' end points
				y := pts[m%k].Y
				y0, y1 = min(y0, y), max(y1, y)
			}
			runs[r] = yRange{y0, y1}
		}
		ps.runs = runs
	}
	return sp
}

// segCount is the number of segments of n cleaned points (0 for fewer than
// two).
func segCount(n int, closed bool) int {
	switch {
	case n < 2:
		return 0
	case closed:
		return n
	}
	return n - 1
}

// bytes is the memory sp holds, for reports.
func (sp *strokePrep) bytes() int {
	const pt, seg, yr, sub = 16, 40, 16, 136
	b := 48 + sub // strokePrep with one prepSub
	if len(sp.subs) > 1 {
		b += len(sp.subs) * sub
	}
	for i := range sp.subs {
		ps := &sp.subs[i]
		b += len(ps.pts)*pt + len(ps.segs)*seg + len(ps.runs)*yr
	}
	return b
}

// prepared strokes a subpath set up by newStrokePrep (as subpath does).
func (s *stroker) prepared(ps *prepSub) {
	if ps.bx1 < s.x0 || ps.bx0 > s.x1 || ps.by1 < s.y0 || ps.by0 > s.y1 {
		return // also an empty subpath: its box is empty (infinite bounds)
	}
	if ps.segs != nil {
		if len(ps.segs) == 1 {
			s.dot(render.Point{X: ps.segs[0].x, Y: ps.segs[0].y})
			return
		}
		s.thin.polylinePrep(ps)
		return
	}
	if len(ps.pts) == 0 {
		return
	}
	if len(s.dash) > 0 {
		s.dashed(ps.pts, ps.closed)
		return
	}
	s.polyline(ps.pts, ps.closed)
}

// polylinePrep is polyline on a prepared subpath of two points or more:
// the same pieces from the kept directions, visiting only the runs of
// segments that reach the clip's rows.
func (p *thinPen) polylinePrep(ps *prepSub) {
	segs, closed := ps.segs, ps.closed
	n := len(segs)
	nseg := segCount(n, closed)
	round := p.cap == render.RoundCap
	reach := p.hw + p.capExt + 1
	ry0, ry1 := float64(p.clip.Min.Y)-reach, float64(p.clip.Max.Y)+reach
	ext := p.hw + 0.7072
	rr := p.hw + 0.7072 // a disc's reach
	for i := 0; i < nseg; i++ {
		if ps.runs != nil && i%prepRun == 0 {
			if yr := ps.runs[i/prepRun]; yr.y1 < ry0 || yr.y0 > ry1 {
				i += prepRun - 1 // every segment of the run would be skipped
				continue
			}
		}
		sa := &segs[i]
		j := i + 1
		if j == n {
			j = 0
		}
		ay, by := sa.y, segs[j].y
		if (ay < ry0 && by < ry0) || (ay > ry1 && by > ry1) {
			continue
		}
		ux, uy, l := sa.ux, sa.uy, sa.l
		flatA := !closed && i == 0 && !round
		flatB := !closed && i == nseg-1 && !round
		skipA, eA, eB := false, 0.0, 0.0
		var pd *prepSeg
		if closed || i > 0 {
			k := i - 1
			if k < 0 {
				k = nseg - 1
			}
			pd = &segs[k]
			// straight (thinPen.polyline) from pd to this segment
			if !(pd.ux*ux+pd.uy*uy < straightJoin) {
				skipA, eA = true, ext*math.Abs(pd.ux*uy-pd.uy*ux)+1.0/lutRes
			}
		}
		if closed || i < nseg-1 {
			k := i + 1
			if k == nseg {
				k = 0
			}
			nd := &segs[k]
			if !(ux*nd.ux+uy*nd.uy < straightJoin) {
				eB = ext*math.Abs(ux*nd.uy-uy*nd.ux) + 1.0/lutRes
			}
		}
		a := render.Point{X: sa.x, Y: sa.y}
		p.segmentDir(a, ux, uy, l, flatA, flatB, eA, eB)
		switch {
		case flatA || skipA:
		case pd != nil && pd.l >= rr && l >= rr:
			p.joinDisc(a, pd.ux, pd.uy, ux, uy)
		default:
			p.disc(a)
		}
	}
	if !closed && round {
		p.disc(render.Point{X: segs[n-1].x, Y: segs[n-1].y})
	}
}
