package raster

import (
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"reflect"
	"sync"
	"sync/atomic"

	"maliatlas/render"
)

// Markers are drawn from sprites: each distinct marker is rendered once per
// quarter-pixel offset into a small premultiplied image, trimmed to its ink,
// and blitted at every position.

// spriteKey identifies one rendered marker variant.
type spriteKey struct {
	shape        render.MarkerShape
	size, sw     float64
	fill, stroke color.NRGBA
	icon         any // the icon image when comparable, else nil (not cached)
	qx, qy       uint8
}

// sprite is a premultiplied RGBA image whose top-left pixel lands at
// (ix+dx, iy+dy) for an anchor pixel (ix, iy). For the blit, each row keeps
// only the span from its first to its last inked pixel, as inkPx.
type sprite struct {
	w, h, dx, dy int
	pix          []byte // stride w*4
	rows         []inkRow
	ink          []inkPx
	// flat is the ink as one list with byte offsets for an image stride,
	// for markers wholly inside the clip (made on first use: bands of one
	// image share it).
	flat atomic.Pointer[flatInk]
}

// inkRow is the inked span of a sprite row: columns [x0, x0+n), whose
// pixels are ink[off:off+n].
type inkRow struct{ x0, n, off int32 }

// inkPx is a sprite pixel ready to composite: the premultiplied source as
// four 16-bit lanes (expand) and its inverse alpha. The blend
// s + d·inv/255 needs no branch: an opaque pixel (inv 0) replaces the
// destination, a transparent one (s 0, inv 255) leaves it as it is.
type inkPx struct{ s, inv uint64 }

const maxSprites = 4096

var spriteCache = struct {
	sync.Mutex
	m map[spriteKey]*sprite
}{m: map[spriteKey]*sprite{}}

// Quarter-pixel positioning.
const subSteps = 4

// Markers draws m centred at every point of at.
func (c *Canvas) Markers(m *render.Marker, at []render.Point) {
	if c.empty() || m == nil || len(at) == 0 || !(m.Size > 0) || m.Size > 4096 {
		return
	}
	sw := m.StrokeWidth
	if !(sw > 0) || m.Stroke.A == 0 || sw > 4096 {
		sw = 0
	}
	key := spriteKey{shape: m.Shape, size: m.Size, sw: sw, fill: m.Fill, stroke: m.Stroke}
	if sw == 0 {
		key.stroke = color.NRGBA{}
	}
	cacheable := true
	if m.Shape == render.Icon {
		key.fill, key.stroke, key.sw = color.NRGBA{}, color.NRGBA{}, 0
		if m.Icon == nil {
			return
		}
		if v := reflect.ValueOf(m.Icon); v.Comparable() {
			key.icon = m.Icon
		} else {
			cacheable = false
		}
	}
	var variants [subSteps * subSteps]*sprite
	var flats [subSteps * subSteps]*flatInk
	reach := markerReach(m.Size, sw)
	cx0, cy0 := float64(c.clip.Min.X)-reach, float64(c.clip.Min.Y)-reach
	cx1, cy1 := float64(c.clip.Max.X)+reach, float64(c.clip.Max.Y)+reach
	clip := c.clip
	// Blit each marker in turn (overlaps composite as drawn one by one);
	// a band's rows stay in cache without going strip by strip.
	for _, p := range at {
		if !(p.X > cx0 && p.X < cx1 && p.Y > cy0 && p.Y < cy1) {
			continue // also NaN
		}
		qx := int(math.Floor(p.X*subSteps + 0.5))
		qy := int(math.Floor(p.Y*subSteps + 0.5))
		v := (qy&3)*subSteps + qx&3
		sp := variants[v]
		if sp == nil {
			k := key
			k.qx, k.qy = uint8(qx&3), uint8(qy&3)
			sp = getSprite(k, m, cacheable)
			variants[v] = sp
			flats[v] = sp.flatFor(c.bl.stride)
		}
		x, y := qx>>2+sp.dx, qy>>2+sp.dy
		if flats[v] != nil && x >= clip.Min.X && y >= clip.Min.Y && x+sp.w <= clip.Max.X && y+sp.h <= clip.Max.Y {
			// Wholly inside the clip (most markers): all of the lists.
			f, base := flats[v], c.bl.offset(y, x)
			if useSSE2 && base >= 0 && base+f.span <= len(c.img.Pix) {
				blendFlatSSE2(c.img.Pix, base, f.opaque, f.pairs, f.single)
			} else {
				blendFlatGo(c.img.Pix, base, f.opaque, f.pairs, f.single)
			}
			continue
		}
		c.blit(sp, x, y, clip.Min.Y, clip.Max.Y)
	}
}

