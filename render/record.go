package render

import "image"

// Recording is a Sink that keeps every call so it can be replayed onto other
// sinks: the raster backend replays one recording into horizontal bands on
// several goroutines at once.
type Recording struct {
	ops []op
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
	r.ops = append(r.ops, op{kind: opPath, path: cp, style: s})
}

// Markers records a copy of the points.
func (r *Recording) Markers(m *Marker, at []Point) {
	r.ops = append(r.ops, op{kind: opMarkers, marker: *m, pts: append([]Point(nil), at...)})
}

// Text records t.
func (r *Recording) Text(t *Text) { r.ops = append(r.ops, op{kind: opText, text: *t}) }

// Image records img and its rectangle.
func (r *Recording) Image(img image.Image, rect Rect) {
	r.ops = append(r.ops, op{kind: opImage, img: img, rect: rect})
}

// Len is the number of calls recorded.
func (r *Recording) Len() int { return len(r.ops) }

// Replay makes the recorded calls on s, in order. Replay only reads the
// recording, so several goroutines may replay it at once.
func (r *Recording) Replay(s Sink) {
	for i := range r.ops {
		o := &r.ops[i]
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
