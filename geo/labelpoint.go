package geo

import (
	"container/heap"
	"math"

	"github.com/paulmach/orb"
)

// LabelPoint returns the pole of inaccessibility of a Polygon, or of the
// largest polygon of a MultiPolygon: the inside point farthest from the
// boundary, where a region's label sits best (the polylabel algorithm of
// Mapbox, V. Agafonkin 2016). Distances are measured with longitudes
// scaled by the cosine of the latitude, so the result is right on the ground
// and not only in degrees. For other geometries it returns the bound's
// centre.
func LabelPoint(g orb.Geometry) orb.Point {
	var poly orb.Polygon
	switch g := g.(type) {
	case orb.Polygon:
		poly = g
	case orb.MultiPolygon:
		best := -1.0
		for _, p := range g {
			if a := math.Abs(planarArea(p)); a > best {
				best, poly = a, p
			}
		}
	default:
		if g == nil {
			return orb.Point{}
		}
		return g.Bound().Center()
	}
	if len(poly) == 0 || len(poly[0]) == 0 {
		return orb.Point{}
	}
	b := poly[0].Bound()
	k := math.Cos(b.Center()[1] * math.Pi / 180)
	// Work in scaled coordinates: x = lon·k, y = lat.
	sp := make(orb.Polygon, len(poly))
	for i, r := range poly {
		sp[i] = make(orb.Ring, len(r))
		for j, p := range r {
			sp[i][j] = orb.Point{p[0] * k, p[1]}
		}
	}
	p := polylabel(sp, math.Max(b.Max[0]*k-b.Min[0]*k, b.Max[1]-b.Min[1])/1000)
	return orb.Point{p[0] / k, p[1]}
}

func planarArea(p orb.Polygon) float64 {
	var a float64
	for i, r := range p {
		var s float64
		for j := range r {
			q, n := r[j], r[(j+1)%len(r)]
			s += q[0]*n[1] - n[0]*q[1]
		}
		if i == 0 {
			a += math.Abs(s) / 2
		} else {
			a -= math.Abs(s) / 2
		}
	}
	return a
}

type cell struct {
	c    orb.Point
	h    float64 // half size
	d    float64 // signed distance from the centre to the boundary (> 0 inside)
	maxD float64 // best distance possible inside the cell
}

func newCell(c orb.Point, h float64, poly *chunkedPolygon) cell {
	d := poly.signedDistance(c)
	return cell{c: c, h: h, d: d, maxD: d + h*math.Sqrt2}
}

type cellQueue []cell

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].maxD > q[j].maxD }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(cell)) }
func (q *cellQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}

func polylabel(poly orb.Polygon, precision float64) orb.Point {
	b := poly[0].Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	size := math.Min(w, h)
	if size == 0 {
		return b.Min
	}
	half := size / 2
	cp := newChunkedPolygon(poly)
	q := &cellQueue{}
	for x := b.Min[0]; x < b.Max[0]; x += size {
		for y := b.Min[1]; y < b.Max[1]; y += size {
			heap.Push(q, newCell(orb.Point{x + half, y + half}, half, cp))
		}
	}
	best := newCell(centroid(poly[0]), 0, cp)
	if bc := newCell(b.Center(), 0, cp); bc.d > best.d {
		best = bc
	}
	for q.Len() > 0 {
		c := heap.Pop(q).(cell)
		if c.d > best.d {
			best = c
		}
		if c.maxD-best.d <= precision {
			continue
		}
		h := c.h / 2
		for _, o := range [4][2]float64{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}} {
			heap.Push(q, newCell(orb.Point{c.c[0] + o[0]*h, c.c[1] + o[1]*h}, h, cp))
		}
	}
	return best.c
}

func centroid(r orb.Ring) orb.Point {
	var a, x, y float64
	for i := range r {
		p, n := r[i], r[(i+1)%len(r)]
		f := p[0]*n[1] - n[0]*p[1]
		x += (p[0] + n[0]) * f
		y += (p[1] + n[1]) * f
		a += f * 3
	}
	if a == 0 {
		return r[0]
	}
	return orb.Point{x / a, y / a}
}

