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
		// One source pixel per device pixel: blend the rows as they are.
		ox, oy := int(r.Min.X), int(r.Min.Y)
		for y := y0; y < y1; y++ {
			so := src.PixOffset(sb.Min.X+x0-ox, sb.Min.Y+y-oy)
			o := c.bl.offset(y, x0)
			blitRow(c.img.Pix[o:o+(x1-x0)*4], src.Pix[so:so+(x1-x0)*4])
		}
		return
	}
	sx := float64(sb.Dx()) / r.Dx()
	sy := float64(sb.Dy()) / r.Dy()
	// One image pixel per device pixel, on whole pixels (an image already
	// resampled to the device, such as the map's relief): copy the rows.
	if sx == 1 && sy == 1 && r.Min.X == math.Trunc(r.Min.X) && r.Min.Y == math.Trunc(r.Min.Y) {
		ox, oy := int(r.Min.X), int(r.Min.Y)
		for y := y0; y < y1; y++ {
			so := (y-oy)*src.Stride + (x0-ox)*4
			o := c.bl.offset(y, x0)
			blitRow(c.img.Pix[o:o+(x1-x0)*4], src.Pix[so:so+(x1-x0)*4])
		}
		return
	}
	row := make([]byte, (x1-x0)*4)
	for y := y0; y < y1; y++ {
		v := (float64(y)+0.5-r.Min.Y)*sy - 0.5
		for x := x0; x < x1; x++ {
			u := (float64(x)+0.5-r.Min.X)*sx - 0.5
			binary.LittleEndian.PutUint32(row[(x-x0)*4:], bilinear(src, u, v))
		}
		o := c.bl.offset(y, x0)
		blitRow(c.img.Pix[o:o+len(row)], row)
	}
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

// bilinear samples src at (u, v) in source pixel units relative to its
// origin (pixel centres at integer+0.5 have been shifted to integers), edges
// clamped, and returns a premultiplied pixel word.
func bilinear(src *image.RGBA, u, v float64) uint32 {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	u = math.Max(0, math.Min(u, float64(w-1)))
	v = math.Max(0, math.Min(v, float64(h-1)))
	ix, iy := int(u), int(v)
	fx, fy := u-float64(ix), v-float64(iy)
	ix1, iy1 := min(ix+1, w-1), min(iy+1, h-1)
	at := func(x, y int) uint32 {
		o := y*src.Stride + x*4
		return binary.LittleEndian.Uint32(src.Pix[o : o+4])
	}
	p00, p10, p01, p11 := at(ix, iy), at(ix1, iy), at(ix, iy1), at(ix1, iy1)
	if p00 == p10 && p00 == p01 && p00 == p11 {
		return p00
	}
	w00 := (1 - fx) * (1 - fy)
	w10 := fx * (1 - fy)
	w01 := (1 - fx) * fy
	w11 := fx * fy
	var out uint32
	for sh := 0; sh < 32; sh += 8 {
		c := float64((p00>>sh)&255)*w00 + float64((p10>>sh)&255)*w10 +
			float64((p01>>sh)&255)*w01 + float64((p11>>sh)&255)*w11
		out |= uint32(c+0.5) << sh
	}
	return out
}
