package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// MaxLatitude is the latitude where Web Mercator's square world ends.
const MaxLatitude = 85.05112878

// Project maps lon/lat to normalised Web Mercator world coordinates: x in
// [0,1) from longitude −180 eastward, y in [0,1) from the north edge
// downward. Latitude is clamped to ±MaxLatitude.
func Project(p orb.Point) (x, y float64) {
	lat := math.Max(-MaxLatitude, math.Min(MaxLatitude, p[1]))
	x = (p[0] + 180) / 360
	s := math.Sin(lat * math.Pi / 180)
	y = 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	return x, y
}

// Unproject is the inverse of Project.
func Unproject(x, y float64) orb.Point {
	lon := x*360 - 180
	lat := math.Atan(math.Sinh(math.Pi*(1-2*y))) * 180 / math.Pi
	return orb.Point{lon, lat}
}
