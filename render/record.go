package render

import (
	"image"
	"math"
)

// Recording is a Sink that keeps every call so it can be replayed onto other
// sinks: the raster backend replays one recording into horizontal bands on
// several goroutines at once.
//
// Each call also keeps a conservative device-space box of what it can paint,
// so that replaying onto a sink that paints only inside a clip rectangle
// (a ClipSink, such as a raster band) skips the calls that cannot reach it.
type Recording struct {
	ops []op
}

// ClipSink is a Sink that paints only inside Clip (device pixels).
type ClipSink interface {
	Sink
	Clip() image.Rectangle
}

type opKind uint8

const (
	opPath opKind = iota
	opMarkers
	opText
	opImage
)

type op struct {
	kind   opKind
	path   Path
	style  Style
	marker Marker
	pts    []Point
	text   Text
	img    image.Image
	rect   Rect
	// box bounds the pixels the call may paint; bounded is false when
	// unknown (the call is always replayed).
	box     Rect
	bounded bool
}

// boxOf returns the bounding box of pts (NaN points skipped), expanded by
// margin; ok is false when it cannot be bounded.
func boxOf(subs [][]Point, margin float64) (r Rect, ok bool) {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range subs {
		for _, p := range s {
			if p.X != p.X || p.Y != p.Y {
				continue // NaN points are never painted
			}
			x0, x1 = min(x0, p.X), max(x1, p.X)
			y0, y1 = min(y0, p.Y), max(y1, p.Y)
		}
	}
	if !(x0 <= x1 && y0 <= y1) || math.IsInf(x0, 0) || math.IsInf(x1, 0) || math.IsInf(y0, 0) || math.IsInf(y1, 0) ||
		!(margin >= 0) || math.IsInf(margin, 0) {
		return Rect{}, false
	}
	return Rect{Point{x0 - margin, y0 - margin}, Point{x1 + margin, y1 + margin}}, true
}

// inkMargin bounds how far st paints beyond the path's points.
func inkMargin(st *Style) float64 {
	m := 1.0
	if st.HasStroke() {
		w := max(st.Width, 1)
		ml := st.MiterLimit
		if ml <= 0 {
			ml = 4
		}
		m += w / 2 * max(ml, math.Sqrt2)
	}
	return m
}

// Path records a copy of p.
func (r *Recording) Path(p *Path, st *Style) {
	cp := Path{Closed: p.Closed, Sub: make([][]Point, len(p.Sub))}
	n := 0
	for _, s := range p.Sub {
		n += len(s)
	}
	buf := make([]Point, 0, n)
	for i, s := range p.Sub {
		start := len(buf)
		buf = append(buf, s...)
		cp.Sub[i] = buf[start:len(buf):len(buf)]
	}
	s := *st
	if st.Dash != nil {
		s.Dash = append([]float64(nil), st.Dash...)
	}
	o := op{kind: opPath, path: cp, style: s}
	o.box, o.bounded = boxOf(cp.Sub, inkMargin(&s))
	r.ops = append(r.ops, o)
}

// Markers records a copy of the points.
func (r *Recording) Markers(m *Marker, at []Point) {
	o := op{kind: opMarkers, marker: *m, pts: append([]Point(nil), at...)}
	if m.Shape != Icon {
		o.box, o.bounded = boxOf([][]Point{o.pts}, m.Size*math.Sqrt2/2+max(m.StrokeWidth, 0)*2.5+2)
	}
	r.ops = append(r.ops, o)
}

// Text records t.
func (r *Recording) Text(t *Text) { r.ops = append(r.ops, op{kind: opText, text: *t}) }

// Image records img and its rectangle.
func (r *Recording) Image(img image.Image, rect Rect) {
	o := op{kind: opImage, img: img, rect: rect}
	o.box, o.bounded = boxOf([][]Point{{rect.Min, rect.Max}}, 1)
	r.ops = append(r.ops, o)
}

// Len is the number of calls recorded.
func (r *Recording) Len() int { return len(r.ops) }

// Replay makes the recorded calls on s, in order; on a ClipSink it leaves
// out the calls that cannot paint inside the clip. Replay only reads the
// recording, so several goroutines may replay it at once.
func (r *Recording) Replay(s Sink) {
	var clip Rect
	clipped := false
	if cs, ok := s.(ClipSink); ok {
		c := cs.Clip()
		clip = Rect{Point{float64(c.Min.X), float64(c.Min.Y)}, Point{float64(c.Max.X), float64(c.Max.Y)}}
		clipped = true
	}
	for i := range r.ops {
		o := &r.ops[i]
		if clipped && o.bounded && !o.box.Overlaps(clip) {
			continue
		}
		switch o.kind {
		case opPath:
			st := o.style
			s.Path(&o.path, &st)
		case opMarkers:
			m := o.marker
			s.Markers(&m, o.pts)
		case opText:
			t := o.text
			s.Text(&t)
		case opImage:
			s.Image(o.img, o.rect)
		}
	}
}
