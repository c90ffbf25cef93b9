package render

import (
	"image/color"
	"math"

	"maliatlas/layers"
)

// Swatch draws the legend symbol of a layer of the given kind ("point",
// "line" or "polygon") into r, with the map's own drawing rules; k is the
// device scale.
func Swatch(s Sink, kind string, sym *layers.Symbol, r Rect, k float64) {
	x, y, w, h := r.Min.X, r.Min.Y, r.Dx(), r.Dy()
	switch kind {
	case "point":
		size := sym.Size
		if size == 0 {
			size = 5
		}
		m := &Marker{Shape: markerOf(sym.Marker), Size: size * k, Fill: sym.Fill}
		if sym.MarkerStroke.A != 0 {
			m.Stroke, m.StrokeWidth = sym.MarkerStroke, math.Max(1, size/6)*k
		}
		s.Markers(m, []Point{{X: x + w/2, Y: y + h/2}})
	case "line":
		p := Path{Sub: [][]Point{{{X: x, Y: y + h/2}, {X: x + w - 4*k, Y: y + h/2}}}}
		if sym.Casing.A != 0 {
			s.Path(&p, &Style{Stroke: sym.Casing, Width: sym.CasingWidth * k, Cap: RoundCap})
		}
		dash := make([]float64, len(sym.Dash))
		for i, d := range sym.Dash {
			dash[i] = d * k
		}
		if len(dash) == 0 {
			dash = nil
		}
		s.Path(&p, &Style{Stroke: sym.Stroke, Width: sym.Width * k, Cap: ButtCap, Dash: dash})
		if sym.Arrows {
			al := math.Max(7*k, 3.2*sym.Width*k)
			tip := Point{X: x + w, Y: y + h/2}
			head := Path{Closed: true, Sub: [][]Point{{tip, {X: tip.X - al, Y: tip.Y - al*0.55}, {X: tip.X - al, Y: tip.Y + al*0.55}}}}
			s.Path(&head, &Style{Fill: sym.Stroke})
		}
	default:
		p := Path{Closed: true, Sub: [][]Point{{{X: x, Y: y}, {X: x + w, Y: y}, {X: x + w, Y: y + h}, {X: x, Y: y + h}}}}
		if sym.Fill.A != 0 {
			s.Path(&p, &Style{Fill: sym.Fill})
		}
		if sym.Hatch != nil {
			sp := math.Max(sym.Hatch.Spacing, 2) * k
			a := sym.Hatch.Angle * math.Pi / 180
			var hp Path
			// Lines clipped to the swatch box, enough to show angle and colour.
			for t := -w - h; t < w+h; t += sp {
				seg := clipLine(x, y, w, h, x+w/2+t, y+h/2, math.Cos(a), -math.Sin(a))
				if seg != nil {
					hp.Sub = append(hp.Sub, seg)
				}
			}
			s.Path(&hp, &Style{Stroke: sym.Hatch.Color, Width: math.Max(sym.Hatch.Width, 0.5) * k})
		}
		st := &Style{Stroke: sym.Stroke, Width: math.Min(math.Max(sym.Width, 0.8), 2.5) * k, Join: MiterJoin}
		if st.Stroke.A == 0 {
			st.Stroke, st.Width = color.NRGBA{120, 110, 95, 255}, 0.6*k
		}
		s.Path(&p, st)
	}
}

// clipLine clips the line through (px, py) with direction (dx, dy) to the box;
// nil when it misses.
func clipLine(x, y, w, h, px, py, dx, dy float64) []Point {
	t0, t1 := math.Inf(-1), math.Inf(1)
	for _, c := range [][3]float64{{dx, x - px, x + w - px}, {dy, y - py, y + h - py}} {
		d, lo, hi := c[0], c[1], c[2]
		if math.Abs(d) < 1e-12 {
			if lo > 0 || hi < 0 {
				return nil
			}
			continue
		}
		a, b := lo/d, hi/d
		if a > b {
			a, b = b, a
		}
		t0, t1 = math.Max(t0, a), math.Min(t1, b)
	}
	if t0 >= t1 {
		return nil
	}
	return []Point{{X: px + t0*dx, Y: py + t0*dy}, {X: px + t1*dx, Y: py + t1*dy}}
}
