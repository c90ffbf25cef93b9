package main

import (
	"math"
	"sort"
)

// Scale is the snapping grid: coordinates are rounded to 1e-5 degree (about
// one metre) before shared borders are matched.
const Scale = 1e5

// Pt is a vertex snapped to the 1e-5 degree grid.
type Pt struct{ X, Y int64 }

// Snap rounds a longitude/latitude pair onto the grid.
func Snap(lon, lat float64) Pt {
	return Pt{int64(math.Round(lon * Scale)), int64(math.Round(lat * Scale))}
}

// Lon and Lat give the vertex back in degrees.
func (p Pt) Lon() float64 { return float64(p.X) / Scale }

// Lat is the vertex's latitude in degrees.
func (p Pt) Lat() float64 { return float64(p.Y) / Scale }

func less(a, b Pt) bool { return a.X < b.X || (a.X == b.X && a.Y < b.Y) }

// Ring is an open ring: the first vertex is not repeated at the end.
type Ring []Pt

// Polygon is an outer ring (counter-clockwise) followed by its holes (clockwise).
type Polygon []Ring

// area2 is twice the signed planar area of r in grid units (positive when
// counter-clockwise). It is computed in float64: exact enough for a
// comparison at 1e-9.
func (r Ring) area2() float64 {
	var s float64
	n := len(r)
	for i := range n {
		a, b := r[i], r[(i+1)%n]
		s += float64(a.X)*float64(b.Y) - float64(b.X)*float64(a.Y)
	}
	return s
}

