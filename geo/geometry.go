package geo

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// Planar predicates on lon/lat coordinates. At the atlas's scale (a few
// hundred kilometres between vertices at most) treating degrees as a plane
// is good enough to tell whether two features meet. Boundaries count: two
// polygons that share an edge or a vertex intersect, as Contains counts a
// point on a border as inside.

// geomEps is the distance in degrees (about 0.1 mm) below which two
// coordinates are the same point.
const geomEps = 1e-9

// parts is a geometry split into points, polylines and polygons.
type parts struct {
	points []orb.Point
	lines  []orb.LineString
	polys  []orb.Polygon
}

func split(g orb.Geometry, p *parts) {
	switch g := g.(type) {
	case orb.Point:
		p.points = append(p.points, g)
	case orb.MultiPoint:
		p.points = append(p.points, g...)
	case orb.LineString:
		p.lines = append(p.lines, g)
	case orb.MultiLineString:
		p.lines = append(p.lines, g...)
	case orb.Ring:
		p.polys = append(p.polys, orb.Polygon{g})
	case orb.Polygon:
		if len(g) > 0 {
			p.polys = append(p.polys, g)
		}
	case orb.MultiPolygon:
		for _, poly := range g {
			if len(poly) > 0 {
				p.polys = append(p.polys, poly)
			}
		}
	case orb.Bound:
		p.polys = append(p.polys, g.ToPolygon())
	case orb.Collection:
		for _, c := range g {
			split(c, p)
		}
	}
}

func partsOf(g orb.Geometry) parts {
	var p parts
	split(g, &p)
	return p
}

// Intersects reports whether a and b share at least one point: a point on a
// line or in a polygon (holes excluded, boundaries included), lines that
// cross or touch, a line crossing or lying inside a polygon, polygons whose
// edges cross or one of which lies inside the other. Points, lines and
// polygons may come as Multi* geometries, rings, bounds or collections.
func Intersects(a, b orb.Geometry) bool {
	if a == nil || b == nil {
		return false
	}
	ba, bb := a.Bound(), b.Bound()
	if !ba.Pad(geomEps).Intersects(bb) {
		return false
	}
	pa, pb := partsOf(a), partsOf(b)
	for _, p := range pa.points {
		if pointMeets(p, &pb) {
			return true
		}
	}
	for _, p := range pb.points {
		if pointMeets(p, &pa) {
			return true
		}
	}
	for _, la := range pa.lines {
		for _, lb := range pb.lines {
			if linesMeet(la, lb) {
				return true
			}
		}
		for _, poly := range pb.polys {
			if linePolygonMeet(la, poly) {
				return true
			}
		}
	}
	for _, lb := range pb.lines {
		for _, poly := range pa.polys {
			if linePolygonMeet(lb, poly) {
				return true
			}
		}
	}
	for _, qa := range pa.polys {
		for _, qb := range pb.polys {
			if polygonsMeet(qa, qb) {
				return true
			}
		}
	}
	return false
}

// pointMeets reports whether p lies on one of the points, lines or polygons
// of q.
func pointMeets(p orb.Point, q *parts) bool {
	for _, r := range q.points {
		if math.Abs(p[0]-r[0]) <= geomEps && math.Abs(p[1]-r[1]) <= geomEps {
			return true
		}
	}
	for _, l := range q.lines {
		if len(l) == 1 && math.Abs(p[0]-l[0][0]) <= geomEps && math.Abs(p[1]-l[0][1]) <= geomEps {
			return true
		}
		for i := 1; i < len(l); i++ {
			if pointOnSegment(p, l[i-1], l[i]) {
				return true
			}
		}
	}
	for _, poly := range q.polys {
		if Contains(poly, p) {
			return true
		}
	}
	return false
}

func pointOnSegment(p, a, b orb.Point) bool {
	if p[0] < math.Min(a[0], b[0])-geomEps || p[0] > math.Max(a[0], b[0])+geomEps ||
		p[1] < math.Min(a[1], b[1])-geomEps || p[1] > math.Max(a[1], b[1])+geomEps {
		return false
	}
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	c := dx*(p[1]-a[1]) - dy*(p[0]-a[0])
	if l2 == 0 {
		return math.Abs(p[0]-a[0]) <= geomEps && math.Abs(p[1]-a[1]) <= geomEps
	}
	return c*c <= geomEps*geomEps*l2
}

