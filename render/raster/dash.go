package raster

import (
	"math"

	"maliatlas/render"
)

// dashed strokes cleaned points with the dash pattern: dashes continue across
// vertices; on a closed subpath a dash running over the start joins the first
// one. Segments far outside the clip only advance the pattern.
func (s *stroker) dashed(pts []render.Point, closed bool) {
	pat := s.dash
	total := 0.0
	for _, v := range pat {
		total += v
	}
	// Phase at the start.
	idx := 0
	pos := math.Mod(s.dashOff, total)
	if pos < 0 {
		pos += total
	}
	for pos >= pat[idx] && pos > 0 {
		pos -= pat[idx]
		idx = (idx + 1) % len(pat)
	}
	remain := pat[idx] - pos
	on := idx%2 == 0

	n := len(pts)
	if n == 1 {
		if on {
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
	firstOpen := on // the first dash starts at the start point
	if on {
		cur = append(cur, pts[0])
	}
	endDash := func() {
		if firstOpen && closed {
			first = append(first[:0], cur...)
			firstOpen = false
		} else {
			s.polyline(dedupe(cur), false)
		}
		cur = cur[:0]
	}
	for i := 0; i < nseg; i++ {
		a, b := pts[i], pts[(i+1)%n]
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		if s.outside(min(a.X, b.X), min(a.Y, b.Y), max(a.X, b.X), max(a.Y, b.Y)) {
			// Invisible: end the dash, advance the pattern arithmetically.
			if on && len(cur) > 0 {
				endDash()
			}
			firstOpen = false
			rest := l
			if rest > remain {
				rest -= remain
				idx = (idx + 1) % len(pat)
				rest = math.Mod(rest, total)
				for rest > pat[idx] {
					rest -= pat[idx]
					idx = (idx + 1) % len(pat)
				}
				remain = pat[idx] - rest
			} else {
				remain -= rest
			}
			on = idx%2 == 0
			if on {
				cur = append(cur, b)
			}
			continue
		}
		t := 0.0
		for l-t > remain {
			t += remain
			f := t / l
			p := render.Point{X: a.X + (b.X-a.X)*f, Y: a.Y + (b.Y-a.Y)*f}
			if on {
				cur = append(cur, p)
				endDash()
			} else {
				cur = append(cur[:0], p)
			}
			on = !on
			idx = (idx + 1) % len(pat)
			remain = pat[idx]
		}
		remain -= l - t
		if on {
			cur = append(cur, b)
		}
	}
	if on && len(cur) > 0 {
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
