package render

import (
	"image"
	"math"
	"math/bits"
	"slices"
	"sync"
)

// Recording is a Sink that keeps every call so it can be replayed onto other
// sinks: the raster backend replays one recording into horizontal bands on
// several goroutines at once.
//
// Each call also keeps a conservative device-space box of what it can paint,
// so that replaying onto a sink that paints only inside a clip rectangle
// (a ClipSink, such as a raster band) skips the calls that cannot reach it.
type Recording struct {
	// Compact keeps the points of paths and markers as float32 (device
	// pixels: exact to a thousandth of a pixel on any page drawn), halving
	// the recording of a big scene (issue #13, export memory). Set it
	// before the first call; the raster export sets it, the vector ones
	// (whose text prints the coordinates) do not.
	Compact bool

	// ops are the calls in order, in chunks that are never moved (a
	// growing slice would copy them all each time it doubles).
	ops [][]op
	n   int // number of calls

	// The points and subpath ends of the calls are cut from blocks that
	// are filled in turn (one allocation for many calls); a call with many
	// points gets its own (see take).
	pts   []Point
	pts32 []pt32
	ends  []int32
	// The full-sized blocks of points, for Release to hand back to
	// ptsBlocks and pts32Blocks.
	ptsUsed   []*[]Point
	pts32Used []*[]pt32
	ends32    []*[]int32 // the same for ends

	// pathBox is the box of the last path's points (before its margin),
	// for the next call when it shares them.
	pathBox rawBox
}

// opChunkMax is the most calls a chunk of Recording.ops holds; chunks
// start small (a recording of a few labels stays small) and double.
const opChunkMax = 1024

// blockMax is the most elements of a block of points or ends; blockOwn is
// the fewest points (or ends) of a call given its own slice, so that at most
// 1/16 of a block is left unused when a call does not fit in it.
const (
	blockMax = 8192
	blockOwn = blockMax / 16
)

// take returns a slice of n elements cut from *block (full capacity n),
// starting a new block when the rest of it is too short. A new block comes
// from pool (blockMax elements, released by another recording) when it has
// one, even where a smaller block would do (its elements are not cleared:
// the caller sets all n), and is listed in *used for Release; a new block
// of blockMax elements is listed too. A call of blockOwn elements or more
// gets its own slice (takeOwn, from own; nil: allocated, not listed).
func take[T any](block *[]T, n int, pool *sync.Pool, own *[ownClasses]sync.Pool, used *[]*[]T) []T {
	if n >= blockOwn {
		return takeOwn(n, own, used)
	}
	b := *block
	if cap(b)-len(b) < n {
		c := max(n, min(2*cap(b), blockMax), 64)
		// A block released by another recording serves from the first.
		p, _ := pool.Get().(*[]T)
		if p != nil || c == blockMax {
			if p == nil {
				p = new([]T)
				*p = make([]T, 0, blockMax)
			}
			*used = append(*used, p)
			b = (*p)[:0]
		} else {
			b = make([]T, 0, c)
		}
	}
	l := len(b)
	b = b[:l+n]
	*block = b
	return b[l : l+n : l+n]
}

// ownPools keep the slices of the calls given their own (see take) of
// recordings released, by size class k: a capacity of at least 1<<k
// elements, less than 2<<k. Classes above ownClasses are not kept.
var ownPools [2][ownClasses]sync.Pool

const ownClasses = 24

// takeOwn returns a slice of n elements (full capacity n) of its own, from
// pools (ownPools' row for T) when a slice of n's class is kept there (its
// elements are not cleared: the caller sets all n), and lists it in *used.
// Without pools, or beyond the classes, it is allocated and not listed.
func takeOwn[T any](n int, pools *[ownClasses]sync.Pool, used *[]*[]T) []T {
	k := bits.Len(uint(n)) - 1 // 1<<k <= n < 2<<k
	if pools == nil || k >= ownClasses {
		return make([]T, n)
	}
	// The slices of a class are made with 2<<k - 1 elements, enough for
	// any n of the class.
	p, _ := pools[k].Get().(*[]T)
	if p == nil {
		p = new([]T)
		*p = make([]T, 2<<k-1)
	}
	*used = append(*used, p)
	return (*p)[:n:n]
}

// ptsBlocks, pts32Blocks and endsBlocks keep the full-sized blocks of
// recordings released, for the next recordings: a frame's recording does
// not allocate (and clear) its megabytes of points anew.
var ptsBlocks, pts32Blocks, endsBlocks sync.Pool

// opChunks keeps the full-sized chunks of calls of recordings released
// (cleared).
var opChunks sync.Pool

