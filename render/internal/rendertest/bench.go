package rendertest

import (
	"os"
	"path/filepath"
	"testing"

	"maliatlas/geo"
	"maliatlas/layers"
)

// BenchDir is the shared benchmark scene (20k events, 1k routes, 200 zones)
// seen from a package up steps below the module root;
// MALIATLAS_BENCH_SCENE names another folder (make bench's 10× scene).
func BenchDir(up int) string {
	if d := os.Getenv("MALIATLAS_BENCH_SCENE"); d != "" {
		return d
	}
	parts := []string{}
	for range up + 1 {
		parts = append(parts, "..")
	}
	return filepath.Join(append(parts, "shared", "bench")...)
}

// AddBenchScene adds the bench layers of dir (zones, routes, events) to cat
// as user layers, drawn over the base layers as `maliatlas export --add …`
// does, and returns the catalogue's default layers plus theirs. Without the
// scene the benchmark is skipped.
func AddBenchScene(tb testing.TB, cat *layers.Catalog, dir string) []string {
	tb.Helper()
	visible := cat.DefaultVisible()
	for i, name := range []string{"zones", "routes", "events"} {
		p := filepath.Join(dir, name+".geojson")
		f, err := os.Open(p)
		if err != nil {
			tb.Skipf("bench scene not available: %v", err)
		}
		fc, err := geo.ReadFeatureCollection(p, f)
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
		cat.AddUserLayer("bench-"+name, name, fc, i)
		visible = append(visible, "bench-"+name)
	}
	return visible
}
