package geo

import (
	"bytes"
	"encoding/xml"
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
	// Well-formed XML with three placemarks.
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	placemarks := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed: %v\n%s", err, buf.String())
			}
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Placemark" {
			placemarks++
		}
	}
	if placemarks != 3 {
		t.Errorf("%d placemarks", placemarks)
	}
	for _, want := range []string{
		`<Placemark id="town-tombouctou"><name>Tombouctou</name>`,
		`<Data name="note"><value>R&amp;D &lt;test&gt;</value></Data>`,
		`<Data name="variants"><value>[&#34;Timbuktu&#34;,&#34;Tombouctou&#34;]</value></Data>`,
		`<coordinates>-3.00742,16.77348</coordinates>`,
		`<coordinates>5,5 6,5 6,6 5,5</coordinates>`,
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %s", want)
		}
	}
	golden(t, "features.kml", buf.Bytes())
}
