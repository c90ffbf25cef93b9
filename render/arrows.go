package render

import (
	"image/color"
	"math"
)

// drawArrows puts an arrowhead at the end of the line (its destination) and
// others along it every arrowSpacing pixels, pointing the way it was digitised.
func (fr *frame) drawArrows(pts []Point, width float64, c color.NRGBA) {
	if len(pts) < 2 {
		return
	}
	length := math.Max(7*fr.scale, 3.2*width)
	half := length * 0.55
	var heads Path
	heads.Closed = true
	add := func(tip Point, dx, dy float64) {
		d := math.Hypot(dx, dy)
		if d == 0 {
			return
		}
		ux, uy := dx/d, dy/d
		bx, by := tip.X-ux*length, tip.Y-uy*length
		heads.Sub = append(heads.Sub, []Point{tip, {bx - uy*half, by + ux*half}, {bx + uy*half, by - ux*half}})
	}
	// Total length and the head at the destination.
	total := 0.0
	for i := 1; i < len(pts); i++ {
		total += math.Hypot(pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y)
	}
	n := len(pts)
	add(pts[n-1], pts[n-1].X-pts[n-2].X, pts[n-1].Y-pts[n-2].Y)
	// Heads along the way: evenly spaced, none too close to the end.
	step := arrowSpacing * fr.scale
	count := int(total / step)
	if count == 0 && total > 6*length {
		count = 1
	}
	if count > 0 {
		step = total / float64(count+1)
		next, acc := step, 0.0
		for i := 1; i < len(pts) && next < total-2*length; i++ {
			dx, dy := pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y
			d := math.Hypot(dx, dy)
			for d > 0 && next <= acc+d && next < total-2*length {
				t := (next - acc) / d
				add(Point{pts[i-1].X + t*dx, pts[i-1].Y + t*dy}, dx, dy)
				next += step
			}
			acc += d
		}
	}
	fr.sink.Path(&heads, &Style{Fill: c, Stroke: c, Width: math.Max(0.5, width*0.3), Join: MiterJoin})
}
