package geo

import (
	"archive/zip"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/require"
)

// NeedGDAL skips a test when GDAL's command-line tools are missing, unless
// CI is set: on CI (which installs gdal-bin) they must be there.
func needGDAL(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but ogr2ogr is not installed (apt-get install gdal-bin): %v", err)
		}
		t.Skip("ogr2ogr not found: install gdal-bin to run the GDAL exchange tests (they run on CI)")
	}
}

func ogr2ogr(t *testing.T, args ...string) {
	t.Helper()
	out, err := exec.Command("ogr2ogr", args...).CombinedOutput()
	require.NoError(t, err, "ogr2ogr %s\n%s", strings.Join(args, " "), out)
}

// normValue is a property value as text, for comparing what GDAL wrote
// with the source: objects and lists (which GDAL keeps as JSON text) as
// canonical JSON, booleans as 1/0 (GDAL writes them as integers).
var gdalStringList = regexp.MustCompile(`^\(\d+:(.*)\)$`)

func normValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		// GDAL keeps a list of strings in a GeoPackage as "(2:a,b)".
		if m := gdalStringList.FindStringSubmatch(x); m != nil {
			b, _ := json.Marshal(strings.Split(m[1], ","))
			return string(b)
		}
		var j any
		if s := strings.TrimSpace(x); (strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[")) && json.Unmarshal([]byte(s), &j) == nil {
			b, _ := json.Marshal(j)
			return string(b)
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// sameFeatures checks got against want: same count, each feature's
// non-empty properties equal (keys cut to keyLen characters, text values
// compared on their first textLen bytes where the format cuts them), and
// the geometry's first position within tol degrees.
func sameFeatures(t *testing.T, what string, want, got *geojson.FeatureCollection, keyLen, textLen int, tol float64) {
	t.Helper()
	require.Equal(t, len(want.Features), len(got.Features), "%s: feature count", what)
	for i, w := range want.Features {
		g := got.Features[i]
		for k, v := range w.Properties {
			wv := normValue(v)
			if wv == "" {
				continue
			}
			gk := k
			if keyLen > 0 && len(gk) > keyLen {
				gk = gk[:keyLen]
			}
			if _, ok := g.Properties[gk]; !ok && keyLen > 0 && strings.HasPrefix(wv, `["`) {
				continue // a list of strings: the Shapefile format has no list type, GDAL leaves it out
			}
			gv := normValue(g.Properties[gk])
			if _, ok := g.Properties[gk]; !ok && k == "id" && g.ID != nil {
				gv = normValue(g.ID) // GeoJSONSeq: GDAL makes it the feature's id
			}
			if textLen > 0 && len(wv) > textLen {
				// The format cuts long text at textLen bytes (GDAL writes JSON
				// with spaces and in the source's key order first).
				nospace := func(s string) string { return strings.ReplaceAll(s, " ", "") }
				if !strings.HasPrefix(nospace(gv), nospace(wv)[:20]) || len(gv) < textLen-20 || len(gv) > textLen {
					t.Errorf("%s: feature %d property %q: %q is not the start of %q", what, i, k, gv, wv)
				}
				continue
			}
			if gv != wv {
				t.Errorf("%s: feature %d property %q = %q, want %q", what, i, k, gv, wv)
			}
		}
		wp, gp := firstPoint(w.Geometry), firstPoint(g.Geometry)
		if math.Abs(wp[0]-gp[0]) > tol || math.Abs(wp[1]-gp[1]) > tol {
			t.Errorf("%s: feature %d first position %v, want %v (±%g)", what, i, gp, wp, tol)
		}
		if t.Failed() {
			return
		}
	}
}

func firstPoint(g orb.Geometry) orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return g
	case orb.MultiPoint:
		return g[0]
	case orb.LineString:
		return g[0]
	case orb.MultiLineString:
		return g[0][0]
	case orb.Polygon:
		return g[0][0]
	case orb.MultiPolygon:
		return g[0][0][0]
	case orb.Collection:
		return firstPoint(g[0])
	}
	return orb.Point{math.NaN(), math.NaN()}
}

// zipDir zips the files of dir whose names start with stem.
func zipDir(t *testing.T, dir, stem, out string) {
	t.Helper()
	f, err := os.Create(out)
	require.NoError(t, err)
	zw := zip.NewWriter(f)
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), stem+".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		w, err := zw.Create("data/" + e.Name())
		require.NoError(t, err)
		_, err = w.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())
}

