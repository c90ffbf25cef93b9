package render

import (
	"image/color"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
	mproject "maliatlas/project"
)

// Default looks of annotations, in logical pixels.
const (
	annTextSize    = 14.0
	annLineWidth   = 3.0
	annFreeWidth   = 2.5
	annOutline     = 2.0
	annPinRadius   = 7.0
	annTitleSize   = 12.0
	annHatchSpace  = 8.0
	annCircleSides = 72
)

var (
	annInk      = color.NRGBA{198, 40, 40, 255}
	annTextInk  = color.NRGBA{32, 32, 32, 255}
	annHalo     = color.NRGBA{255, 255, 255, 230}
	annSelected = color.NRGBA{0, 150, 200, 255}
)

// annColor parses s, falling back to def when empty or bad.
func annColor(s string, def color.NRGBA) color.NRGBA {
	if s == "" {
		return def
	}
	c, err := layers.ParseColor(s)
	if err != nil {
		return def
	}
	return c
}

// annFill is the fill of an area or circle: Fill, else the ink at 25 %.
func annFill(a *mproject.Annotation) color.NRGBA {
	ink := annColor(a.Color, annInk)
	if a.Fill != "" {
		return annColor(a.Fill, withAlpha(ink, 0.25))
	}
	ink.A = uint8(float64(ink.A)*0.25 + 0.5)
	return ink
}

func orDefault(v, def float64) float64 {
	if v > 0 {
		return v
	}
	return def
}

func screenPts(v geo.Viewport, pts [][2]float64) []Point {
	out := make([]Point, len(pts))
	for i, p := range pts {
		x, y := v.ToScreen(orb.Point{p[0], p[1]})
		out[i] = Point{x, y}
	}
	return out
}

// DrawAnnotations draws anns, first to last (the last on top), in device
// pixels at v.Scale; the one whose ID is selected gets a dashed outline.
func DrawAnnotations(s Sink, v geo.Viewport, anns []mproject.Annotation, fonts FontSet, selected string) {
	k := v.DeviceScale()
	for i := range anns {
		a := &anns[i]
		switch a.Kind {
		case mproject.KindText:
			drawAnnText(s, v, a, fonts, k)
		case mproject.KindArrow:
			drawAnnArrow(s, v, a, k)
		case mproject.KindMarker:
			drawAnnMarker(s, v, a, fonts, k)
		case mproject.KindFreehand:
			if len(a.Points) < 2 {
				continue
			}
			p := Path{Sub: [][]Point{screenPts(v, a.Points)}}
			s.Path(&p, &Style{Stroke: annColor(a.Color, annInk), Width: orDefault(a.Width, annFreeWidth) * k, Cap: RoundCap, Join: RoundJoin})
		case mproject.KindArea:
			if len(a.Points) < 3 {
				continue
			}
			drawAnnShape(s, v, a, screenPts(v, a.Points), k)
		case mproject.KindCircle:
			if len(a.Points) < 1 || !(a.RadiusKm > 0) {
				continue
			}
			ring := GeodesicCircle(orb.Point{a.Points[0][0], a.Points[0][1]}, a.RadiusKm, annCircleSides)
			pts := make([]Point, len(ring))
			for j, q := range ring {
				x, y := v.ToScreen(q)
				pts[j] = Point{x, y}
			}
			drawAnnShape(s, v, a, pts, k)
		}
		if selected != "" && a.ID == selected {
			if r, ok := annScreenBox(v, a, fonts); ok {
				drawSelection(s, r, k)
			}
		}
	}
}

func drawSelection(s Sink, r Rect, k float64) {
	pad := 6 * k
	p := Path{Closed: true, Sub: [][]Point{{
		{r.Min.X - pad, r.Min.Y - pad}, {r.Max.X + pad, r.Min.Y - pad},
		{r.Max.X + pad, r.Max.Y + pad}, {r.Min.X - pad, r.Max.Y + pad},
	}}}
	s.Path(&p, &Style{Stroke: color.NRGBA{255, 255, 255, 230}, Width: 3 * k, Join: MiterJoin})
	s.Path(&p, &Style{Stroke: annSelected, Width: 1.5 * k, Join: MiterJoin, Dash: []float64{6 * k, 4 * k}})
}

