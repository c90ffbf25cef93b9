package geo

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// newRules reports whether data meets one of the rules added after the
// original reader (geojson_ref_test.go), which it decides differently: a
// byte order mark, a top level that is a Feature or a geometry, member
// names in other letter case, a crs that is not WGS 84, a null geometry, an
// id that is neither a string nor a number, an empty coordinates or
// geometries array, an edge across the antimeridian. It may say yes to
// more inputs than those rules change; never less.
func newRules(data []byte) bool {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return true
	}
	if !json.Valid(data) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers out of float64's range are read too
	v, err := decodeAll(dec)
	if err != nil {
		return false
	}
	switch firstType(data) {
	case "Feature", "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
		return true
	}
	names := []string{"type", "features", "bbox", "id", "geometry", "properties", "coordinates", "geometries"}
	var walk func(v any) bool
	walk = func(v any) bool {
		switch v := v.(type) {
		case object:
			for _, m := range v {
				k, x := m.k, m.v
				for _, n := range names {
					if k != n && strings.EqualFold(k, n) {
						return true
					}
				}
				switch k {
				case "crs":
					if crsProblem(plainValue(x)) != "" {
						return true
					}
				case "geometry":
					if x == nil {
						return true
					}
				case "id":
					switch x.(type) {
					case string, json.Number, nil:
					default:
						return true
					}
				case "bbox":
					switch x := x.(type) {
					case nil:
					case []any:
						for _, n := range x {
							switch n := n.(type) {
							case nil:
							case json.Number:
								if _, err := n.Float64(); err != nil {
									return true
								}
							default:
								return true
							}
						}
					default:
						return true
					}
				case "coordinates", "geometries":
					if a, ok := x.([]any); ok && len(a) == 0 {
						return true
					}
				}
				if walk(x) {
					return true
				}
			}
		case []any:
			prev := math.NaN()
			for _, x := range v {
				if pos, ok := x.([]any); ok && len(pos) >= 2 {
					if n, ok := pos[0].(json.Number); ok {
						lon, _ := n.Float64()
						if math.Abs(lon-prev) > 180 {
							return true
						}
						prev = lon
					}
				}
				if walk(x) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// object is a JSON object with its members in order, repeated names kept:
// both readers read every member, where a map keeps the last.
type object []member

type member struct {
	k string
	v any
}

// decodeAll decodes the next value: objects as object, arrays as []any,
// numbers as json.Number.
func decodeAll(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return tok, nil
	}
	if d == '{' {
		o := object{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeAll(dec)
			if err != nil {
				return nil, err
			}
			o = append(o, member{k.(string), v})
		}
		_, err := dec.Token()
		return o, err
	}
	a := []any{}
	for dec.More() {
		v, err := decodeAll(dec)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
	_, err = dec.Token()
	return a, err
}

// plainValue turns a value of decodeAll into what encoding/json decodes
// into an any (the last of repeated names wins).
func plainValue(v any) any {
	switch v := v.(type) {
	case object:
		m := map[string]any{}
		for _, e := range v {
			m[e.k] = plainValue(e.v)
		}
		return m
	case []any:
		a := make([]any, len(v))
		for i, x := range v {
			a[i] = plainValue(x)
		}
		return a
	case json.Number:
		f, _ := v.Float64()
		return f
	}
	return v
}

// firstType is the first "type" member of the top-level object when it is a
// string.
func firstType(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return ""
		}
		var raw json.RawMessage
		if dec.Decode(&raw) != nil {
			return ""
		}
		if k == "type" {
			var s string
			_ = json.Unmarshal(raw, &s)
			return s
		}
	}
	return ""
}

// checkAccepted holds for every collection read: its coordinates are finite
// and in range, no line or ring crosses the antimeridian, no Multi*
// geometry is empty, and written out with orb's encoder it reads back the
// same.
func checkAccepted(t *testing.T, data []byte, fc *geojson.FeatureCollection) {
	t.Helper()
	var check func(g orb.Geometry)
	check = func(g orb.Geometry) {
		switch g := g.(type) {
		case nil:
		case orb.Point:
			if !(g[0] >= -180 && g[0] <= 180 && g[1] >= -90 && g[1] <= 90) {
				t.Fatalf("input %q: accepted position %v", data, g)
			}
		case orb.MultiPoint:
			if len(g) == 0 {
				t.Fatalf("input %q: accepted an empty MultiPoint", data)
			}
			for _, p := range g {
				check(p)
			}
		case orb.LineString:
			if crossing(g) >= 0 {
				t.Fatalf("input %q: accepted a line across the antimeridian", data)
			}
			check(orb.MultiPoint(g))
		case orb.Ring:
			check(orb.LineString(g))
		case orb.MultiLineString:
			if len(g) == 0 {
				t.Fatalf("input %q: accepted an empty MultiLineString", data)
			}
			for _, l := range g {
				check(l)
			}
		case orb.Polygon:
			for _, r := range g {
				check(r)
			}
		case orb.MultiPolygon:
			if len(g) == 0 {
				t.Fatalf("input %q: accepted an empty MultiPolygon", data)
			}
			for _, p := range g {
				check(p)
			}
		case orb.Collection:
			if len(g) == 0 {
				t.Fatalf("input %q: accepted an empty GeometryCollection", data)
			}
			for _, x := range g {
				check(x)
			}
		default:
			t.Fatalf("input %q: unexpected geometry %T", data, g)
		}
	}
	for _, f := range fc.Features {
		check(f.Geometry)
	}
	out, err := json.Marshal(fc)
	if err != nil {
		t.Fatalf("input %q: accepted, but cannot be written: %v", data, err)
	}
	back, err := ReadFeatureCollection("again.geojson", bytes.NewReader(out))
	if err != nil {
		t.Fatalf("input %q: accepted, written as\n%s\nrefused: %v", data, out, err)
	}
	if len(back.Features) != len(fc.Features) {
		t.Fatalf("input %q: %d features read back as %d", data, len(fc.Features), len(back.Features))
	}
	for i := range fc.Features {
		if g, w := back.Features[i].Geometry, fc.Features[i].Geometry; !reflect.DeepEqual(g, w) {
			t.Fatalf("input %q: feature %d geometry %v read back as %v", data, i, w, g)
		}
	}
}
