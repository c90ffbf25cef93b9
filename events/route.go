package events

import (
	"math"

	"github.com/paulmach/orb"
)

// Segment is one stretch of a route profile: the events within the buffer
// whose nearest point on the route lies between FromKm and ToKm.
type Segment struct {
	FromKm, ToKm float64
	Events       int
	Weight       float64
	Mid          orb.Point // the route's point halfway along the stretch
}

// Profile counts the selected events within bufferKm of the route, per
// stretch of segKm along it (the last one may be shorter). Distances are
// on the equal-area plane (within a few per cent of the ground across Mali).
func Profile(t *Table, sel []int32, route orb.LineString, bufferKm, segKm float64) []Segment {
	if len(route) < 2 || !(segKm > 0) || !(bufferKm >= 0) {
		return nil
	}
	// The route in km, with the distance along it at each vertex.
	px, py := make([]float64, len(route)), make([]float64, len(route))
	along := make([]float64, len(route))
	for i, p := range route {
		px[i], py[i] = ToKm(p[0], p[1])
		if i > 0 {
			along[i] = along[i-1] + math.Hypot(px[i]-px[i-1], py[i]-py[i-1])
		}
	}
	total := along[len(along)-1]
	n := max(1, int(math.Ceil(total/segKm)))
	segs := make([]Segment, n)
	for k := range segs {
		segs[k].FromKm = float64(k) * segKm
		segs[k].ToKm = math.Min(total, float64(k+1)*segKm)
		segs[k].Mid = pointAlong(route, px, py, along, (segs[k].FromKm+segs[k].ToKm)/2)
	}
	// A cheap bound check first: the route's extent padded by the buffer.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range px {
		minX, maxX = math.Min(minX, px[i]), math.Max(maxX, px[i])
		minY, maxY = math.Min(minY, py[i]), math.Max(maxY, py[i])
	}
	minX, minY, maxX, maxY = minX-bufferKm, minY-bufferKm, maxX+bufferKm, maxY+bufferKm
	xs, ys := t.km()
	b2 := bufferKm * bufferKm
	for _, i := range sel {
		x, y := float64(xs[i]), float64(ys[i])
		if x < minX || x > maxX || y < minY || y > maxY {
			continue
		}
		best, at := math.Inf(1), 0.0
		for k := 1; k < len(px); k++ {
			ax, ay, bx, by := px[k-1], py[k-1], px[k], py[k]
			dx, dy := bx-ax, by-ay
			l2 := dx*dx + dy*dy
			u := 0.0
			if l2 > 0 {
				u = math.Max(0, math.Min(1, ((x-ax)*dx+(y-ay)*dy)/l2))
			}
			qx, qy := ax+u*dx-x, ay+u*dy-y
			if d := qx*qx + qy*qy; d < best {
				best, at = d, along[k-1]+u*math.Sqrt(l2)
			}
		}
		if best > b2 {
			continue
		}
		k := min(n-1, int(at/segKm))
		segs[k].Events++
		segs[k].Weight += float64(t.Weight[i])
	}
	return segs
}

func pointAlong(route orb.LineString, px, py, along []float64, d float64) orb.Point {
	for k := 1; k < len(along); k++ {
		if d <= along[k] || k == len(along)-1 {
			seg := along[k] - along[k-1]
			u := 0.0
			if seg > 0 {
				u = math.Max(0, math.Min(1, (d-along[k-1])/seg))
			}
			lon, lat := FromKm(px[k-1]+u*(px[k]-px[k-1]), py[k-1]+u*(py[k]-py[k-1]))
			return orb.Point{lon, lat}
		}
	}
	return route[0]
}

// Worst is the index of the stretch with the most weight (the most events
// when weights tie, e.g. when events count 1), or -1 when no stretch has any.
func Worst(segs []Segment) int {
	best := -1
	for k, s := range segs {
		if s.Events == 0 {
			continue
		}
		if best < 0 || s.Weight > segs[best].Weight || s.Weight == segs[best].Weight && s.Events > segs[best].Events {
			best = k
		}
	}
	return best
}
