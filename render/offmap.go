package render

import "math"

// offmapAnchor is where a route that leaves the map gets its "to Europe"
// label: its last vertex when that is in view, else the point where the
// line last leaves the visible frame (inside the label inset), so each
// label sits by its own line instead of all being pushed to one edge.
func (fr *frame) offmapAnchor(f *prepFeature) Point {
	p := f.parts[len(f.parts)-1]
	pts := f.pts[p.start:p.end]
	in := fr.o.LabelInset
	x0, y0, x1, y1 := in.Left, in.Top, fr.w-in.Right, fr.h-in.Bottom
	inside := func(q Point) bool { return q.X >= x0 && q.X <= x1 && q.Y >= y0 && q.Y <= y1 }
	last := fr.toScreen(pts[len(pts)-1])
	if inside(last) {
		return last
	}
	// Walk back from the end to the last segment that reaches the frame.
	b := last
	for i := len(pts) - 2; i >= 0; i-- {
		a := fr.toScreen(pts[i])
		if t, ok := clipExit(a, b, x0, y0, x1, y1); ok {
			return Point{a.X + t*(b.X-a.X), a.Y + t*(b.Y-a.Y)}
		}
		b = a
	}
	return last
}

// clipExit is the largest t in [0,1] at which a+t(b−a) is inside the
// rectangle (Liang–Barsky); false when the segment misses it.
func clipExit(a, b Point, x0, y0, x1, y1 float64) (float64, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, c := range [4][2]float64{{-dx, a.X - x0}, {dx, x1 - a.X}, {-dy, a.Y - y0}, {dy, y1 - a.Y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = math.Max(t0, r)
		} else {
			t1 = math.Min(t1, r)
		}
		if t0 > t1 {
			return 0, false
		}
	}
	return t1, true
}

// offmapRepeats reports whether an off-map label with the same text is
// already placed near box: routes that leave together are named once.
func (fr *frame) offmapRepeats(text string, box Rect) bool {
	near := 90 * fr.scale
	cx, cy := (box.Min.X+box.Max.X)/2, (box.Min.Y+box.Max.Y)/2
	for _, o := range fr.offmapPlaced {
		if o.text != text {
			continue
		}
		ox, oy := (o.box.Min.X+o.box.Max.X)/2, (o.box.Min.Y+o.box.Max.Y)/2
		if math.Hypot(cx-ox, cy-oy) < near {
			return true
		}
	}
	return false
}

type placedText struct {
	text string
	box  Rect
}