// orient is the sign of the turn a→b→c: +1 left, −1 right, 0 collinear
// (within the tolerance relative to the segment length).
func orient(a, b, c orb.Point) int {
	dx, dy := b[0]-a[0], b[1]-a[1]
	v := dx*(c[1]-a[1]) - dy*(c[0]-a[0])
	tol := geomEps * math.Sqrt(dx*dx+dy*dy)
	switch {
	case v > tol:
		return 1
	case v < -tol:
		return -1
	}
	return 0
}

// segmentsMeet reports whether the closed segments a–b and c–d share a point.
func segmentsMeet(a, b, c, d orb.Point) bool {
	if math.Max(a[0], b[0])+geomEps < math.Min(c[0], d[0]) || math.Max(c[0], d[0])+geomEps < math.Min(a[0], b[0]) ||
		math.Max(a[1], b[1])+geomEps < math.Min(c[1], d[1]) || math.Max(c[1], d[1])+geomEps < math.Min(a[1], b[1]) {
		return false
	}
	o1, o2 := orient(a, b, c), orient(a, b, d)
	o3, o4 := orient(c, d, a), orient(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return true
	}
	return pointOnSegment(c, a, b) || pointOnSegment(d, a, b) || pointOnSegment(a, c, d) || pointOnSegment(b, c, d)
}

// segmentsCross reports whether a–b and c–d cross at a point inside both
// (a proper crossing: not a touch at an end, not collinear).
func segmentsCross(a, b, c, d orb.Point) bool {
	if math.Max(a[0], b[0]) < math.Min(c[0], d[0]) || math.Max(c[0], d[0]) < math.Min(a[0], b[0]) ||
		math.Max(a[1], b[1]) < math.Min(c[1], d[1]) || math.Max(c[1], d[1]) < math.Min(a[1], b[1]) {
		return false
	}
	return orient(a, b, c)*orient(a, b, d) < 0 && orient(c, d, a)*orient(c, d, b) < 0
}

// edges calls fn for every segment of the polyline l (closed when ring),
// stopping when fn returns true; it returns whether fn did.
func edges(l []orb.Point, ring bool, fn func(a, b orb.Point) bool) bool {
	n := len(l)
	for i := 1; i < n; i++ {
		if fn(l[i-1], l[i]) {
			return true
		}
	}
	if ring && n > 2 && l[0] != l[n-1] {
		return fn(l[n-1], l[0])
	}
	return false
}

func segBound(a, b orb.Point) orb.Bound {
	return orb.Bound{
		Min: orb.Point{math.Min(a[0], b[0]) - geomEps, math.Min(a[1], b[1]) - geomEps},
		Max: orb.Point{math.Max(a[0], b[0]) + geomEps, math.Max(a[1], b[1]) + geomEps},
	}
}

// anyEdgeMeets reports whether a segment of l (a ring when ring) meets a
// segment of m (a ring when mring); when proper, only proper crossings count.
func anyEdgeMeets(l []orb.Point, ring bool, m []orb.Point, mring bool, proper bool) bool {
	mb := orb.LineString(m).Bound().Pad(geomEps)
	return edges(l, ring, func(a, b orb.Point) bool {
		sb := segBound(a, b)
		if !sb.Intersects(mb) {
			return false
		}
		return edges(m, mring, func(c, d orb.Point) bool {
			if !sb.Intersects(segBound(c, d)) {
				return false
			}
			if proper {
				return segmentsCross(a, b, c, d)
			}
			return segmentsMeet(a, b, c, d)
		})
	})
}

func linesMeet(a, b orb.LineString) bool {
	if len(a) == 1 {
		return pointMeets(a[0], &parts{lines: []orb.LineString{b}})
	}
	if len(b) == 1 {
		return pointMeets(b[0], &parts{lines: []orb.LineString{a}})
	}
	if !a.Bound().Pad(geomEps).Intersects(b.Bound()) {
		return false
	}
	return anyEdgeMeets(a, false, b, false, false)
}

// linePolygonMeet: the line meets a ring (outer or hole) of the polygon, or
// lies wholly in it.
func linePolygonMeet(l orb.LineString, poly orb.Polygon) bool {
	if len(l) == 0 || len(poly) == 0 {
		return false
	}
	if !l.Bound().Pad(geomEps).Intersects(poly.Bound()) {
		return false
	}
	for _, r := range poly {
		if anyEdgeMeets(l, false, r, true, false) {
			return true
		}
	}
	// No edge meets the boundary: the line is wholly in or wholly out.
	return Contains(poly, l[0])
}

