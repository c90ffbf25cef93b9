package exchange

import (
	"bytes"
	"fmt"

	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
)

// AllLayers, given as a layer id, asks for the whole atlas: every layer of
// the catalogue, and the annotations when there is a project.
const AllLayers = "all"

// Selection says what to export.
type Selection struct {
	// Layers are catalogue ids, AnnotationsID for the project's
	// annotations, or AllLayers. Empty: the project's visible layers (and
	// its annotations), else the layers visible by default.
	Layers []string
	// Period keeps the features of those years; with PeriodSet it replaces
	// the project's period.
	Period    layers.Period
	PeriodSet bool
	Project   *project.Project // nil for none
	Lang      string
}

// AddImports adds a project's imported layers to cat (once), as the
// window and the map export do.
func AddImports(cat *layers.Catalog, p *project.Project, name string) error {
	for i, im := range p.Imports {
		if cat.Layer(im.ID) != nil {
			continue
		}
		fc, err := geo.ReadFeatureCollection(fmt.Sprintf("%s: imports[%d]", name, i), bytes.NewReader(im.GeoJSON))
		if err != nil {
			return err
		}
		cat.AddUserLayer(im.ID, im.Title, fc, i)
	}
	return nil
}

// Gather collects the selected layers of cat (the project's imports
// already added) with the features the project's filters and the period
// keep.
func Gather(cat *layers.Catalog, sel Selection) ([]Layer, error) {
	p := sel.Project
	var keep func(*layers.Feature) bool
	if p != nil {
		period := p.Period
		if sel.PeriodSet {
			period = project.Period{}
		}
		keep = project.LayerFilter(p.Layers, period)
	}
	if sel.PeriodSet || p == nil {
		keep = layers.And(keep, layers.PeriodFilter(sel.Period))
	}
	ids, annotations := sel.Layers, false
	switch {
	case len(ids) == 1 && ids[0] == AllLayers:
		ids = nil
		for _, l := range cat.Layers {
			// The basemap is not the atlas's own data (see Layer.Basemap).
			if l.Basemap() {
				continue
			}
			ids = append(ids, l.Spec.ID)
		}
		annotations = p != nil
	case len(ids) == 0 && p != nil:
		shown := map[string]bool{}
		for _, l := range cat.Layers {
			shown[l.Spec.ID] = l.Spec.Visible
		}
		for _, st := range p.Layers {
			shown[st.ID] = st.Visible
		}
		for _, im := range p.Imports {
			if _, ok := shown[im.ID]; !ok {
				shown[im.ID] = true
			}
		}
		for _, l := range cat.Layers {
			if shown[l.Spec.ID] {
				ids = append(ids, l.Spec.ID)
			}
		}
		annotations = len(p.Annotations) > 0
	case len(ids) == 0:
		ids = cat.DefaultVisible()
	}
	var catIDs []string
	for _, id := range ids {
		if id == AnnotationsID && cat.Layer(id) == nil {
			if p == nil {
				return nil, fmt.Errorf("layer %q: annotations come from a project (give --project)", id)
			}
			annotations = true
			continue
		}
		catIDs = append(catIDs, id)
	}
	ls, err := FromCatalog(cat, catIDs, keep, sel.Lang)
	if err != nil {
		return nil, err
	}
	if annotations && p != nil {
		ls = append(ls, FromAnnotations(p.Annotations))
	}
	return ls, nil
}
