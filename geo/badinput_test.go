package geo

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each test here is an input that got through (or was refused) wrongly
// before: see issue 9, "Bad input that gets through".

func geojsonProblems(t *testing.T, text string) string {
	t.Helper()
	fc, err := ReadFeatureCollection("in.geojson", strings.NewReader(text))
	require.Error(t, err, "accepted: %v", fc)
	var ie *InputError
	require.True(t, errors.As(err, &ie), "%T: %v", err, err)
	return err.Error()
}

func TestGeoJSONMemberInOtherCaseIsRefused(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{},"geometry":{"type":"Point","COORDINATES":[500,10],"coordinates":[1,2]}}]}`
	assert.Equal(t, `in.geojson:2:62: feature 0: member "COORDINATES" differs from "coordinates" only in letter case: GeoJSON member names are case-sensitive`,
		geojsonProblems(t, in))
	in = `{"type":"FeatureCollection","features":[{"type":"Feature","Geometry":{"type":"Point","coordinates":[1,2]},"geometry":null,"properties":{"ID":1}}],"Features":[]}`
	assert.Equal(t, strings.Join([]string{
		`in.geojson:1:59: feature 0: member "Geometry" differs from "geometry" only in letter case: GeoJSON member names are case-sensitive`,
		`in.geojson:1:147: member "Features" differs from "features" only in letter case: GeoJSON member names are case-sensitive`,
	}, "\n"), geojsonProblems(t, in), "properties may hold any names")
}

func TestGeoJSONAntimeridianIsRefused(t *testing.T) {
	in := `{"type":"Polygon","coordinates":[[[179,10],[-179,10],[-179,11],[179,11],[179,10]]]}`
	assert.Equal(t, `in.geojson:1:34: ring 0 crosses the antimeridian (longitude 179 to -179): split it at ±180° into a MultiPolygon (RFC 7946 §3.1.9)`,
		geojsonProblems(t, in))
	in = `{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[170,0],[-170,1]]]}`
	assert.Equal(t, `in.geojson:1:56: line 1 crosses the antimeridian (longitude 170 to -170): split it at ±180° into a MultiLineString (RFC 7946 §3.1.9)`,
		geojsonProblems(t, in))
	// A polygon up to ±180 without crossing is fine.
	_, err := ReadFeatureCollection("ok.geojson", strings.NewReader(`{"type":"Polygon","coordinates":[[[170,10],[180,10],[180,11],[170,10]]]}`))
	assert.NoError(t, err)
}

func TestGeoJSONEmptyMultiGeometriesAreRefused(t *testing.T) {
	for typ, want := range map[string]string{
		`"MultiPoint","coordinates":[]`:         "MultiPoint has no positions",
		`"MultiLineString","coordinates":[]`:    "MultiLineString has no lines",
		`"MultiPolygon","coordinates":[]`:       "MultiPolygon has no polygons",
		`"GeometryCollection","geometries":[]`:  "GeometryCollection has no geometries",
		`"MultiPolygon","coordinates":[[]]`:     "polygon 0 polygon has no rings",
		`"MultiLineString","coordinates":[[]]`:  "MultiLineString line has 0 positions, needs at least 2",
		`"MultiPoint","coordinates":[[1,2],[]]`: "position has 0 numbers, want [lon, lat]",
	} {
		got := geojsonProblems(t, `{"type":"Feature","properties":null,"geometry":{"type":`+typ+`}}`)
		assert.Contains(t, got, "feature 0: "+want, typ)
	}
}

func TestGeoJSONByteOrderMarkIsRead(t *testing.T) {
	in := "\xef\xbb\xbf" + `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-8,12.6]}}]}`
	fc, err := ReadFeatureCollection("bom.geojson", strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, orb.Point{-8, 12.6}, fc.Features[0].Geometry)
	// Places are counted after the mark.
	_, err = ReadFeatureCollection("bom.geojson", strings.NewReader("\xef\xbb\xbf{\"type\":\"Point\",\"coordinates\":[1,95]}"))
	require.Error(t, err)
	assert.Equal(t, "bom.geojson:1:34: latitude 95 out of range [-90, 90]", err.Error())
}

func TestGeoJSONOtherCRSIsRefused(t *testing.T) {
	for _, name := range []string{"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"} {
		in := `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"` + name + `"}},"features":[]}`
		_, err := ReadFeatureCollection("ok.geojson", strings.NewReader(in))
		assert.NoError(t, err, name)
	}
	in := `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[]}`
	assert.Equal(t, `in.geojson:1:35: crs "urn:ogc:def:crs:EPSG::3857" is not WGS 84 longitude/latitude: GeoJSON coordinates are longitude/latitude on WGS 84 (EPSG:4326); reproject the file first (e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson)`,
		geojsonProblems(t, in))
	in = `{"type":"Point","coordinates":[1,2],"crs":{"type":"link","properties":{"href":"x.prj"}}}`
	assert.Contains(t, geojsonProblems(t, in), `in.geojson:1:43: crs of type "link" cannot be checked`)
}

func TestGeoJSONFeatureAndGeometryRoots(t *testing.T) {
	fc, err := ReadFeatureCollection("f.geojson", strings.NewReader(`{"type":"Feature","id":"x","properties":{"name":"Gao"},"geometry":{"type":"Point","coordinates":[-0.04,16.27]}}`))
	require.NoError(t, err)
	require.Len(t, fc.Features, 1)
	assert.Equal(t, "x", fc.Features[0].ID)
	assert.Equal(t, "Gao", fc.Features[0].Properties["name"])
	assert.Equal(t, orb.Point{-0.04, 16.27}, fc.Features[0].Geometry)

	fc, err = ReadFeatureCollection("g.geojson", strings.NewReader(`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[1,2],[3,4]]}]}`))
	require.NoError(t, err)
	require.Len(t, fc.Features, 1)
	assert.Equal(t, orb.Collection{orb.Point{1, 2}, orb.LineString{{1, 2}, {3, 4}}}, fc.Features[0].Geometry)

	fc, err = ReadFile("testdata/notfc.geojson")
	require.NoError(t, err)
	assert.Len(t, fc.Features, 1)

	// Problems in a root feature name it as feature 0; in a root geometry, no feature.
	assert.Equal(t, `in.geojson:1:77: feature 0: longitude 200 out of range [-180, 180]`,
		geojsonProblems(t, `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[200,1]}}`))
	assert.Equal(t, `in.geojson:1:32: longitude 200 out of range [-180, 180]`,
		geojsonProblems(t, `{"type":"Point","coordinates":[200,1]}`))
}

func TestGeoJSONNullGeometryIsKept(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"a","properties":{"name":"somewhere"},"geometry":null},
{"type":"Feature","id":"b","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}`
	fc, err := ReadFeatureCollection("n.geojson", strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, fc.Features, 2)
	assert.Nil(t, fc.Features[0].Geometry)
	assert.Equal(t, "somewhere", fc.Features[0].Properties["name"])
	assert.Equal(t, 1, Unplaced(fc))
	// A feature with no geometry member at all is still refused.
	assert.Contains(t, geojsonProblems(t, `{"type":"Feature","properties":{}}`), "feature 0: missing geometry")
}

