package export

import (
	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/render"
)

// FromProject returns the map of p drawn with scene: its title, language,
// visible layers (a layer p does not mention keeps its default), opacities,
// hidden categories, period and annotations. The bbox is p's view at the
// page size (ViewBound); layout elements are all off. Imported layers must
// already be in the scene's catalogue, with their import ids.
func FromProject(scene *render.Scene, p *project.Project, pg Page) *Map {
	cat := scene.Catalog
	state := map[string]project.LayerState{}
	for _, l := range p.Layers {
		state[l.ID] = l
	}
	var visible []string
	opacity := map[string]float64{}
	for _, l := range cat.Layers {
		st, ok := state[l.Spec.ID]
		if !ok {
			if l.Spec.Visible {
				visible = append(visible, l.Spec.ID)
			}
			continue
		}
		if st.Visible {
			visible = append(visible, l.Spec.ID)
		}
		opacity[l.Spec.ID] = st.Opacity
	}
	if visible == nil {
		visible = []string{}
	}
	return &Map{
		Scene: scene, Title: p.Title, BBox: ViewBound(p.View, pg),
		Options: render.Options{
			Lang: p.Lang, Visible: visible, Opacity: opacity,
			Filter: project.LayerFilter(p.Layers, p.Period),
		},
		Annotations: p.Annotations,
		Period:      layers.Period{From: p.Period.From, To: p.Period.To},
		// A training scenario: its features at the inject released, and the band.
		Fictional: p.Scenario != nil,
		Exercise:  scenarioNow(p),
	}
}

// scenarioNow is the scenario of p as released (nil without one).
func scenarioNow(p *project.Project) *render.FictionalView {
	if p.Scenario == nil {
		return nil
	}
	return ScenarioView(p, p.Scenario.Released, false)
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