func (r Ring) reversed() Ring {
	out := make(Ring, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
}

// clean drops repeated vertices (consecutive and the closing one).
func (r Ring) clean() Ring {
	out := make(Ring, 0, len(r))
	for _, p := range r {
		if len(out) > 0 && out[len(out)-1] == p {
			continue
		}
		out = append(out, p)
	}
	for len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

// dropCollinear removes vertices that lie on the straight segment between
// their neighbours (exactly, on the grid), as left behind where a shared
// border met the outline.
func (r Ring) dropCollinear() Ring {
	for {
		n := len(r)
		if n < 3 {
			return r
		}
		out := make(Ring, 0, n)
		for i := range n {
			a, b, c := r[(i+n-1)%n], r[i], r[(i+1)%n]
			ux, uy := b.X-a.X, b.Y-a.Y
			vx, vy := c.X-b.X, c.Y-b.Y
			if ux*vy-uy*vx == 0 && ux*vx+uy*vy > 0 {
				continue
			}
			out = append(out, b)
		}
		if len(out) == n {
			return out
		}
		r = out
	}
}

// orient returns p with its outer ring counter-clockwise and holes clockwise,
// repeated vertices removed and degenerate rings dropped. ok is false when
// the outer ring itself is degenerate.
func orient(p Polygon) (Polygon, bool) {
	var out Polygon
	for i, r := range p {
		r = r.clean()
		a := r.area2()
		if len(r) < 3 || a == 0 {
			if i == 0 {
				return nil, false
			}
			continue
		}
		if (i == 0) != (a > 0) {
			r = r.reversed()
		}
		out = append(out, r)
	}
	return out, true
}

type edge struct{ a, b Pt }

func undirected(e edge) edge {
	if less(e.b, e.a) {
		return edge{e.b, e.a}
	}
	return e
}

// DissolveResult is the union of a set of polygons.
type DissolveResult struct {
	Polygons []Polygon
	// Clean is true when the parts' shared borders matched exactly and were
	// removed; false means Polygons are the (oriented) parts unchanged.
	Clean bool
	// Reason says why the dissolve fell back, when it did.
	Reason string
}

// Dissolve merges polygons that share borders vertex for vertex (after
// snapping) into as few polygons as possible: every edge met twice is a
// shared border and is removed, and the remaining edges are chained into
// rings. Outer rings come out counter-clockwise, holes clockwise, each hole
// in the outer ring that contains it. If the borders do not match exactly,
// the parts are returned unchanged with Clean false.
func Dissolve(parts []Polygon) DissolveResult {
	var oriented []Polygon
	var want float64
	for _, p := range parts {
		op, ok := orient(p)
		if !ok {
			continue
		}
		oriented = append(oriented, op)
		for _, r := range op {
			want += r.area2()
		}
	}
	fallback := func(reason string) DissolveResult {
		sortPolygons(oriented)
		return DissolveResult{Polygons: oriented, Reason: reason}
	}
	if len(oriented) == 0 {
		return DissolveResult{Clean: true}
	}

	// Count every edge in both directions.
	count := map[edge]int{}
	dirs := map[edge]edge{} // undirected -> first directed occurrence
	var all []edge
	for _, p := range oriented {
		for _, r := range p {
			for i := range r {
				e := edge{r[i], r[(i+1)%len(r)]}
				u := undirected(e)
				count[u]++
				if count[u] == 2 && dirs[u] == e {
					return fallback("two parts overlap along an edge in the same direction")
				}
				if count[u] > 2 {
					return fallback("an edge is shared by more than two parts")
				}
				dirs[u] = e
				all = append(all, e)
			}
		}
	}
	var rest []edge
	for _, e := range all {
		if count[undirected(e)] == 1 {
			rest = append(rest, e)
		}
	}
	sort.Slice(rest, func(i, j int) bool {
		if rest[i].a != rest[j].a {
			return less(rest[i].a, rest[j].a)
		}
		return less(rest[i].b, rest[j].b)
	})
	out := map[Pt][]int{}
	deg := map[Pt]int{}
	for i, e := range rest {
		out[e.a] = append(out[e.a], i)
		deg[e.a]++
		deg[e.b]--
	}
	for _, d := range deg {
		if d != 0 {
			return fallback("shared borders do not match vertex for vertex")
		}
	}

	// next picks, at the end of edge e, the outgoing edge that turns most to
	// the left: the one bounding the same interior sector.
	next := func(e edge) int {
		dx, dy := float64(e.b.X-e.a.X), float64(e.b.Y-e.a.Y)
		best, bestTurn := -1, math.Inf(-1)
		for _, k := range out[e.b] {
			f := rest[k]
			fx, fy := float64(f.b.X-f.a.X), float64(f.b.Y-f.a.Y)
			turn := math.Atan2(dx*fy-dy*fx, dx*fx+dy*fy)
			if turn > bestTurn {
				best, bestTurn = k, turn
			}
		}
		return best
	}

	used := make([]bool, len(rest))
	var outers, holes []Ring
	for s := range rest {
		if used[s] {
			continue
		}
		var r Ring
		k := s
		for {
			if used[k] {
				if k != s {
					return fallback("rings cross at a vertex")
				}
				break
			}
			used[k] = true
			r = append(r, rest[k].a)
			k = next(rest[k])
			if k < 0 {
				return fallback("open chain of edges")
			}
		}
		r = r.dropCollinear()
		switch a := r.area2(); {
		case a > 0:
			outers = append(outers, r)
		case a < 0:
			holes = append(holes, r)
		}
	}

	// Put each hole in the smallest outer ring that contains it.
	sort.SliceStable(outers, func(i, j int) bool { return outers[i].area2() < outers[j].area2() })
	polys := make([]Polygon, len(outers))
	for i, o := range outers {
		polys[i] = Polygon{o}
	}
	for _, h := range holes {
		placed := false
		for i, o := range outers {
			if o.area2() > -h.area2() && ringInside(h, o) {
				polys[i] = append(polys[i], h)
				placed = true
				break
			}
		}
		if !placed {
			return fallback("a hole lies in no outer ring")
		}
	}
	var got float64
	for _, p := range polys {
		for _, r := range p {
			got += r.area2()
		}
	}
	if math.Abs(got-want) > 1e-9*math.Abs(want) {
		return fallback("dissolved area differs from the parts' area")
	}
	sortPolygons(polys)
	return DissolveResult{Polygons: polys, Clean: true}
}

// ringInside reports whether ring h lies inside ring o, testing h's first
// vertex that is not also a vertex of o.
func ringInside(h, o Ring) bool {
	onO := make(map[Pt]bool, len(o))
	for _, p := range o {
		onO[p] = true
	}
	for _, p := range h {
		if !onO[p] {
			return pointInRing(p, o)
		}
	}
	// Every vertex of h is a vertex of o: test the middle of an edge.
	a, b := h[0], h[1]
	return pointInRingF(float64(a.X+b.X)/2, float64(a.Y+b.Y)/2, o)
}

func pointInRing(p Pt, r Ring) bool { return pointInRingF(float64(p.X), float64(p.Y), r) }

// pointInRingF is the even-odd ray-casting test.
func pointInRingF(x, y float64, r Ring) bool {
	in := false
	n := len(r)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		xi, yi := float64(r[i].X), float64(r[i].Y)
		xj, yj := float64(r[j].X), float64(r[j].Y)
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

// sortPolygons orders polygons by their outer ring's first vertex, so that
// output does not depend on input order.
func sortPolygons(ps []Polygon) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := minVertex(ps[i][0]), minVertex(ps[j][0])
		return less(a, b)
	})
}

func minVertex(r Ring) Pt {
	m := r[0]
	for _, p := range r[1:] {
		if less(p, m) {
			m = p
		}
	}
	return m
}
