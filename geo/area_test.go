package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
)

func TestGeodesicArea(t *testing.T) {
	// The whole ellipsoid: 510,065,621.7 km² for WGS 84.
	world := orb.Polygon{{{-180, -90}, {180, -90}, {180, 90}, {-180, 90}, {-180, -90}}}
	assert.InEpsilon(t, 510065621.7, GeodesicArea(world)/1e6, 1e-8)
	// A cell bounded by meridians and parallels, against a numerical
	// integral of the ellipsoid's area element M·N·cos φ.
	const a, f = 6378137.0, 1 / 298.257223563
	e2 := f * (2 - f)
	integral := 0.0
	const n = 10000
	lat0, lat1 := 14.0, 16.0
	for i := 0; i < n; i++ {
		phi := (lat0 + (lat1-lat0)*(float64(i)+0.5)/n) * math.Pi / 180
		s := math.Sin(phi)
		w := 1 - e2*s*s
		integral += a * a * (1 - e2) / (w * w) * math.Cos(phi) * ((lat1 - lat0) / n * math.Pi / 180)
	}
	integral *= 3 * math.Pi / 180 // 3 degrees of longitude
	cell := orb.Polygon{{{-2, lat0}, {1, lat0}, {1, lat1}, {-2, lat1}, {-2, lat0}}}
	assert.InEpsilon(t, integral, GeodesicArea(cell), 1e-7)
	// A hole is taken away, whatever the orientation of the rings.
	holed := orb.Polygon{cell[0], orb.Ring{{-1, 14.5}, {0, 14.5}, {0, 15.5}, {-1, 15.5}, {-1, 14.5}}}
	hole := orb.Polygon{holed[1]}
	assert.InEpsilon(t, GeodesicArea(cell)-GeodesicArea(hole), GeodesicArea(holed), 1e-12)
	assert.Zero(t, GeodesicArea(orb.LineString{{0, 0}, {1, 1}}))
}
