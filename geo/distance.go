package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Distance is the geodesic distance in metres between two lon/lat points on
// the WGS 84 ellipsoid (Vincenty's inverse formula, accurate to well under a
// millimetre). For nearly antipodal points, where Vincenty's iteration does
// not converge, it falls back to the haversine distance on the mean sphere
// (within about 0.5 %).
func Distance(a, b orb.Point) float64 {
	if d, ok := vincenty(a, b); ok {
		return d
	}
	return haversine(a, b)
}

// LineLength is the geodesic length of ls in metres.
func LineLength(ls orb.LineString) float64 {
	var s float64
	for i := 1; i < len(ls); i++ {
		s += Distance(ls[i-1], ls[i])
	}
	return s
}

func haversine(a, b orb.Point) float64 {
	const r = math.Pi / 180
	dlat := (b[1] - a[1]) * r
	dlon := (b[0] - a[0]) * r
	h := math.Sin(dlat/2)*math.Sin(dlat/2) +
		math.Cos(a[1]*r)*math.Cos(b[1]*r)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * MeanRadius * math.Asin(math.Min(1, math.Sqrt(h)))
}

// vincenty solves the inverse geodesic problem (T. Vincenty, "Direct and
// inverse solutions of geodesics on the ellipsoid with application of nested
// equations", Survey Review 23(176), 1975). ok is false when the iteration
// does not converge.
func vincenty(p1, p2 orb.Point) (float64, bool) {
	const r = math.Pi / 180
	if p1 == p2 {
		return 0, true
	}
	L := (p2[0] - p1[0]) * r
	U1 := math.Atan((1 - WGS84F) * math.Tan(p1[1]*r))
	U2 := math.Atan((1 - WGS84F) * math.Tan(p2[1]*r))
	sinU1, cosU1 := math.Sincos(U1)
	sinU2, cosU2 := math.Sincos(U2)

	lambda := L
	var sinSigma, cosSigma, sigma, cos2Alpha, cos2SigmaM float64
	for iter := 0; ; iter++ {
		if iter == 200 {
			return 0, false
		}
		sinLambda, cosLambda := math.Sincos(lambda)
		t1 := cosU2 * sinLambda
		t2 := cosU1*sinU2 - sinU1*cosU2*cosLambda
		sinSigma = math.Sqrt(t1*t1 + t2*t2)
		if sinSigma == 0 {
			return 0, true // coincident points
		}
		cosSigma = sinU1*sinU2 + cosU1*cosU2*cosLambda
		sigma = math.Atan2(sinSigma, cosSigma)
		sinAlpha := cosU1 * cosU2 * sinLambda / sinSigma
		cos2Alpha = 1 - sinAlpha*sinAlpha
		if cos2Alpha != 0 {
			cos2SigmaM = cosSigma - 2*sinU1*sinU2/cos2Alpha
		} else {
			cos2SigmaM = 0 // equatorial line
		}
		C := WGS84F / 16 * cos2Alpha * (4 + WGS84F*(4-3*cos2Alpha))
		prev := lambda
		lambda = L + (1-C)*WGS84F*sinAlpha*
			(sigma+C*sinSigma*(cos2SigmaM+C*cosSigma*(-1+2*cos2SigmaM*cos2SigmaM)))
		if math.Abs(lambda) > math.Pi {
			return 0, false // diverging: nearly antipodal
		}
		if math.Abs(lambda-prev) < 1e-12 {
			break
		}
	}
	u2 := cos2Alpha * (WGS84A*WGS84A - WGS84B*WGS84B) / (WGS84B * WGS84B)
	A := 1 + u2/16384*(4096+u2*(-768+u2*(320-175*u2)))
	B := u2 / 1024 * (256 + u2*(-128+u2*(74-47*u2)))
	deltaSigma := B * sinSigma * (cos2SigmaM + B/4*(cosSigma*(-1+2*cos2SigmaM*cos2SigmaM)-
		B/6*cos2SigmaM*(-3+4*sinSigma*sinSigma)*(-3+4*cos2SigmaM*cos2SigmaM)))
	return WGS84B * A * (sigma - deltaSigma), true
}