// TestReadWhatGDALWrites has ogr2ogr write embedded layers as KML,
// Shapefile (plain and zipped), GeoPackage and GeoJSONSeq, and reads them
// back: the same features with the same attributes as the GeoJSON.
func TestReadWhatGDALWrites(t *testing.T) {
	needGDAL(t)
	// Polygons with lists of strings (zones), lines with objects (routes),
	// points with text longer than a DBF cell (gold sites), a base layer of
	// multipolygons (countries): every kind of geometry and property the
	// embedded data has, in 5 of its files (each costs six ogr2ogr runs).
	srcs := []string{"../data/overlays/armed_groups.geojson", "../data/overlays/cocaine.geojson",
		"../data/overlays/gold_sites.geojson", "../data/overlays/migrants.hubs.geojson", "../data/base/countries.geojson"}
	dir := t.TempDir()
	for _, src := range srcs {
		stem := strings.TrimSuffix(filepath.Base(src), ".geojson")
		stem = strings.ReplaceAll(stem, ".", "_")
		want, err := ReadFile(src)
		require.NoError(t, err)

		kml := filepath.Join(dir, stem+".kml")
		ogr2ogr(t, "-f", "KML", kml, src)
		got, err := ReadFile(kml)
		require.NoError(t, err)
		sameFeatures(t, kml, want, got, 0, 0, 1e-9)
		for _, f := range got.Features {
			require.Equal(t, strings.TrimSuffix(filepath.Base(src), ".geojson"), f.Properties[PropFolder], "KML folder")
		}

		shp := filepath.Join(dir, stem+".shp")
		ogr2ogr(t, "-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", shp, src)
		got, err = ReadFile(shp)
		require.NoError(t, err)
		sameFeatures(t, shp, want, got, 10, 254, 1e-12)

		zipped := filepath.Join(dir, stem+".zip")
		zipDir(t, dir, stem, zipped)
		got, err = ReadFile(zipped)
		require.NoError(t, err)
		sameFeatures(t, zipped, want, got, 10, 254, 1e-12)

		gpkg := filepath.Join(dir, stem+".gpkg")
		ogr2ogr(t, "-f", "GPKG", gpkg, src)
		got, err = ReadFile(gpkg)
		require.NoError(t, err)
		sameFeatures(t, gpkg, want, got, 0, 0, 1e-12)

		seq := filepath.Join(dir, stem+".geojsonl")
		ogr2ogr(t, "-f", "GeoJSONSeq", seq, src)
		got, err = ReadFile(seq)
		require.NoError(t, err)
		sameFeatures(t, seq, want, got, 0, 0, 1e-7)
		seqRS := filepath.Join(dir, stem+".geojsons")
		ogr2ogr(t, "-f", "GeoJSONSeq", "-lco", "RS=YES", seqRS, src)
		got, err = ReadFile(seqRS)
		require.NoError(t, err)
		sameFeatures(t, seqRS, want, got, 0, 0, 1e-7)
	}
}

// TestReadShapefileUTM30N: a shapefile ogr2ogr reprojected to UTM zone 30N
// (EPSG:32630) comes back in longitude and latitude within 2 metres of the
// original, even 7° east of the zone's central meridian (the zones cover
// all of Mali's overlays: -3° ± 6° is west Mali, the zones reach 4.2°E).
func TestReadShapefileUTM30N(t *testing.T) {
	needGDAL(t)
	dir := t.TempDir()
	for _, src := range []string{"../data/overlays/migrants.hubs.geojson", "../data/overlays/armed_groups.geojson", "../data/overlays/places.geojson"} {
		want, err := ReadFile(src)
		require.NoError(t, err)
		shp := filepath.Join(dir, strings.ReplaceAll(filepath.Base(src), ".", "_")+".shp")
		ogr2ogr(t, "-t_srs", "EPSG:32630", "-f", "ESRI Shapefile", shp, src)
		prj, err := os.ReadFile(strings.TrimSuffix(shp, ".shp") + ".prj")
		require.NoError(t, err)
		require.Contains(t, string(prj), "UTM_Zone_30N")
		got, err := ReadFile(shp)
		require.NoError(t, err)
		require.Equal(t, len(want.Features), len(got.Features))
		for i, w := range want.Features {
			wp, gp := allPoints(w.Geometry), allPoints(got.Features[i].Geometry)
			require.Equal(t, len(wp), len(gp), "feature %d positions", i)
			for k := range wp {
				// Within the zone (central meridian 3°W, ±3° and a margin)
				// to 3 metres (1.0 m at Gao, 3° from the meridian); farther out the transverse Mercator series
				// lose accuracy (11 m at 4.2°E, 7° from the meridian; 26 m at
				// 12.2°W, 9° from it): 60 m, still well under a pixel at the
				// atlas's scales.
				tol := 3.0
				if math.Abs(wp[k][0]+3) > 3.5 {
					tol = 60
				}
				// The shapefile winds rings the other way: match each
				// position with the nearest one read.
				d := math.Inf(1)
				for _, q := range gp {
					dx := (wp[k][0] - q[0]) * math.Cos(wp[k][1]*math.Pi/180) * 111320
					dy := (wp[k][1] - q[1]) * 110574
					d = min(d, math.Hypot(dx, dy))
				}
				if d > tol {
					t.Fatalf("%s feature %d position %d %v: the nearest position read is %.2f m off (tolerance %g m)", shp, i, k, wp[k], d, tol)
				}
			}
		}
	}
	// Another CRS is refused naming it.
	shp := filepath.Join(dir, "lambert.shp")
	ogr2ogr(t, "-t_srs", "EPSG:2154", "-f", "ESRI Shapefile", shp, "../data/overlays/migrants.hubs.geojson")
	_, err := ReadFile(shp)
	require.Error(t, err)
	require.Contains(t, err.Error(), `"RGF_1993_Lambert_93" are not supported`)
	require.Contains(t, err.Error(), "lambert.prj")
}

