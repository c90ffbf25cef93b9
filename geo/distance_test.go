package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// Reference distances. The first is Vincenty's classic test line as published
// by Geoscience Australia (Flinders Peak to Buninyong, 54 972.271 m); the
// others were computed with PROJ 9.1.1 `geod +ellps=WGS84 -I +units=m`, which
// implements Karney's geodesic algorithms (C. F. F. Karney, "Algorithms for
// geodesics", J. Geodesy 87, 2013), e.g.
//
//	echo "12.60915 -7.97522 16.27167 -0.04472" | geod +ellps=WGS84 -I +units=m
//
// Town coordinates are those of ../shared/geodata/towns.geojson (GeoNames);
// Paris is 48.8566 N 2.3522 E. Wellington–Salamanca is the nearly antipodal
// example of GeographicLib's GeodSolve manual, where Vincenty fails.
var distanceCases = []struct {
	name string
	a, b orb.Point
	want float64 // metres
	tol  float64 // relative
}{
	{"Flinders Peak–Buninyong",
		orb.Point{144 + 25/60.0 + 29.52440/3600, -(37 + 57/60.0 + 3.72030/3600)},
		orb.Point{143 + 55/60.0 + 35.38390/3600, -(37 + 39/60.0 + 10.15610/3600)},
		54972.271, 1e-7},
	{"Bamako–Gao", orb.Point{-7.97522, 12.60915}, orb.Point{-0.04472, 16.27167}, 946072.231, 1e-7},
	{"Paris–Dakar", orb.Point{2.3522, 48.8566}, orb.Point{-17.44406, 14.6937}, 4198924.904, 1e-7},
	{"Wellington–Salamanca (fallback)", orb.Point{174.81, -41.32}, orb.Point{-5.50, 40.96}, 19959679.267, 0.005},
	{"equator, nearly antipodal (fallback)", orb.Point{0, 0}, orb.Point{179.7, 0.5}, 19944127.421, 0.005},
	{"same point", orb.Point{-3, 16}, orb.Point{-3, 16}, 0, 0},
}

func TestDistance(t *testing.T) {
	for _, c := range distanceCases {
		got := Distance(c.a, c.b)
		if math.Abs(got-c.want) > c.tol*c.want {
			t.Errorf("%s: %.3f m, want %.3f m (±%g)", c.name, got, c.want, c.tol)
		}
		if back := Distance(c.b, c.a); math.Abs(back-got) > 1e-6 {
			t.Errorf("%s: not symmetric: %v vs %v", c.name, got, back)
		}
	}
}

func TestVincentyFallback(t *testing.T) {
	if _, ok := vincenty(orb.Point{174.81, -41.32}, orb.Point{-5.50, 40.96}); ok {
		t.Error("vincenty converged on Wellington–Salamanca: the fallback case is not exercised")
	}
	if _, ok := vincenty(orb.Point{-7.97522, 12.60915}, orb.Point{-0.04472, 16.27167}); !ok {
		t.Error("vincenty did not converge on Bamako–Gao")
	}
}

func TestLineLength(t *testing.T) {
	bamako, gao := orb.Point{-7.97522, 12.60915}, orb.Point{-0.04472, 16.27167}
	mid := orb.Point{(bamako[0] + gao[0]) / 2, (bamako[1] + gao[1]) / 2}
	ls := orb.LineString{bamako, mid, gao}
	want := Distance(bamako, mid) + Distance(mid, gao)
	if got := LineLength(ls); got != want {
		t.Errorf("LineLength = %v, want %v", got, want)
	}
	if got := LineLength(ls); got < Distance(bamako, gao) {
		t.Errorf("a detour (%v) is shorter than the geodesic (%v)", got, Distance(bamako, gao))
	}
	if LineLength(nil) != 0 || LineLength(orb.LineString{bamako}) != 0 {
		t.Error("empty or one-point line has a length")
	}
}
