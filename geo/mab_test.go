package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func mabSample() *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	add := func(g orb.Geometry, props geojson.Properties) {
		f := geojson.NewFeature(g)
		f.Properties = props
		fc.Append(f)
	}
	add(orb.Point{-0.04, 16.27}, geojson.Properties{"name": "Gao", "rank": 1.0})
	add(orb.LineString{{-3.9, 14.5}, {-2.6, 15.0}, {-1.7, 15.28}}, geojson.Properties{"ref": "RN16", "class": "trunk"})
	add(orb.MultiLineString{{{0, 16}, {1, 17}}, {{1.5, 18}, {1.4, 18.4}, {1.41, 18.45}}}, nil)
	add(orb.Polygon{{{-4, 16}, {-3.5, 16}, {-3.5, 16.5}, {-4, 16}}}, geojson.Properties{"class": "lake"})
	add(orb.MultiPolygon{
		{{{2, 20}, {3, 20}, {3, 21}, {2, 20}}, {{2.2, 20.1}, {2.8, 20.1}, {2.8, 20.5}, {2.2, 20.1}}},
		{{{-17.5, 14.7}, {-17.4, 14.7}, {-17.4, 14.8}, {-17.5, 14.7}}},
	}, geojson.Properties{"name": "Ifôghas", "rank": -3.0})
	return fc
}

// A container round-trips geometry to the quantum and properties exactly.
func TestMABRoundTrip(t *testing.T) {
	in := mabSample()
	data, err := EncodeMAB(in, 100000)
	if err != nil {
		t.Fatal(err)
	}
	out, err := DecodeMAB("sample.mab", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Features) != len(in.Features) {
		t.Fatalf("%d features, want %d", len(out.Features), len(in.Features))
	}
	for i := range in.Features {
		a, b := in.Features[i], out.Features[i]
		if a.Geometry.GeoJSONType() != b.Geometry.GeoJSONType() {
			t.Errorf("feature %d: %s, want %s", i, b.Geometry.GeoJSONType(), a.Geometry.GeoJSONType())
		}
		if !orb.Equal(roundGeom(a.Geometry), b.Geometry) {
			t.Errorf("feature %d: geometry %v, want %v", i, b.Geometry, a.Geometry)
		}
		if len(a.Properties) != len(b.Properties) {
			t.Errorf("feature %d: properties %v, want %v", i, b.Properties, a.Properties)
		}
		for k, v := range a.Properties {
			if b.Properties[k] != v {
				t.Errorf("feature %d: %s = %v, want %v", i, k, b.Properties[k], v)
			}
		}
	}
	again, _ := EncodeMAB(in, 100000)
	if string(again) != string(data) {
		t.Error("two encodings of the same collection differ")
	}
}

func roundGeom(g orb.Geometry) orb.Geometry {
	r := func(p orb.Point) orb.Point {
		return orb.Point{math.Round(p[0]*1e5) / 1e5, math.Round(p[1]*1e5) / 1e5}
	}
	switch g := g.(type) {
	case orb.Point:
		return r(g)
	case orb.LineString:
		out := make(orb.LineString, len(g))
		for i, p := range g {
			out[i] = r(p)
		}
		return out
	case orb.MultiLineString:
		out := make(orb.MultiLineString, len(g))
		for i, ls := range g {
			out[i] = roundGeom(ls).(orb.LineString)
		}
		return out
	case orb.Polygon:
		out := make(orb.Polygon, len(g))
		for i, ring := range g {
			out[i] = orb.Ring(roundGeom(orb.LineString(ring)).(orb.LineString))
		}
		return out
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			out[i] = roundGeom(p).(orb.Polygon)
		}
		return out
	}
	return g
}

// Broken input is an error naming the file, never a panic.
func TestMABBadInput(t *testing.T) {
	data, _ := EncodeMAB(mabSample(), 1000)
	for _, bad := range [][]byte{nil, []byte("MAB1"), data[:len(data)/2], append([]byte{1, 2, 3}, data...)} {
		if _, err := DecodeMAB("bad.mab", bad); err == nil {
			t.Errorf("% x…: no error", bad[:min(8, len(bad))])
		} else if s := err.Error(); len(s) < 8 || s[:8] != "bad.mab:" {
			t.Errorf("error %q does not name the file", s)
		}
	}
}

// FuzzDecodeMAB: any input either fails or gives coordinates in range that
// re-encode to a container decoding to the same features.
func FuzzDecodeMAB(f *testing.F) {
	seed, _ := EncodeMAB(mabSample(), 1000)
	f.Add(seed)
	f.Add([]byte("MAB1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fc, err := DecodeMAB("fuzz.mab", data)
		if err != nil {
			return
		}
		for _, ft := range fc.Features {
			b := ft.Geometry.Bound()
			if b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
				t.Fatalf("accepted coordinates out of range: %v", b)
			}
		}
		again, err := EncodeMAB(fc, 1000)
		if err != nil {
			t.Fatal(err)
		}
		fc2, err := DecodeMAB("again.mab", again)
		if err != nil || len(fc2.Features) != len(fc.Features) {
			t.Fatalf("re-encoded container: %v, %d features of %d", err, len(fc2.Features), len(fc.Features))
		}
	})
}
