package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// The authalic sphere of the WGS 84 ellipsoid (earth.go).
var (
	wgs84E2 = WGS84F * (2 - WGS84F)
	wgs84E  = math.Sqrt(wgs84E2)
	qPole   = authalicQ(1)
	// authalicR2 is the square of the radius of the sphere with the
	// ellipsoid's area.
	authalicR2 = WGS84A * WGS84A * qPole / 2
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
