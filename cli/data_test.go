package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/layers"
	"maliatlas/project"
)

// needGDAL skips a test when GDAL's tools are missing, unless CI is set:
// CI installs gdal-bin, so there they must run.
func needGDAL(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"ogrinfo", "ogr2ogr"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI is set but %s is not installed (apt-get install gdal-bin): %v", tool, err)
			}
			t.Skipf("%s not found: install gdal-bin to run the GDAL exchange tests (they run on CI)", tool)
		}
	}
}

// catalogueCounts parses "maliatlas layers": layer id → feature count.
func catalogueCounts(t *testing.T) (map[string]int, []string) {
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	code, out, errs := run("layers", "--lang", "en")
	require.Equal(t, 0, code, errs)
	counts := map[string]int{}
	var ids []string
	for _, line := range strings.Split(out, "\n")[1:] {
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		if l := cat.Layer(f[0]); l == nil || l.Basemap() {
			continue // the basemap is not exported by "all"
		}
		n, err := strconv.Atoi(f[3])
		require.NoError(t, err, line)
		counts[f[0]] = n
		ids = append(ids, f[0])
	}
	require.NotEmpty(t, ids)
	return counts, ids
}

var featureCount = regexp.MustCompile(`(?m)^Layer name: (.*)\n(?:.*\n)*?Feature Count: (\d+)`)

// ogrCounts runs ogrinfo on path: GDAL layer name → feature count.
func ogrCounts(t *testing.T, path string, opts ...string) map[string]int {
	t.Helper()
	args := append([]string{"-ro", "-so", "-al"}, opts...)
	out, err := exec.Command("ogrinfo", append(args, path)...).CombinedOutput()
	require.NoError(t, err, "ogrinfo %s\n%s", path, out)
	m := map[string]int{}
	for _, s := range featureCount.FindAllStringSubmatch(string(out), -1) {
		n, _ := strconv.Atoi(s[2])
		m[s[1]] = n
	}
	require.NotEmpty(t, m, "ogrinfo %s found no layer:\n%s", path, out)
	return m
}

