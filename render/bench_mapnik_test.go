package render_test

import (
	"image"
	"strings"
	"testing"

	"maliatlas/geo"
	"maliatlas/render"
	"maliatlas/render/export"
)

// mapnikLayers are the base layers tools/mapnikbench/render_scene.py draws
// under the bench scene: the like-for-like comparison draws these and the
// bench layers, and no basemap (issue #13).
var mapnikLayers = []string{"countries", "regions", "rivers", "towns"}

// BenchmarkRenderBenchSceneLikeMapnik is BenchmarkRenderBenchScene with the
// layers Mapnik draws only (countries, regions, rivers, towns and the bench
// zones, routes and events, as `maliatlas export --base none --layers
// countries,regions,rivers,towns --add …`): the render that make bench
// compares with Mapnik's. It reports cpu-ns/op beside the wall time.
func BenchmarkRenderBenchSceneLikeMapnik(b *testing.B) {
	scene, all := benchScene(b)
	visible := append([]string{}, mapnikLayers...)
	for _, id := range all {
		if strings.HasPrefix(id, "bench-") {
			visible = append(visible, id)
		}
	}
	for _, id := range visible {
		if scene.Catalog.Layer(id) == nil {
			b.Fatalf("no layer %q in the catalogue", id)
		}
	}
	v := geo.FitBound(malibench, 1920, 1080, 1, 0)
	o := render.Options{View: v, Lang: "en", Visible: visible}
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	var rec render.Recording
	scene.Draw(&rec, &o) // projects every feature once, as the app does at start
	b.ResetTimer()
	b.ReportAllocs()
	cpu0 := cpuNanos()
	for i := 0; i < b.N; i++ {
		var rec render.Recording
		scene.Draw(&rec, &o)
		export.ReplayParallel(&rec, img)
	}
	if cpu := cpuNanos() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}
}
