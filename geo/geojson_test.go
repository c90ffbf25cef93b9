package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/paulmach/orb/geojson"

	"maliatlas/internal/testutil"
)

func readTestdata(t *testing.T, name string) error {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fc, err := ReadFeatureCollection(name, f)
	if err == nil {
		t.Fatalf("%s: no error; read %d features", name, len(fc.Features))
	}
	return err
}

func TestReadFeatureCollectionProblems(t *testing.T) {
	cases := []struct {
		file string
		want []string // every problem, in order
	}{
		{"syntax.geojson", []string{
			`syntax.geojson:4:36: invalid JSON: invalid character '}' looking for beginning of object key string`,
		}},
		{"topology.geojson", []string{
			`topology.geojson:2:11: not a FeatureCollection: type is "Topology"`,
		}},
		{"array.geojson", []string{
			`array.geojson:1:1: not a FeatureCollection: the top level is an array, not an object`,
		}},
		{"broken.geojson", []string{
			`broken.geojson:5:5: feature 1 (id "no-geom"): missing geometry`,
			`broken.geojson:6:70: feature 2 (id "no-type"): geometry has no type`,
			`broken.geojson:7:72: feature 3 (id "unknown"): unknown geometry type "Polyline"`,
			`broken.geojson:9:55: feature 4 (id "nesting"): wrong coordinate nesting for Polygon: found a number where an array belongs; want [[[lon, lat], ...], ...] (rings)`,
			`broken.geojson:11:68: feature 5 (id "range"): longitude 181.5 out of range [-180, 180]`,
			`broken.geojson:11:84: feature 5 (id "range"): latitude -95 out of range [-90, 90]`,
			`broken.geojson:11:91: feature 5 (id "range"): non-finite coordinate 1e400`,
			`broken.geojson:14:8: feature 6 (id "7"): ring 0 is not closed: first position [-8, 12], last [-8, 13]`,
			`broken.geojson:15:8: feature 6 (id "7"): ring 1 has 3 positions, needs at least 4`,
			`broken.geojson:18:96: feature 7: polygon 1 ring 0 has 3 positions, needs at least 4`,
		}},
	}
	for _, c := range cases {
		err := readTestdata(t, c.file)
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("%s: error %T %v is not an *InputError", c.file, err, err)
		}
		got := strings.Split(err.Error(), "\n")
		if len(got) != len(ie.Problems) {
			t.Errorf("%s: %d lines for %d problems", c.file, len(got), len(ie.Problems))
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: problems\n%s\nwant\n%s", c.file, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}

func TestReadFeatureCollectionValid(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"bamako","properties":{"name":"Bamako"},"geometry":{"type":"Point","coordinates":[-7.97522,12.60915]}},
 {"type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.5,0.2],[0.6,0.2],[0.6,0.3],[0.5,0.2]]]}},
 {"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2,300]},{"type":"LineString","coordinates":[[1,2],[3,4]]}]}}
]}`
	fc, err := ReadFeatureCollection("ok.geojson", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 3 || fc.Features[0].ID != "bamako" || fc.Features[0].Properties["name"] != "Bamako" {
		t.Fatalf("read %+v", fc.Features)
	}
	if fc.Features[1].Geometry.GeoJSONType() != "Polygon" || fc.Features[2].Geometry.GeoJSONType() != "GeometryCollection" {
		t.Fatalf("geometries %v %v", fc.Features[1].Geometry, fc.Features[2].Geometry)
	}
}

func TestReadFeatureCollectionShared(t *testing.T) {
	// The shared inputs are valid.
	files, _ := filepath.Glob("../../shared/geodata/*.geojson")
	if len(files) == 0 {
		t.Skip("no ../shared/geodata")
	}
	for _, fn := range files {
		f, err := os.Open(fn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ReadFeatureCollection(fn, f); err != nil {
			t.Errorf("%v", err)
		}
		f.Close()
	}
}

// geojsonFiles lists the GeoJSON inputs of the project and, when present,
// the shared ones.
func geojsonFiles(t *testing.T) []string {
	var files []string
	for _, pattern := range []string{
		"../data/base/*.geojson", "../data/overlays/*.geojson",
		"../../shared/bench/*.geojson", "../../shared/geodata/*.geojson",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no GeoJSON files found")
	}
	return files
}

// sameAsOrb checks that fc is what orb's decoder reads from data.
func sameAsOrb(t *testing.T, name string, data []byte, fc *geojson.FeatureCollection) {
	t.Helper()
	want, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		t.Fatalf("%s: orb's decoder: %v", name, err)
	}
	if reflect.DeepEqual(fc, want) {
		return
	}
	if len(fc.Features) != len(want.Features) {
		t.Fatalf("%s: %d features, orb reads %d", name, len(fc.Features), len(want.Features))
	}
	for i := range fc.Features {
		if g, w := fc.Features[i], want.Features[i]; !reflect.DeepEqual(g, w) {
			t.Fatalf("%s: feature %d is\n%#v\norb reads\n%#v", name, i, *g, *w)
		}
	}
	t.Fatalf("%s: collection is\n%#v\norb reads\n%#v", name, *fc, *want)
}

// TestReadFeatureCollectionMatchesOrb reads every GeoJSON file of the
// project and of ../shared and requires what orb's decoder reads.
func TestReadFeatureCollectionMatchesOrb(t *testing.T) {
	for _, fn := range geojsonFiles(t) {
		data, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		fc, err := ReadFeatureCollection(fn, bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%v", err)
		}
		if len(fc.Features) == 0 {
			t.Errorf("%s: no features", fn)
		}
		sameAsOrb(t, fn, data, fc)
	}
}

// compareWithReference reads data with ReadFeatureCollection and with the
// original reader (geojson_ref_test.go): the same error text, or the same
// collection, which is then orb's.
//
// Inputs that the rules added since (newRules) decide differently are not
// compared: an accepted one must hold only valid coordinates and read back
// as it was written (checkAccepted).
func compareWithReference(t *testing.T, name string, data []byte) {
	t.Helper()
	fc, err := ReadFeatureCollection(name, bytes.NewReader(data))
	if err == nil {
		checkAccepted(t, data, fc)
	} else if name == "fuzz.geojson" {
		checkRefused(t, data, err)
	} else if strings.Contains(err.Error(), "Go ") || strings.Contains(err.Error(), "orb.") {
		t.Fatalf("input %q: error names Go types: %v", data, err)
	}
	if newRules(data) {
		return
	}
	wantFC, wantErr := refReadFeatureCollection(name, bytes.NewReader(data))
	if wantErr != nil && strings.Contains(wantErr.Error(), " Go ") {
		return // the original reader passed on orb's words; the new one has its own
	}
	if wantErr != nil && quotesLongText(wantErr.Error()) {
		return // the new reader cuts such a text short
	}
	switch {
	case err != nil && wantErr != nil:
		if err.Error() != wantErr.Error() {
			t.Fatalf("input %q: error\n%v\nthe original reader says\n%v", data, err, wantErr)
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("input %q: error %T is not an *InputError", data, err)
		}
	case err != nil:
		t.Fatalf("input %q: error\n%v\nthe original reader reads it", data, err)
	case wantErr != nil:
		t.Fatalf("input %q: no error; the original reader says\n%v", data, wantErr)
	default:
		sameAsOrb(t, name, data, fc)
		if !reflect.DeepEqual(fc, wantFC) {
			t.Fatalf("input %q: differs from the original reader's", data)
		}
	}
}

// quoted matches a quoted text in a message (%q's form).
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// quotesLongText reports whether msg quotes a text longer than maxQuoted
// characters.
func quotesLongText(msg string) bool {
	for _, q := range quoted.FindAllString(msg, -1) {
		if u, err := strconv.Unquote(q); err == nil && utf8.RuneCountInString(u) > maxQuoted {
			return true
		}
	}
	return false
}

// jsonCases are inputs that exercise the JSON syntax: valid ones must read
// as orb reads them, invalid ones must be reported as the original reader
// reports them.
var jsonCases = []string{
	``, ` `, `{`, `[`, `"`, `nul`, `null`, `true`, `false x`, `-`, `01`, `1.`, `1e`, `1e+`, `.5`, `"abc`,
	`{"type":"FeatureCollection","features":[]}`,
	`{"type":"FeatureCollection","features":[]} x`,
	`{"type":"FeatureCollection","features":[],}`,
	`{"type":"FeatureCollection","features":[,]}`,
	`{"type":"FeatureCollection","features":[]`,
	`{"type":"FeatureCollection" "features":[]}`,
	`{"type":"FeatureCollection","features":[]]`,
	`{"type":"FeatureCollection","features":[] , }`,
	`{"type" : "FeatureCollection" , "features" : [ ] } ` + "\n\t\r",
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":"\x01"},"geometry":null}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":"\q"},"geometry":null}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":"\u12G4"},"geometry":null}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":tru},"geometry":null}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":-01},"geometry":null}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1.5e},"geometry":null}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a" 1},"geometry":null}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{1:1},"geometry":null}]}`,
	"{\"type\":\"FeatureCollection\",\n\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"é\":\"à\"}, \"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2],}}]}",
	// Strings: escapes, surrogate pairs, lone surrogates, invalid UTF-8.
	`{"type":"FeatureCollection","name":"a\"b\\c\/d\b\f\n\r\t\u00e9\u0041","features":[{"type":"Feature","id":"\ud83d\ude00","properties":{"s":"\ud83d","t":"\ude00x","u":"\ud83d\u0041","\u0069d":"k\u00e9y","v":"` + "\xff\xc3(\xe2\x82" + `"},"geometry":{"type":"Point","coordinates":[1,2]}}]}`,
	"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"\xff\":1,\"w\":\"\xed\xa0\x80\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}",
	// Escaped member names are GeoJSON member names.
	`{"\u0074ype":"FeatureCollection","feat\u0075res":[{"typ\u0065":"Feature","geometr\u0079":{"type":"Point","coordin\u0061tes":[1,2]},"properties":null}]}`,
	// Numbers.
	`{"type":"FeatureCollection","features":[{"type":"Feature","id":-0.5e3,"properties":{"a":0,"b":-0,"c":1E+2,"d":1e-2,"e":123456789012345678901234567890,"f":1e-400,"g":0.1,"h":[1,[2,{"x":null}],true,false]},"geometry":{"type":"Point","coordinates":[-180,90,1e400]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1e400},"geometry":{"type":"Point","coordinates":[1,2]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","id":1e400,"properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","properties":{},"geometry":{"type":"Point","coordinates":[1e400,2]}}]}`,
	// Foreign members, bbox, ids, repeated members.
	`{"type":"FeatureCollection","name":"n","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"bbox":[-10,5,3,20],"features":[{"type":"Feature","id":7,"bbox":[1,2,1,2],"properties":{"id":"p"},"title":"t","geometry":{"type":"Point","coordinates":[1,2],"extra":[1]}}]}`,
	`{"type":"FeatureCollection","bbox":null,"features":[{"type":"Feature","bbox":[],"properties":null,"geometry":{"type":"Point","coordinates":[1,2]}}]}`,
	`{"type":"FeatureCollection","bbox":"x","features":[]}`,
	`{"type":"FeatureCollection","bbox":[1,null,"x"],"features":[]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","bbox":[1e400],"geometry":{"type":"Point","coordinates":[1,2]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","id":null,"properties":{"id":3},"geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","id":true,"properties":{"a":1,"a":2},"geometry":{"type":"Point","coordinates":[1,2]}}]}`,
	`{"type":"Feature","type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}],"features":[]}`,
	`{"type":"FeatureCollection","type":null,"features":[]}`,
	`{"type":null,"features":[]}`,
	`{"type":5,"features":[]}`,
	`{"type":{"a": [1, 2]},"features":[]}`,
	`{"type":"","features":[]}`,
	`{"features":[]}`,
	`{}`,
	`{"type":"FeatureCollection"}`,
	`{"type":"FeatureCollection","features":null}`,
	`{"type":"FeatureCollection","features":"x","type":"Other"}`,
	`{"type":"FeatureCollection","features":{"a":1},"type":"Other"}`,
	`{"type":"FeatureCollection","features":[1,"a",null,true,[],{}]}`,
	`[{"type":"FeatureCollection"}]`, `"FeatureCollection"`, `12`, `null`,
	// Features.
	`{"type":"FeatureCollection","features":[{"type":"Feature","properties":[],"geometry":{"type":"Point","coordinates":[1,2]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"feature","id":"","properties":{"id":"pid"},"geometry":{"type":"Point","coordinates":[1,2]}}]}`,
	`{"type":"FeatureCollection","features":[{"id":"a","properties":5,"geometry":5},{"type":null,"geometry":[1,2]},{"type":"Feature","geometry":"x"}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"id":"late"},"id":12.50}]}`,
	// Geometries.
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"coordinates":[1,2],"type":"Point"}},{"type":"Feature","geometry":{"coordinates":[[1,2],[3,4]],"type":"LineString","type":"MultiPoint"}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2],"Type":"LineString"}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","COORDINATES":[[1]],"coordinates":[1,2]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2],"geometries":[{"type":"Nope"}]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2],"geometries":null}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":null,"type":"Point","coordinates":[1,2]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":5,"coordinates":[1,2]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"","coordinates":[1,2]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point"}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":null}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1]}},{"type":"Feature","geometry":{"type":"Point","coordinates":[]}},{"type":"Feature","geometry":{"type":"Point","coordinates":[1,[2]]}},{"type":"Feature","geometry":{"type":"Point","coordinates":[1,"2"]}},{"type":"Feature","geometry":{"type":"Point","coordinates":[1,{"a":[1]}]}},{"type":"Feature","geometry":{"type":"Point","coordinates":[null,true]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,-1e400]}},{"type":"Feature","geometry":{"type":"Point","coordinates":[-180.0001,90.5,"x"]}},{"type":"Feature","geometry":{"type":"Point","coordinates":[1000, 2]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[]}},{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4,5]]}},{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[1,2],[3]]}},{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[1,2],3]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[]}},{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2]]}},{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,200],[3,4],[5]]}},{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4],[5,[6]]]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[]}},{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[],[[1,2]],[[1,2],[3,4]]]}},{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[1,2]]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]}},{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[]]}},{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0.0]],[[0,0],[1,0],[1,1],[0,1e-1]]]}},{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0,5],[1,0],[1,1],[-0,0,7,8]]]}},{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0]]]}},{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[1e400,0]]]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[]}},{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[]]}},{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,2]],[[0,0],[1,0],[0,0]]]]}},{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[0,0]]]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]}},{"type":"Feature","geometry":{"type":"GeometryCollection"}},{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":null}},{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":"x"}},{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[null,5,{"type":"Point","coordinates":[1,200]},{"type":"GeometryCollection","geometries":[{"coordinates":[1,2]}]}],"coordinates":"ignored"}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"geometries":[{"type":"Point","coordinates":[1,2]},{"type":"GeometryCollection","geometries":[{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}]}],"type":"GeometryCollection"}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}],"type":"Point","coordinates":[3,4]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polyline","coordinates":[[1,2],[3,4]]}},{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]],"coordinates":[[1,2]]}},{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2]],"coordinates":[[1,2],[3,4]]}}]}`,
	"{\n  \"type\": \"FeatureCollection\",\r\n  \"features\": [\n\t{\"type\": \"Feature\", \"id\": \"é\", \"properties\": {\"name\": \"Ségou\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [\"é\", 2]}},\n\t{\"type\": \"Feature\", \"properties\": {\"name\": \"日本\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 91]}}\n  ]\n}\n",
}

func TestReadFeatureCollectionMatchesReference(t *testing.T) {
	for _, c := range jsonCases {
		compareWithReference(t, "case.geojson", []byte(c))
	}
	for _, fn := range []string{"syntax.geojson", "topology.geojson", "array.geojson", "broken.geojson"} {
		data, err := os.ReadFile(filepath.Join("testdata", fn))
		if err != nil {
			t.Fatal(err)
		}
		compareWithReference(t, fn, data)
	}
}

// TestReadFeatureCollectionDeep checks encoding/json's limit of 10,000
// nested arrays and objects.
func TestReadFeatureCollectionDeep(t *testing.T) {
	for _, depth := range []int{9998, 10000, 10001} {
		in := `{"type":"FeatureCollection","features":[],"x":` + strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1) + "}"
		compareWithReference(t, "deep.geojson", []byte(in))
	}
}

// TestReadFeatureCollectionGeometriesObject: the original reader lost its
// place in a GeometryCollection whose "geometries" is an object; the
// problem is now reported where it is.
func TestReadFeatureCollectionGeometriesObject(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":{"type":"Point"}}}]}`
	_, err := ReadFeatureCollection("gc.geojson", strings.NewReader(in))
	want := `gc.geojson:1:128: feature 0: GeometryCollection "geometries" is an object, not an array`
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %s", err, want)
	}
}

