package raster

import (
	"math"

	"maliatlas/render"
)

// The stroker turns polylines into fill geometry for the rasterizer: one quad
// per segment plus join and cap pieces, every piece with the same orientation
// so that filling them together with the non-zero rule gives their union
// (overlaps do not double the alpha).

const strokeTol = 0.05 // max distance of arc chords from the true arc, pixels

type stroker struct {
	r       *rasterizer
	hw      float64 // half width
	cap     render.LineCap
	join    render.LineJoin
	miter   float64 // miter limit (ratio miter length / width)
	arcStep float64 // max angle per arc chord
	arcHW   float64 // the half width arcStep is for, when arcOK
	arcOK   bool
	x0, y0  float64 // cull box (clip expanded by the reach of the pen)
	x1, y1  float64
	// Dashes are cut where they leave the image expanded by the reach (not
	// the clip), so that every band draws the same dash geometry.
	dx0, dy0, dx1, dy1 float64
	pts                []render.Point // cleaned subpath
	poly               []render.Point // scratch piece
	dash               []float64
	dashOff            float64
	dashPts            []render.Point
	firstPts           []render.Point
	thin               *thinPen // when set, polylines are drawn by it instead
}

func newStroker(r *rasterizer) *stroker {
	return &stroker{r: r}
}

// setup prepares the stroker for one style.
func (s *stroker) setup(width float64, st *render.Style) {
	s.hw = width / 2
	s.thin = nil
	s.cap, s.join = st.Cap, st.Join
	s.miter = st.Miter()
	if !s.arcOK || s.hw != s.arcHW { // an arc cosine per path and band is a cost
		if strokeTol < s.hw {
			s.arcStep = 2 * math.Acos(1-strokeTol/s.hw)
		} else {
			s.arcStep = math.Pi / 2
		}
		s.arcHW, s.arcOK = s.hw, true
	}
	reach := s.hw * math.Max(s.miter, math.Sqrt2)
	if st.Join != render.MiterJoin {
		reach = s.hw * math.Sqrt2
	}
	reach++
	c := s.r.clip
	s.x0, s.y0 = float64(c.Min.X)-reach, float64(c.Min.Y)-reach
	s.x1, s.y1 = float64(c.Max.X)+reach, float64(c.Max.Y)+reach
	b := s.r.bounds
	s.dx0, s.dy0 = float64(b.Min.X)-reach, float64(b.Min.Y)-reach
	s.dx1, s.dy1 = float64(b.Max.X)+reach, float64(b.Max.Y)+reach
	s.dash = s.dash[:0]
	s.dashOff = 0
	if dash := st.DashPattern(); dash != nil && patternLength(dash) >= 0.25 { // finer patterns are drawn solid
		s.dash = append(s.dash, st.Dash...)
		if len(s.dash)%2 == 1 {
			s.dash = append(s.dash, st.Dash...)
		}
		s.dashOff = st.DashOffset
	}
}

func patternLength(d []float64) float64 {
	sum := 0.0
	for _, v := range d {
		sum += v
	}
	return sum
}

// subpath strokes one subpath.
func (s *stroker) subpath(sub []render.Point, closed bool) {
	// Cull the whole subpath by its bounding box.
	bx0, by0, bx1, by1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	pts := s.pts[:0]
	for _, p := range sub {
		if p.X != p.X || p.Y != p.Y {
			continue
		}
		p.X, p.Y = sanitize(p.X), sanitize(p.Y)
		if n := len(pts); n > 0 && math.Abs(p.X-pts[n-1].X) < 1e-9 && math.Abs(p.Y-pts[n-1].Y) < 1e-9 {
			continue
		}
		pts = append(pts, p)
		// fmin and fmax, not the builtins (which also order NaNs and
		// signed zeros, at a cost): p is finite here.
		bx0, bx1 = fmin(p.X, bx0), fmax(p.X, bx1)
		by0, by1 = fmin(p.Y, by0), fmax(p.Y, by1)
	}
	s.pts = pts
	if len(pts) == 0 || bx1 < s.x0 || bx0 > s.x1 || by1 < s.y0 || by0 > s.y1 {
		return
	}
	if closed && len(pts) > 1 {
		if a, b := pts[0], pts[len(pts)-1]; math.Abs(a.X-b.X) < 1e-9 && math.Abs(a.Y-b.Y) < 1e-9 {
			pts = pts[:len(pts)-1]
		}
	}
	if closed && len(pts) < 2 {
		closed = false
	}
	if len(s.dash) > 0 {
		s.dashed(pts, closed)
		return
	}
	s.polyline(pts, closed)
}