// polygonsMeet: a ring of one meets a ring of the other, or one lies inside
// the other.
func polygonsMeet(a, b orb.Polygon) bool {
	if !a.Bound().Pad(geomEps).Intersects(b.Bound()) {
		return false
	}
	for _, ra := range a {
		for _, rb := range b {
			if anyEdgeMeets(ra, true, rb, true, false) {
				return true
			}
		}
	}
	// The boundaries are disjoint: either one contains the other or they
	// are apart (possibly one in a hole of the other).
	return len(a[0]) > 0 && Contains(b, a[0][0]) || len(b[0]) > 0 && Contains(a, b[0][0])
}

// Within reports whether g lies wholly in the polygon or multipolygon area
// (its boundary included): every point, every line and every polygon of g is
// inside one polygon of area, no segment of g crosses area's boundary, and no
// hole of area lies inside a polygon of g.
func Within(g, area orb.Geometry) bool {
	if g == nil || area == nil {
		return false
	}
	pa := partsOf(area)
	if len(pa.polys) == 0 {
		return false
	}
	pg := partsOf(g)
	if len(pg.points)+len(pg.lines)+len(pg.polys) == 0 {
		return false
	}
	if !area.Bound().Pad(geomEps).Contains(g.Bound().Min) || !area.Bound().Pad(geomEps).Contains(g.Bound().Max) {
		return false
	}
	for _, p := range pg.points {
		if !pointInPolys(p, pa.polys) {
			return false
		}
	}
	for _, l := range pg.lines {
		if !chainWithin(l, false, pa.polys) {
			return false
		}
	}
	for _, poly := range pg.polys {
		for _, r := range poly {
			if !chainWithin(r, true, pa.polys) {
				return false
			}
		}
		// A hole of the area inside this polygon (and not in one of its
		// holes) is a part of the polygon outside the area.
		for _, q := range pa.polys {
			for _, h := range q[1:] {
				if len(h) > 0 && Contains(poly, h[0]) && !onRings(h[0], poly) {
					return false
				}
			}
		}
	}
	return true
}

func pointInPolys(p orb.Point, polys []orb.Polygon) bool {
	for _, q := range polys {
		if Contains(q, p) {
			return true
		}
	}
	return false
}

func onRings(p orb.Point, poly orb.Polygon) bool {
	for _, r := range poly {
		if edges(r, true, func(a, b orb.Point) bool { return pointOnSegment(p, a, b) }) {
			return true
		}
	}
	return false
}

// chainWithin: every vertex and every segment midpoint of the chain is in
// the area, and no segment properly crosses one of its rings.
func chainWithin(l []orb.Point, ring bool, polys []orb.Polygon) bool {
	for _, p := range l {
		if !pointInPolys(p, polys) {
			return false
		}
	}
	if edges(l, ring, func(a, b orb.Point) bool {
		return !pointInPolys(orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}, polys)
	}) {
		return false
	}
	for _, q := range polys {
		for _, r := range q {
			if anyEdgeMeets(l, ring, r, true, true) {
				return false
			}
		}
	}
	return true
}

// Overlap is the share of g (0..1) that lies in the polygonal area: by area
// for polygons, by length for lines, by count for points (the highest
// dimension g has decides). Borders drawn from different sources rarely
// coincide exactly, so where the exact predicates see a neighbour touching
// along a shared border, Overlap sees a sliver of a fraction of a percent.
// Areas are measured in an equal-area plane (longitude, sine of latitude),
// lines in an equirectangular plane.
func Overlap(g, area orb.Geometry) float64 {
	if g == nil || area == nil {
		return 0
	}
	pa := partsOf(area)
	if len(pa.polys) == 0 {
		return 0
	}
	pg := partsOf(g)
	if !area.Bound().Pad(geomEps).Intersects(g.Bound()) {
		return 0
	}
	ia := newEdgeIndex(pa.polys)
	switch {
	case len(pg.polys) > 0:
		var total float64
		for _, poly := range pg.polys {
			total += math.Abs(polygonArea(normalise(poly)))
		}
		if total == 0 {
			return 0
		}
		return math.Max(0, math.Min(1, overlapArea(pg.polys, ia)/total))
	case len(pg.lines) > 0:
		var total, in float64
		var buf []float64
		for _, l := range pg.lines {
			for i := 1; i < len(l); i++ {
				a, b := l[i-1], l[i]
				total += planarLength(a, b)
				buf = ia.cuts(a, b, buf)
				for j := 1; j < len(buf); j++ {
					t0, t1 := buf[j-1], buf[j]
					if t1-t0 > 1e-12 && ia.contains(lerp(a, b, (t0+t1)/2)) {
						in += planarLength(lerp(a, b, t0), lerp(a, b, t1))
					}
				}
			}
		}
		if total == 0 {
			// Lines of one point each: count them as points.
			for _, l := range pg.lines {
				if len(l) > 0 && ia.contains(l[0]) {
					return 1
				}
			}
			return 0
		}
		return math.Min(1, in/total)
	case len(pg.points) > 0:
		n := 0
		for _, p := range pg.points {
			if ia.contains(p) {
				n++
			}
		}
		return float64(n) / float64(len(pg.points))
	}
	return 0
}

