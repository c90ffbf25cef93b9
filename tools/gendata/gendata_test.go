package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	orbgeo "github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"

	"maliatlas/geo"
)

const src = "../../../shared/geodata"

func generated(t *testing.T) map[string][]byte {
	t.Helper()
	if _, err := os.Stat(src); err != nil {
		t.Skip("no shared geodata:", err)
	}
	files, err := generate(src)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func parse(t *testing.T, name string, b []byte) *geojson.FeatureCollection {
	t.Helper()
	fc, err := geo.ReadFeatureCollection(name, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return fc
}

// The committed data/base is what the generator makes now, byte for byte;
// run `make data` (or go run ./tools/gendata) after changing it.
func TestCommittedOutputIsCurrent(t *testing.T) {
	files := generated(t)
	if len(files) != 5 {
		t.Fatalf("%d files", len(files))
	}
	for name, got := range files {
		path := filepath.Join("..", "..", "data", "base", name)
		want, err := os.ReadFile(path)
		if err == nil && bytes.Equal(got, want) {
			continue
		}
		fail := filepath.Join("testdata", "failures", name)
		_ = os.MkdirAll(filepath.Dir(fail), 0o755)
		_ = os.WriteFile(fail, got, 0o644)
		t.Errorf("%s is not the generator's output (actual output in %s; run make data)", path, fail)
	}
	// Deterministic: a second run gives the same bytes.
	again, _ := generate(src)
	for name := range files {
		if !bytes.Equal(files[name], again[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// Region areas (spherical, orb/geo.Area) stay within 1 % of the input.
func TestRegionAreasKept(t *testing.T) {
	files := generated(t)
	out := parse(t, "regions.geojson", files["regions.geojson"])
	b, err := os.ReadFile(filepath.Join(src, inRegions))
	if err != nil {
		t.Fatal(err)
	}
	in := parse(t, inRegions, b)
	inArea := map[string]float64{}
	for _, f := range in.Features {
		inArea[f.Properties["pcode"].(string)] = orbgeo.Area(f.Geometry)
	}
	for _, f := range out.Features {
		pc := f.Properties["pcode"].(string)
		a, want := orbgeo.Area(f.Geometry), inArea[pc]
		if want == 0 || math.Abs(a-want)/want > 0.01 {
			t.Errorf("%s: area %.0f km², input %.0f km²", pc, a/1e6, want/1e6)
		}
	}
}

func TestEveryFeatureHasIDAndNames(t *testing.T) {
	files := generated(t)
	ids := map[string]string{}
	for name, b := range files {
		for i, f := range parse(t, name, b).Features {
			id, _ := f.ID.(string)
			if id == "" || f.Properties["id"] != id {
				t.Errorf("%s feature %d: id %v, properties.id %v", name, i, f.ID, f.Properties["id"])
			}
			if other, dup := ids[id]; dup {
				t.Errorf("id %s in %s and %s", id, other, name)
			}
			ids[id] = name
			if s, _ := f.Properties["name_fr"].(string); s == "" {
				t.Errorf("%s feature %s: no name_fr", name, id)
			}
		}
	}
}

// The accent table is keyed by plain ASCII and each entry folds back to its
// key (or is the Baraouéli correction), so no entry can silently miss.
func TestCercleNameTable(t *testing.T) {
	for k, v := range cercleName {
		if ascii(k) != k {
			t.Errorf("key %q is not plain ASCII", k)
		}
		if ascii(v) != k && k != "Baraoueli" {
			t.Errorf("%q → %q changes more than accents", k, v)
		}
	}
	files := generated(t)
	for _, f := range parse(t, "cercles.geojson", files["cercles.geojson"]).Features {
		name := f.Properties["name_fr"].(string)
		if f.Properties["name_ascii"] != ascii(name) || strings.ContainsAny(ascii(name), "éèêëàâïîôöùûüç") {
			t.Errorf("cercle %s: name_ascii %v", name, f.Properties["name_ascii"])
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Ségou": "segou", "Nioro du Sahel": "nioro-du-sahel", "Bafing (Senegal headwater)": "bafing-senegal-headwater",
		"Porto-Novo": "porto-novo", "Abeïbara": "abeibara",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
