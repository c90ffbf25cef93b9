package geo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		{"notfc.geojson", []string{
			`notfc.geojson:2:11: not a FeatureCollection: type is "Feature"`,
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
