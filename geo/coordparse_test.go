package geo

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCoordinatesAccepts(t *testing.T) {
	const gaoLat, gaoLon = 16.27, -0.04
	dm := 16 + 16.0/60 // 16°16'
	cases := []struct {
		in       string
		lat, lon float64
	}{
		{"16.27, -0.04", gaoLat, gaoLon},
		{"16.27 -0.04", gaoLat, gaoLon},
		{"  16.27,-0.04  ", gaoLat, gaoLon},
		{"16,27; -0,04", gaoLat, gaoLon},
		{"16,27 -0,04", gaoLat, gaoLon},
		{"16.27N 0.04W", gaoLat, gaoLon},
		{"16.27 N, 0.04 W", gaoLat, gaoLon},
		{"0.04W 16.27N", gaoLat, gaoLon},
		{"N16.27 W0.04", gaoLat, gaoLon},
		{"16.27n 0.04w", gaoLat, gaoLon},
		{"16.27N 0.04O", gaoLat, gaoLon},
		{"16°16'N 0°02'W", dm, -2.0 / 60},
		{"16°16′N 0°02′W", dm, -2.0 / 60},
		{"16°16'12\"N, 0°2'24\"W", 16 + 16.0/60 + 12.0/3600, -(2.0/60 + 24.0/3600)},
		{"16°16.2'N 0°2.4'W", 16 + 16.2/60, -2.4 / 60},
		{"16 16 12 N 0 2 24 W", 16 + 16.0/60 + 12.0/3600, -(2.0/60 + 24.0/3600)},
		{"16d16m N 0d02m W", dm, -2.0 / 60},
		{"16°16'12''N 0°2'24''W", 16 + 16.0/60 + 12.0/3600, -(2.0/60 + 24.0/3600)},
		{"12°38'S 8°0'E", -(12 + 38.0/60), 8},
		{"16°16'12s N, 0°2'24s W", 16 + 16.0/60 + 12.0/3600, -(2.0/60 + 24.0/3600)}, // s after minutes: seconds
		{"-90, 180", -90, 180},
		{"+15.2256, +0.2921", 15.2256, 0.2921},
		{"15.2256 −0.2921", 15.2256, -0.2921},
	}
	for _, c := range cases {
		p, err := ParseCoordinates(c.in)
		if !assert.NoError(t, err, c.in) {
			continue
		}
		assert.InDelta(t, c.lat, p[1], 1e-9, "%q latitude", c.in)
		assert.InDelta(t, c.lon, p[0], 1e-9, "%q longitude", c.in)
	}
}

func TestParseCoordinatesRejects(t *testing.T) {
	for _, in := range []string{
		"", "gao", "16.27", "16.27, -0.04, 3", "91, 0", "0, 181", "16.27N 0.04N", "16.27E 0.04W",
		"16°61'N 0°02'W", "16°16'60\"N 0°2'W", "-16.27N 0.04W", "16.5°30'N 0°W", "16.27N 0.04",
		"16'N 0°W", "°N 0W", "16 16 16 16 N 0 W", "1e5, 3", "16..2, 3", "16.27 -0.04 x", "N 16 W",
		"16.27, ", ", -0.04", "16°'N 0°W", "16''''N 0W",
	} {
		_, err := ParseCoordinates(in)
		assert.Error(t, err, "%q should be refused", in)
	}
}

func TestFormatDMSRoundTrips(t *testing.T) {
	p := [2]float64{-0.04124, 16.27883}
	s := FormatDMS(p)
	assert.Equal(t, "16°16′43.8″N 0°02′28.5″W", s)
	q, err := ParseCoordinates(s)
	require.NoError(t, err)
	assert.InDelta(t, p[0], q[0], 0.05/3600)
	assert.InDelta(t, p[1], q[1], 0.05/3600)
}

func FuzzParseCoordinates(f *testing.F) {
	for _, s := range []string{
		"16.27, -0.04", "16.27N 0.04W", "16°16'N 0°02'W", "16°16'12\"N, 0°2'24\"W", "N16.27 W0.04",
		"16 16 12 N 0 2 24 W", "16,27; -0,04", "-90, 180", "16°16.2'N 0°2.4'W", "12°38'S 8°0'E", "x", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseCoordinates(s)
		if err != nil {
			return
		}
		lon, lat := p[0], p[1]
		if math.IsNaN(lon) || math.IsNaN(lat) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			t.Fatalf("%q accepted as %v: out of range", s, p)
		}
		// The decimal and the DMS forms of an accepted position read back.
		dec := fmt.Sprintf("%.9f, %.9f", lat, lon)
		q, err := ParseCoordinates(dec)
		if err != nil || math.Abs(q[0]-lon) > 1e-8 || math.Abs(q[1]-lat) > 1e-8 {
			t.Fatalf("%q → %v; %q → %v, %v", s, p, dec, q, err)
		}
		d := FormatDMS(p)
		q, err = ParseCoordinates(d)
		if err != nil || math.Abs(q[0]-lon) > 0.051/3600 || math.Abs(q[1]-lat) > 0.051/3600 {
			t.Fatalf("%q → %v; %q → %v, %v", s, p, d, q, err)
		}
	})
}