func TestGeoJSONFeatureIDMustBeStringOrNumber(t *testing.T) {
	for _, id := range []string{`{"a":1}`, `[1]`, `true`} {
		got := geojsonProblems(t, `{"type":"FeatureCollection","features":[{"type":"Feature","id":`+id+`,"properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}`)
		assert.Contains(t, got, "in.geojson:1:64: feature 0: id is ", id)
		assert.Contains(t, got, ": a feature id is a string or a number", id)
	}
	for _, id := range []string{`"x"`, `7`, `null`} {
		_, err := ReadFeatureCollection("ok.geojson", strings.NewReader(`{"type":"Feature","id":`+id+`,"properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}`))
		assert.NoError(t, err, id)
	}
}

func TestProblemListIsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range 250 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500,1]}}`)
	}
	b.WriteString("]}")
	msg := geojsonProblems(t, b.String())
	lines := strings.Split(msg, "\n")
	require.Len(t, lines, MaxProblems+1)
	assert.Contains(t, lines[0], "feature 0: longitude 500")
	assert.Contains(t, lines[MaxProblems-1], "feature 99: longitude 500")
	assert.Equal(t, "… and 150 more problems", lines[MaxProblems])

	// A huge text quoted in a message is cut short.
	msg = geojsonProblems(t, `{"type":"`+strings.Repeat("x", 5<<20)+`","features":[]}`)
	assert.Less(t, len(msg), 300, msg[:min(len(msg), 300)])
	assert.Contains(t, msg, `xxx…"`)
}

func TestInputSizeLimit(t *testing.T) {
	defer func(m int64, a func() int64) { MaxInput, memAvailable = m, a }(MaxInput, memAvailable)
	assert.Equal(t, int64(2<<30), maxInputFromEnv(), "2 GiB by default")
	t.Setenv(EnvMaxInput, "5")
	assert.Equal(t, int64(5<<20), maxInputFromEnv())

	MaxInput = 1000
	in := `{"type":"FeatureCollection","features":[]}` + strings.Repeat(" ", 2000)
	_, err := ReadFeatureCollection("big.geojson", strings.NewReader(in))
	var tl *TooLargeError
	require.True(t, errors.As(err, &tl), "%v", err)
	assert.Equal(t, "big.geojson: the file is 2.0 KB, more than the limit of 1000 bytes on inputs (set MALIATLAS_MAX_INPUT_MB to read larger files)", err.Error())
	// A reader of unknown size is stopped once past the limit.
	_, err = ReadCSV("big.csv", iotest.HalfReader(bytes.NewReader([]byte("lon,lat\n"+strings.Repeat("1,2\n", 2000)))))
	require.True(t, errors.As(err, &tl), "%v", err)

	MaxInput = 0
	memAvailable = func() int64 { return 4000 }
	_, err = ReadFeatureCollection("big.geojson", strings.NewReader(in))
	require.True(t, errors.As(err, &tl), "%v", err)
	assert.True(t, tl.Memory)
	assert.Contains(t, err.Error(), "big.geojson: the file is 2.0 KB: reading it needs about 8.0 KB of memory, and 3.9 KB is available")
	memAvailable = func() int64 { return 0 }
	_, err = ReadFeatureCollection("big.geojson", strings.NewReader(in))
	assert.NoError(t, err, "no limit, memory unknown")
}

