package render_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"maliatlas/cli"
	"maliatlas/events"
	"maliatlas/events/synth"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/render"
	"maliatlas/render/export"
	"maliatlas/render/internal/rendertest"
	"maliatlas/render/mapframe"
	"maliatlas/render/pngenc"
	"maliatlas/render/raster"
)

// benchDir is the shared benchmark scene (20k events, 1k routes, 200 zones);
// MALIATLAS_BENCH_SCENE names another folder (make bench's 10× scene).
var benchDir = rendertest.BenchDir(1)

// benchScene loads the embedded catalogue plus the bench layers, drawn over all
// the base layers as `maliatlas export --add …` does.
func benchScene(b *testing.B) (*render.Scene, []string) {
	b.Helper()
	scene, err := cli.LoadScene()
	if err != nil {
		b.Fatal(err)
	}
	return scene, rendertest.AddBenchScene(b, scene.Catalog, benchDir)
}

var malibench = orb.Bound{Min: orb.Point{-18, 4}, Max: orb.Point{10, 27}}

// BenchmarkRenderBenchScene is the full map render of the bench scene at
// 1920×1080 over the Mali extent: draw into a recording, then replay it into
// bands on every core, as the app and the PNG export do. Compare with Mapnik
// (make bench prints the ratio). Beside the wall time per render it reports
// cpu-ns/op, the CPU time of the whole process (every core, the garbage
// collector included) per render: what make bench compares with Mapnik's.
func BenchmarkRenderBenchScene(b *testing.B) {
	scene, visible := benchScene(b)
	benchRenderLoop(b, scene, visible)
}

// benchRenderLoop times drawing the layers visible of scene at 1920×1080
// over the Mali extent into a recording and replaying it into bands on every
// core, and reports cpu-ns/op beside the wall time.
func benchRenderLoop(b *testing.B, scene *render.Scene, visible []string) {
	benchDrawLoop(b, scene, visible, image.NewRGBA(image.Rect(0, 0, 1920, 1080)))
}

// benchDrawLoop is benchRenderLoop replaying into img, or only drawing into
// the recording when img is nil. Each recording is released once done, as
// the app's frames (render/mapframe) do.
func benchDrawLoop(b *testing.B, scene *render.Scene, visible []string, img *image.RGBA) {
	v := geo.FitBound(malibench, 1920, 1080, 1, 0)
	o := render.Options{View: v, Lang: "en", Visible: visible}
	var rec render.Recording
	scene.Draw(&rec, &o) // projects every feature once, as the app does at start
	b.ResetTimer()
	b.ReportAllocs()
	cpu0 := cpuNanos()
	for i := 0; i < b.N; i++ {
		var rec render.Recording
		scene.Draw(&rec, &o)
		if img != nil {
			export.ReplayParallel(&rec, img)
		}
		rec.Release()
	}
	if cpu := cpuNanos() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkProjectBenchScene projects every vertex of the bench scene and the
// base layers to Web Mercator (what a Scene does once per layer).
func BenchmarkProjectBenchScene(b *testing.B) {
	scene, visible := benchScene(b)
	v := geo.FitBound(malibench, 1920, 1080, 1, 0)
	o := render.Options{View: v, Lang: "en", Visible: visible, NoLabels: true}
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s := render.NewScene(scene.Catalog, scene.Fonts) // empty projection cache
		s.Draw(nopSink{}, &o)
	}
}

// BenchmarkHitTestEvents finds the events under a 10-pixel box at the bench
// view among the 20,000 (the spatial index is built once, before timing).
func BenchmarkHitTestEvents(b *testing.B) {
	scene, _ := benchScene(b)
	l := scene.Catalog.Layer("bench-events")
	v := geo.FitBound(malibench, 1920, 1080, 1, 0)
	l.Search(orb.Bound{}, func(*layers.Feature) bool { return true })
	hits := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x := float64(200 + (i*37)%1500)
		y := float64(200 + (i*53)%700)
		p0, p1 := v.ToGeo(x-5, y+5), v.ToGeo(x+5, y-5)
		l.Search(orb.Bound{Min: p0, Max: p1}, func(*layers.Feature) bool { hits++; return true })
	}
	_ = hits
}

