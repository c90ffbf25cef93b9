package geo

import (
	"github.com/paulmach/orb"
)

// Contains reports whether p lies in g: inside a Polygon's outer ring and not
// strictly inside one of its holes, inside any polygon of a MultiPolygon, or
// within a Bound. Points on a boundary (outer ring or hole) count as inside,
// so a point on a border shared by two regions is in both. Other geometries
// (points, lines) contain nothing.
func Contains(g orb.Geometry, p orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return polygonContains(g, p)
	case orb.MultiPolygon:
		for _, poly := range g {
			if polygonContains(poly, p) {
				return true
			}
		}
	case orb.Ring:
		in, on := ringContains(g, p)
		return in || on
	case orb.Bound:
		return g.Contains(p)
	case orb.Collection:
		for _, c := range g {
			if Contains(c, p) {
				return true
			}
		}
	}
	return false
}

// boundaryEps is how far (in degrees, about 0.1 mm) a point may be from an
// edge and still count as on it.
const boundaryEps = 1e-9

func polygonContains(poly orb.Polygon, p orb.Point) bool {
	if len(poly) == 0 {
		return false
	}
	if !poly[0].Bound().Pad(boundaryEps).Contains(p) {
		return false
	}
	in, on := ringContains(poly[0], p)
	if on {
		return true
	}
	if !in {
		return false
	}
	for _, hole := range poly[1:] {
		in, on := ringContains(hole, p)
		if on {
			return true
		}
		if in {
			return false
		}
	}
	return true
}

// ringContains is the even–odd (crossing number) test with an exact check
// for points on an edge. The ring need not repeat its first point.
func ringContains(r orb.Ring, p orb.Point) (in, on bool) {
	n := len(r)
	if n < 3 {
		return false, false
	}
	x, y := p[0], p[1]
	j := n - 1
	for i := 0; i < n; i++ {
		a, b := r[j], r[i]
		j = i
		if onSegment(a, b, p) {
			return false, true
		}
		// Half-open rule on y so a vertex is counted once.
		if (a[1] > y) != (b[1] > y) {
			xi := a[0] + (y-a[1])*(b[0]-a[0])/(b[1]-a[1])
			if x < xi {
				in = !in
			}
		}
	}
	return in, false
}

// onSegment reports whether p lies on the segment a–b (within a relative
// tolerance of the segment's size, about a millimetre for degree
// coordinates).
func onSegment(a, b, p orb.Point) bool {
	minX, maxX := a[0], b[0]
	if minX > maxX {
		minX, maxX = maxX, minX
	}
	minY, maxY := a[1], b[1]
	if minY > maxY {
		minY, maxY = maxY, minY
	}
	const eps = boundaryEps
	if p[0] < minX-eps || p[0] > maxX+eps || p[1] < minY-eps || p[1] > maxY+eps {
		return false
	}
	cross := (b[0]-a[0])*(p[1]-a[1]) - (b[1]-a[1])*(p[0]-a[0])
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return (p[0]-a[0])*(p[0]-a[0])+(p[1]-a[1])*(p[1]-a[1]) <= eps*eps
	}
	// distance from p to the line = |cross| / sqrt(l2)
	return cross*cross <= eps*eps*l2
}