// textBox is where a text annotation's run goes: (x, baseline) and its size.
func textBox(v geo.Viewport, a *mproject.Annotation, f *Font, k float64) (x, y, w, size float64) {
	size = orDefault(a.Size, annTextSize) * k
	if f != nil {
		w = f.Measure(a.Text, size)
	} else {
		w = approxWidth(a.Text, size)
	}
	sx, sy := v.ToScreen(orb.Point{a.Points[0][0], a.Points[0][1]})
	return sx - w/2, sy + 0.36*size, w, size
}

// approxWidth estimates the width of s when no font is at hand (hit tests).
func approxWidth(s string, size float64) float64 {
	n := 0
	for range s {
		n++
	}
	return float64(n) * 0.56 * size
}

func textFont(fonts FontSet) *Font {
	if fonts.Bold != nil {
		return fonts.Bold
	}
	return fonts.Regular
}

func drawAnnText(s Sink, v geo.Viewport, a *mproject.Annotation, fonts FontSet, k float64) {
	f := textFont(fonts)
	if f == nil || a.Text == "" || len(a.Points) < 1 {
		return
	}
	x, y, _, size := textBox(v, a, f, k)
	t := &Text{X: x, Y: y, S: a.Text, Font: f, Size: size, Color: annColor(a.Color, annTextInk)}
	if a.Halo {
		t.Halo, t.HaloWidth = annHalo, math.Max(3*k, size*0.2)
	}
	s.Text(t)
}

// arrowLine is the centre line of an arrow in device pixels: straight
// segments, or a smooth curve through the points when Curved (a quadratic
// bend for two points, a Catmull-Rom spline for more).
func arrowLine(v geo.Viewport, a *mproject.Annotation) []Point {
	pts := screenPts(v, a.Points)
	if !a.Curved || len(pts) < 2 {
		return pts
	}
	const steps = 24
	if len(pts) == 2 {
		p0, p2 := pts[0], pts[1]
		dx, dy := p2.X-p0.X, p2.Y-p0.Y
		// The control point is off the middle, to the left of the way.
		c := Point{(p0.X+p2.X)/2 + dy*0.25, (p0.Y+p2.Y)/2 - dx*0.25}
		out := make([]Point, 0, steps+1)
		for i := 0; i <= steps; i++ {
			t := float64(i) / steps
			u := 1 - t
			out = append(out, Point{u*u*p0.X + 2*u*t*c.X + t*t*p2.X, u*u*p0.Y + 2*u*t*c.Y + t*t*p2.Y})
		}
		return out
	}
	out := make([]Point, 0, (len(pts)-1)*steps+1)
	at := func(i int) Point { return pts[max(0, min(len(pts)-1, i))] }
	for i := 0; i+1 < len(pts); i++ {
		p0, p1, p2, p3 := at(i-1), at(i), at(i+1), at(i+2)
		for j := 0; j < steps; j++ {
			t := float64(j) / steps
			out = append(out, catmullRom(p0, p1, p2, p3, t))
		}
	}
	return append(out, pts[len(pts)-1])
}

func catmullRom(p0, p1, p2, p3 Point, t float64) Point {
	t2, t3 := t*t, t*t*t
	f := func(a, b, c, d float64) float64 {
		return 0.5 * (2*b + (-a+c)*t + (2*a-5*b+4*c-d)*t2 + (-a+3*b-3*c+d)*t3)
	}
	return Point{f(p0.X, p1.X, p2.X, p3.X), f(p0.Y, p1.Y, p2.Y, p3.Y)}
}

// headSize is the length and half width of an arrowhead for a line of width w.
func headSize(w, k float64) (length, half float64) {
	length = math.Max(12*k, 4*w)
	return length, length * 0.45
}