type nopSink struct{}

func (nopSink) Path(*render.Path, *render.Style)       {}
func (nopSink) Markers(*render.Marker, []render.Point) {}
func (nopSink) Text(*render.Text)                      {}
func (nopSink) Image(image.Image, render.Rect)         {}

// benchImage is the bench scene rendered at 1920×1080 (what PNG encoding
// benchmarks encode).
func benchImage(b *testing.B) *image.RGBA {
	scene, visible := benchScene(b)
	v := geo.FitBound(malibench, 1920, 1080, 1, 0)
	o := render.Options{View: v, Lang: "en", Visible: visible}
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	var rec render.Recording
	scene.Draw(&rec, &o)
	export.ReplayParallel(&rec, img)
	return img
}

// BenchmarkEncodePNG1080p encodes the rendered bench scene with the export's
// PNG encoder (render/pngenc); bytes is the file size.
func BenchmarkEncodePNG1080p(b *testing.B) {
	img := benchImage(b)
	var buf bytes.Buffer
	b.ResetTimer()
	cpu0 := cpuNanos()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := pngenc.Encode(&buf, img, 96); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuNanos() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// BenchmarkEncodePNG1080pStdlib is the same with image/png at BestSpeed (the
// encoder the export used before render/pngenc), for comparison.
func BenchmarkEncodePNG1080pStdlib(b *testing.B) {
	img := benchImage(b)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	b.ResetTimer()
	cpu0 := cpuNanos()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := enc.Encode(&buf, img); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuNanos() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// bigEvents is a layer of one million synthetic ACLED events.
var bigEvents = sync.OnceValues(func() (*events.Table, error) {
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.Options{Format: synth.ACLED, N: 1_000_000, Seed: 7}); err != nil {
		return nil, err
	}
	t, _, err := events.Read(context.Background(), "synthetic-acled-1m.csv", buf.Bytes(), events.Options{})
	return t, err
})

func hotspotLayer(b *testing.B, style string) *render.EventLayer {
	t, err := bigEvents()
	if err != nil {
		b.Fatal(err)
	}
	l := render.NewEventLayer("ev", "", t)
	l.Style = style
	return l
}

var view1080 = geo.FitBound(orb.Bound{Min: orb.Point{-12.5, 10}, Max: orb.Point{4.5, 25}}, 1920, 1080, 1, 0)

// BenchmarkHotspotRecompute1M: a setting changes (kernel or cell size), so
// the density or the hex bins of 1M events are recomputed and drawn into a
// 1920×1080 image.
func BenchmarkHotspotRecompute1M(b *testing.B) {
	for _, style := range []string{render.EventDensity, render.EventHex} {
		b.Run(style, func(b *testing.B) {
			l := hotspotLayer(b, style)
			c := raster.New(1920, 1080)
			l.Draw(c, view1080, render.FontSet{})
			k := 0
			cpu := cpuNow()
			for b.Loop() {
				k++
				l.BandwidthKm = 25 + float64(k%2)*0.01
				l.CellKm = 25 + float64(k%2)*0.01
				c.Clear(color.NRGBA{})
				l.Draw(c, view1080, render.FontSet{})
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkHotspotLayerPan1M is the hotspot layer alone (1M events, cached)
// drawn for a panned 1920×1080 view, recorded and replayed in bands.
func BenchmarkHotspotLayerPan1M(b *testing.B) {
	for _, style := range []string{render.EventDensity, render.EventHex, render.EventClusters} {
		b.Run(style, func(b *testing.B) {
			l := hotspotLayer(b, style)
			img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
			l.Draw(raster.New(1920, 1080), view1080, render.FontSet{})
			k := 0
			cpu := cpuNow()
			for b.Loop() {
				k++
				var rec render.Recording
				l.Draw(&rec, view1080.Pan(float64(k%7)*20, float64(k%5)*-15), render.FontSet{})
				export.ReplayParallel(&rec, img)
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkHotspotPanFrame1M is one pan frame at 1920×1080 with the hotspot
// layer of 1M events on, drawn as the window draws it (app/mapview.go): the
// frame cache (render/mapframe) shifts the last picture, draws the strips
// the pan exposes (base map and hotspot layer) and draws the labels again.
func BenchmarkHotspotPanFrame1M(b *testing.B) {
	scene, err := cli.LoadScene()
	if err != nil {
		b.Fatal(err)
	}
	// "none" is the same frame without the layer: what the base map costs.
	for _, style := range []string{"none", render.EventDensity, render.EventHex, render.EventClusters} {
		b.Run(style, func(b *testing.B) {
			o := render.Options{View: view1080, Lang: "en", Background: color.NRGBA{214, 228, 236, 255}}
			if style != "none" {
				o.Events = []*render.EventLayer{hotspotLayer(b, style)}
			}
			var c mapframe.Cache
			c.Frame(scene, o, 1, nil)
			c.Frame(scene, o, 1, nil)
			// A long drag: 12 px a frame, 60 frames west then 60 east
			// (720 px, more than the quarter view the layer's pictures
			// have around the view), with a little up and down.
			k := 0
			cpu := cpuNow()
			for b.Loop() {
				dx := 12.0
				if k/60%2 == 1 {
					dx = -12
				}
				dy := float64(k%3 - 1)
				k++
				o.View = o.View.Pan(dx, dy)
				c.Frame(scene, o, 1, nil)
				if !c.Reused {
					b.Fatal("a pan frame was drawn anew")
				}
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkHotspotRedrawFrame1M is a whole frame at 1920×1080 with the
// hotspot layer of 1M events on (its density or cells cached) drawn anew,
// without the frame cache: base map and layer recorded, then replayed in
// bands (what a frame costs after a zoom or a change of settings, less the
// recompute).
func BenchmarkHotspotRedrawFrame1M(b *testing.B) {
	scene, err := cli.LoadScene()
	if err != nil {
		b.Fatal(err)
	}
	for _, style := range []string{render.EventDensity, render.EventHex, render.EventClusters} {
		b.Run(style, func(b *testing.B) {
			l := hotspotLayer(b, style)
			c := raster.New(1920, 1080)
			o := render.Options{View: view1080, Lang: "en", Events: []*render.EventLayer{l}, Background: color.NRGBA{214, 228, 236, 255}}
			scene.Draw(c, &o)
			img := c.RGBA()
			k := 0
			cpu := cpuNow()
			for b.Loop() {
				k++
				o.View = view1080.Pan(float64(k%7)*20, float64(k%5)*-15)
				var rec render.Recording
				scene.Draw(&rec, &o)
				export.ReplayParallel(&rec, img)
			}
			reportCPU(b, cpu)
		})
	}
}

// cpuNow is the process's CPU time (user+system): on a shared machine the
// wall time (ns/op) also counts other programs' turns.
func cpuNow() time.Duration { return time.Duration(cpuNanos()) }

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuNow()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkRenderBenchSceneNoBasemap is BenchmarkRenderBenchScene without
// the generated basemap (relief, roads, tracks, water, places): the atlas's
// own default layers and the bench scene, nearer what the Mapnik stylesheet
// draws (tools/mapnikbench).
func BenchmarkRenderBenchSceneNoBasemap(b *testing.B) {
	scene, visible := benchScene(b)
	var own []string
	for _, id := range visible {
		if l := scene.Catalog.Layer(id); l != nil && !l.Spec.IsBasemap() {
			own = append(own, id)
		}
	}
	b.Logf("layers drawn: %v", own)
	benchRenderLoop(b, scene, own)
}