// polyline strokes cleaned points (no repeated consecutive points).
func (s *stroker) polyline(pts []render.Point, closed bool) {
	n := len(pts)
	if n == 0 {
		return
	}
	if n == 1 {
		s.dot(pts[0])
		return
	}
	if s.thin != nil {
		s.thin.polyline(pts, closed)
		return
	}
	nseg := n - 1
	if closed {
		nseg = n
	}
	var pd, pn render.Point // previous segment's direction and normal (scaled by hw)
	var fd, fn render.Point // first segment's
	for i := 0; i < nseg; i++ {
		a, b := pts[i], pts[(i+1)%n]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		d := render.Point{X: dx / l, Y: dy / l}
		nm := render.Point{X: -d.Y * s.hw, Y: d.X * s.hw}
		s.quad(a, b, nm)
		if i == 0 {
			fd, fn = d, nm
			if !closed {
				s.capAt(a, d, nm, true)
			}
		} else {
			s.joinAt(a, pd, pn, d, nm)
		}
		pd, pn = d, nm
	}
	if closed {
		s.joinAt(pts[0], pd, pn, fd, fn)
	} else {
		s.capAt(pts[n-1], pd, pn, false)
	}
}

func (s *stroker) outside(x0, y0, x1, y1 float64) bool {
	return x1 < s.x0 || x0 > s.x1 || y1 < s.y0 || y0 > s.y1
}

// quad emits the rectangle of segment a→b; nm is the normal scaled by hw.
// Its orientation (negative shoelace area) is the one every piece uses.
func (s *stroker) quad(a, b, nm render.Point) {
	if s.outside(min(a.X, b.X), min(a.Y, b.Y), max(a.X, b.X), max(a.Y, b.Y)) {
		return
	}
	r := s.r
	r.moveTo(a.X+nm.X, a.Y+nm.Y)
	r.lineTo(b.X+nm.X, b.Y+nm.Y)
	r.lineTo(b.X-nm.X, b.Y-nm.Y)
	r.lineTo(a.X-nm.X, a.Y-nm.Y)
	r.closePath()
}

// emit adds the scratch polygon with the common orientation.
func (s *stroker) emit() {
	p := s.poly
	if len(p) < 3 {
		return
	}
	area := 0.0
	bx0, by0, bx1, by1 := p[0].X, p[0].Y, p[0].X, p[0].Y
	for i := range p {
		j := i + 1
		if j == len(p) {
			j = 0
		}
		area += p[i].X*p[j].Y - p[j].X*p[i].Y
		bx0, by0 = min(bx0, p[i].X), min(by0, p[i].Y)
		bx1, by1 = max(bx1, p[i].X), max(by1, p[i].Y)
	}
	if s.outside(bx0, by0, bx1, by1) {
		return
	}
	r := s.r
	if area > 0 {
		r.moveTo(p[len(p)-1].X, p[len(p)-1].Y)
		for i := len(p) - 2; i >= 0; i-- {
			r.lineTo(p[i].X, p[i].Y)
		}
	} else {
		r.moveTo(p[0].X, p[0].Y)
		for _, q := range p[1:] {
			r.lineTo(q.X, q.Y)
		}
	}
	r.closePath()
}

// arc appends to s.poly the points of the arc centred on c starting at c+u
// and turning by angle theta (radians, signed), excluding the start point and
// including the end.
func (s *stroker) arc(c, u render.Point, theta float64) {
	k := int(math.Ceil(math.Abs(theta) / s.arcStep))
	if k < 1 {
		k = 1
	}
	if k > 1024 {
		k = 1024
	}
	sin, cos := math.Sincos(theta / float64(k))
	for i := 0; i < k; i++ {
		u = render.Point{X: u.X*cos - u.Y*sin, Y: u.X*sin + u.Y*cos}
		s.poly = append(s.poly, render.Point{X: c.X + u.X, Y: c.Y + u.Y})
	}
}