// flatInk is a sprite's ink laid out for an image of the given stride, as
// byte offsets from the sprite's top-left pixel: opaque pixels (stored as
// they are), translucent pixels two by two where they sit side by side, and
// the translucent pixels left. Transparent pixels are left out. Each list is
// in row order (so in increasing offsets); row y's entries of list k are
// [at[y][k], at[y+1][k]).
type flatInk struct {
	stride int
	span   int // bytes from the top-left pixel to past the bottom-right one
	opaque []opaquePx
	pairs  []blendPx
	single []blendPx
	at     [][3]int32
}

type opaquePx struct{ off, w uint32 }

// blendPx is two translucent pixels side by side at off and off+4 (or one,
// in the first half, for a single), as 16-bit lanes in memory order (R, G,
// B, A of the first pixel, then of the second): each channel becomes
// src + d·inv/255 (rounded as div255).
type blendPx struct {
	inv [8]uint16
	src [8]uint16
	off uint32
	_   uint32
}

// set puts pixel q in half k (0 or 1) of b.
func (b *blendPx) set(k int, q inkPx) {
	s := pack(q.s)
	for c := range 4 {
		b.inv[4*k+c] = uint16(q.inv)
		b.src[4*k+c] = uint16(s >> (8 * c) & 0xff)
	}
}

// flatFor returns sp's ink laid out for stride, or nil for a big sprite
// (blitted from its pixels).
func (sp *sprite) flatFor(stride int) *flatInk {
	if sp.rows == nil || sp.h*stride > math.MaxInt32 {
		return nil
	}
	if f := sp.flat.Load(); f != nil && f.stride == stride {
		return f
	}
	f := &flatInk{stride: stride, span: (sp.h-1)*stride + sp.w*4, at: make([][3]int32, 0, len(sp.rows)+1)}
	for y, r := range sp.rows {
		f.at = append(f.at, [3]int32{int32(len(f.opaque)), int32(len(f.pairs)), int32(len(f.single))})
		ink := sp.ink[r.off : r.off+r.n]
		for i := 0; i < len(ink); i++ {
			q := ink[i]
			off := uint32(y*stride + (int(r.x0)+i)*4)
			switch {
			case q.inv == 255:
				// transparent: nothing to do
			case q.inv == 0:
				f.opaque = append(f.opaque, opaquePx{off, pack(q.s)})
			case i+1 < len(ink) && ink[i+1].inv != 0 && ink[i+1].inv != 255:
				b := blendPx{off: off}
				b.set(0, q)
				b.set(1, ink[i+1])
				f.pairs = append(f.pairs, b)
				i++
			default:
				b := blendPx{off: off}
				b.set(0, q)
				b.set(1, inkPx{0, 255})
				f.single = append(f.single, b)
			}
		}
	}
	f.at = append(f.at, [3]int32{int32(len(f.opaque)), int32(len(f.pairs)), int32(len(f.single))})
	sp.flat.Store(f)
	return f
}

// markerReach bounds the distance from a marker's centre to its ink.
func markerReach(size, sw float64) float64 {
	return size/2*math.Sqrt2 + sw*2.5 + 2
}

func getSprite(k spriteKey, m *render.Marker, cacheable bool) *sprite {
	if cacheable {
		spriteCache.Lock()
		sp := spriteCache.m[k]
		spriteCache.Unlock()
		if sp != nil {
			return sp
		}
	}
	sp := renderSprite(k, m.Icon)
	if cacheable {
		spriteCache.Lock()
		if len(spriteCache.m) >= maxSprites {
			clear(spriteCache.m)
		}
		spriteCache.m[k] = sp
		spriteCache.Unlock()
	}
	return sp
}