// signedDistance is the distance from p to the polygon's boundary, positive
// inside, negative outside.
func signedDistance(p orb.Point, poly orb.Polygon) float64 {
	inside := false
	minD2 := math.Inf(1)
	for _, r := range poly {
		n := len(r)
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			a, b := r[i], r[j]
			if (a[1] > p[1]) != (b[1] > p[1]) &&
				p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
				inside = !inside
			}
			minD2 = math.Min(minD2, segDist2(p, a, b))
		}
	}
	d := math.Sqrt(minD2)
	if !inside {
		d = -d
	}
	return d
}

func segDist2(p, a, b orb.Point) float64 {
	x, y := a[0], a[1]
	dx, dy := b[0]-x, b[1]-y
	if dx != 0 || dy != 0 {
		t := ((p[0]-x)*dx + (p[1]-y)*dy) / (dx*dx + dy*dy)
		if t > 1 {
			x, y = b[0], b[1]
		} else if t > 0 {
			x += dx * t
			y += dy * t
		}
	}
	dx, dy = p[0]-x, p[1]-y
	return dx*dx + dy*dy
}

// chunkedPolygon is a polygon's edges in runs of chunkEdges with their
// bounding boxes, so that signedDistance skips the runs that cannot hold
// the nearest edge or cross the point's horizontal: the same result as
// signedDistance on the polygon (the same minimum of the same distances,
// the same crossings), in a fraction of the time on a detailed outline.
type chunkedPolygon struct {
	poly   orb.Polygon
	chunks []edgeChunk
}

const chunkEdges = 32

// edgeChunk is the edges (r[j], r[j-1]) for j in [i0, i1) of ring ri (the
// edge of j = 0 closes the ring from its last point), and their box.
type edgeChunk struct {
	ri, i0, i1             int
	minX, minY, maxX, maxY float64
}

func newChunkedPolygon(poly orb.Polygon) *chunkedPolygon {
	cp := &chunkedPolygon{poly: poly}
	for ri, r := range poly {
		n := len(r)
		for i0 := 0; i0 < n; i0 += chunkEdges {
			c := edgeChunk{ri: ri, i0: i0, i1: min(i0+chunkEdges, n),
				minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
			for i := i0; i < c.i1; i++ {
				j := i - 1
				if j < 0 {
					j = n - 1
				}
				for _, q := range [2]orb.Point{r[i], r[j]} {
					c.minX, c.minY = math.Min(c.minX, q[0]), math.Min(c.minY, q[1])
					c.maxX, c.maxY = math.Max(c.maxX, q[0]), math.Max(c.maxY, q[1])
				}
			}
			cp.chunks = append(cp.chunks, c)
		}
	}
	return cp
}

// signedDistance is signedDistance(p, cp.poly).
func (cp *chunkedPolygon) signedDistance(p orb.Point) float64 {
	inside := false
	minD2 := math.Inf(1)
	for _, c := range cp.chunks {
		r := cp.poly[c.ri]
		n := len(r)
		// A run whose box is farther than the nearest edge so far has no
		// nearer edge (the margin covers rounding in segDist2); one that
		// does not straddle p's horizontal has no crossing.
		dx := math.Max(0, math.Max(c.minX-p[0], p[0]-c.maxX))
		dy := math.Max(0, math.Max(c.minY-p[1], p[1]-c.maxY))
		far := dx*dx+dy*dy > minD2*(1+1e-9)+1e-18
		if far && (p[1] < c.minY || p[1] >= c.maxY || p[0] > c.maxX+1e-9*(1+math.Abs(c.maxX))) {
			continue
		}
		for i := c.i0; i < c.i1; i++ {
			j := i - 1
			if j < 0 {
				j = n - 1
			}
			a, b := r[i], r[j]
			if (a[1] > p[1]) != (b[1] > p[1]) &&
				p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
				inside = !inside
			}
			if !far {
				minD2 = math.Min(minD2, segDist2(p, a, b))
			}
		}
	}
	d := math.Sqrt(minD2)
	if !inside {
		d = -d
	}
	return d
}
