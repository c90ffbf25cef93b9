package main

import (
	"math"

	"maliatlas/geo"
)

// EarthRadiusKm is the mean Earth radius (IUGG) used for circles and areas.
const EarthRadiusKm = geo.MeanRadius / 1000

func rad(d float64) float64 { return d * math.Pi / 180 }
func deg(r float64) float64 { return r * 180 / math.Pi }

// RingAreaKm2 is the signed area of a ring on the sphere in km² (positive
// when counter-clockwise), after Chamberlain and Duquette (2007): the sum
// runs over the edges, and an eastward edge at low latitude counts less
// than a westward edge at high latitude, hence the minus sign.
func RingAreaKm2(r Ring) float64 {
	var s float64
	n := len(r)
	for i := range n {
		a, b := r[i], r[(i+1)%n]
		s += rad(b.Lon()-a.Lon()) * (2 + math.Sin(rad(a.Lat())) + math.Sin(rad(b.Lat())))
	}
	return -s * EarthRadiusKm * EarthRadiusKm / 2
}

// PolygonAreaKm2 is the area of a polygon on the sphere: its outer ring
// less its holes.
func PolygonAreaKm2(p Polygon) float64 {
	var s float64
	for _, r := range p {
		s += RingAreaKm2(r)
	}
	return s
}

// DistanceKm is the great-circle (haversine) distance between two points
// given in degrees.
func DistanceKm(lon1, lat1, lon2, lat2 float64) float64 {
	p1, p2 := rad(lat1), rad(lat2)
	dp, dl := p2-p1, rad(lon2-lon1)
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Destination is the point reached from (lon, lat) after distKm along the
// great circle leaving at bearing (degrees clockwise from north).
func Destination(lon, lat, bearing, distKm float64) (float64, float64) {
	d := distKm / EarthRadiusKm
	p1, l1, th := rad(lat), rad(lon), rad(bearing)
	p2 := math.Asin(math.Sin(p1)*math.Cos(d) + math.Cos(p1)*math.Sin(d)*math.Cos(th))
	l2 := l1 + math.Atan2(math.Sin(th)*math.Sin(d)*math.Cos(p1), math.Cos(d)-math.Sin(p1)*math.Sin(p2))
	return deg(l2), deg(p2)
}

// CircleSides is the number of sides of a point buffer.
const CircleSides = 64

// Circle is the 64-gon whose vertices lie radiusKm (geodesic) from the
// centre, counter-clockwise, starting due north.
func Circle(lon, lat, radiusKm float64) Ring {
	r := make(Ring, 0, CircleSides)
	for i := range CircleSides {
		// Bearings decrease so that the ring runs counter-clockwise.
		b := -360 * float64(i) / CircleSides
		x, y := Destination(lon, lat, b, radiusKm)
		p := Snap(x, y)
		if len(r) > 0 && r[len(r)-1] == p {
			continue
		}
		r = append(r, p)
	}
	return r
}
