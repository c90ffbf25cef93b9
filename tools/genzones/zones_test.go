package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maliatlas/internal/testutil"
)

const (
	sampleCercles = "testdata/cercles_sample.geojson"
	sampleRegions = "testdata/regions_sample.geojson"
	sampleSpec    = "testdata/spec.json"
	sharedGeo     = "../../../shared/geodata"
	repoSpec      = "../../data/src/zones.json"
	repoOut       = "../../data/overlays/armed_groups.geojson"
	repoSources   = "../../data/sources.json"
)

func loadSample(t testing.TB) (map[string]*Unit, map[string]*Unit) {
	t.Helper()
	c, err := LoadUnits(sampleCercles, "ADM2_PCODE", "ADM2_FR", "ADM1_PCODE")
	if err != nil {
		t.Fatal(err)
	}
	r, err := LoadUnits(sampleRegions, "pcode", "name_fr", "")
	if err != nil {
		t.Fatal(err)
	}
	return c, r
}

func buildSample(t *testing.T) []Built {
	t.Helper()
	c, r := loadSample(t)
	spec, err := LoadSpec(sampleSpec)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := Build(sampleSpec, spec, c, r)
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

func areaOf(ps []Polygon) float64 {
	var a float64
	for _, p := range ps {
		a += PolygonAreaKm2(p)
	}
	return a
}

// cercleArea is the sum of the areas of the named cercles, each oriented.
func cercleArea(t testing.TB, cercles map[string]*Unit, pcs []string) float64 {
	var a float64
	for _, pc := range pcs {
		for _, p := range cercles[pc].Parts {
			op, ok := orient(p)
			if !ok {
				t.Fatalf("cercle %s: degenerate polygon", pc)
			}
			a += PolygonAreaKm2(op)
		}
	}
	return a
}

func TestSampleZonesDissolve(t *testing.T) {
	cercles, _ := loadSample(t)
	bs := buildSample(t)
	want := map[string]struct{ polys, holes int }{
		"t-menaka-region": {1, 0},
		"t-gao-ansongo":   {1, 0},
		"t-kati-bamako":   {1, 0}, // Bamako fills Kati's hole
		"t-kati":          {1, 1}, // Kati alone has Bamako as a hole
		"t-apart":         {2, 0}, // Bourem and Anderamboukane do not touch
		"t-town":          {1, 0},
	}
	for _, b := range bs {
		w, ok := want[b.Zone.ID]
		if !ok {
			t.Errorf("unexpected zone %q", b.Zone.ID)
			continue
		}
		if !b.Clean {
			t.Errorf("%s: fell back: %s", b.Zone.ID, b.Reason)
		}
		holes := 0
		for _, p := range b.Polygons {
			holes += len(p) - 1
		}
		if len(b.Polygons) != w.polys || holes != w.holes {
			t.Errorf("%s: %d polygons with %d holes, want %d with %d", b.Zone.ID, len(b.Polygons), holes, w.polys, w.holes)
		}
		if b.Zone.Around != nil {
			continue
		}
		got, sum := areaOf(b.Polygons), cercleArea(t, cercles, b.Cercles)
		if math.Abs(got-sum)/sum > 1e-3 {
			t.Errorf("%s: dissolved area %.1f km², cercles sum to %.1f km²", b.Zone.ID, got, sum)
		}
	}
	// The region expands to its four cercles.
	for _, b := range bs {
		if b.Zone.ID == "t-menaka-region" && strings.Join(b.Cercles, ",") != "ML1001,ML1002,ML1003,ML1004" {
			t.Errorf("region ML10 expanded to %v", b.Cercles)
		}
	}
}

func TestSampleGolden(t *testing.T) {
	got, err := Encode(buildSample(t))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "sample.geojson", got)
	checkVertices(t, got)
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name), got)
}

// checkVertices parses GeoJSON output and checks that it is a valid
// FeatureCollection whose every vertex lies in the map extent and whose
// GeoJSON id equals properties.id.
func checkVertices(t *testing.T, data []byte) {
	t.Helper()
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
			Geometry   struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
		t.Fatalf("want a non-empty FeatureCollection")
	}
	prev := ""
	for _, f := range fc.Features {
		if f.ID != f.Properties["id"] {
			t.Errorf("feature id %q != properties.id %v", f.ID, f.Properties["id"])
		}
		if f.ID <= prev {
			t.Errorf("features not sorted by id: %q after %q", f.ID, prev)
		}
		prev = f.ID
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
				t.Fatal(err)
			}
			polys = append(polys, p)
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("%s: geometry %q", f.ID, f.Geometry.Type)
		}
		for _, p := range polys {
			for _, r := range p {
				if len(r) < 4 || r[0] != r[len(r)-1] {
					t.Errorf("%s: ring not closed or too short", f.ID)
				}
				for _, v := range r {
					if v[0] < -18 || v[0] > 10 || v[1] < 4 || v[1] > 27 {
						t.Errorf("%s: vertex %v outside lon -18..10, lat 4..27", f.ID, v)
					}
				}
			}
		}
	}
}

func TestCheckExtentRejectsOutside(t *testing.T) {
	b := Built{Zone: Zone{Props: Props{ID: "far"}}, Polygons: []Polygon{{Circle(9.99, 12, 20)}}}
	if err := CheckExtent([]Built{b}); err == nil || !strings.Contains(err.Error(), `"far"`) {
		t.Errorf("want an error naming zone far, got %v", err)
	}
	b.Polygons = []Polygon{{Circle(9.5, 12, 20)}}
	if err := CheckExtent([]Built{b}); err != nil {
		t.Errorf("circle inside the extent rejected: %v", err)
	}
}

