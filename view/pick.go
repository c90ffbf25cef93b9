package view

import (
	"github.com/paulmach/orb"

	"maliatlas/render"
)

// Pickable keeps, of the hits under the pointer (topmost first), what a
// user means to pick: points and lines win over the areas they lie in (a
// town over its region), and context layers (the countries under
// everything) are left out.
func Pickable(hs []render.Hit) []render.Hit {
	var out, areas []render.Hit
	for _, h := range hs {
		if h.Layer.Spec.Context {
			continue
		}
		switch h.Feature.Geom.(type) {
		case orb.Polygon, orb.MultiPolygon:
			areas = append(areas, h)
		default:
			out = append(out, h)
		}
	}
	if len(out) == 0 {
		return areas
	}
	return out
}
