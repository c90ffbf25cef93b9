package export

import (
	"math"

	"github.com/paulmach/orb"

	"maliatlas/layers"
	"maliatlas/render"
)

// DefaultCoarsenKm is the grid a sensitive export snaps sites to when
// CoarsenKm is not given.
const DefaultCoarsenKm = 10.0

// kmPerDegree is the length of a degree of latitude (and of longitude at
// the equator) used by the coarsening grid.
const kmPerDegree = 111.32

// SnapPoint moves p to the nearest node of a grid about km kilometres apart
// both ways: rows every km/111.32 degrees of latitude; along each row, nodes
// every km/(111.32·cos lat) degrees of longitude, so nodes stay km apart on
// the ground at every latitude.
func SnapPoint(p orb.Point, km float64) orb.Point {
	if !(km > 0) {
		return p
	}
	dLat := km / kmPerDegree
	lat := math.Round(p[1]/dLat) * dLat
	lat = math.Max(-89.9, math.Min(89.9, lat))
	dLon := km / (kmPerDegree * math.Cos(lat*math.Pi/180))
	lon := math.Round(p[0]/dLon) * dLon
	return orb.Point{lon, lat}
}

// coarsenKm is the grid of m's export, 0 for none.
func (m *Map) gridKm() float64 {
	if m.CoarsenKm > 0 {
		return m.CoarsenKm
	}
	if m.Sensitive {
		return DefaultCoarsenKm
	}
	return 0
}

// scene returns the scene the export draws: m.Scene itself, or for a
// sensitive or coarsened export a filtered copy: the layers marked
// sensitive left out (when Sensitive), every point of the non-base layers
// and every vertex of the overlay lines snapped to the grid. The catalogue
// of m.Scene is never changed.
func (m *Map) scene() *render.Scene {
	km := m.gridKm()
	if !m.Sensitive && km <= 0 {
		return m.Scene
	}
	src := m.Scene.Catalog
	var ls []*layers.Layer
	for _, l := range src.Layers {
		if m.Sensitive && l.Spec.Sensitive {
			continue
		}
		if km <= 0 || l.Spec.Group == "base" {
			ls = append(ls, l)
			continue
		}
		nl := &layers.Layer{Spec: l.Spec}
		nl.Features = make([]*layers.Feature, 0, len(l.Features))
		for _, f := range l.Features {
			g, changed := coarsen(f.Geom, km, l.Spec.Group == "overlay")
			nf := *f
			nf.Layer = nl
			if changed {
				nf.Geom, nf.Bound = g, g.Bound()
				// A label position of its own would give the place away.
				props := make(map[string]any, len(f.Props))
				for k, v := range f.Props {
					if k != "label_lon" && k != "label_lat" {
						props[k] = v
					}
				}
				nf.Props = props
			}
			nl.Features = append(nl.Features, &nf)
		}
		ls = append(ls, nl)
	}
	cat := layers.NewCatalog(ls, src.Sources)
	cat.Narratives = src.Narratives
	return render.NewScene(cat, m.Scene.Fonts)
}

// coarsen snaps the points of g (and, when lines is set, its line vertices)
// to the grid; changed is false when g is left as it is.
func coarsen(g orb.Geometry, km float64, lines bool) (orb.Geometry, bool) {
	switch g := g.(type) {
	case orb.Point:
		return SnapPoint(g, km), true
	case orb.MultiPoint:
		out := make(orb.MultiPoint, len(g))
		for i, p := range g {
			out[i] = SnapPoint(p, km)
		}
		return out, true
	case orb.LineString:
		if !lines {
			return g, false
		}
		return snapLine(g, km), true
	case orb.MultiLineString:
		if !lines {
			return g, false
		}
		out := make(orb.MultiLineString, len(g))
		for i, ls := range g {
			out[i] = snapLine(ls, km)
		}
		return out, true
	case orb.Collection:
		out := make(orb.Collection, len(g))
		changed := false
		for i, c := range g {
			var ch bool
			out[i], ch = coarsen(c, km, lines)
			changed = changed || ch
		}
		return out, changed
	}
	return g, false
}

// snapLine snaps every vertex and drops repeats (keeping at least two).
func snapLine(ls orb.LineString, km float64) orb.LineString {
	out := make(orb.LineString, 0, len(ls))
	for _, p := range ls {
		q := SnapPoint(p, km)
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	if len(out) == 1 && len(ls) > 1 {
		out = append(out, out[0])
	}
	return out
}
