package raster

import (
	"math"

	"maliatlas/render"
)

// dashState walks a dash pattern along a subpath.
type dashState struct {
	pat    []float64
	total  float64
	idx    int     // current pattern entry (even: on)
	remain float64 // length left in it
}

func (d *dashState) on() bool { return d.idx%2 == 0 }

// next moves to the following pattern entry.
func (d *dashState) next() {
	d.idx++
	if d.idx == len(d.pat) {
		d.idx = 0
	}
	d.remain = d.pat[d.idx]
}

// skip advances the pattern by l without drawing.
func (d *dashState) skip(l float64) {
	if !(l > 0) {
		return
	}
	if l <= d.remain {
		d.remain -= l
		return
	}
	l -= d.remain
	d.next()
	l = math.Mod(l, d.total)
	for l > d.remain {
		l -= d.remain
		d.next()
	}
	d.remain -= l
}

// clipSeg returns the parameter interval of segment a→b inside the stroker's
// dash box (Liang–Barsky); ok is false when it misses the box.
func (s *stroker) clipSeg(a, b render.Point) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, e := range [4][2]float64{{-dx, a.X - s.dx0}, {dx, s.dx1 - a.X}, {-dy, a.Y - s.dy0}, {dy, s.dy1 - a.Y}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = max(t0, r)
		} else {
			t1 = min(t1, r)
		}
	}
	return t0, t1, t0 <= t1
}

// dashed strokes cleaned points with the dash pattern: dashes continue across
// vertices; on a closed subpath a dash running over the start joins the first
// one. Parts of segments outside the dash box only advance the pattern, so
// the cost is bounded by the length within the image.
func (s *stroker) dashed(pts []render.Point, closed bool) {
	d := dashState{pat: s.dash}
	for _, v := range d.pat {
		d.total += v
	}
	d.remain = d.pat[0]
	off := math.Mod(s.dashOff, d.total)
	if off < 0 {
		off += d.total
	}
	if off != off {
		off = 0
	}
	d.skip(off)
	for d.remain == 0 && !d.on() && d.total > 0 {
		d.next() // a zero-length gap at the start
	}

	n := len(pts)
	if n == 1 {
		if d.on() {
			s.dot(pts[0])
		}
		return
	}
	nseg := n - 1
	if closed {
		nseg = n
	}
	cur := s.dashPts[:0]
	first := s.firstPts[:0]
	firstOpen := d.on() // the first dash starts at the start point
	if d.on() {
		cur = append(cur, pts[0])
	}
	endDash := func() {
		if len(cur) == 0 {
			return
		}
		if firstOpen && closed {
			first = append(first[:0], cur...)
		} else {
			s.polyline(dedupe(cur), false)
		}
		firstOpen = false
		cur = cur[:0]
	}
	at := func(a, b render.Point, f float64) render.Point {
		return render.Point{X: a.X + (b.X-a.X)*f, Y: a.Y + (b.Y-a.Y)*f}
	}
	for i := 0; i < nseg; i++ {
		a, b := pts[i], pts[(i+1)%n]
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		t0, t1, ok := s.clipSeg(a, b)
		if !ok {
			t0, t1 = 1, 1
		}
		if t0 > 0 {
			// Invisible head: end the dash, advance the pattern.
			endDash()
			firstOpen = false
			d.skip(t0 * l)
			if d.on() {
				cur = append(cur, at(a, b, t0))
			}
		}
		t := t0 * l
		end := t1 * l
		for end-t > d.remain {
			t += d.remain
			p := at(a, b, t/l)
			if d.on() {
				cur = append(cur, p)
				endDash()
			} else {
				cur = append(cur[:0], p)
			}
			d.next()
		}
		d.remain -= end - t
		if t1 < 1 {
			if d.on() {
				cur = append(cur, at(a, b, t1))
			}
			endDash()
			firstOpen = false
			d.skip((1 - t1) * l)
			if d.on() {
				cur = append(cur, b)
			}
		} else if d.on() {
			cur = append(cur, b)
		}
	}
	if closed && firstOpen && d.on() {
		// One dash covers the whole ring.
		s.dashPts, s.firstPts = cur[:0], first[:0]
		s.polyline(pts, true)
		return
	}
	if len(cur) > 0 {
		if closed && len(first) > 0 {
			// The last dash runs over the start into the first dash.
			cur = append(cur, first[1:]...)
			first = first[:0]
		}
		s.polyline(dedupe(cur), false)
	}
	if len(first) > 0 {
		s.polyline(dedupe(first), false)
	}
	s.dashPts, s.firstPts = cur[:0], first[:0]
}

// dedupe removes consecutive repeated points in place.
func dedupe(p []render.Point) []render.Point {
	if len(p) < 2 {
		return p
	}
	out := p[:1]
	for _, q := range p[1:] {
		l := out[len(out)-1]
		if math.Abs(q.X-l.X) < 1e-9 && math.Abs(q.Y-l.Y) < 1e-9 {
			continue
		}
		out = append(out, q)
	}
	return out
}
