package geo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkt"
)

// readCSVFile reads testdata/name with ReadFile.
func readCSVFile(t *testing.T, name string) *geojson.FeatureCollection {
	t.Helper()
	fc, err := ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return fc
}

// csvProblems reads text as name and returns the problem lines.
func csvProblems(t *testing.T, name, text string) []string {
	t.Helper()
	fc, err := ReadCSV(name, strings.NewReader(text))
	require.Error(t, err)
	assert.Nil(t, fc)
	var ie *InputError
	require.True(t, errors.As(err, &ie), "%T: %v", err, err)
	return strings.Split(err.Error(), "\n")
}

func TestReadCSVPointsByLonLat(t *testing.T) {
	fc := readCSVFile(t, "points.csv")
	require.Len(t, fc.Features, 3)
	bamako, gao, timbuktu := fc.Features[0], fc.Features[1], fc.Features[2]
	assert.Equal(t, "bamako", bamako.ID)
	assert.Equal(t, orb.Point{-8.0029, 12.6392}, bamako.Geometry)
	assert.Equal(t, geojson.Properties{"name": "Bamako", "population": 2446700.0, "note": "capital"}, bamako.Properties,
		"Longitude and LAT make the geometry, id the feature id; the rest are properties")
	assert.Equal(t, orb.Point{-0.0444, 16.2666}, gao.Geometry)
	assert.NotContains(t, gao.Properties, "note", "an empty cell is left out")
	assert.Equal(t, `Tombouctou, "the city of 333 saints"`, timbuktu.Properties["name"], "quoted field with a comma and doubled quotes")
	assert.Equal(t, "2012: occupied", timbuktu.Properties["note"])
}

func TestReadCSVWKTLinesAndPolygonWithHole(t *testing.T) {
	fc := readCSVFile(t, "lines.csv")
	require.Len(t, fc.Features, 4)
	want := []struct {
		id string
		g  orb.Geometry
	}{
		{"road", orb.LineString{{-8.0029, 12.6392}, {-6.2649, 13.4317}, {-4.1971, 14.4843}}},
		{"two", orb.MultiLineString{{{-8, 12}, {-7, 13}}, {{-1, 16}, {0, 17}, {1, 17.5}}}},
		{"block", orb.Polygon{
			{{-6, 13}, {-2, 13}, {-2, 16}, {-6, 16}, {-6, 13}},
			{{-5, 14}, {-4, 14}, {-4, 15}, {-5, 15}, {-5, 14}},
		}},
		{"islands", orb.MultiPolygon{
			{{{0, 15}, {1, 15}, {1, 16}, {0, 15}}},
			{{{2, 15}, {3, 15}, {3, 16}, {2, 15}}},
		}},
	}
	for i, w := range want {
		f := fc.Features[i]
		assert.Equal(t, w.id, f.ID, "ID column in capitals")
		assert.Equal(t, w.g, f.Geometry, w.id)
		assert.Equal(t, geojson.Properties{"kind": f.Properties["kind"]}, f.Properties, w.id)
	}
	// The hole lies inside the block's outer ring and is not part of it.
	block := fc.Features[2].Geometry.(orb.Polygon)
	assert.True(t, Contains(block, orb.Point{-3, 14.5}))
	assert.False(t, Contains(block, orb.Point{-4.5, 14.5}), "in the hole")
}

func TestReadCSVSemicolonsDecimalCommaCRLF(t *testing.T) {
	fc := readCSVFile(t, "semicolon.csv")
	require.Len(t, fc.Features, 3, "the row of empty cells is skipped")
	assert.Equal(t, "ev1", fc.Features[0].ID)
	assert.Equal(t, orb.Point{-3.9962, 13.903}, fc.Features[0].Geometry)
	assert.Equal(t, geojson.Properties{"fatalities": 4.0, "kind": "battle"}, fc.Features[0].Properties)
	assert.Equal(t, orb.Point{-2.5, 14.25}, fc.Features[1].Geometry)
	assert.Equal(t, geojson.Properties{"fatalities": 0.5}, fc.Features[1].Properties, "decimal comma in a property; no CR left in the last cell")
	assert.Equal(t, "riot", fc.Features[2].Properties["kind"])
}

func TestReadCSVByteOrderMark(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "bom.csv"))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(data), "\uFEFF"), "the test file starts with a BOM")
	fc := readCSVFile(t, "bom.csv")
	require.Len(t, fc.Features, 1)
	assert.Equal(t, "sevare", fc.Features[0].ID, "the BOM is not part of the first column's name")
	assert.Equal(t, orb.Point{-4.0963, 14.5304}, fc.Features[0].Geometry, "x and y columns")
	assert.Empty(t, fc.Features[0].Properties)

	// A problem on the first line counts columns after the BOM.
	lines := csvProblems(t, "b.csv", "\uFEFFname,kind\nBamako,capital\n")
	assert.Equal(t, []string{"b.csv:1:1: no geometry: need a wkt column or longitude and latitude columns"}, lines)
}