func TestSpecErrorsNameTheFileAndPlace(t *testing.T) {
	good, err := os.ReadFile(sampleSpec)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, in, want string }{
		{"syntax", "{\"zones\": [\n  {\"id\": \"a\",,}\n]}", "spec.json:2:"},
		{"unknown field", strings.Replace(string(good), `"kind"`, `"knd"`, 1), "spec.json:"},
		{"not approximate", strings.Replace(string(good), `"approximate": true`, `"approximate": false`, 1), `(id "t-menaka-region"): approximate must be true`},
		{"bad confidence", strings.Replace(string(good), `"confidence": "reported"`, `"confidence": "likely"`, 1), `confidence "likely"`},
		{"bad category", strings.Replace(string(good), `"category": "jnim"`, `"category": "bandits"`, 1), `unknown category "bandits"`},
		{"duplicate", strings.Replace(string(good), `"t-kati"`, `"t-kati-bamako"`, 1), "duplicate id"},
	} {
		_, err := ParseSpec("spec.json", []byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: want error containing %q, got %v", c.name, c.want, err)
		}
	}
	c, r := loadSample(t)
	spec, err := ParseSpec("spec.json", bytes.Replace(good, []byte(`"ML0703"`), []byte(`"ML9999"`), 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build("spec.json", spec, c, r); err == nil || !strings.Contains(err.Error(), `spec.json: zone 1 (id "t-gao-ansongo"): unknown cercle P-code "ML9999"`) {
		t.Errorf("unknown cercle: got %v", err)
	}
}

// TestSharedCerclesDissolveCleanly dissolves every region and the whole
// country from the full OCHA file, when ../shared is present.
func TestSharedCerclesDissolveCleanly(t *testing.T) {
	cercles, err := LoadUnits(filepath.Join(sharedGeo, "mali_admin2_ocha2021.geojson"), "ADM2_PCODE", "ADM2_FR", "ADM1_PCODE")
	if os.IsNotExist(err) {
		t.Skip("shared geodata not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	regions, err := LoadUnits(filepath.Join(sharedGeo, "mali_admin1_ocha2021.geojson"), "pcode", "name_fr", "")
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string][]string{"country": sortedKeys(cercles)}
	for rc := range regions {
		groups[rc] = cerclesOf(cercles, rc)
	}
	for name, pcs := range groups {
		var parts []Polygon
		for _, pc := range pcs {
			parts = append(parts, cercles[pc].Parts...)
		}
		d := Dissolve(parts)
		if !d.Clean {
			t.Errorf("%s: fell back: %s", name, d.Reason)
			continue
		}
		got, sum := areaOf(d.Polygons), cercleArea(t, cercles, pcs)
		if math.Abs(got-sum)/sum > 1e-3 {
			t.Errorf("%s: dissolved %.0f km², cercles %.0f km²", name, got, sum)
		}
		if name == "country" {
			if len(d.Polygons) != 1 || len(d.Polygons[0]) != 1 {
				t.Errorf("Mali dissolves to %d polygons, first with %d rings; want one ring", len(d.Polygons), len(d.Polygons[0]))
			}
			// Mali is about 1.24 million km².
			if got < 1.2e6 || got > 1.3e6 {
				t.Errorf("Mali area %.0f km²", got)
			}
		}
	}
}

// TestRepoSpec checks data/src/zones.json: it parses, cites only known
// source keys, and (with ../shared present) the committed overlay is what
// the generator makes from it now.
func TestRepoSpec(t *testing.T) {
	spec, err := LoadSpec(repoSpec)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(repoSources)
	if err != nil {
		t.Fatal(err)
	}
	var reg struct {
		Sources []struct{ Key string } `json:"sources"`
	}
	if err := json.Unmarshal(b, &reg); err != nil {
		t.Fatalf("%s: %v", repoSources, err)
	}
	keys := map[string]bool{}
	for _, s := range reg.Sources {
		keys[s.Key] = true
	}
	for _, z := range spec.Zones {
		for _, s := range z.Sources {
			if s.Key != "" && !keys[s.Key] {
				t.Errorf("%s: zone %q cites unknown source key %q", repoSpec, z.ID, s.Key)
			}
		}
	}
	cercles, err := LoadUnits(filepath.Join(sharedGeo, "mali_admin2_ocha2021.geojson"), "ADM2_PCODE", "ADM2_FR", "ADM1_PCODE")
	if os.IsNotExist(err) {
		t.Skip("shared geodata not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	regions, err := LoadUnits(filepath.Join(sharedGeo, "mali_admin1_ocha2021.geojson"), "pcode", "name_fr", "")
	if err != nil {
		t.Fatal(err)
	}
	bs, err := Build(repoSpec, spec, cercles, regions)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if !b.Clean {
			t.Errorf("%s: fell back: %s", b.Zone.ID, b.Reason)
		}
	}
	got, err := Encode(bs)
	if err != nil {
		t.Fatal(err)
	}
	checkVertices(t, got)
	committed, err := os.ReadFile(repoOut)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		t.Errorf("%s is stale: run make data (or go run ./tools/genzones ...)", repoOut)
	}
}

func TestRunWritesOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "zones.geojson")
	var log bytes.Buffer
	if err := run(sampleCercles, sampleRegions, sampleSpec, out, &log); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "5 of 5 cercle zones dissolved cleanly") {
		t.Errorf("log does not report the clean count:\n%s", log.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Encode(buildSample(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("run output differs from Encode(Build(...))")
	}
}