func allPoints(g orb.Geometry) []orb.Point {
	var out []orb.Point
	switch g := g.(type) {
	case orb.Point:
		out = append(out, g)
	case orb.MultiPoint:
		out = append(out, g...)
	case orb.LineString:
		out = append(out, g...)
	case orb.Ring:
		out = append(out, g...)
	case orb.MultiLineString:
		for _, l := range g {
			out = append(out, l...)
		}
	case orb.Polygon:
		for _, r := range g {
			out = append(out, allPoints(r)...)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			out = append(out, allPoints(p)...)
		}
	case orb.Collection:
		for _, s := range g {
			out = append(out, allPoints(s)...)
		}
	}
	return out
}

// TestReadWebMercatorFromGDAL: a GeoPackage and a shapefile ogr2ogr wrote
// in Web Mercator (EPSG:3857) come back in degrees within a millimetre,
// with the same attributes.
func TestReadWebMercatorFromGDAL(t *testing.T) {
	needGDAL(t)
	const src = "../data/overlays/places.geojson"
	want, err := ReadFile(src)
	require.NoError(t, err)
	dir := t.TempDir()
	for _, out := range []string{filepath.Join(dir, "m.gpkg"), filepath.Join(dir, "m.shp")} {
		driver, keyLen, textLen := "GPKG", 0, 0
		if strings.HasSuffix(out, ".shp") {
			driver, keyLen, textLen = "ESRI Shapefile", 10, 254
		}
		args := []string{"-t_srs", "EPSG:3857", "-f", driver, out, src}
		if keyLen > 0 {
			args = append(args, "-lco", "ENCODING=UTF-8")
		}
		ogr2ogr(t, args...)
		got, err := ReadFile(out)
		require.NoError(t, err)
		sameFeatures(t, out, want, got, keyLen, textLen, 1e-8)
	}
}

// TestReadShapefileCP1252FromGDAL: a shapefile GDAL wrote in Windows-1252
// (its .cpg says so) comes back with the same French text.
func TestReadShapefileCP1252FromGDAL(t *testing.T) {
	needGDAL(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "synthetic.geojson")
	const text = "Ségou – l’été, 5 € (synthetic)"
	require.NoError(t, os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"`+text+`","n":3},"geometry":{"type":"Point","coordinates":[-6.26,13.43]}}]}`), 0o644))
	shp := filepath.Join(dir, "cp.shp")
	ogr2ogr(t, "-f", "ESRI Shapefile", "-lco", "ENCODING=CP1252", shp, src)
	cpg, err := os.ReadFile(filepath.Join(dir, "cp.cpg"))
	require.NoError(t, err)
	require.Contains(t, string(cpg), "1252")
	dbf, err := os.ReadFile(filepath.Join(dir, "cp.dbf"))
	require.NoError(t, err)
	require.NotContains(t, string(dbf), "é", "the table is not UTF-8")
	got, err := ReadFile(shp)
	require.NoError(t, err)
	require.Len(t, got.Features, 1)
	require.Equal(t, text, got.Features[0].Properties["name"])
	require.Equal(t, 3.0, got.Features[0].Properties["n"])
}