func TestReadCSVProblemsNameFileLineAndColumn(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"errors.csv", []string{
			`testdata/errors.csv:2:1: row 1: has 5 cells, the header has 4`,
			`testdata/errors.csv:3:8: row 2: column "lat": "12,5x" is not a number`,
			`testdata/errors.csv:4:8: row 3: column "lat": latitude 95 is outside -90..90`,
			`testdata/errors.csv:5:3: row 4: column "lon": longitude -190.0 is outside -180..180`,
			`testdata/errors.csv:6:3: row 5: column "lon": no longitude`,
			`testdata/errors.csv:7:1: row 6: has 3 cells, the header has 4`,
		}},
		{"badwkt.csv", []string{
			`testdata/badwkt.csv:2:16: row 1: column "geometry": invalid WKT: unexpected end of text, expecting ')'`,
			`testdata/badwkt.csv:3:30: row 2: column "geometry": invalid WKT: invalid keyword at "x"`,
			`testdata/badwkt.csv:4:42: row 3: column "geometry": invalid WKT: polygon ring not closed`,
			`testdata/badwkt.csv:5:3: row 4: column "geometry": latitude 95 is outside -90..90`,
			`testdata/badwkt.csv:6:3: row 5: column "geometry": empty geometry "POINT EMPTY"`,
			`testdata/badwkt.csv:7:3: row 6: column "geometry": no geometry`,
		}},
		{"nogeom.csv", []string{`testdata/nogeom.csv:1:1: no geometry: need a wkt column or longitude and latitude columns`}},
		{"empty.csv", []string{`testdata/empty.csv:1:1: empty file: no header row`}},
		{"barequote.csv", []string{`testdata/barequote.csv:3:7: invalid CSV: bare " in non-quoted-field`}},
		{"unclosed.csv", []string{`testdata/unclosed.csv:3:1: invalid CSV: a quoted field in this row is not closed before the end of the file`}},
	} {
		fc, err := ReadFile(filepath.Join("testdata", tc.file))
		assert.Nil(t, fc, tc.file)
		var ie *InputError
		if assert.True(t, errors.As(err, &ie), "%s: %v", tc.file, err) {
			assert.Equal(t, tc.want, strings.Split(err.Error(), "\n"), tc.file)
			assert.Len(t, ie.Problems, len(tc.want), "one Problem per line")
		}
	}
}

func TestReadCSVProblemColumnsCountCharacters(t *testing.T) {
	lines := csvProblems(t, "s.csv", "name,lon,lat\nSégou,-6.2,95\n")
	assert.Equal(t, []string{`s.csv:2:12: row 1: column "lat": latitude 95 is outside -90..90`}, lines)
	// In a WKT cell after a multi-byte character.
	lines = csvProblems(t, "s.csv", "name;wkt\nSégou;POINT (-6.2 13 x)\n")
	assert.Equal(t, []string{`s.csv:2:22: row 1: column "wkt": invalid WKT: invalid keyword at "x"`}, lines)
}

func TestReadCSVHeaderProblems(t *testing.T) {
	lines := csvProblems(t, "h.csv", "id,lon,lat,kind,kind\na,1,2,x,y\n")
	assert.Equal(t, []string{`h.csv:1:17: column "kind" appears twice (columns 4 and 5)`}, lines)
	lines = csvProblems(t, "h.csv", "lat,lon,,\n1,2,,\n3,4,,5\n")
	assert.Equal(t, []string{`h.csv:3:6: row 2: column 4 has no name in the header but a value "5"`}, lines)
	// Columns without a name and without values are ignored.
	fc, err := ReadCSV("h.csv", strings.NewReader("lat,lon,,\n1,2,,\n"))
	require.NoError(t, err)
	assert.Empty(t, fc.Features[0].Properties)
}

func TestReadCSVColumnTypesAndChoices(t *testing.T) {
	fc, err := ReadCSV("t.csv", strings.NewReader(
		"WKT,lon,lat,code,year,score,id\n"+
			"POINT Z (1 2 3),10,20,007,2012,1e3,\n"+
			"\"MULTIPOINT ((3 4), (5 6))\",11,21,A7,,-2.5,p2\n"+
			"\"GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))\",12,22,8,2014,inf,p3\n"))
	require.NoError(t, err)
	require.Len(t, fc.Features, 3)
	f := fc.Features
	assert.Equal(t, orb.Point{1, 2}, f[0].Geometry, "the Z value is dropped; WKT wins over lon/lat")
	assert.Nil(t, f[0].ID, "an empty id cell gives no id")
	assert.Equal(t, orb.MultiPoint{{3, 4}, {5, 6}}, f[1].Geometry)
	assert.Equal(t, orb.Collection{orb.Point{1, 2}, orb.LineString{{1, 2}, {3, 4}}}, f[2].Geometry)
	assert.Equal(t, geojson.Properties{"lon": 10.0, "lat": 20.0, "code": "007", "year": 2012.0, "score": "1e3"}, f[0].Properties,
		"lon and lat are properties when WKT gives the geometry; code and score have a non-number, so all their cells are strings")
	assert.Equal(t, geojson.Properties{"lon": 11.0, "lat": 21.0, "code": "A7", "score": "-2.5"}, f[1].Properties)
	assert.Equal(t, "inf", f[2].Properties["score"], "inf is not a number")

	// With ',' separating, "12,5" quoted is not a number.
	lines := csvProblems(t, "c.csv", "lon,lat\n-8,\"12,5\"\n")
	assert.Equal(t, []string{`c.csv:2:4: row 1: column "lat": "12,5" is not a number`}, lines)
}

