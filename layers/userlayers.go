package layers

import (
	"slices"

	"github.com/paulmach/orb/geojson"
)

// NewUserLayer builds a layer from a user's features (an import, or a file
// given to export --add) without adding it to a catalogue: drawn above the
// built-in layers with a default style for its geometry types; n numbers
// user layers so each gets its own colour.
func NewUserLayer(id, title string, fc *geojson.FeatureCollection, n int) *Layer {
	spec := LayerSpec{
		ID: id, Title: I18n{"en": title, "fr": title}, Group: "user", Visible: true,
		Order: 1000 + n, Kind: geometryKind(fc),
	}
	col := userPalette[n%len(userPalette)]
	switch spec.Kind {
	case "point":
		spec.Style = Style{Marker: "circle", Size: 5, Fill: col, MarkerStroke: "#ffffffcc"}
	case "line":
		spec.Style = Style{Stroke: col, Width: 1.2, Cap: "round", Join: "round"}
	default:
		spec.Style = Style{Fill: col + "40", Stroke: col, Width: 1}
	}
	applyFileStyles(&spec, fc) // the file's own styles (KML, simplestyle), if any
	return NewLayer(spec, fc)
}

// WithUserLayers returns a new catalogue: c's built-in layers, sources and
// narratives, and the user layers ls instead of c's. c is not changed, so a
// renderer still drawing it is not disturbed: a catalogue handed out is
// never changed again by the window.
func (c *Catalog) WithUserLayers(ls ...*Layer) *Catalog {
	n := &Catalog{Sources: c.Sources, Narratives: c.Narratives}
	n.Layers = slices.DeleteFunc(slices.Clone(c.Layers), func(l *Layer) bool { return l.Spec.Group == "user" })
	n.Layers = append(n.Layers, ls...)
	n.index()
	return n
}

// UserLayers returns the catalogue's user layers, in draw order.
func (c *Catalog) UserLayers() []*Layer {
	var out []*Layer
	for _, l := range c.Layers {
		if l.Spec.Group == "user" {
			out = append(out, l)
		}
	}
	return out
}
