package main

import (
	"fmt"
	"sort"
)

// Built is a zone with its geometry made.
type Built struct {
	Zone     Zone
	Polygons []Polygon
	// Cercles are the P-codes dissolved (regions expanded), sorted.
	Cercles []string
	// Clean is false when the dissolve fell back to the parts.
	Clean  bool
	Reason string
}

// Build makes the geometry of every zone of spec from the cercles (and the
// regions, which are expanded into their cercles). specName names the spec
// file in errors.
func Build(specName string, spec *Spec, cercles, regions map[string]*Unit) ([]Built, error) {
	var out []Built
	for _, z := range spec.Zones {
		b := Built{Zone: z, Clean: true}
		if a := z.Around; a != nil {
			b.Polygons = []Polygon{{Circle(a.Lon, a.Lat, a.RadiusKm)}}
			out = append(out, b)
			continue
		}
		set := map[string]bool{}
		for _, pc := range z.Cercles {
			if cercles[pc] == nil {
				return nil, fmt.Errorf("%s: zone %d (id %q): unknown cercle P-code %q", specName, z.pos, z.ID, pc)
			}
			set[pc] = true
		}
		for _, rc := range z.Regions {
			if regions != nil && regions[rc] == nil {
				return nil, fmt.Errorf("%s: zone %d (id %q): unknown region P-code %q", specName, z.pos, z.ID, rc)
			}
			cs := cerclesOf(cercles, rc)
			if len(cs) == 0 {
				return nil, fmt.Errorf("%s: zone %d (id %q): region %q has no cercles", specName, z.pos, z.ID, rc)
			}
			for _, pc := range cs {
				set[pc] = true
			}
		}
		for pc := range set {
			b.Cercles = append(b.Cercles, pc)
		}
		sort.Strings(b.Cercles)
		var parts []Polygon
		for _, pc := range b.Cercles {
			parts = append(parts, cercles[pc].Parts...)
		}
		d := Dissolve(parts)
		b.Polygons, b.Clean, b.Reason = d.Polygons, d.Clean, d.Reason
		out = append(out, b)
	}
	return out, nil
}

// CheckExtent returns an error naming the first zone with a vertex outside
// the map extent.
func CheckExtent(bs []Built) error {
	for _, b := range bs {
		for _, p := range b.Polygons {
			for _, r := range p {
				for _, v := range r {
					if v.Lon() < minLon || v.Lon() > maxLon || v.Lat() < minLat || v.Lat() > maxLat {
						return fmt.Errorf("zone %q: vertex (%.5f, %.5f) outside lon %g..%g, lat %g..%g",
							b.Zone.ID, v.Lon(), v.Lat(), minLon, maxLon, minLat, maxLat)
					}
				}
			}
		}
	}
	return nil
}
