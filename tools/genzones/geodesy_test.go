package main

import (
	"math"
	"testing"
)

func TestCircleIsGeodesic64Gon(t *testing.T) {
	for _, c := range []struct{ lon, lat, r float64 }{
		{1.40921, 18.44345, 10}, // Kidal
		{-3.00742, 16.77348, 50},
		{-17.5, 26.5, 30}, // near the map corner, far from the equator
	} {
		ring := Circle(c.lon, c.lat, c.r)
		if len(ring) != CircleSides {
			t.Errorf("%v: %d vertices, want %d", c, len(ring), CircleSides)
		}
		for _, v := range ring {
			d := DistanceKm(c.lon, c.lat, v.Lon(), v.Lat())
			if math.Abs(d-c.r)/c.r > 1e-3 {
				t.Errorf("%v: vertex %v at %.4f km, want %.1f km", c, v, d, c.r)
			}
		}
		if ring.area2() <= 0 {
			t.Errorf("%v: circle is not counter-clockwise", c)
		}
		a := RingAreaKm2(ring)
		want := math.Pi * c.r * c.r
		// A 64-gon inscribed in the circle has 0.16 % less area.
		if a > want || a < want*0.995 {
			t.Errorf("%v: area %.2f km², want just under %.2f", c, a, want)
		}
	}
}

func TestRingAreaKm2OneDegreeCell(t *testing.T) {
	// One degree square at the equator: R²·(π/180)·sin(1°) ≈ 12363.7 km².
	s := int64(Scale)
	r := Ring{{0, 0}, {s, 0}, {s, s}, {0, s}}
	want := EarthRadiusKm * EarthRadiusKm * (math.Pi / 180) * math.Sin(math.Pi/180)
	if got := RingAreaKm2(r); math.Abs(got-want)/want > 1e-9 {
		t.Errorf("area %.3f, want %.3f", got, want)
	}
	if got := RingAreaKm2(r.reversed()); got >= 0 {
		t.Errorf("clockwise ring has area %.3f, want negative", got)
	}
}

func TestCoordFormatsFiveDecimals(t *testing.T) {
	for in, want := range map[int64]string{
		0: "0.00000", 5: "0.00005", -5: "-0.00005", 140921: "1.40921", -1744393: "-17.44393", -100000: "-1.00000",
	} {
		if got := coord(in); got != want {
			t.Errorf("coord(%d) = %q, want %q", in, got, want)
		}
	}
}
