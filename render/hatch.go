package render

import (
	"math"

	"maliatlas/layers"
)

// drawHatch fills the polygon in fr.path with parallel lines. The lines are
// anchored to the map (not the frame), so they stay put while panning, and are
// clipped to the polygon by the even-odd rule.
func (fr *frame) drawHatch(h *layers.HatchSymbol, op float64) {
	spacing := math.Max(h.Spacing, 2) * fr.scale
	// The world origin anchors the lines, so they are fixed to the map.
	origin := Point{-fr.ox * fr.ppw, -fr.oy * fr.ppw}
	hp := hatchLines(fr.path.Sub, spacing, h.Angle, origin)
	if len(hp.Sub) == 0 {
		return
	}
	fr.sink.Path(&hp, &Style{Stroke: withAlpha(h.Color, op), Width: math.Max(h.Width, 0.5) * fr.scale, Cap: ButtCap})
}