// joinAt joins segment (d0, n0) to segment (d1, n1) at v.
func (s *stroker) joinAt(v, d0, n0, d1, n1 render.Point) {
	cross := d0.X*d1.Y - d0.Y*d1.X
	dot := d0.X*d1.X + d0.Y*d1.Y
	if math.Abs(cross) < 1e-9 && dot > 0 {
		return // straight on
	}
	if s.outside(v.X-s.hw, v.Y-s.hw, v.X+s.hw, v.Y+s.hw) && s.join != render.MiterJoin {
		return
	}
	uturn := math.Abs(cross) < 1e-9
	sg := 1.0
	if cross > 0 && !uturn {
		sg = -1
	}
	a := render.Point{X: v.X + sg*n0.X, Y: v.Y + sg*n0.Y}
	b := render.Point{X: v.X + sg*n1.X, Y: v.Y + sg*n1.Y}
	s.poly = append(s.poly[:0], v, a)
	switch s.join {
	case render.RoundJoin:
		theta := math.Atan2(cross, dot) // turn angle, signed
		if uturn {
			theta = -math.Pi // from n0 = rot90(d0) round the front, d0
		}
		s.arc(v, render.Point{X: sg * n0.X, Y: sg * n0.Y}, theta)
		s.poly[len(s.poly)-1] = b
	case render.MiterJoin:
		mx, my := (n0.X+n1.X)/s.hw, (n0.Y+n1.Y)/s.hw // sum of unit normals
		m2 := mx*mx + my*my
		if m2 > 1e-12 && 2/math.Sqrt(m2) <= s.miter {
			f := sg * 2 * s.hw / m2
			s.poly = append(s.poly, render.Point{X: v.X + mx*f, Y: v.Y + my*f})
		}
		s.poly = append(s.poly, b)
	default:
		s.poly = append(s.poly, b)
	}
	s.emit()
}

// capAt adds the cap at an end point p of direction d (the segment's
// direction) and normal nm; start tells which end.
func (s *stroker) capAt(p, d, nm render.Point, start bool) {
	if s.cap == render.ButtCap {
		return
	}
	hw := s.hw
	if !start {
		d = render.Point{X: -d.X, Y: -d.Y}
		nm = render.Point{X: -nm.X, Y: -nm.Y}
	}
	// Here d points into the line and nm = rot90(d)*hw.
	switch s.cap {
	case render.RoundCap:
		s.poly = append(s.poly[:0], render.Point{X: p.X + nm.X, Y: p.Y + nm.Y})
		s.arc(p, nm, math.Pi)
		s.poly[len(s.poly)-1] = render.Point{X: p.X - nm.X, Y: p.Y - nm.Y}
	case render.SquareCap:
		bx, by := -d.X*hw, -d.Y*hw
		s.poly = append(s.poly[:0],
			render.Point{X: p.X + nm.X, Y: p.Y + nm.Y},
			render.Point{X: p.X + nm.X + bx, Y: p.Y + nm.Y + by},
			render.Point{X: p.X - nm.X + bx, Y: p.Y - nm.Y + by},
			render.Point{X: p.X - nm.X, Y: p.Y - nm.Y})
	}
	s.emit()
}

// dot strokes a zero-length subpath: a disc for round caps, a square for
// square caps, nothing for butt caps.
func (s *stroker) dot(p render.Point) {
	if s.thin != nil {
		s.thin.dot(p)
		return
	}
	switch s.cap {
	case render.RoundCap:
		s.poly = append(s.poly[:0], render.Point{X: p.X + s.hw, Y: p.Y})
		s.arc(p, render.Point{X: s.hw}, 2*math.Pi)
		s.poly = s.poly[:len(s.poly)-1]
	case render.SquareCap:
		h := s.hw
		s.poly = append(s.poly[:0], render.Point{X: p.X - h, Y: p.Y - h}, render.Point{X: p.X + h, Y: p.Y - h},
			render.Point{X: p.X + h, Y: p.Y + h}, render.Point{X: p.X - h, Y: p.Y + h})
	default:
		return
	}
	s.emit()
}
