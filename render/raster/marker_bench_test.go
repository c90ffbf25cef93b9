package raster

import (
	"image"
	"image/color"
	"testing"

	"maliatlas/render"
)

// eventsMarker is the bench scene's event symbol at 1920×1080: a user point
// layer's default (5 px circle, opaque fill, 1 px white outline at 0.8).
var eventsMarker = render.Marker{Shape: render.Circle, Size: 5, Fill: color.NRGBA{228, 26, 28, 255},
	Stroke: color.NRGBA{255, 255, 255, 204}, StrokeWidth: 1}

// BenchmarkMarkersBands: 20,000 event markers recorded once and replayed
// (recorded anew each time, as each frame is) into the bands of 68 rows the 1920×1080 export paints in turn (one core),
// as the bench-events layer is drawn.
func BenchmarkMarkersBands(b *testing.B) {
	for _, compact := range []bool{false, true} {
		name := "float64"
		if compact {
			name = "compact"
		}
		b.Run(name, func(b *testing.B) {
			at := benchEvents()
			img := image.NewRGBA(image.Rect(0, 0, benchW, benchH))
			const rows = 68
			c := NewBand(img, image.Rect(0, 0, benchW, rows))
			for b.Loop() {
				rec := render.Recording{Compact: compact}
				rec.Markers(&eventsMarker, at)
				for y := 0; y < benchH; y += rows {
					c.SetClip(image.Rect(0, y, benchW, y+rows))
					rec.Replay(c)
				}
			}
		})
	}
}