// Release empties r and hands its blocks of points back for other
// recordings to reuse. Nothing may use r's calls (replay r, or keep the
// points a replay handed on) after; r may record again. Calling it is
// optional: a recording not released is garbage collected as usual.
func (r *Recording) Release() {
	for _, p := range r.ptsUsed {
		if cap(*p) == blockMax {
			ptsBlocks.Put(p)
		} else {
			ownPools[0][bits.Len(uint(cap(*p)))-1].Put(p)
		}
	}
	for _, p := range r.pts32Used {
		if cap(*p) == blockMax {
			pts32Blocks.Put(p)
		} else {
			ownPools[1][bits.Len(uint(cap(*p)))-1].Put(p)
		}
	}
	for _, p := range r.ends32 {
		endsBlocks.Put(p)
	}
	for _, c := range r.ops {
		if cap(c) == opChunkMax {
			c = c[:0]
			clear(c[:cap(c)]) // no reference kept into r
			opChunks.Put(&c)
		}
	}
	*r = Recording{Compact: r.Compact}
}

// add appends o to the calls.
func (r *Recording) add(o op) {
	k := len(r.ops) - 1
	if k < 0 || len(r.ops[k]) == cap(r.ops[k]) {
		c := 16
		if k >= 0 {
			c = min(2*cap(r.ops[k]), opChunkMax)
		}
		// A chunk released by another recording, full-sized, serves
		// from the first (its room is spent again when this one is
		// released).
		var chunk []op
		if p, _ := opChunks.Get().(*[]op); p != nil {
			chunk = *p
		}
		if chunk == nil {
			chunk = make([]op, 0, c)
		}
		r.ops = append(r.ops, chunk)
		k++
	}
	r.ops[k] = append(r.ops[k], o)
	r.n++
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

// op is one recorded call, kept small (a big scene records tens of
// thousands): what only markers, text and images need is in x.
type op struct {
	kind    opKind
	closed  bool // paths
	bounded bool
	// box bounds the pixels the call may paint; bounded is false when
	// unknown (the call is always replayed).
	box   Rect
	style Style   // paths
	pts   []Point // the points of a path or markers (not Compact)
	pts32 []pt32  // the same, Compact
	ends  []int32 // where each subpath of a path ends in its points
	x     *opExtra
}

type opExtra struct {
	marker Marker
	text   Text
	img    image.Image
	rect   Rect

	// Markers: the points grouped by rows, made by the first replay into a
	// band (see markerRows).
	rowsOnce sync.Once
	rows     *rowIndex
}

type pt32 struct{ x, y float32 }

// boxOf returns the bounding box of pts (NaN points skipped), expanded by
// margin; ok is false when it cannot be bounded.
func boxOf(subs [][]Point, margin float64) (r Rect, ok bool) {
	return rawBoxOf(subs).expand(margin)
}

// rawBox is a bounding box before expanding (see boxOf).
type rawBox struct{ x0, y0, x1, y1 float64 }

// rawBoxOf is the bounding box of the points of subs that are not NaN.
func rawBoxOf(subs [][]Point) rawBox {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range subs {
		for _, p := range s {
			if p.X != p.X || p.Y != p.Y {
				continue // NaN points are never painted
			}
			// Plain comparisons, not min and max (which also order -0
			// before 0, a sign that does not matter here): 1.7× as fast.
			if p.X < x0 {
				x0 = p.X
			}
			if p.X > x1 {
				x1 = p.X
			}
			if p.Y < y0 {
				y0 = p.Y
			}
			if p.Y > y1 {
				y1 = p.Y
			}
		}
	}
	return rawBox{x0, y0, x1, y1}
}

// expand returns b expanded by margin; ok is false when it cannot be
// bounded.
func (b rawBox) expand(margin float64) (r Rect, ok bool) {
	x0, y0, x1, y1 := b.x0, b.y0, b.x1, b.y1
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

// Path records a copy of p. A path recorded again right after itself (a
// polygon's fill, then its stroke) shares the points of the call before.
func (r *Recording) Path(p *Path, st *Style) {
	o := op{kind: opPath, closed: p.Closed, style: *st}
	if st.Dash != nil {
		o.style.Dash = append([]float64(nil), st.Dash...)
	}
	if prev := r.last(); prev != nil && prev.kind == opPath && r.samePoints(prev, p.Sub) {
		o.pts, o.pts32, o.ends = prev.pts, prev.pts32, prev.ends
	} else {
		o.ends = take(&r.ends, len(p.Sub), &endsBlocks, nil, &r.ends32)
		n := 0
		for i, s := range p.Sub {
			n += len(s)
			o.ends[i] = int32(n)
		}
		r.keepPoints(&o, p.Sub, n)
		if p.boxed {
			r.pathBox = p.box
		} else {
			r.pathBox = rawBoxOf(p.Sub)
		}
	}
	o.box, o.bounded = r.pathBox.expand(inkMargin(&o.style))
	r.add(o)
}

// last is the last call recorded, nil if none.
func (r *Recording) last() *op {
	if len(r.ops) == 0 {
		return nil
	}
	c := r.ops[len(r.ops)-1]
	return &c[len(c)-1]
}

// samePoints reports whether o (a path) keeps exactly the points of subs,
// cut into the same subpaths (as float32 when Compact).
func (r *Recording) samePoints(o *op, subs [][]Point) bool {
	if len(o.ends) != len(subs) || o.pts32 != nil != r.Compact {
		return false
	}
	start := int32(0)
	for i, s := range subs {
		e := o.ends[i]
		if int(e-start) != len(s) {
			return false
		}
		if r.Compact {
			for j, q := range o.pts32[start:e] {
				if q != (pt32{float32(s[j].X), float32(s[j].Y)}) {
					return false
				}
			}
		} else if !slices.Equal(o.pts[start:e], s) {
			return false
		}
		start = e
	}
	return true
}

// keepPoints copies the n points of subs into o.
func (r *Recording) keepPoints(o *op, subs [][]Point, n int) {
	if r.Compact {
		o.pts32 = take(&r.pts32, n, &pts32Blocks, &ownPools[1], &r.pts32Used)[:0]
		for _, s := range subs {
			for _, q := range s {
				o.pts32 = append(o.pts32, pt32{float32(q.X), float32(q.Y)})
			}
		}
		return
	}
	o.pts = take(&r.pts, n, &ptsBlocks, &ownPools[0], &r.ptsUsed)[:0]
	for _, s := range subs {
		o.pts = append(o.pts, s...)
	}
}

// Markers records a copy of the points.
func (r *Recording) Markers(m *Marker, at []Point) {
	o := op{kind: opMarkers, x: &opExtra{marker: *m}}
	r.keepPoints(&o, [][]Point{at}, len(at))
	if m.Shape != Icon {
		o.box, o.bounded = boxOf([][]Point{at}, markerMargin(m))
	}
	r.add(o)
}

// Text records t.
func (r *Recording) Text(t *Text) { r.add(op{kind: opText, x: &opExtra{text: *t}}) }

// Image records img and its rectangle.
func (r *Recording) Image(img image.Image, rect Rect) {
	o := op{kind: opImage, x: &opExtra{img: img, rect: rect}}
	o.box, o.bounded = boxOf([][]Point{{rect.Min, rect.Max}}, 1)
	r.add(o)
}

// Len is the number of calls recorded.
func (r *Recording) Len() int { return r.n }

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
	sc := replayPool.Get().(*replayScratch)
	defer sc.release()
	// The sink gets copies of the style, marker and text (it may not keep
	// them, but must not change the recording either), in sc: not one
	// allocation per call.
	path, st, m, t := &sc.path, &sc.st, &sc.m, &sc.t
	for _, chunk := range r.ops {
		for i := range chunk {
			o := &chunk[i]
			if clipped && o.bounded && !o.box.Overlaps(clip) {
				continue
			}
			switch o.kind {
			case opPath:
				pts := o.points(&sc.buf)
				path.Sub, path.Closed = path.Sub[:0], o.closed
				start := int32(0)
				for _, e := range o.ends {
					path.Sub = append(path.Sub, pts[start:e:e])
					start = e
				}
				*st = o.style
				s.Path(path, st)
			case opMarkers:
				*m = o.x.marker
				if clipped && o.bounded && o.n() >= rowIndexMin {
					if pts, ok := o.markersIn(clip, &sc.buf); ok {
						s.Markers(m, pts)
						continue
					}
				}
				s.Markers(m, o.points(&sc.buf))
			case opText:
				*t = o.x.text
				s.Text(t)
			case opImage:
				s.Image(o.x.img, o.x.rect)
			}
		}
	}
}

// replayScratch is what a Replay needs besides the recording: the buffer
// Compact points are widened into, and the path, style, marker and text
// handed to the sink. replayPool keeps them, so that replaying into many
// bands does not allocate them again for each band.
type replayScratch struct {
	buf  []Point
	path Path
	st   Style
	m    Marker
	t    Text
}

var replayPool = sync.Pool{New: func() any { return new(replayScratch) }}

// release returns sc to replayPool, keeping its buffers but no reference
// into the recording (its points, dashes, fonts or icons).
func (sc *replayScratch) release() {
	clear(sc.path.Sub)
	sc.path.Sub = sc.path.Sub[:0]
	sc.buf = sc.buf[:0]
	sc.st, sc.m, sc.t = Style{}, Marker{}, Text{}
	replayPool.Put(sc)
}

// points is o's points at full precision: kept, or widened into *buf.
func (o *op) points(buf *[]Point) []Point {
	if o.pts32 == nil {
		return o.pts
	}
	b := (*buf)[:0]
	for _, q := range o.pts32 {
		b = append(b, Point{float64(q.x), float64(q.y)})
	}
	*buf = b
	return b
}
