package render

import (
	"image"
	"math"

	"github.com/paulmach/orb"

	"maliatlas/layers"
)

// drawRaster draws the part of a raster layer's image (the relief) that the
// frame shows, from the pyramid level closest above the frame's resolution,
// through the sink's Image method (so SVG and PDF embed it).
func (fr *frame) drawRaster(r *layers.Raster, op float64) {
	tl := fr.toScreen(project(orb.Point{r.Bound.Min[0], r.Bound.Max[1]}))
	br := fr.toScreen(project(orb.Point{r.Bound.Max[0], r.Bound.Min[1]}))
	rw, rh := br.X-tl.X, br.Y-tl.Y
	if !(rw > 0 && rh > 0) || br.X <= 0 || br.Y <= 0 || tl.X >= fr.w || tl.Y >= fr.h {
		return
	}
	// The coarsest level with at least one image pixel per device pixel.
	lvl := 0
	for i := r.NumLevels() - 1; i >= 0; i-- {
		img, err := r.Level(i)
		if err != nil || img == nil {
			return
		}
		if float64(img.Rect.Dx()) >= rw*0.9 || i == 0 {
			lvl = i
			break
		}
	}
	img, err := r.Level(lvl)
	if err != nil || img == nil {
		return
	}
	iw, ih := float64(img.Rect.Dx()), float64(img.Rect.Dy())
	// The source pixels under the frame, one pixel of margin for the
	// bilinear filter.
	sx0 := math.Max(0, math.Floor((0-tl.X)/rw*iw)-1)
	sy0 := math.Max(0, math.Floor((0-tl.Y)/rh*ih)-1)
	sx1 := math.Min(iw, math.Ceil((fr.w-tl.X)/rw*iw)+1)
	sy1 := math.Min(ih, math.Ceil((fr.h-tl.Y)/rh*ih)+1)
	if sx0 >= sx1 || sy0 >= sy1 {
		return
	}
	sub := img.SubImage(image.Rect(int(sx0), int(sy0), int(sx1), int(sy1))).(*image.RGBA)
	if op < 1 {
		sub = fadeRGBA(sub, op)
	}
	dst := Rect{
		Min: Point{tl.X + sx0/iw*rw, tl.Y + sy0/ih*rh},
		Max: Point{tl.X + sx1/iw*rw, tl.Y + sy1/ih*rh},
	}
	fr.sink.Image(sub, dst)
}

// fadeRGBA returns a copy of a premultiplied image with every channel scaled
// by k (a layer's opacity).
func fadeRGBA(src *image.RGBA, k float64) *image.RGBA {
	b := src.Rect
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	m := uint32(k*256 + 0.5)
	for y := 0; y < b.Dy(); y++ {
		s := src.Pix[y*src.Stride : y*src.Stride+b.Dx()*4]
		d := out.Pix[y*out.Stride : y*out.Stride+b.Dx()*4]
		for i, v := range s {
			d[i] = uint8(uint32(v) * m >> 8)
		}
	}
	return out
}

// labelsAlong adds candidates for the label c every spacing device pixels
// along the line f (road refs, river names), the first half a spacing from
// its start, each centred on the line where it stands inside the frame.
func (fr *frame) labelsAlong(f *prepFeature, c labelCand, spacing float64) {
	next := spacing / 2
	acc := 0.0
	for _, pt := range f.parts {
		if pt.end-pt.start < 2 {
			continue
		}
		prev := fr.toScreen(f.pts[pt.start])
		for i := pt.start + 1; i < pt.end; i++ {
			q := fr.toScreen(f.pts[i])
			d := math.Hypot(q.X-prev.X, q.Y-prev.Y)
			for d > 0 && acc+d >= next {
				t := (next - acc) / d
				at := Point{prev.X + t*(q.X-prev.X), prev.Y + t*(q.Y-prev.Y)}
				if at.X >= 0 && at.Y >= 0 && at.X <= fr.w && at.Y <= fr.h {
					cc := c
					cc.at = at
					cc.seq = len(fr.labels)
					fr.labels = append(fr.labels, cc)
				}
				next += spacing
			}
			acc += d
			prev = q
		}
	}
}

// drawShield draws a road reference in its box (the label's collision box).
func (fr *frame) drawShield(c labelCand, box Rect) {
	fr.path.Reset()
	fr.path.Closed = true
	fr.path.Sub = append(fr.path.Sub, []Point{box.Min, {box.Max.X, box.Min.Y}, box.Max, {box.Min.X, box.Max.Y}})
	fr.sink.Path(&fr.path, &Style{Fill: c.shield, Stroke: c.color, Width: 0.8 * fr.scale, Join: MiterJoin})
	pad := 2 * fr.scale
	asc, _ := c.font.Metrics()
	fr.sink.Text(&Text{X: box.Min.X + pad, Y: box.Min.Y + pad + asc*c.size*0.8, S: c.text, Font: c.font, Size: c.size, Color: c.color})
}