func TestReadFileByExtension(t *testing.T) {
	dir := t.TempDir()
	gj := `{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{},"geometry":{"type":"Point","coordinates":[-8,12.5]}}]}`
	for _, name := range []string{"a.geojson", "a.JSON", "a.csv", "a.CSV"} {
		text := gj
		if strings.HasSuffix(strings.ToLower(name), ".csv") {
			text = "id,lon,lat\na,-8,12.5\n"
		}
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		fc, err := ReadFile(p)
		require.NoError(t, err, name)
		require.Len(t, fc.Features, 1, name)
		assert.Equal(t, "a", fc.Features[0].ID, name)
		assert.Equal(t, orb.Point{-8, 12.5}, fc.Features[0].Geometry, name)
	}

	// A GeoJSON problem is placed as ReadFeatureCollection places it.
	p := filepath.Join(dir, "far.geojson")
	require.NoError(t, os.WriteFile(p, []byte(strings.Replace(gj, "12.5", "95", 1)), 0o644))
	_, err := ReadFile(p)
	var ie *InputError
	require.True(t, errors.As(err, &ie), "%v", err)
	assert.Contains(t, err.Error(), p+":1:")
	assert.Contains(t, err.Error(), "latitude 95")

	p = filepath.Join(dir, "a.kml")
	require.NoError(t, os.WriteFile(p, []byte("<kml/>"), 0o644))
	fc, err := ReadFile(p)
	require.NoError(t, err)
	assert.Empty(t, fc.Features)
	p = filepath.Join(dir, "a.shx")
	require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	_, err = ReadFile(p)
	assert.EqualError(t, err, p+": cannot read .shx files: want .geojson, .json, .geojsonl, .geojsons, .csv, .kml, .kmz, .shp, .zip (a zipped shapefile) or .gpkg")
	_, err = ReadFile(filepath.Join(dir, "noext"))
	assert.EqualError(t, err, filepath.Join(dir, "noext")+": no file extension: want .geojson, .json, .geojsonl, .geojsons, .csv, .kml, .kmz, .shp, .zip (a zipped shapefile) or .gpkg")

	_, err = ReadFile(filepath.Join(dir, "missing.csv"))
	assert.True(t, errors.Is(err, fs.ErrNotExist), "%v", err)
}

// TestReadCSVEventsRoundTrip writes the first bench events to CSV (as WKT
// and as lon/lat columns) and reads them back: the same ids, geometries and
// properties as the GeoJSON.
func TestReadCSVEventsRoundTrip(t *testing.T) {
	const path = "../../shared/bench/events.geojson"
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip(path + " absent")
	}
	require.NoError(t, err)
	defer f.Close()
	events, err := ReadFeatureCollection(path, f)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(events.Features), 10)
	want := events.Features[:10]

	var byWKT, byLonLat strings.Builder
	byWKT.WriteString("id,wkt,kind,year,fatalities\n")
	byLonLat.WriteString("id;lat;lon;kind;year;fatalities\n")
	for _, e := range want {
		p := e.Geometry.(orb.Point)
		text, err := wkt.Marshal(geom.NewPointFlat(geom.XY, []float64{p[0], p[1]}))
		require.NoError(t, err)
		props := fmt.Sprintf("%v,%v,%v", e.Properties["kind"], e.Properties["year"], e.Properties["fatalities"])
		fmt.Fprintf(&byWKT, "%v,\"%s\",%s\n", e.ID, text, props)
		fmt.Fprintf(&byLonLat, "%v;%v;%v;%s\n", e.ID, p[1], p[0], strings.ReplaceAll(props, ",", ";"))
	}
	dir := t.TempDir()
	for name, text := range map[string]string{"wkt.csv": byWKT.String(), "lonlat.csv": byLonLat.String()} {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		fc, err := ReadFile(p)
		require.NoError(t, err, name)
		require.Len(t, fc.Features, len(want), name)
		for i, w := range want {
			got := fc.Features[i]
			assert.Equal(t, w.ID, got.ID, name)
			assert.Equal(t, w.Geometry, got.Geometry, "%s: %v", name, w.ID)
			assert.Equal(t, w.Properties, got.Properties, "%s: %v", name, w.ID)
		}
	}
}
