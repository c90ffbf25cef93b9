package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func TestNormRef(t *testing.T) {
	for in, want := range map[string]string{"RN 16": "RN16", "RN16": "RN16", "RN16;N16": "RN16", "N 1, A2": "N1", "RNIE 1": "RNIE1", "Route X": "Route X", "": ""} {
		if got := normRef(in); got != want {
			t.Errorf("normRef(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLatinName(t *testing.T) {
	for in, want := range map[string]string{"Tin Zaouatine تين ظواتين": "Tin Zaouatine", "Ménaka": "Ménaka", "تين": ""} {
		if got := latinName(in); got != want {
			t.Errorf("latinName(%q) = %q, want %q", in, got, want)
		}
	}
}

// Lines whose ends meet are joined into one.
func TestChain(t *testing.T) {
	g := chain(orb.MultiLineString{{{2, 0}, {3, 0}}, {{0, 0}, {1, 0}}, {{1, 0}, {2, 0}}, {{5, 5}, {6, 6}}})
	ml, ok := g.(orb.MultiLineString)
	if !ok || len(ml) != 2 {
		t.Fatalf("%v: want two lines", g)
	}
	total := 0
	for _, ls := range ml {
		total += len(ls)
	}
	if total != 6 { // 0-1-2-3 (the 1-2-3 piece follows its start) and 5-6
		t.Errorf("%v: %d points", ml, total)
	}
}

// Rings left with fewer than three corners go, and so does a polygon whose
// outer ring went.
func TestCleanPolys(t *testing.T) {
	good := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}
	flat := orb.Ring{{0, 0}, {1, 0}, {0, 0}}
	if g := cleanPolys(orb.Polygon{flat, good}); g != nil {
		t.Errorf("a polygon with a flat outer ring: %v", g)
	}
	if g := cleanPolys(orb.Polygon{good, flat}); len(g.(orb.Polygon)) != 1 {
		t.Errorf("the flat hole is kept: %v", g)
	}
	if g := cleanPolys(orb.MultiPolygon{{flat}, {good}}); len(g.(orb.MultiPolygon)) != 1 {
		t.Errorf("%v", g)
	}
}

// The borders inside the extent leave out the edges where the countries
// were cut, and keep the rest.
func TestBordersLeaveOutTheClipEdges(t *testing.T) {
	fc := read2(t)
	out := bordersInBox(fc)
	for _, f := range out.Features {
		for _, ls := range f.Geometry.(orb.MultiLineString) {
			for i := 1; i < len(ls); i++ {
				a, b := ls[i-1], ls[i]
				if a[0] == b[0] && (a[0] == extent.Min[0] || a[0] == extent.Max[0]) ||
					a[1] == b[1] && (a[1] == extent.Min[1] || a[1] == extent.Max[1]) {
					t.Fatalf("%v: a segment %v–%v on the extent's edge", f.Properties["name_en"], a, b)
				}
			}
		}
	}
	if len(out.Features) < 15 {
		t.Errorf("%d countries with borders", len(out.Features))
	}
}

const shared = "../../../shared/geodata"

func read2(t *testing.T) *geojson.FeatureCollection {
	t.Helper()
	fc, err := read(filepath.Join(shared, "countries_context_ne10m.geojson"))
	if err != nil {
		t.Skip("no shared geodata:", err)
	}
	return fc
}

// The committed data/basemap is what the generator makes now, byte for byte
// (run `make data` after changing it).
func TestCommittedBasemapIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if _, err := os.Stat(filepath.Join(shared, "basemap")); err != nil {
		t.Skip("no shared geodata:", err)
	}
	files, err := generate(shared, filepath.Join("..", "..", "data", "src"))
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range files {
		path := filepath.Join("..", "..", "data", "basemap", name)
		want, err := os.ReadFile(path)
		if err == nil && bytes.Equal(got, want) {
			continue
		}
		fail := filepath.Join("testdata", "failures", name)
		_ = os.MkdirAll(filepath.Dir(fail), 0o755)
		_ = os.WriteFile(fail, got, 0o644)
		t.Errorf("%s is not the generator's output (actual output in %s; run make data)", path, fail)
	}
}
