package mapframe

import (
	"image/color"
	"os"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/render"
	"maliatlas/render/internal/rendertest"
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
	s := scene(b)
	visible := rendertest.AddBenchScene(b, s.Catalog, dir)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-18, 4}, Max: orb.Point{10, 27}}, 1920, 1080, 1, 0)
	o := render.Options{View: v, Lang: "en", Visible: visible, Background: color.NRGBA{214, 228, 236, 255}}
	var c Cache
	c.Frame(s, o, 1, nil)
	c.Frame(s, o, 1, nil)
	steps := [][2]float64{{14, 6}, {9, -11}, {-13, 8}, {-10, -3}}
	b.ResetTimer()
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		d := steps[i%len(steps)]
		o.View = o.View.Pan(d[0], d[1])
		c.Frame(s, o, 1, nil)
		if !c.Reused {
			b.Fatal("a pan frame was drawn anew")
		}
	}
}