func TestCSVSeparators(t *testing.T) {
	for _, sep := range []string{",", ";", "\t", "|"} {
		in := strings.Join([]string{"id", "lon", "lat", "code", "name"}, sep) + "\n" +
			strings.Join([]string{"a", "-8", "12.5", "007", `"Bamako, capital"`}, sep) + "\n" +
			strings.Join([]string{"b", "-0.04", "16.27", "12", "Gao"}, sep) + "\n"
		fc, err := ReadCSV("t.csv", strings.NewReader(in))
		require.NoError(t, err, "separator %q", sep)
		require.Len(t, fc.Features, 2, "separator %q", sep)
		assert.Equal(t, orb.Point{-8, 12.5}, fc.Features[0].Geometry, "separator %q", sep)
		assert.Equal(t, "007", fc.Features[0].Properties["code"], "separator %q: codes stay text", sep)
		assert.Equal(t, "12", fc.Features[1].Properties["code"], "separator %q: the column is text", sep)
		assert.Equal(t, "Bamako, capital", fc.Features[0].Properties["name"])
	}
	fc, err := ReadCSV("t.csv", strings.NewReader("lon\tlat\tpop\n-8,5\t12,5\t1,5\n"))
	require.NoError(t, err)
	assert.Equal(t, orb.Point{-8.5, 12.5}, fc.Features[0].Geometry, "decimal comma with tabs")
	assert.Equal(t, 1.5, fc.Features[0].Properties["pop"])
}

func TestCSVCodesStayText(t *testing.T) {
	fc, err := ReadCSV("t.csv", strings.NewReader("lon,lat,pcode,n,big,neg\n1,2,007,0,12345678901234567890,-01\n1,2,12,0.5,1,-1\n"))
	require.NoError(t, err)
	p := fc.Features[0].Properties
	assert.Equal(t, "007", p["pcode"])
	assert.Equal(t, 0.0, p["n"], "a lone 0 and 0.5 are numbers")
	assert.Equal(t, "12345678901234567890", p["big"], "more digits than a float64 holds")
	assert.Equal(t, "-01", p["neg"])
}

func TestCSVEmptyPartsAndAntimeridianAreRefused(t *testing.T) {
	for wkt, want := range map[string]string{
		`MULTIPOLYGON(EMPTY, ((0 0, 1 0, 1 1, 0 0)))`:            "polygon 1 of the MULTIPOLYGON is EMPTY",
		`MULTIPOINT(EMPTY, (1 2))`:                               "point 1 of the MULTIPOINT is EMPTY",
		`MULTILINESTRING((1 2, 3 4), EMPTY)`:                     "line 2 of the MULTILINESTRING is EMPTY",
		`GEOMETRYCOLLECTION(POINT(1 2), POINT EMPTY)`:            "geometry 2 of the GEOMETRYCOLLECTION is EMPTY",
		`MULTIPOLYGON EMPTY`:                                     `empty geometry "MULTIPOLYGON EMPTY"`,
		`POLYGON((179 0, -179 0, -179 1, 179 1, 179 0))`:         "ring 0 crosses the antimeridian (longitude 179 to -179)",
		`LINESTRING(170 0, -170 1)`:                              "line crosses the antimeridian (longitude 170 to -170)",
		`GEOMETRYCOLLECTION(MULTIPOINT(1 2, EMPTY), POINT(1 2))`: "geometry 1 of the GEOMETRYCOLLECTION: point 2 of the MULTIPOINT is EMPTY",
	} {
		lines := csvProblems(t, "w.csv", "id,wkt\na,\""+wkt+"\"\n")
		require.Len(t, lines, 1, wkt)
		assert.True(t, strings.HasPrefix(lines[0], `w.csv:2:3: row 1: column "wkt": `+want), "%s: %s", wkt, lines[0])
	}
}

// TestNoGoTypeNamesInMessages: what orb's decoder refused came out in its
// words ("json: cannot unmarshal string into Go value of type
// geojson.BBox") at 1:1; now in the atlas's words, at the place.
func TestNoGoTypeNamesInMessages(t *testing.T) {
	for in, want := range map[string]string{
		`{"type":"FeatureCollection","bbox":"x","features":[]}`:                                                                                 `in.geojson:1:36: bbox is a string, not an array of numbers`,
		`{"type":"FeatureCollection","bbox":[1,true],"features":[]}`:                                                                            `in.geojson:1:39: bbox holds a boolean, not a number`,
		`{"type":"Feature","bbox":[1e400],"properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}`:                                     `in.geojson:1:27: feature 0: bbox number 1e400 is out of range`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1e400},"geometry":{"type":"Point","coordinates":[1,2]}}]}`: `in.geojson:1:77: number 1e400 is out of range`,
	} {
		got := geojsonProblems(t, in)
		assert.Equal(t, want, got, in)
		assert.NotContains(t, got, "Go ")
	}
}