// planarLength is the length of a–b in degrees of latitude (longitudes
// shrunk by the cosine of the mean latitude).
func planarLength(a, b orb.Point) float64 {
	k := math.Cos((a[1] + b[1]) / 2 * math.Pi / 180)
	return math.Hypot((b[0]-a[0])*k, b[1]-a[1])
}

func lerp(a, b orb.Point, t float64) orb.Point {
	return orb.Point{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t}
}

// edgeIndex holds the edges of normalised polygons in horizontal strips, so
// that containment and segment cuts look at a few edges only.
type edgeIndex struct {
	polys  []orb.Polygon
	segs   []iseg
	rings  int
	bound  orb.Bound
	y0, h  float64 // first strip's bottom, strip height
	strips [][]int32
	parity []bool // scratch: one per ring
}

type iseg struct {
	a, b       orb.Point
	ring       int32
	hole       bool
	poly       int32
	minY, maxY float64
}

func newEdgeIndex(polys []orb.Polygon) *edgeIndex {
	ix := &edgeIndex{polys: make([]orb.Polygon, len(polys))}
	for i, p := range polys {
		ix.polys[i] = normalise(p)
		if i == 0 {
			ix.bound = p.Bound()
		} else {
			ix.bound = ix.bound.Union(p.Bound())
		}
		for j, r := range ix.polys[i] {
			ring := int32(ix.rings)
			ix.rings++
			edges(r, true, func(a, b orb.Point) bool {
				ix.segs = append(ix.segs, iseg{a: a, b: b, ring: ring, hole: j > 0, poly: int32(i),
					minY: math.Min(a[1], b[1]), maxY: math.Max(a[1], b[1])})
				return false
			})
		}
	}
	ix.bound = ix.bound.Pad(geomEps)
	ix.parity = make([]bool, ix.rings)
	n := max(1, int(math.Sqrt(float64(len(ix.segs)))))
	ix.y0 = ix.bound.Min[1]
	ix.h = (ix.bound.Max[1] - ix.bound.Min[1]) / float64(n)
	if ix.h <= 0 {
		ix.h, n = 1, 1
	}
	ix.strips = make([][]int32, n)
	for k, s := range ix.segs {
		lo, hi := ix.strip(s.minY-geomEps), ix.strip(s.maxY+geomEps)
		for i := lo; i <= hi; i++ {
			ix.strips[i] = append(ix.strips[i], int32(k))
		}
	}
	return ix
}

func (ix *edgeIndex) strip(y float64) int {
	i := int((y - ix.y0) / ix.h)
	return max(0, min(len(ix.strips)-1, i))
}

// contains is Contains over the union of the polygons (boundaries in).
func (ix *edgeIndex) contains(p orb.Point) bool {
	if !ix.bound.Contains(p) {
		return false
	}
	if _, on := ix.boundary(p); on {
		return true
	}
	return ix.strictlyInside(p)
}

// strictlyInside: p is inside (not counting the boundary test) by the
// crossing number of each ring.
func (ix *edgeIndex) strictlyInside(p orb.Point) bool {
	clear(ix.parity)
	x, y := p[0], p[1]
	for _, k := range ix.strips[ix.strip(y)] {
		s := &ix.segs[k]
		a, b := s.a, s.b
		if (a[1] > y) != (b[1] > y) {
			if x < a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
				ix.parity[s.ring] = !ix.parity[s.ring]
			}
		}
	}
	r := 0
	for _, poly := range ix.polys {
		in := ix.parity[r]
		for j := 1; j < len(poly); j++ {
			if ix.parity[r+j] {
				in = false
			}
		}
		if in {
			return true
		}
		r += len(poly)
	}
	return false
}

// boundary reports whether p lies on an edge, and that edge's direction.
func (ix *edgeIndex) boundary(p orb.Point) (orb.Point, bool) {
	if !ix.bound.Contains(p) {
		return orb.Point{}, false
	}
	for _, k := range ix.strips[ix.strip(p[1])] {
		s := &ix.segs[k]
		if pointOnSegment(p, s.a, s.b) {
			return orb.Point{s.b[0] - s.a[0], s.b[1] - s.a[1]}, true
		}
	}
	return orb.Point{}, false
}

