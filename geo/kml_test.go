package geo

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/internal/testutil"
)

// golden compares got with testdata/name (testutil.Golden).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name), got)
}

func TestWriteKML(t *testing.T) {
	fc := geojson.NewFeatureCollection()
	town := geojson.NewFeature(orb.Point{-3.00742, 16.77348})
	town.ID = "town-tombouctou"
	town.Properties = geojson.Properties{"name": "Tombouctou", "name_en": "Timbuktu", "kind": "regional_capital",
		"variants": []any{"Timbuktu", "Tombouctou"}, "note": "R&D <test>"}
	fc.Append(town)
	road := geojson.NewFeature(orb.LineString{{-7.98, 12.61}, {-6.26, 13.43}})
	road.Properties = geojson.Properties{"name": "Bamako–Ségou", "importance": 2.0}
	fc.Append(road)
	zone := geojson.NewFeature(orb.MultiPolygon{
		{square(0, 0, 4, 4), orb.Ring{{1, 1}, {2, 1}, {2, 2}, {1, 1}}},
		{orb.Ring{{5, 5}, {6, 5}, {6, 6}}}, // unclosed: KML closes it
	})
	zone.Properties = geojson.Properties{}
	fc.Append(zone)

	var buf bytes.Buffer
	if err := WriteKML(&buf, fc, "name"); err != nil {
		t.Fatal(err)
	}
	// Read back: three placemarks with their names, data and geometries
	// (the unclosed ring closed).
	got, err := ReadKML("features.kml", bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(got.Features) != 3 {
		t.Fatalf("%d placemarks", len(got.Features))
	}
	p := got.Features[0].Properties
	for k, want := range map[string]string{"name": "Tombouctou", "id": "town-tombouctou", "note": "R&D <test>", "variants": `["Timbuktu","Tombouctou"]`} {
		if p[k] != want {
			t.Errorf("property %s = %v, want %q", k, p[k], want)
		}
	}
	if got.Features[1].Properties["importance"] != "2" {
		t.Errorf("importance = %v", got.Features[1].Properties["importance"])
	}
	if g := got.Features[0].Geometry; g != (orb.Point{-3.00742, 16.77348}) {
		t.Errorf("point %v", g)
	}
	mp := got.Features[2].Geometry.(orb.MultiPolygon)
	if r := mp[1][0]; len(r) != 4 || r[0] != r[3] {
		t.Errorf("unclosed ring not closed: %v", r)
	}
	if !strings.Contains(buf.String(), "<coordinates>5,5 6,5 6,6 5,5</coordinates>") {
		t.Errorf("output lacks the closed ring")
	}
	golden(t, "features.kml", buf.Bytes())
}
