package render_test

import (
	"image"
	"testing"

	"maliatlas/geo"
	"maliatlas/render"
	"maliatlas/render/export"
)

// partSink passes on one part of the drawing to a recording: the fills of
// paths (strokes removed), their strokes (fills removed), or everything else
// (text, markers, images).
type partSink struct {
	rec  *render.Recording
	part string
}

func (s partSink) Path(p *render.Path, st *render.Style) {
	c := *st
	switch s.part {
	case "fill":
		c.Stroke.A = 0
		if !c.HasFill() || !p.Closed {
			return
		}
	case "stroke":
		c.Fill.A = 0
		if !c.HasStroke() {
			return
		}
	default:
		return
	}
	s.rec.Path(p, &c)
}

func (s partSink) Markers(m *render.Marker, at []render.Point) {
	if s.part == "other" {
		s.rec.Markers(m, at)
	}
}

func (s partSink) Text(t *render.Text) {
	if s.part == "other" {
		s.rec.Text(t)
	}
}

func (s partSink) Image(img image.Image, r render.Rect) {
	if s.part == "other" {
		s.rec.Image(img, r)
	}
}

// BenchmarkLikeMapnikLayerParts replays one part (fill, stroke, other) of
// the like-for-like layers' drawing, recorded once, into bands at 1920×1080:
// where a layer's raster CPU goes. Run it with -cpu 1.
func BenchmarkLikeMapnikLayerParts(b *testing.B) {
	scene, ids := likeMapnikScene(b)
	v := geo.FitBound(malibench, 1920, 1080, 1, 0)
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	for _, id := range ids {
		o := render.Options{View: v, Lang: "en", Visible: []string{id}}
		var full render.Recording
		scene.Draw(&full, &o)
		for _, part := range []string{"fill", "stroke", "other"} {
			var rec render.Recording
			full.Replay(partSink{&rec, part})
			if rec.Len() == 0 {
				continue
			}
			b.Run(id+"/"+part, func(b *testing.B) {
				b.ReportAllocs()
				cpu0 := cpuNanos()
				for i := 0; i < b.N; i++ {
					export.ReplayParallel(&rec, img)
				}
				if cpu := cpuNanos() - cpu0; cpu > 0 {
					b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
				}
			})
		}
	}
}
