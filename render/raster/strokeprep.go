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
const prepRun = 32

// strokePrep is the set-up of one path's stroke.
type strokePrep struct {
	subs []prepSub
}

// prepSub is one subpath: what stroker.subpath computes before culling.
type prepSub struct {
	pts                []render.Point // cleaned, closing point dropped
	closed             bool
	bx0, by0, bx1, by1 float64 // box of the cleaned points
	// Thin solid strokes with two points or more: segment i's unit
	// direction and length (as thinPen.polyline computes them), and the
	// lowest and highest y of the points of each run of prepRun segments
	// (for more than one run).
	dirs []segDir
	runs []yRange
}

type segDir struct{ ux, uy, l float64 }

type yRange struct{ y0, y1 float64 }

// thinDirs tells whether a stroke of width w (after the hairline rule) and
// style st is drawn by the thin pen segment by segment (solid, thin, round
// joins): its set-up then keeps the segments' directions.
func thinDirs(w float64, st *render.Style) bool {
	if w > maxThinWidth || st.Join != render.RoundJoin {
		return false
	}
	dash := st.DashPattern()
	return dash == nil || patternLength(dash) < 0.25
}

// newStrokePrep sets up the stroke of p (dirs: keep the segments).
func newStrokePrep(p *render.Path, dirs bool) *strokePrep {
	n := 0
	for _, sub := range p.Sub {
		n += len(sub)
	}
	sp := &strokePrep{subs: make([]prepSub, 0, len(p.Sub))}
	all := make([]render.Point, 0, n)
	for _, sub := range p.Sub {
		// Cleaned after the others, in the same storage (room for all).
		var ps prepSub
		var pts []render.Point
		pts, ps.bx0, ps.by0, ps.bx1, ps.by1 = cleanPoints(all[len(all):], sub)
		all = all[:len(all)+len(pts)]
		ps.pts, ps.closed = closeCleaned(pts[:len(pts):len(pts)], p.Closed)
		sp.subs = append(sp.subs, ps)
	}
	if !dirs {
		return sp
	}
	nd, nr := 0, 0
	for i := range sp.subs {
		if k := segCount(&sp.subs[i]); k > 0 {
			nd += k
			if k > prepRun {
				nr += (k + prepRun - 1) / prepRun
			}
		}
	}
	ds := make([]segDir, 0, nd)
	rs := make([]yRange, 0, nr)
	for i := range sp.subs {
		ps := &sp.subs[i]
		nseg := segCount(ps)
		if nseg <= 0 {
			continue
		}
		pts, n := ps.pts, len(ps.pts)
		d0 := len(ds)
		for j := 0; j < nseg; j++ {
			a, b := pts[j], pts[(j+1)%n]
			dx, dy := b.X-a.X, b.Y-a.Y
			l := math.Sqrt(dx*dx + dy*dy) // as thinPen.polyline's dir
			ds = append(ds, segDir{dx / l, dy / l, l})
		}
		ps.dirs = ds[d0:len(ds):len(ds)]
		if nseg <= prepRun {
			continue
		}
		r0 := len(rs)
		for j := 0; j < nseg; j += prepRun {
			e := min(j+prepRun, nseg)
			y0, y1 := pts[j].Y, pts[j].Y
			for k := j + 1; k <= e; k++ { // the segments' end points
				y := pts[k%n].Y
				y0, y1 = min(y0, y), max(y1, y)
			}
			rs = append(rs, yRange{y0, y1})
		}
		ps.runs = rs[r0:len(rs):len(rs)]
	}
	return sp
}

// segCount is the number of segments of ps (0 for fewer than two points).
func segCount(ps *prepSub) int {
	n := len(ps.pts)
	if n < 2 {
		return 0
	}
	if ps.closed {
		return n
	}
	return n - 1
}

// bytes is the memory sp holds (its slices' storage), for reports.
func (sp *strokePrep) bytes() int {
	const pt, sd, yr, sub = 16, 24, 16, 104
	b := 8 + cap(sp.subs)*sub
	for i := range sp.subs {
		ps := &sp.subs[i]
		b += cap(ps.pts)*pt + cap(ps.dirs)*sd + cap(ps.runs)*yr
	}
	return b
}

// prepared strokes a subpath set up by newStrokePrep (as subpath does).
func (s *stroker) prepared(ps *prepSub) {
	pts := ps.pts
	if len(pts) == 0 || ps.bx1 < s.x0 || ps.bx0 > s.x1 || ps.by1 < s.y0 || ps.by0 > s.y1 {
		return
	}
	if len(s.dash) > 0 {
		s.dashed(pts, ps.closed)
		return
	}
	if s.thin != nil && ps.dirs != nil {
		s.thin.polylinePrep(ps)
		return
	}
	s.polyline(pts, ps.closed)
}

// polylinePrep is polyline on a prepared subpath: the same pieces from the
// kept directions, visiting only the runs of segments that reach the clip's
// rows.
func (p *thinPen) polylinePrep(ps *prepSub) {
	pts, closed, dirs := ps.pts, ps.closed, ps.dirs
	n := len(pts)
	nseg := len(dirs)
	round := p.cap == render.RoundCap
	reach := p.hw + p.capExt + 1
	ry0, ry1 := float64(p.clip.Min.Y)-reach, float64(p.clip.Max.Y)+reach
	ext := p.hw + 0.7072
	straight := func(ax, ay, bx, by float64) (bool, float64) {
		if ax*bx+ay*by < straightJoin {
			return false, 0
		}
		return true, ext*math.Abs(ax*by-ay*bx) + 1.0/lutRes
	}
	rr := p.hw + 0.7072 // a disc's reach
	seg := func(i int) {
		a, b := pts[i], pts[(i+1)%n]
		if (a.Y < ry0 && b.Y < ry0) || (a.Y > ry1 && b.Y > ry1) {
			return
		}
		d := &dirs[i]
		ux, uy, l := d.ux, d.uy, d.l
		flatA := !closed && i == 0 && !round
		flatB := !closed && i == nseg-1 && !round
		skipA, eA, eB := false, 0.0, 0.0
		var pd *segDir
		if closed || i > 0 {
			pd = &dirs[(i-1+nseg)%nseg]
			skipA, eA = straight(pd.ux, pd.uy, ux, uy)
		}
		if closed || i < nseg-1 {
			nd := &dirs[(i+1)%nseg]
			_, eB = straight(ux, uy, nd.ux, nd.uy)
		}
		p.segmentDir(a, ux, uy, l, flatA, flatB, eA, eB)
		switch {
		case flatA || skipA:
		case pd != nil && pd.l >= rr && l >= rr:
			p.joinDisc(a, pd.ux, pd.uy, ux, uy)
		default:
			p.disc(a)
		}
	}
	if ps.runs == nil {
		for i := 0; i < nseg; i++ {
			seg(i)
		}
	} else {
		for r, yr := range ps.runs {
			if yr.y1 < ry0 || yr.y0 > ry1 {
				continue // every segment of the run would be skipped
			}
			for i, e := r*prepRun, min((r+1)*prepRun, nseg); i < e; i++ {
				seg(i)
			}
		}
	}
	if !closed && round {
		p.disc(pts[n-1])
	}
}