func drawAnnArrow(s Sink, v geo.Viewport, a *mproject.Annotation, k float64) {
	if len(a.Points) < 2 {
		return
	}
	line := arrowLine(v, a)
	ink := annColor(a.Color, annInk)
	w := orDefault(a.Width, annLineWidth) * k
	length, half := headSize(w, k)
	tip := line[len(line)-1]
	// The direction at the tip: from the last point at least a head's length
	// away (a curve's last segments are short).
	from := line[0]
	for i := len(line) - 2; i >= 0; i-- {
		if math.Hypot(tip.X-line[i].X, tip.Y-line[i].Y) >= length*0.5 {
			from = line[i]
			break
		}
	}
	dx, dy := tip.X-from.X, tip.Y-from.Y
	d := math.Hypot(dx, dy)
	if d == 0 {
		return
	}
	ux, uy := dx/d, dy/d
	// The shaft stops inside the head so its end does not show past the tip.
	shaft := trimEnd(line, length*0.7)
	if len(shaft) >= 2 {
		p := Path{Sub: [][]Point{shaft}}
		s.Path(&p, &Style{Stroke: ink, Width: w, Cap: ButtCap, Join: RoundJoin})
	}
	bx, by := tip.X-ux*length, tip.Y-uy*length
	head := Path{Closed: true, Sub: [][]Point{{tip, {bx - uy*half, by + ux*half}, {tip.X - ux*length*0.8, tip.Y - uy*length*0.8}, {bx + uy*half, by - ux*half}}}}
	s.Path(&head, &Style{Fill: ink})
}

