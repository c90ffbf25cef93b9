package layers

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"

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
		AreaKm2: GeodesicArea(reg.Geom) / 1e6,
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
			share := Overlap(f.Geom, reg.Geom)
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

// The authalic sphere of the WGS 84 ellipsoid (geo/earth.go).
var (
	wgs84E2 = geo.WGS84F * (2 - geo.WGS84F)
	wgs84E  = math.Sqrt(wgs84E2)
	qPole   = authalicQ(1)
	// authalicR2 is the square of the radius of the sphere with the
	// ellipsoid's area.
	authalicR2 = geo.WGS84A * geo.WGS84A * qPole / 2
)

// authalicQ is q(φ) of the authalic latitude for sin φ = s (Snyder,
// Map Projections: A Working Manual, eq. 3-12).
func authalicQ(s float64) float64 {
	e := wgs84E
	return (1 - wgs84E2) * (s/(1-wgs84E2*s*s) - 1/(2*e)*math.Log((1-e*s)/(1+e*s)))
}

// sinAuthalic is the sine of the authalic latitude of latitude lat (degrees).
func sinAuthalic(lat float64) float64 {
	return authalicQ(math.Sin(lat*math.Pi/180)) / qPole
}

// GeodesicArea is the area in square metres of the polygons of g on the
// WGS 84 ellipsoid (holes subtracted), computed on the authalic sphere with
// each edge taken straight in the cylindrical equal-area projection: within
// 0.01 % for edges of a few kilometres. Other geometries have no area.
func GeodesicArea(g orb.Geometry) float64 {
	p := partsOf(g)
	var total float64
	for _, poly := range p.polys {
		var a float64
		for i, r := range poly {
			ra := math.Abs(ringArea(r))
			if i == 0 {
				a += ra
			} else {
				a -= ra
			}
		}
		total += math.Max(0, a)
	}
	return total
}

func ringArea(r []orb.Point) float64 {
	var s float64
	edges(r, true, func(a, b orb.Point) bool {
		dl := (b[0] - a[0]) * math.Pi / 180
		s += dl * (sinAuthalic(a[1]) + sinAuthalic(b[1]))
		return false
	})
	return s / 2 * authalicR2
}
