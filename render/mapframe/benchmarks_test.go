package mapframe

import (
	"image/color"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/render"
	"maliatlas/render/internal/rendertest"
)

// benchOptions is the embedded catalogue (every default basemap layer on)
// plus the shared bench scene (200 zones, 1,000 routes, 20,000 events), and
// the options of a 1920×1080 view over the whole extent.
func benchOptions(b *testing.B) (*render.Scene, render.Options) {
	return benchOptionsIn(b, filepath.Join("..", "..", "..", "shared", "bench"))
}

// benchOptionsIn is benchOptions with the bench layers of the folder dir.
func benchOptionsIn(b *testing.B, dir string) (*render.Scene, render.Options) {
	b.Helper()
	s := scene(b)
	visible := rendertest.AddBenchScene(b, s.Catalog, dir)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-18, 4}, Max: orb.Point{10, 27}}, 1920, 1080, 1, 0)
	return s, render.Options{View: v, Lang: "en", Visible: visible, Background: color.NRGBA{214, 228, 236, 255}}
}

// benchPan times pan frames of s from o: the last picture shifted, the
// exposed strips drawn, the labels drawn again.
func benchPan(b *testing.B, s *render.Scene, o render.Options) {
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

// zoomStep is the zoom factor of frame i of the zoom benchmarks: in and out
// by a quarter level in turn.
func zoomStep(i int) float64 {
	if i%2 == 1 {
		return 1 / 1.19
	}
	return 1.19
}

// BenchmarkPanFrame1080p is one frame of a drag at 1920×1080 over the whole
// extent with the bench scene and every default basemap layer: the last
// picture shifted, the exposed strips drawn, the labels drawn again.
func BenchmarkPanFrame1080p(b *testing.B) {
	s, o := benchOptions(b)
	benchPan(b, s, o)
}

// BenchmarkZoomFrame1080p is the full redraw after a zoom step (in and out by
// a quarter level in turn, around the centre) of the same scene.
func BenchmarkZoomFrame1080p(b *testing.B) {
	s, o := benchOptions(b)
	var c Cache
	c.Frame(s, o, 1, nil)
	b.ResetTimer()
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		o.View = o.View.ZoomAround(960, 540, zoomStep(i))
		c.Frame(s, o, 1, nil)
	}
}

// BenchmarkColdStartFirstFrame is what the window does before its first
// frame: load the embedded catalogue (every basemap container decoded),
// prepare the scene and draw the whole extent at 1280×800.
func BenchmarkColdStartFirstFrame(b *testing.B) {
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		s := scene(b)
		v := geo.FitBound(orb.Bound{Min: orb.Point{-12.5, 10}, Max: orb.Point{4.5, 25}}, 1280, 800, 1, 0)
		var c Cache
		c.Frame(s, render.Options{View: v, Lang: "en", Background: color.NRGBA{214, 228, 236, 255}}, 1, nil)
	}
}

// BenchmarkZoomFrameRecording1080p is the sequential part of
// BenchmarkZoomFrame1080p: drawing the map and then its labels into
// recordings (one goroutine), without replaying them into the picture.
// The idle two-core wall time of a zoom frame is about this plus half the
// rest of the zoom frame's CPU time.
func BenchmarkZoomFrameRecording1080p(b *testing.B) {
	s, o := benchOptions(b)
	var c Cache
	c.Frame(s, o, 1, nil)
	b.ResetTimer()
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		o.View = o.View.ZoomAround(960, 540, zoomStep(i))
		base := o
		base.NoLabels = true
		base.RasterTarget = true
		var rec render.Recording
		s.Draw(&rec, &base)
		labels := o
		labels.LabelsOnly = true
		var lrec render.Recording
		s.Draw(&lrec, &labels)
	}
}
