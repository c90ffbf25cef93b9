package render

import (
	"math"
	"sort"

	"github.com/paulmach/orb"

	"maliatlas/layers"
)

// Hit is a feature under a device pixel.
type Hit struct {
	Feature *layers.Feature
	Layer   *layers.Layer
	// DistancePx is the distance in device pixels from the pixel to the
	// marker's centre or the line's centre line; 0 inside a polygon.
	DistancePx float64
}

// hitReach is how far in logical pixels a symbol may reach from its
// geometry (half the widest marker or line the styles draw): the spatial
// index is searched this far around the pixel, then each feature is tested
// exactly.
const hitReach = 32

// HitTest returns the features of the layers o shows (the same as Draw:
// visible layers, the filter, opacity 0 hides) that are drawn under the device
// pixel (x, y): point markers within their radius plus tolerancePx, lines
// within half their stroke width plus tolerancePx, polygons containing the
// pixel (holes excluded). Topmost first: later layers before earlier ones
// (and at equal draw order points before lines before polygons), then
// nearest first.
func (s *Scene) HitTest(o *Options, x, y float64, tolerancePx float64) []Hit {
	v := o.View
	scale := v.Scale
	if scale <= 0 {
		scale = 1
	}
	ppw := v.PixelsPerWorld()
	ox, oy := v.ScreenToWorld(0, 0)
	tol := math.Max(0, tolerancePx)
	reach := tol + hitReach*scale
	a, b := v.ToGeo(x-reach, y-reach), v.ToGeo(x+reach, y+reach)
	bound := orb.Bound{Min: orb.Point{math.Min(a[0], b[0]), math.Min(a[1], b[1])},
		Max: orb.Point{math.Max(a[0], b[0]), math.Max(a[1], b[1])}}
	// The pixel in world coordinates, and pixels per world unit.
	wx, wy := ox+x/ppw, oy+y/ppw
	type hit struct {
		Hit
		order, layer int
		kind         geomKind
	}
	var hits []hit
	for li, l := range s.visibleLayers(o) {
		if op, ok := o.Opacity[l.Spec.ID]; ok && !(op > 0) {
			continue
		}
		if l.Raster != nil || !l.Spec.InZoom(v.Zoom) {
			continue // what is not drawn is not hit
		}
		pl := s.prep(l)
		idx := featureIndex(pl)
		l.Search(bound, func(f *layers.Feature) bool {
			i, ok := idx[f]
			if !ok || (o.Filter != nil && !o.Filter(f)) {
				return true
			}
			pf := &pl.feats[i]
			sym := l.Symbol(f)
			var d float64
			switch pf.kind {
			case kindPoint:
				size := sym.Size
				if size == 0 {
					size = 5
				}
				r := size * scale / 2
				if sym.MarkerStroke.A != 0 {
					r += math.Max(1, size/6) * scale / 2
				}
				d = math.Inf(1)
				for _, p := range pf.pts {
					d = math.Min(d, math.Hypot(p.x-wx, p.y-wy)*ppw)
				}
				if d > r+tol {
					return true
				}
			case kindLine:
				w := 0.0
				if sym.Stroke.A != 0 {
					w = sym.Width
				}
				if sym.Casing.A != 0 {
					w = math.Max(w, sym.CasingWidth)
				}
				if w <= 0 {
					return true // not drawn
				}
				d = lineDistance(pf, wx, wy, false) * ppw
				if d > w*scale/2+tol {
					return true
				}
			case kindPolygon:
				if sym.Fill.A != 0 || sym.Hatch != nil {
					if !polygonContains(pf, wx, wy) {
						return true
					}
					break
				}
				// An outline-only polygon (cercles) is hit on its outline,
				// where it is drawn, not anywhere inside.
				if sym.Stroke.A == 0 || sym.Width <= 0 {
					return true
				}
				d = lineDistance(pf, wx, wy, true) * ppw
				if d > sym.Width*scale/2+tol {
					return true
				}
			}
			hits = append(hits, hit{Hit{f, l, d}, l.Spec.Order, li, pf.kind})
			return true
		})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := &hits[i], &hits[j]
		if a.order != b.order {
			return a.order > b.order
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if a.layer != b.layer {
			return a.layer > b.layer
		}
		return a.DistancePx < b.DistancePx
	})
	out := make([]Hit, len(hits))
	for i := range hits {
		out[i] = hits[i].Hit
	}
	return out
}

// lineDistance is the distance in world units from (x, y) to the nearest
// segment of the line's parts.
func lineDistance(pf *prepFeature, x, y float64, closed bool) float64 {
	best := math.Inf(1)
	for _, pt := range pf.parts {
		pts := pf.pts[pt.start:pt.end]
		if len(pts) == 1 {
			best = math.Min(best, math.Hypot(pts[0].x-x, pts[0].y-y))
		}
		for i := 1; i < len(pts); i++ {
			best = math.Min(best, segmentDistance(pts[i-1], pts[i], x, y))
		}
		if closed && len(pts) > 2 { // rings are stored without their closing point
			best = math.Min(best, segmentDistance(pts[len(pts)-1], pts[0], x, y))
		}
	}
	return best
}

func segmentDistance(a, b wpt, x, y float64) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((x-a.x)*dx+(y-a.y)*dy)/l2))
	}
	return math.Hypot(a.x+t*dx-x, a.y+t*dy-y)
}

// polygonContains applies the even–odd rule over all the rings of the
// feature, as Draw fills them.
func polygonContains(pf *prepFeature, x, y float64) bool {
	if x < float64(pf.minX) || x > float64(pf.maxX) || y < float64(pf.minY) || y > float64(pf.maxY) {
		return false
	}
	in := false
	for _, pt := range pf.parts {
		r := pf.pts[pt.start:pt.end]
		n := len(r)
		if n < 3 {
			continue
		}
		j := n - 1
		for i := 0; i < n; i++ {
			a, b := r[j], r[i]
			j = i
			if (a.y > y) != (b.y > y) && x < a.x+(y-a.y)*(b.x-a.x)/(b.y-a.y) {
				in = !in
			}
		}
	}
	return in
}

// featureIndex maps a prepared layer's features to their place in it, for
// the spatial index's answers.
func featureIndex(pl *prepLayer) map[*layers.Feature]int {
	pl.indexOnce.Do(func() {
		pl.index = make(map[*layers.Feature]int, len(pl.feats))
		for i := range pl.feats {
			pl.index[pl.feats[i].f] = i
		}
	})
	return pl.index
}
