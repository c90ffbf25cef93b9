package pdf

import (
	"maliatlas/render"
	"maliatlas/render/internal/rendertest"
)

// drawScene draws the reference scene shared with the SVG backend's tests.
func drawScene(s render.Sink) { rendertest.DrawReferenceScene(s) }
