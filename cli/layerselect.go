package cli

import (
	"slices"
	"strings"

	"maliatlas/layers"
)

// selectLayers is the layers an export draws from --layers and --base.
// --layers names the overlays (a base layer named there is drawn too);
// the base map stays as it was (current: the project's or the default base
// layers) unless --base says "none" or lists the base layers to draw.
func selectLayers(cat *layers.Catalog, current []string, layerList, baseList string, baseGiven bool) ([]string, error) {
	want := map[string]bool{}
	if baseGiven {
		if b := strings.TrimSpace(baseList); b != "none" && b != "" {
			for _, id := range strings.Split(b, ",") {
				id = strings.TrimSpace(id)
				l := cat.Layer(id)
				if l == nil {
					return nil, badArgs("--base: no layer %q (see maliatlas layers)", id)
				}
				if l.Spec.Group != "base" {
					return nil, badArgs("--base: %q is an overlay; name it in --layers", id)
				}
				want[id] = true
			}
		}
	} else {
		for _, id := range current {
			if l := cat.Layer(id); l != nil && l.Spec.Group == "base" {
				want[id] = true
			}
		}
	}
	if layerList != "" {
		for _, id := range strings.Split(layerList, ",") {
			id = strings.TrimSpace(id)
			if cat.Layer(id) == nil {
				return nil, badArgs("--layers: no layer %q (see maliatlas layers)", id)
			}
			want[id] = true
		}
	} else {
		for _, id := range current {
			if l := cat.Layer(id); l != nil && l.Spec.Group != "base" {
				want[id] = true
			}
		}
	}
	// In catalogue (draw) order, as the window lists them.
	out := []string{}
	for _, l := range cat.Layers {
		if want[l.Spec.ID] {
			out = append(out, l.Spec.ID)
		}
	}
	for _, id := range current { // user layers of a project, not in the catalogue order yet
		if want[id] && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}
