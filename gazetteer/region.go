package gazetteer

import (
	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
)

// Regions finds the OCHA region (in Mali) or the country containing a point,
// from the catalogue's built-in "regions" and "countries" layers.
type Regions struct {
	cat     *layers.Catalog
	regions []*layers.Feature
	country []*layers.Feature
}

// NewRegions reads the regions and countries of cat (either may be missing).
func NewRegions(cat *layers.Catalog) *Regions {
	r := &Regions{cat: cat}
	if l := cat.Layer("regions"); l != nil {
		r.regions = l.Features
	}
	if l := cat.Layer("countries"); l != nil {
		for _, f := range l.Features {
			if f.ID != "MLI" { // Mali is told by its regions
				r.country = append(r.country, f)
			}
		}
	}
	return r
}

// Of is the code of the region containing p: an OCHA P-code (ML01…) in Mali,
// else an ISO 3166 alpha-3 country code; "" when no polygon holds it.
func (r *Regions) Of(p orb.Point) string {
	for _, set := range [][]*layers.Feature{r.regions, r.country} {
		for _, f := range set {
			if f.Bound.Contains(p) && geo.Contains(f.Geom, p) {
				return f.ID
			}
		}
	}
	return ""
}

// Name is the name of the region or country code in lang, as the built-in
// layers spell it (code itself when unknown).
func (r *Regions) Name(code, lang string) string {
	if code == "" {
		return ""
	}
	if f := r.cat.Feature(code); f != nil {
		return f.Name(lang)
	}
	return code
}