// cuts returns the parameters t in [0,1] where a–b meets the edges, sorted,
// with 0 and 1, in ts's storage.
func (ix *edgeIndex) cuts(a, b orb.Point, ts []float64) []float64 {
	ts = append(ts[:0], 0, 1)
	sb := segBound(a, b)
	if !sb.Intersects(ix.bound) {
		return ts
	}
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	param := func(p orb.Point) float64 {
		if l2 == 0 {
			return 0
		}
		return math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	lo, hi := ix.strip(sb.Min[1]), ix.strip(sb.Max[1])
	for i := lo; i <= hi; i++ {
		for _, k := range ix.strips[i] {
			s := &ix.segs[k]
			// An edge spanning several strips is met once, in the first
			// strip both share.
			if lo < i && ix.strip(s.minY-geomEps) < i {
				continue
			}
			c, d := s.a, s.b
			if !sb.Intersects(segBound(c, d)) {
				continue
			}
			if segmentsCross(a, b, c, d) {
				ex, ey := d[0]-c[0], d[1]-c[1]
				if den := dx*ey - dy*ex; den != 0 {
					ts = append(ts, math.Max(0, math.Min(1, ((c[0]-a[0])*ey-(c[1]-a[1])*ex)/den)))
				}
				continue
			}
			if pointOnSegment(c, a, b) {
				ts = append(ts, param(c))
			}
			if pointOnSegment(d, a, b) {
				ts = append(ts, param(d))
			}
		}
	}
	sort.Float64s(ts)
	return ts
}

// normalise returns poly with its outer ring counter-clockwise and its holes
// clockwise (copying only the rings it turns).
func normalise(poly orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(poly))
	for i, r := range poly {
		if ccw := ringSignedArea(r) > 0; ccw != (i == 0) {
			rr := make(orb.Ring, len(r))
			for j := range r {
				rr[j] = r[len(r)-1-j]
			}
			r = rr
		}
		out[i] = r
	}
	return out
}

func ringSignedArea(r []orb.Point) float64 {
	var s float64
	edges(r, true, func(a, b orb.Point) bool {
		s += a[0]*b[1] - b[0]*a[1]
		return false
	})
	return s / 2
}

// eaCross is the shoelace term of a→b in the equal-area plane (longitude
// and sine of latitude, in radians).
func eaCross(a, b orb.Point) float64 {
	const r = math.Pi / 180
	return a[0]*r*math.Sin(b[1]*r) - b[0]*r*math.Sin(a[1]*r)
}

// polygonArea is the area of a normalised polygon in the equal-area plane.
func polygonArea(poly orb.Polygon) float64 {
	var s float64
	for _, r := range poly {
		edges(r, true, func(a, b orb.Point) bool {
			s += eaCross(a, b)
			return false
		})
	}
	return s / 2
}

// overlapArea is the area (equal-area plane) of the intersection of the
// union of a with the polygons of ib, by Green's theorem: the boundary of
// A∩B is made of the pieces of A's rings inside B and of B's rings inside A.
// A piece lying on the other's boundary counts once when both go the same
// way (the areas are on the same side) and not at all when they go opposite
// ways.
func overlapArea(a []orb.Polygon, ib *edgeIndex) float64 {
	ia := newEdgeIndex(a)
	return (boundaryIn(ia, ib, true) + boundaryIn(ib, ia, false)) / 2
}

// boundaryIn sums the shoelace terms of the pieces of a's rings inside b.
// Pieces on b's boundary count when shared is true and b's edge there goes
// the same way.
func boundaryIn(a, b *edgeIndex, shared bool) float64 {
	var s float64
	var ts []float64
	for _, e := range a.segs {
		x, y := e.a, e.b
		if !b.bound.Intersects(segBound(x, y)) {
			continue
		}
		ts = b.cuts(x, y, ts)
		for i := 1; i < len(ts); i++ {
			t0, t1 := ts[i-1], ts[i]
			if t1-t0 <= 1e-12 {
				continue
			}
			p0, p1 := lerp(x, y, t0), lerp(x, y, t1)
			m := lerp(x, y, (t0+t1)/2)
			if dir, on := b.boundary(m); on {
				if !shared || dir[0]*(p1[0]-p0[0])+dir[1]*(p1[1]-p0[1]) <= 0 {
					continue
				}
			} else if !b.strictlyInside(m) {
				continue
			}
			s += eaCross(p0, p1)
		}
	}
	return s
}