// markerPath returns the outline of a shape of the given size centred on
// (cx, cy): a circle of diameter size, a square of side size, a triangle
// (pointing up) and a diamond inscribed in the size×size box.
func markerPath(shape render.MarkerShape, size, cx, cy float64) []render.Point {
	h := size / 2
	switch shape {
	case render.Square:
		return []render.Point{{X: cx - h, Y: cy - h}, {X: cx + h, Y: cy - h}, {X: cx + h, Y: cy + h}, {X: cx - h, Y: cy + h}}
	case render.Triangle:
		return []render.Point{{X: cx, Y: cy - h}, {X: cx + h, Y: cy + h}, {X: cx - h, Y: cy + h}}
	case render.Diamond:
		return []render.Point{{X: cx, Y: cy - h}, {X: cx + h, Y: cy}, {X: cx, Y: cy + h}, {X: cx - h, Y: cy}}
	}
	return circle(cx, cy, h)
}

// circle returns a polygon approximating a circle within 0.05 px.
func circle(cx, cy, r float64) []render.Point {
	n := 8
	if r > strokeTol {
		n = max(n, int(math.Ceil(math.Pi/math.Acos(1-strokeTol/r))))
	}
	n = min(n, 1024)
	pts := make([]render.Point, n)
	for i := range pts {
		s, c := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		pts[i] = render.Point{X: cx + r*c, Y: cy + r*s}
	}
	return pts
}