// trimEnd returns pts shortened by d pixels at the end.
func trimEnd(pts []Point, d float64) []Point {
	out := append([]Point(nil), pts...)
	for len(out) >= 2 && d > 0 {
		n := len(out)
		a, b := out[n-2], out[n-1]
		seg := math.Hypot(b.X-a.X, b.Y-a.Y)
		if seg > d {
			t := (seg - d) / seg
			out[n-1] = Point{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t}
			return out
		}
		d -= seg
		out = out[:n-1]
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// pinGeometry is a marker's pin: the head's centre and radius (the tip is
// the point itself).
func pinGeometry(v geo.Viewport, a *mproject.Annotation, k float64) (tip, centre Point, r float64) {
	x, y := v.ToScreen(orb.Point{a.Points[0][0], a.Points[0][1]})
	r = annPinRadius * k
	return Point{x, y}, Point{x, y - 1.9*r}, r
}

func drawAnnMarker(s Sink, v geo.Viewport, a *mproject.Annotation, fonts FontSet, k float64) {
	if len(a.Points) < 1 {
		return
	}
	tip, c, r := pinGeometry(v, a, k)
	// The tangents from the tip to the head circle meet it at 90° ± α
	// (y down: 90° points at the tip).
	dist := tip.Y - c.Y
	al := math.Acos(r / dist)
	ring := []Point{tip}
	const n = 28
	a0, a1 := math.Pi/2+al, 2*math.Pi+math.Pi/2-al
	for i := 0; i <= n; i++ {
		t := a0 + (a1-a0)*float64(i)/n
		ring = append(ring, Point{c.X + r*math.Cos(t), c.Y + r*math.Sin(t)})
	}
	ink := annColor(a.Color, annInk)
	pin := Path{Closed: true, Sub: [][]Point{ring}}
	s.Path(&pin, &Style{Fill: ink, Stroke: color.NRGBA{255, 255, 255, 255}, Width: 1.5 * k, Join: RoundJoin})
	s.Markers(&Marker{Shape: Circle, Size: r * 0.8, Fill: color.NRGBA{255, 255, 255, 255}}, []Point{c})
	if a.Text != "" {
		if f := textFont(fonts); f != nil {
			size := annTitleSize * k
			s.Text(&Text{X: c.X + r + 4*k, Y: c.Y + 0.36*size, S: a.Text, Font: f, Size: size,
				Color: annTextInk, Halo: annHalo, HaloWidth: 3 * k})
		}
	}
}

// drawAnnShape fills, hatches and outlines a closed ring (area, circle).
func drawAnnShape(s Sink, v geo.Viewport, a *mproject.Annotation, ring []Point, k float64) {
	p := Path{Closed: true, Sub: [][]Point{ring}}
	ink := annColor(a.Color, annInk)
	s.Path(&p, &Style{Fill: annFill(a)})
	if a.Hatch {
		ox, oy := v.WorldToScreen(0, 0)
		hp := hatchLines(p.Sub, annHatchSpace*k, 45, Point{ox, oy})
		if len(hp.Sub) > 0 {
			s.Path(&hp, &Style{Stroke: withAlpha(ink, 0.8), Width: 1 * k, Cap: ButtCap})
		}
	}
	s.Path(&p, &Style{Stroke: ink, Width: orDefault(a.Width, annOutline) * k, Join: RoundJoin})
}

// hatchLines returns parallel lines spacing pixels apart at angle degrees
// (counter-clockwise from horizontal) clipped to the rings by the even-odd
// rule; origin anchors them (the world origin keeps them fixed to the map).
// Map hatches (hatch.go) and annotation areas both use it.
func hatchLines(rings [][]Point, spacing, angle float64, origin Point) Path {
	a := angle * math.Pi / 180
	cu, su := math.Cos(a), -math.Sin(a)
	toV := func(p Point) float64 { return -su*p.X + cu*p.Y }
	toU := func(p Point) float64 { return cu*p.X + su*p.Y }
	v0 := toV(origin)
	rows := map[int][]float64{}
	for _, sub := range rings {
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
			a, b := us[i], us[i+1]
			hp.Sub = append(hp.Sub, []Point{{cu*a - su*v, su*a + cu*v}, {cu*b - su*v, su*b + cu*v}})
		}
	}
	return hp
}

// GeodesicCircle returns n points (not closed) at radiusKm on the WGS 84
// ellipsoid from centre, at bearings 0°, 360°/n, … clockwise from north.
func GeodesicCircle(centre orb.Point, radiusKm float64, n int) []orb.Point {
	out := make([]orb.Point, n)
	m := radiusKm * 1000
	for i := range out {
		out[i] = Destination(centre, 360*float64(i)/float64(n), m)
	}
	return out
}

// Destination is the point metres away from p at bearing degrees clockwise
// from north, on the WGS 84 ellipsoid: a great-circle step on the sphere,
// corrected twice by the ellipsoidal distance (geo.Distance) to well under
// a metre for distances of a few hundred kilometres.
func Destination(p orb.Point, bearing, metres float64) orb.Point {
	if metres <= 0 {
		return p
	}
	const r = math.Pi / 180
	const R = geo.MeanRadius
	step := func(ang float64) orb.Point {
		lat1, lon1 := p[1]*r, p[0]*r
		b := bearing * r
		lat2 := math.Asin(math.Sin(lat1)*math.Cos(ang) + math.Cos(lat1)*math.Sin(ang)*math.Cos(b))
		lon2 := lon1 + math.Atan2(math.Sin(b)*math.Sin(ang)*math.Cos(lat1), math.Cos(ang)-math.Sin(lat1)*math.Sin(lat2))
		lon := math.Mod(lon2/r+540, 360) - 180
		return orb.Point{lon, lat2 / r}
	}
	ang := metres / R
	q := step(ang)
	for i := 0; i < 3; i++ {
		d := geo.Distance(p, q)
		if d <= 0 || math.Abs(d-metres) < 0.01 {
			break
		}
		ang *= metres / d
		q = step(ang)
	}
	return q
}

// AnnotationBound is the lon/lat bound of what a draws on the ground: its
// points, or a circle's whole ring. (Text and pins also reach some pixels
// beyond their point.)
func AnnotationBound(a mproject.Annotation) orb.Bound {
	if len(a.Points) == 0 {
		return orb.Bound{}
	}
	if a.Kind == mproject.KindCircle && a.RadiusKm > 0 {
		ring := GeodesicCircle(orb.Point{a.Points[0][0], a.Points[0][1]}, a.RadiusKm, annCircleSides)
		return orb.MultiPoint(ring).Bound()
	}
	b := orb.Bound{Min: orb.Point{a.Points[0][0], a.Points[0][1]}, Max: orb.Point{a.Points[0][0], a.Points[0][1]}}
	for _, p := range a.Points[1:] {
		b = b.Extend(orb.Point{p[0], p[1]})
	}
	return b
}

// annScreenBox is the device-pixel box of what a draws.
func annScreenBox(v geo.Viewport, a *mproject.Annotation, fonts FontSet) (Rect, bool) {
	if len(a.Points) == 0 {
		return Rect{}, false
	}
	k := v.DeviceScale()
	switch a.Kind {
	case mproject.KindText:
		x, y, w, size := textBox(v, a, textFont(fonts), k)
		return Rect{Point{x, y - 0.95*size}, Point{x + w, y + 0.3*size}}, true
	case mproject.KindMarker:
		tip, c, r := pinGeometry(v, a, k)
		box := Rect{Point{c.X - r, c.Y - r}, Point{c.X + r, tip.Y}}
		if a.Text != "" {
			size := annTitleSize * k
			w := approxWidth(a.Text, size)
			if f := textFont(fonts); f != nil {
				w = f.Measure(a.Text, size)
			}
			box.Max.X = c.X + r + 4*k + w
		}
		return box, true
	case mproject.KindCircle:
		b := AnnotationBound(*a)
		x0, y0 := v.ToScreen(orb.Point{b.Min[0], b.Max[1]})
		x1, y1 := v.ToScreen(orb.Point{b.Max[0], b.Min[1]})
		return Rect{Point{x0, y0}, Point{x1, y1}}, true
	}
	pts := screenPts(v, a.Points)
	if a.Kind == mproject.KindArrow {
		pts = arrowLine(v, a)
	}
	r, ok := boxOf([][]Point{pts}, 0)
	return r, ok
}

// HitAnnotation returns the index of the topmost annotation drawn within
// tolPx device pixels of (x, y), or -1. Text is measured approximately.
func HitAnnotation(v geo.Viewport, anns []mproject.Annotation, x, y, tolPx float64) int {
	k := v.DeviceScale()
	q := Point{x, y}
	for i := len(anns) - 1; i >= 0; i-- {
		a := &anns[i]
		if len(a.Points) == 0 {
			continue
		}
		switch a.Kind {
		case mproject.KindText, mproject.KindMarker:
			if a.Kind == mproject.KindMarker {
				tip, c, r := pinGeometry(v, a, k)
				if math.Hypot(x-c.X, y-c.Y) <= r+tolPx || distToSeg(q, tip, c) <= r*0.5+tolPx {
					return i
				}
			}
			if r, ok := annScreenBox(v, a, FontSet{}); ok && a.Text != "" &&
				x >= r.Min.X-tolPx && x <= r.Max.X+tolPx && y >= r.Min.Y-tolPx && y <= r.Max.Y+tolPx {
				return i
			}
		case mproject.KindArrow, mproject.KindFreehand:
			line := screenPts(v, a.Points)
			w := orDefault(a.Width, annFreeWidth) * k
			if a.Kind == mproject.KindArrow {
				line = arrowLine(v, a)
				w = orDefault(a.Width, annLineWidth) * k
				_, half := headSize(w, k)
				w = math.Max(w, half*2*0.6)
			}
			if distToLine(q, line) <= w/2+tolPx {
				return i
			}
		case mproject.KindArea, mproject.KindCircle:
			var ring []Point
			if a.Kind == mproject.KindArea {
				ring = screenPts(v, a.Points)
			} else {
				for _, g := range GeodesicCircle(orb.Point{a.Points[0][0], a.Points[0][1]}, a.RadiusKm, annCircleSides) {
					sx, sy := v.ToScreen(g)
					ring = append(ring, Point{sx, sy})
				}
			}
			if len(ring) < 3 {
				continue
			}
			closed := append(ring, ring[0])
			if insideRing(q, ring) || distToLine(q, closed) <= orDefault(a.Width, annOutline)*k/2+tolPx {
				return i
			}
		}
	}
	return -1
}

func distToSeg(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	return math.Hypot(p.X-(a.X+t*dx), p.Y-(a.Y+t*dy))
}

func distToLine(p Point, line []Point) float64 {
	d := math.Inf(1)
	if len(line) == 1 {
		return math.Hypot(p.X-line[0].X, p.Y-line[0].Y)
	}
	for i := 1; i < len(line); i++ {
		d = math.Min(d, distToSeg(p, line[i-1], line[i]))
	}
	return d
}

func insideRing(p Point, ring []Point) bool {
	in := false
	n := len(ring)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}
