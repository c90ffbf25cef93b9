package raster

import (
	"encoding/binary"
	"image"
	"image/draw"
	"math"

	"maliatlas/render"
)

// Image draws img scaled into r (bilinear sampling, source-over, alpha
// respected). Pixels whose centres lie inside r are painted.
func (c *Canvas) Image(img image.Image, r render.Rect) {
	if c.empty() || img == nil || img.Bounds().Empty() {
		return
	}
	if !(r.Dx() > 0 && r.Dy() > 0) || math.IsInf(r.Dx(), 0) || math.IsInf(r.Dy(), 0) {
		return
	}
	// Destination pixels with centres in r, clipped.
	x0 := clampInt(math.Ceil(r.Min.X-0.5), c.clip.Min.X, c.clip.Max.X)
	x1 := clampInt(math.Ceil(r.Max.X-0.5), c.clip.Min.X, c.clip.Max.X)
	y0 := clampInt(math.Ceil(r.Min.Y-0.5), c.clip.Min.Y, c.clip.Max.Y)
	y1 := clampInt(math.Ceil(r.Max.Y-0.5), c.clip.Min.Y, c.clip.Max.Y)
	if x0 >= x1 || y0 >= y1 {
		return
	}
	src := toRGBA(img)
	sb := src.Rect
	if r.Dx() == float64(sb.Dx()) && r.Dy() == float64(sb.Dy()) && r.Min.X == math.Floor(r.Min.X) && r.Min.Y == math.Floor(r.Min.Y) {
		// One source pixel per device pixel, on whole pixels (an image
		// already resampled to the device, such as the map's relief):
		// blend the rows as they are.
		ox, oy := int(r.Min.X), int(r.Min.Y)
		for y := y0; y < y1; y++ {
			so := src.PixOffset(sb.Min.X+x0-ox, sb.Min.Y+y-oy)
			o := c.bl.offset(y, x0)
			BlitRow(c.img.Pix[o:o+(x1-x0)*4], src.Pix[so:so+(x1-x0)*4])
		}
		return
	}
	sx := float64(sb.Dx()) / r.Dx()
	sy := float64(sb.Dy()) / r.Dy()
	c.scaled(src, r, x0, x1, y0, y1, sx, sy)
}

// imgCol is where a destination column samples the source: byte offsets of
// the two source pixels and the weight of the second in 1/256.
type imgCol struct{ i0, i1, f uint32 }

// scaled draws src scaled into r for the destination pixels [x0, x1) ×
// [y0, y1): bilinear sampling in fixed point (weights in 1/256, two
// channels per multiply), edges clamped: the pixel at device (x, y) samples
// src at ((x+0.5−r.Min.X)·sx − 0.5, (y+0.5−r.Min.Y)·sy − 0.5). Each source
// row pair is interpolated across once and reused by the destination rows
// that fall between the same two source rows.
func (c *Canvas) scaled(src *image.RGBA, r render.Rect, x0, x1, y0, y1 int, sx, sy float64) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	n := x1 - x0
	cols := make([]imgCol, n)
	for x := range cols {
		u := math.Max(0, math.Min((float64(x+x0)+0.5-r.Min.X)*sx-0.5, float64(w-1)))
		i := int(u)
		cols[x] = imgCol{uint32(i * 4), uint32(min(i+1, w-1) * 4), uint32((u - float64(i)) * 256)}
	}
	buf := make([]uint32, 2*n)
	top, bot := buf[:n], buf[n:]
	ht, hb := -1, -1 // source rows held in top and bot
	base := src.PixOffset(src.Rect.Min.X, src.Rect.Min.Y)
	across := func(dst []uint32, j int) {
		sr := src.Pix[base+j*src.Stride:]
		for x, cl := range cols {
			a := binary.LittleEndian.Uint32(sr[cl.i0:])
			b := binary.LittleEndian.Uint32(sr[cl.i1:])
			if a != b {
				a = mix(a, b, cl.f)
			}
			dst[x] = a
		}
	}
	for y := y0; y < y1; y++ {
		v := math.Max(0, math.Min((float64(y)+0.5-r.Min.Y)*sy-0.5, float64(h-1)))
		j := int(v)
		j1 := min(j+1, h-1)
		fy := uint32((v - float64(j)) * 256)
		switch {
		case ht == j && hb == j1:
		case hb == j:
			top, bot = bot, top
			ht = j
			across(bot, j1)
			hb = j1
		default:
			across(top, j)
			ht = j
			if j1 == j {
				copy(bot, top)
			} else {
				across(bot, j1)
			}
			hb = j1
		}
		o := c.bl.offset(y, x0)
		d := c.img.Pix[o : o+n*4]
		for x, s := range top {
			if b := bot[x]; b != s {
				s = mix(s, b, fy)
			}
			sa := s >> 24
			if sa == 0 {
				continue
			}
			p := d[x*4 : x*4+4 : x*4+4]
			if sa == 255 {
				binary.LittleEndian.PutUint32(p, s)
				continue
			}
			binary.LittleEndian.PutUint32(p, over(binary.LittleEndian.Uint32(p), s&0x00ff00ff, (s>>8)&0x00ff00ff, 255-sa))
		}
	}
}

// mix returns a·(256−f)/256 + b·f/256 per channel of two RGBA words
// (truncated, as the relief was always resampled), for f in [0, 256).
func mix(a, b, f uint32) uint32 {
	g := 256 - f
	rb := ((a&0x00ff00ff)*g + (b&0x00ff00ff)*f) >> 8 & 0x00ff00ff
	ag := ((a>>8&0x00ff00ff)*g + (b>>8&0x00ff00ff)*f) & 0xff00ff00
	return rb | ag
}

func clampInt(v float64, lo, hi int) int {
	if !(v >= float64(lo)) {
		return lo
	}
	if v > float64(hi) {
		return hi
	}
	return int(v)
}

// toRGBA returns img as premultiplied RGBA (img itself when it already is).
func toRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok {
		return m
	}
	b := img.Bounds()
	m := image.NewRGBA(b)
	draw.Draw(m, b, img, b.Min, draw.Src)
	return m
}
