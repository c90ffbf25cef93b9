package raster

import (
	"image"
	"image/color"
	"math"
	"reflect"
	"sync"

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
// (ix+dx, iy+dy) for an anchor pixel (ix, iy).
type sprite struct {
	w, h, dx, dy int
	pix          []byte // stride w*4
}

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
	reach := markerReach(m.Size, sw)
	cx0, cy0 := float64(c.clip.Min.X)-reach, float64(c.clip.Min.Y)-reach
	cx1, cy1 := float64(c.clip.Max.X)+reach, float64(c.clip.Max.Y)+reach
	// Place every visible marker, then blit strip by strip (in the original
	// order within each strip, so overlaps composite exactly as drawn one by
	// one) to keep the destination rows in cache.
	pl := c.placed[:0]
	for _, p := range at {
		if !(p.X > cx0 && p.X < cx1 && p.Y > cy0 && p.Y < cy1) {
			continue // also NaN
		}
		qx := int(math.Floor(p.X*subSteps + 0.5))
		qy := int(math.Floor(p.Y*subSteps + 0.5))
		v := (qy&3)*subSteps + qx&3
		if variants[v] == nil {
			k := key
			k.qx, k.qy = uint8(qx&3), uint8(qy&3)
			variants[v] = getSprite(k, m, cacheable)
		}
		pl = append(pl, placement{int32(qx >> 2), int32(qy >> 2), uint8(v)})
	}
	c.placed = pl
	if len(pl) < 64 {
		for _, q := range pl {
			sp := variants[q.v]
			c.blit(sp, int(q.x)+sp.dx, int(q.y)+sp.dy, c.clip.Min.Y, c.clip.Max.Y)
		}
		return
	}
	const strip = 32
	for s0 := c.clip.Min.Y; s0 < c.clip.Max.Y; s0 += strip {
		s1 := min(s0+strip, c.clip.Max.Y)
		for _, q := range pl {
			sp := variants[q.v]
			y := int(q.y) + sp.dy
			if y >= s1 || y+sp.h <= s0 {
				continue
			}
			c.blit(sp, int(q.x)+sp.dx, y, s0, s1)
		}
	}
}

type placement struct {
	x, y int32 // anchor pixel
	v    uint8 // sprite variant
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
	return sp
}

// blit composites sp with its top-left pixel at (x, y), clipped to the clip
// columns and rows [ry0, ry1).
func (c *Canvas) blit(sp *sprite, x, y, ry0, ry1 int) {
	x0, y0 := max(x, c.clip.Min.X), max(y, ry0)
	x1, y1 := min(x+sp.w, c.clip.Max.X), min(y+sp.h, ry1)
	if x0 >= x1 || y0 >= y1 {
		return
	}
	n := (x1 - x0) * 4
	for yy := y0; yy < y1; yy++ {
		so := (yy-y)*sp.w*4 + (x0-x)*4
		do := c.bl.offset(yy, x0)
		BlitRow(c.img.Pix[do:do+n], sp.pix[so:so+n])
	}
}
