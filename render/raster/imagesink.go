package raster

import (
	"image"

	"maliatlas/render"
)

// Layers that keep what they drew (the hotspot layer's cells) draw it
// with this backend.
func init() {
	render.NewImageSink = func(w, h int) (render.Sink, *image.RGBA) {
		c := New(w, h)
		return c, c.RGBA()
	}
}
