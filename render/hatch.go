package render

import (
	"math"
	"sort"

	"maliatlas/layers"
)

// drawHatch fills the polygon in fr.path with parallel lines. The lines are
// anchored to the map (not the frame), so they stay put while panning, and are
// clipped to the polygon by the even-odd rule.
func (fr *frame) drawHatch(h *layers.HatchSymbol, op float64) {
	spacing := math.Max(h.Spacing, 2) * fr.scale
	a := h.Angle * math.Pi / 180
	// u runs along the hatch lines, v across them; screen y points down, so a
	// positive angle rises to the right.
	cu, su := math.Cos(a), -math.Sin(a)
	toV := func(p Point) float64 { return -su*p.X + cu*p.Y }
	toU := func(p Point) float64 { return cu*p.X + su*p.Y }
	// The world origin's v, so the lines are fixed to the map.
	origin := Point{-fr.ox * fr.ppw, -fr.oy * fr.ppw}
	v0 := toV(origin)

	rows := map[int][]float64{}
	for _, sub := range fr.path.Sub {
		n := len(sub)
		for i := 0; i < n; i++ {
			p, q := sub[i], sub[(i+1)%n]
			vp, vq := toV(p)-v0, toV(q)-v0
			if vp == vq {
				continue
			}
			lo, hi := math.Min(vp, vq), math.Max(vp, vq)
			up, uq := toU(p), toU(q)
			for k := int(math.Ceil(lo / spacing)); float64(k)*spacing < hi; k++ {
				v := float64(k) * spacing
				t := (v - vp) / (vq - vp)
				rows[k] = append(rows[k], up+t*(uq-up))
			}
		}
	}
	if len(rows) == 0 {
		return
	}
	keys := make([]int, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var hp Path
	for _, k := range keys {
		us := rows[k]
		sort.Float64s(us)
		v := float64(k)*spacing + v0
		for i := 0; i+1 < len(us); i += 2 {
			// back from (u, v) to screen: x = cu*u - su*v, y = su*u + cu*v
			a, b := us[i], us[i+1]
			hp.Sub = append(hp.Sub, []Point{{cu*a - su*v, su*a + cu*v}, {cu*b - su*v, su*b + cu*v}})
		}
	}
	fr.sink.Path(&hp, &Style{Stroke: withAlpha(h.Color, op), Width: math.Max(h.Width, 0.5) * fr.scale, Cap: ButtCap})
}
