package layers

import (
	"fmt"
	"sort"

	"maliatlas/geo"
)

// FactSheet is what the atlas knows about one region of Mali: its names,
// capital, area, cercles and the overlay features that lie in or cross it.
type FactSheet struct {
	Region         *Feature
	NameFR, NameEN string
	Capital        string
	AreaKm2        float64    // on the WGS 84 ellipsoid, computed from the geometry
	Cercles        []*Feature // cercles whose region_pcode is the region's, by pcode
	Overlay        []OverlayHit
}

// OverlayHit is an overlay feature that meets a region.
type OverlayHit struct {
	Feature *Feature
	Layer   *Layer
	// Relation is "inside" when the feature lies wholly in the region and
	// "crosses" when part of it does.
	Relation string
	// Share is the part of the feature in the region (0..1]: of its area,
	// length or points.
	Share float64
}

// Relations of an OverlayHit.
const (
	RelInside  = "inside"
	RelCrosses = "crosses"
)

// sliverShare is the share of a feature below which it does not count as in
// a region, and above 1−sliverShare as wholly in it: the zones are dissolved
// cercles and the regions come from another file whose borders do not
// coincide exactly with the cercles', so a zone of a neighbouring region
// overlaps by slivers (under 0.0001 % of its area in the embedded data,
// where the smallest real share is a route's last 0.36 % in Bamako).
const sliverShare = 1e-4

// RegionFactSheet computes the fact sheet of the region with the given id
// (or pcode) in the "regions" layer.
func (c *Catalog) RegionFactSheet(regionID string) (*FactSheet, error) {
	regions := c.Layer("regions")
	if regions == nil {
		return nil, fmt.Errorf("fact sheet of %q: the catalogue has no regions layer", regionID)
	}
	var reg *Feature
	for _, f := range regions.Features {
		if f.ID == regionID || f.String("pcode") == regionID {
			reg = f
			break
		}
	}
	if reg == nil {
		return nil, fmt.Errorf("fact sheet: no region %q in %s", regionID, regions.Spec.File)
	}
	fs := &FactSheet{
		Region:  reg,
		NameFR:  reg.Name("fr"),
		NameEN:  reg.Name("en"),
		Capital: reg.String("capital"),
		AreaKm2: geo.GeodesicArea(reg.Geom) / 1e6,
	}
	pcode := reg.String("pcode")
	if pcode == "" {
		pcode = reg.ID
	}
	if cl := c.Layer("cercles"); cl != nil {
		for _, f := range cl.Features {
			if f.String("region_pcode") == pcode {
				fs.Cercles = append(fs.Cercles, f)
			}
		}
		sort.SliceStable(fs.Cercles, func(i, j int) bool { return fs.Cercles[i].String("pcode") < fs.Cercles[j].String("pcode") })
	}
	order := map[*Layer]int{}
	for i, l := range c.Layers {
		order[l] = i
		if l.Spec.Group != "overlay" {
			continue
		}
		l.Search(reg.Bound, func(f *Feature) bool {
			share := geo.Overlap(f.Geom, reg.Geom)
			switch {
			case share >= 1-sliverShare:
				fs.Overlay = append(fs.Overlay, OverlayHit{f, l, RelInside, share})
			case share > sliverShare:
				fs.Overlay = append(fs.Overlay, OverlayHit{f, l, RelCrosses, share})
			}
			return true
		})
	}
	sort.SliceStable(fs.Overlay, func(i, j int) bool {
		a, b := fs.Overlay[i], fs.Overlay[j]
		if oa, ob := order[a.Layer], order[b.Layer]; oa != ob {
			return oa < ob
		}
		if na, nb := a.Feature.Name("en"), b.Feature.Name("en"); na != nb {
			return na < nb
		}
		return a.Feature.ID < b.Feature.ID
	})
	return fs, nil
}