func renderSprite(k spriteKey, icon image.Image) *sprite {
	reach := markerReach(k.size, k.sw)
	R := int(math.Ceil(reach))
	n := 2*R + 1
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	cv := NewBand(img, img.Rect)
	cx := float64(R) + float64(k.qx)/subSteps
	cy := float64(R) + float64(k.qy)/subSteps
	if k.shape == render.Icon {
		h := k.size / 2
		cv.Image(icon, render.Rect{Min: render.Point{X: cx - h, Y: cy - h}, Max: render.Point{X: cx + h, Y: cy + h}})
	} else {
		p := &render.Path{Sub: [][]render.Point{markerPath(k.shape, k.size, cx, cy)}, Closed: true}
		st := &render.Style{Fill: k.fill, Stroke: k.stroke, Width: k.sw, Join: render.MiterJoin}
		if k.shape == render.Circle {
			st.Join = render.RoundJoin
		}
		cv.Path(p, st)
	}
	// Trim to the ink.
	b := image.Rectangle{}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if img.Pix[y*img.Stride+x*4+3] != 0 {
				b = b.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	sp := &sprite{w: b.Dx(), h: b.Dy(), dx: b.Min.X - R, dy: b.Min.Y - R}
	sp.pix = make([]byte, sp.w*sp.h*4)
	for y := 0; y < sp.h; y++ {
		o := (b.Min.Y+y)*img.Stride + b.Min.X*4
		copy(sp.pix[y*sp.w*4:(y+1)*sp.w*4], img.Pix[o:o+sp.w*4])
	}
	sp.runs()
	return sp
}

// maxInkPixels is the largest sprite (in pixels) blitted from ink lists;
// bigger ones (rare: a marker over 60 px) are blitted from their pixels, as
// the lists take 16 bytes a pixel and their flat form 20–40.
const maxInkPixels = 64 * 64

// runs fills sp.rows and sp.ink from sp.pix (for a sprite of at most
// maxInkPixels). A pixel of alpha 0 is left as it is by the blit (whatever
// its colour, as BlitRow does).
func (sp *sprite) runs() {
	if sp.w*sp.h > maxInkPixels {
		return
	}
	sp.rows = make([]inkRow, sp.h)
	sp.ink = sp.ink[:0]
	for y := range sp.h {
		row := sp.pix[y*sp.w*4 : (y+1)*sp.w*4]
		x0, x1 := sp.w, 0
		for x := range sp.w {
			if row[x*4+3] != 0 {
				x0, x1 = min(x0, x), x+1
			}
		}
		r := inkRow{x0: int32(x0), off: int32(len(sp.ink))}
		for x := x0; x < x1; x++ {
			s := binary.LittleEndian.Uint32(row[x*4:])
			if s>>24 == 0 {
				sp.ink = append(sp.ink, inkPx{0, 255})
			} else {
				sp.ink = append(sp.ink, inkPx{expand(s), uint64(255 - s>>24)})
			}
		}
		r.n = int32(len(sp.ink)) - r.off
		sp.rows[y] = r
	}
}

// blit composites sp with its top-left pixel at (x, y), clipped to the clip
// columns and rows [ry0, ry1).
func (c *Canvas) blit(sp *sprite, x, y, ry0, ry1 int) {
	x0, y0 := max(x, c.clip.Min.X), max(y, ry0)
	x1, y1 := min(x+sp.w, c.clip.Max.X), min(y+sp.h, ry1)
	if x0 >= x1 || y0 >= y1 {
		return
	}
	pix := c.img.Pix
	if sp.rows == nil {
		// A big sprite: its pixels, row by row.
		n := (x1 - x0) * 4
		for yy := y0; yy < y1; yy++ {
			so := (yy-y)*sp.w*4 + (x0-x)*4
			do := c.bl.offset(yy, x0)
			BlitRow(pix[do:do+n], sp.pix[so:so+n])
		}
		return
	}
	if f := sp.flatFor(c.bl.stride); f != nil && x0 == x && x1 == x+sp.w {
		// All columns: the rows [y0, y1) of the flat lists.
		c.blendRows(f, c.bl.offset(y, x), y0-y, y1-y, sp.w)
		return
	}
	for yy := y0; yy < y1; yy++ {
		r := sp.rows[yy-y]
		// The row's ink, clipped to [x0, x1).
		a, b := max(x+int(r.x0), x0), min(x+int(r.x0+r.n), x1)
		if a >= b {
			continue
		}
		ink := sp.ink[int(r.off)+a-x-int(r.x0) : int(r.off)+b-x-int(r.x0)]
		o := c.bl.offset(yy, a)
		blendInk(pix[o:o+len(ink)*4], ink)
	}
}

// blendRows composites rows [r0, r1) of f, a sprite w pixels wide whose
// top-left pixel is at byte base of the image (those rows inside the clip).
func (c *Canvas) blendRows(f *flatInk, base, r0, r1, w int) {
	a, b := f.at[r0], f.at[r1]
	opaque, pairs, single := f.opaque[a[0]:b[0]], f.pairs[a[1]:b[1]], f.single[a[2]:b[2]]
	pix := c.img.Pix
	// The rows' pixels lie in these bytes (f is laid out for c's stride):
	// the check that lets the SSE2 kernel go without bounds checks.
	if lo, hi := base+r0*f.stride, base+(r1-1)*f.stride+w*4; useSSE2 && f.stride == c.bl.stride && lo >= 0 && hi <= len(pix) {
		blendFlatSSE2(pix, base, opaque, pairs, single)
		return
	}
	blendFlatGo(pix, base, opaque, pairs, single)
}

// blendFlatGo composites flat pixels at their offsets from base in pix,
// in Go: a pixel as four 16-bit lanes of a word
// (expand), one multiply per pixel.
func blendFlatGo(pix []byte, base int, opaque []opaquePx, pairs, single []blendPx) {
	for i := range opaque {
		q := &opaque[i]
		o := base + int(q.off)
		binary.LittleEndian.PutUint32(pix[o:o+4:o+4], q.w)
	}
	for i := range pairs {
		q := &pairs[i]
		o := base + int(q.off)
		p := pix[o : o+8 : o+8]
		d := binary.LittleEndian.Uint64(p)
		a := pack(q.lanes(0) + div255x4(expand(uint32(d))*uint64(q.inv[0])))
		b := pack(q.lanes(1) + div255x4(expand(uint32(d>>32))*uint64(q.inv[4])))
		binary.LittleEndian.PutUint64(p, uint64(a)|uint64(b)<<32)
	}
	for i := range single {
		q := &single[i]
		o := base + int(q.off)
		p := pix[o : o+4 : o+4]
		binary.LittleEndian.PutUint32(p, pack(q.lanes(0)+div255x4(expand(binary.LittleEndian.Uint32(p))*uint64(q.inv[0]))))
	}
}

// lanes returns the source of half k of b as expand does.
func (b *blendPx) lanes(k int) uint64 {
	s := b.src[4*k : 4*k+4 : 4*k+4]
	return uint64(s[0]) | uint64(s[2])<<16 | uint64(s[1])<<32 | uint64(s[3])<<48
}

// blendInk composites ink onto the pixels of d (4 bytes each), source-over:
// d = s + d·inv/255 per channel, rounded as div255.
func blendInk(d []byte, ink []inkPx) {
	d = d[:len(ink)*4]
	for i, q := range ink {
		p := d[i*4 : i*4+4 : i*4+4]
		binary.LittleEndian.PutUint32(p, pack(q.s+div255x4(expand(binary.LittleEndian.Uint32(p))*q.inv)))
	}
}
