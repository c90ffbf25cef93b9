package geo

import "github.com/paulmach/orb"

// EachVertex calls fn with every vertex of g, in order: points, lines,
// rings, polygons, their Multi* forms and collections of them.
func EachVertex(g orb.Geometry, fn func(orb.Point)) {
	walkVertices(g, func(p *orb.Point) { fn(*p) })
}

// MapVertices replaces every vertex of g by fn's result, in place, and
// returns g (a lone orb.Point, a value, is returned changed).
func MapVertices(g orb.Geometry, fn func(orb.Point) orb.Point) orb.Geometry {
	if p, ok := g.(orb.Point); ok {
		return fn(p)
	}
	walkVertices(g, func(p *orb.Point) { *p = fn(*p) })
	return g
}

// walkVertices calls fn with the address of every vertex of g; a point in
// a collection is stored back only when fn changed it (a reader writes
// nothing). A lone orb.Point is a copy.
func walkVertices(g orb.Geometry, fn func(*orb.Point)) {
	pts := func(ps []orb.Point) {
		for i := range ps {
			fn(&ps[i])
		}
	}
	switch g := g.(type) {
	case orb.Point:
		fn(&g)
	case orb.MultiPoint:
		pts(g)
	case orb.LineString:
		pts(g)
	case orb.Ring:
		pts(g)
	case orb.MultiLineString:
		for _, l := range g {
			pts(l)
		}
	case orb.Polygon:
		for _, r := range g {
			pts(r)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				pts(r)
			}
		}
	case orb.Collection:
		for i := range g {
			if p, ok := g[i].(orb.Point); ok {
				q := p
				if fn(&q); q != p {
					g[i] = q
				}
				continue
			}
			walkVertices(g[i], fn)
		}
	}
}
