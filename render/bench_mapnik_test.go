package render_test

import (
	"strings"
	"testing"

	"maliatlas/render"
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
	scene, visible := likeMapnikScene(b)
	benchRenderLoop(b, scene, visible)
}

// likeMapnikScene is benchScene with the ids of the layers the like-for-like
// comparison draws: mapnikLayers, then the bench layers.
func likeMapnikScene(b *testing.B) (*render.Scene, []string) {
	scene, all := benchScene(b)
	ids := append([]string{}, mapnikLayers...)
	for _, id := range all {
		if strings.HasPrefix(id, "bench-") {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		if scene.Catalog.Layer(id) == nil {
			b.Fatalf("no layer %q in the catalogue", id)
		}
	}
	return scene, ids
}

// BenchmarkRenderBenchSceneLikeMapnikLayer is BenchmarkRenderBenchSceneLikeMapnik
// one layer at a time (a sub-benchmark per layer, named by its id), to see
// which layer the render's CPU goes to. Run it with -cpu 1: the figures
// then add up to about the whole render's CPU on one core.
func BenchmarkRenderBenchSceneLikeMapnikLayer(b *testing.B) {
	scene, ids := likeMapnikScene(b)
	for _, id := range ids {
		b.Run(id, func(b *testing.B) { benchRenderLoop(b, scene, []string{id}) })
	}
}

// BenchmarkDrawLikeMapnik times scene.Draw alone into a Recording for the
// like-for-like layers and view of BenchmarkRenderBenchSceneLikeMapnik (no
// replay): the share of the render that goes to projecting points to device
// paths, culling, labels, markers and the recording. Run it with -cpu 1.
func BenchmarkDrawLikeMapnik(b *testing.B) {
	scene, visible := likeMapnikScene(b)
	benchDrawLoop(b, scene, visible, nil)
}