// TestReadFeatureCollectionReadError names the file.
func TestReadFeatureCollectionReadError(t *testing.T) {
	_, err := ReadFeatureCollection("r.geojson", iotest.ErrReader(errors.New("disk on fire")))
	if err == nil || err.Error() != "r.geojson: disk on fire" {
		t.Fatalf("error %v", err)
	}
}

// TestReadFeatureCollectionLargeReader reads through small reads.
func TestReadFeatureCollectionLargeReader(t *testing.T) {
	in, err := os.ReadFile("../data/overlays/cocaine.geojson")
	if err != nil {
		t.Fatal(err)
	}
	fc, err := ReadFeatureCollection("x.geojson", iotest.OneByteReader(bytes.NewReader(in)))
	if err != nil {
		t.Fatal(err)
	}
	sameAsOrb(t, "x.geojson", in, fc)
}

// geometriesObject reports whether data holds a "geometries" member whose
// value is an object, where the original reader lost its place.
func geometriesObject(data []byte) bool {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return false
	}
	var walk func(v any) bool
	walk = func(v any) bool {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if _, isObj := x.(map[string]any); isObj && k == "geometries" || walk(x) {
					return true
				}
			}
		case []any:
			for _, x := range v {
				if walk(x) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// FuzzReadFeatureCollection: no panic; the same problems as the original
// reader; on valid input, what orb's decoder reads.
func FuzzReadFeatureCollection(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.geojson")
	for _, fn := range files {
		data, err := os.ReadFile(fn)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, c := range jsonCases {
		f.Add([]byte(c))
	}
	for _, c := range []string{ // the rules added since the original reader
		`{"type":"Point","COORDINATES":[500,1],"coordinates":[1,2]}`,
		`{"type":"Polygon","coordinates":[[[179,10],[-179,10],[-179,11],[179,10]]]}`,
		`{"type":"Feature","id":{"a":1},"properties":null,"geometry":null}`,
		"\xef\xbb\xbf" + `{"type":"GeometryCollection","geometries":[{"type":"MultiPoint","coordinates":[]}]}`,
		`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}`,
	} {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if geometriesObject(data) {
			_, _ = ReadFeatureCollection("fuzz.geojson", bytes.NewReader(data))
			return
		}
		compareWithReference(t, "fuzz.geojson", data)
	})
}

// TestScannerFloat: numbers read as strconv.ParseFloat reads them, bit for
// bit, on the exact fast path and off it.
func TestScannerFloat(t *testing.T) {
	rng := rand.New(rand.NewSource(testutil.Seed(t, 1)))
	texts := []string{"0", "-0", "0.0", "-0.0e-0", "1", "9007199254740992", "9007199254740993", "1e22", "1e23",
		"1e-22", "1e-23", "123456789012345678", "1234567890123456789", "12345678901234567890", "0.1", "0.3",
		"-12.60915", "1.7976931348623157e308", "1e309", "4.9e-324", "1e-400", "1E+2", "2.5e-3", "0e1000000"}
	for range 100000 {
		var b strings.Builder
		if rng.Intn(2) == 0 {
			b.WriteByte('-')
		}
		digits := 1 + rng.Intn(20)
		point := rng.Intn(digits + 1)
		for i := range digits {
			if i == point && i > 0 {
				b.WriteByte('.')
			}
			d := byte('0' + rng.Intn(10))
			if i == 0 && (d == '0' || point == 1) {
				d = byte('1' + rng.Intn(9))
			}
			b.WriteByte(d)
		}
		if rng.Intn(3) == 0 {
			fmt.Fprintf(&b, "e%d", rng.Intn(60)-30)
		}
		texts = append(texts, b.String())
	}
	fast := 0
	for _, text := range texts {
		s := scanner{data: []byte(text)}
		got, gotErr := s.float()
		want, wantErr := strconv.ParseFloat(text, 64)
		if math.Float64bits(got) != math.Float64bits(want) || (gotErr == nil) != (wantErr == nil) || s.pos != len(text) {
			t.Fatalf("%s: read %v (%v), strconv reads %v (%v)", text, got, gotErr, want, wantErr)
		}
		if _, ok := exactFloat([]byte(text)); ok {
			fast++
		}
	}
	if fast < len(texts)/4 || fast == len(texts) {
		t.Errorf("%d of %d numbers on the fast path", fast, len(texts))
	}
}