// ogrFeatures has GDAL convert path (one layer of it, if given) to GeoJSON.
func ogrFeatures(t *testing.T, path string, opts ...string) []map[string]any {
	t.Helper()
	args := append([]string{"-f", "GeoJSON", "/vsistdout/", path}, opts...)
	out, err := exec.Command("ogr2ogr", args...).Output()
	require.NoError(t, err, "ogr2ogr %s", strings.Join(args, " "))
	var fc struct {
		Features []struct {
			ID         any            `json:"id"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	require.NoError(t, json.Unmarshal(out, &fc))
	props := make([]map[string]any, len(fc.Features))
	for i, f := range fc.Features {
		props[i] = f.Properties
		if _, ok := f.Properties["id"]; !ok && f.ID != nil {
			props[i]["id"] = f.ID // GDAL writes a field "id" as the feature's id
		}
	}
	return props
}

// norm is a value as text for comparison: objects and lists (GDAL reads
// them as JSON text) as canonical JSON.
func norm(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		var j any
		if s := strings.TrimSpace(x); (strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[")) && json.Unmarshal([]byte(s), &j) == nil {
			b, _ := json.Marshal(j)
			return string(b)
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// sameAttributes checks GDAL's reading of each feature of layer id against
// the catalogue's properties.
func sameAttributes(t *testing.T, what string, l *layers.Layer, got []map[string]any) {
	t.Helper()
	require.Equal(t, len(l.Features), len(got), "%s: %s: features", what, l.Spec.ID)
	for i, f := range l.Features {
		for k, v := range f.Props {
			if want := norm(v); want != "" && norm(got[i][k]) != want {
				t.Fatalf("%s: %s feature %d (%s) %q = %q, want %q", what, l.Spec.ID, i, f.ID, k, norm(got[i][k]), want)
			}
		}
	}
}

// TestDataExportReadByGDAL exports the whole atlas in every format and has
// GDAL read it back: ogrinfo finds as many features as "maliatlas layers"
// lists (per table for the GeoPackage, in all for the single-table
// formats, over the Folders for KML and KMZ), and ogr2ogr reads the same
// attributes as the catalogue holds.
func TestDataExportReadByGDAL(t *testing.T) {
	needGDAL(t)
	counts, ids := catalogueCounts(t)
	total := 0
	for _, n := range counts {
		total += n
	}
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	dir := t.TempDir()
	for _, ext := range []string{".gpkg", ".geojson", ".csv", ".kml", ".kmz"} {
		out := filepath.Join(dir, "atlas"+ext)
		code, stdout, errs := run("data", "export", "--layers", "all", "--out", out)
		require.Equal(t, 0, code, errs)
		assert.Contains(t, stdout, strconv.Itoa(total)+" feature(s)")
		switch ext {
		case ".gpkg":
			got := ogrCounts(t, out)
			require.Len(t, got, len(ids), "one table per layer: %v", got)
			for _, id := range ids {
				require.Equal(t, counts[id], got[id], "GeoPackage table %s", id)
				sameAttributes(t, out, cat.Layer(id), ogrFeatures(t, out, id))
			}
		case ".geojson", ".csv":
			var opts []string
			if ext == ".csv" {
				opts = []string{"-oo", "GEOM_POSSIBLE_NAMES=wkt", "-oo", "KEEP_GEOM_COLUMNS=NO"}
			}
			got := ogrCounts(t, out, opts...)
			require.Len(t, got, 1)
			for _, n := range got {
				require.Equal(t, total, n, "%s features", out)
			}
			all := ogrFeatures(t, out, opts...)
			for _, id := range ids {
				var mine []map[string]any
				for _, p := range all {
					if p["layer"] == id {
						mine = append(mine, p)
					}
				}
				sameAttributes(t, out, cat.Layer(id), mine)
			}
		case ".kml", ".kmz":
			got := ogrCounts(t, out)
			n := 0
			for _, c := range got {
				n += c
			}
			require.Equal(t, total, n, "%s: features over all folders %v", out, got)
			for _, id := range ids {
				_, ok := got[cat.Layer(id).Title("en")]
				require.True(t, ok, "%s: no folder %q", out, cat.Layer(id).Title("en"))
			}
			// Attributes of a layer without categories (one folder).
			sameAttributes(t, out, cat.Layer("rivers"), ogrFeatures(t, out, cat.Layer("rivers").Title("en")))
		}
	}
}

// TestDataExportProjectLayers: a project's imported layer and its
// annotations are exported with the period's features.
func TestDataExportProjectLayers(t *testing.T) {
	dir := t.TempDir()
	p := &project.Project{Schema: project.Schema, Version: project.Version, Lang: "en",
		Imports: []project.Import{{ID: "import1-sites", Title: "sites.geojson",
			GeoJSON: json.RawMessage(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Synthetic site A","n":3},"geometry":{"type":"Point","coordinates":[-4.2,14.5]}}]}`)}},
		Annotations: []project.Annotation{
			{ID: "a1", Kind: project.KindArea, Points: [][2]float64{{-5, 14}, {-4, 14}, {-4, 15}, {-5, 14}}, Color: "#ff0000", Fill: "#ff000040", Text: "synthetic area"},
			{ID: "a2", Kind: project.KindCircle, Points: [][2]float64{{-3, 16}}, RadiusKm: 50, Color: "#0000ff"},
			{ID: "a3", Kind: project.KindMarker, Points: [][2]float64{{-8, 12.6}}, Text: "synthetic marker", Note: "a note"},
		}}
	pp := filepath.Join(dir, "p.matlas")
	require.NoError(t, project.Save(pp, p))
	out := filepath.Join(dir, "p.geojson")
	code, stdout, errs := run("data", "export", "--project", pp, "--layers", "import1-sites,annotations,cocaine", "--period", "2024", "--out", out)
	require.Equal(t, 0, code, errs)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	var fc struct {
		Features []struct {
			ID         any            `json:"id"`
			Properties map[string]any `json:"properties"`
			Geometry   struct {
				Type string `json:"type"`
			} `json:"geometry"`
		} `json:"features"`
	}
	require.NoError(t, json.Unmarshal(b, &fc))
	byLayer := map[string]int{}
	for _, f := range fc.Features {
		byLayer[f.Properties["layer"].(string)]++
	}
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	want2024 := 0
	for _, f := range cat.Layer("cocaine").Features {
		if f.Period.Overlaps(layers.Period{From: 2024, To: 2024}) {
			want2024++
		}
	}
	assert.Equal(t, map[string]int{"import1-sites": 1, "annotations": 3, "cocaine": want2024}, byLayer, stdout)
	for _, f := range fc.Features {
		if f.ID == "a2" {
			assert.Equal(t, "Polygon", f.Geometry.Type, "a circle is exported as a polygon")
		}
	}

	// Unknown layers and formats are refused with the reason.
	code, _, errs = run("data", "export", "--layers", "nope", "--out", filepath.Join(dir, "x.kml"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `no layer "nope"`)
	code, _, errs = run("data", "export", "--out", filepath.Join(dir, "x.shp"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `cannot write ".shp" files`)
	code, _, errs = run("data", "export", "--layers", "annotations", "--out", filepath.Join(dir, "x.kml"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "give --project")
}

// TestCheckAndAddReadExchangeFormats: check places a KML problem and
// passes a good KMZ; export --add draws a KML layer.
func TestCheckAndAddReadExchangeFormats(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.kml")
	require.NoError(t, os.WriteFile(bad, []byte("<kml><Placemark>\n<Point><coordinates>-8,95</coordinates></Point></Placemark></kml>"), 0o644))
	code, out, _ := run("check", bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, bad+`:2:21: feature 0: coordinate "-8,95": latitude 95 is outside -90..90`)

	kmz := filepath.Join(dir, "routes.kmz")
	code, _, errs := run("data", "export", "--layers", "cocaine", "--out", kmz)
	require.Equal(t, 0, code, errs)
	code, out, errs = run("check", kmz)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "1 file(s): ok")

	png := filepath.Join(dir, "m.png")
	code, _, errs = run("export", "--add", kmz, "--size", "400x300", "--out", png)
	require.Equal(t, 0, code, errs)
	fi, err := os.Stat(png)
	require.NoError(t, err)
	assert.Greater(t, fi.Size(), int64(1000))
}
