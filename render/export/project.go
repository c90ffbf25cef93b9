package export

import (
	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/project"
	"maliatlas/render"
	"maliatlas/view"
)

// FromProject returns the map of p drawn with scene: its title, language,
// visible layers (a layer p does not mention keeps its default), opacities,
// hidden categories, period and annotations, through the view state the
// window uses (view.FromProject). The bbox is p's view at the
// page size (ViewBound); layout elements are all off. Imported layers must
// already be in the scene's catalogue, with their import ids.
func FromProject(scene *render.Scene, p *project.Project, pg Page) *Map {
	vs := view.FromProject(scene.Catalog, p)
	o := vs.Options(scene.Catalog)
	o.Highlight = nil // an export of a project marks no selection
	return &Map{
		Scene: scene, Title: p.Title, BBox: ViewBound(p.View, pg),
		Options:     o,
		Annotations: vs.Annotations(p.Annotations),
		Period:      vs.Period,
	}
}

// ViewBound is the area a project view shows on a page of pg's size.
func ViewBound(v project.View, pg Page) orb.Bound {
	k := pg.Scale
	if k <= 0 {
		k = 1
	}
	vp := geo.Viewport{Center: orb.Point{v.Lon, v.Lat}, Zoom: v.Zoom,
		Width: int(float64(pg.W)/k + 0.5), Height: int(float64(pg.H)/k + 0.5), Scale: k}
	return vp.Bound()
}
