package mapframe

import (
	"os"
	"testing"
)

// BenchmarkPanFrame1080pScaledScene is BenchmarkPanFrame1080p on the scene
// folder MALIATLAS_BENCH_SCENE names: make bench's 10× scene (200,000
// events, 10,000 routes, 2,000 zones, made by ../shared/bench/make_scene.py
// with EVENTS= ROUTES= ZONES=) or the 50× one (issue #13: ≤ 16 ms a frame at
// 10×, ≤ 50 ms at 50×). Skipped without the variable (the 1× scene is
// BenchmarkPanFrame1080p's).
//
//	MALIATLAS_BENCH_SCENE=$PWD/out/bench10x go test ./render/mapframe -run '^$' -bench ScaledScene
func BenchmarkPanFrame1080pScaledScene(b *testing.B) {
	dir := os.Getenv("MALIATLAS_BENCH_SCENE")
	if dir == "" {
		b.Skip("MALIATLAS_BENCH_SCENE is not set (a folder of zones, routes and events made by make_scene.py)")
	}
	s, o := benchOptionsIn(b, dir)
	benchPan(b, s, o)
}
