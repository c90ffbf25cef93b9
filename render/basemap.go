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
	// The coarsest level with about one image pixel per device pixel; for a
	// vector output (SVG, PDF: no DeviceImage), a third of that: the viewer
	// smooths it, the relief's data are coarser still (2.4 km a pixel), and
	// the embedded image is a quarter or less of the size.
	need := 0.9
	if fr.o.DeviceImage == nil {
		need = 0.35
	}
	lvl := 0
	for i := r.NumLevels() - 1; i >= 0; i-- {
		img, err := r.Level(i)
		if err != nil || img == nil {
			return
		}
		if float64(img.Rect.Dx()) >= rw*need || i == 0 {
			lvl = i
			break
		}
	}
	img, err := r.Level(lvl)
	if err != nil || img == nil {
		return
	}
	iw, ih := float64(img.Rect.Dx()), float64(img.Rect.Dy())
	if fr.o.DeviceImage != nil && op >= 1 {
		fr.drawRasterDevice(img, tl, rw, rh)
		return
	}
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

// drawRasterDevice draws img (spanning rw×rh device pixels from tl) for a
// raster target: the sink gets the whole level with its device rectangle
// and resamples it to its pixels (the raster canvas does so bilinearly,
// band by band, straight into the picture).
func (fr *frame) drawRasterDevice(img *image.RGBA, tl Point, rw, rh float64) {
	fr.sink.Image(img, Rect{Min: tl, Max: Point{tl.X + rw, tl.Y + rh}})
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
// its start. Text is horizontal, so each label goes where the line runs
// nearly level (within 30°) in the half spacing after its place, if it does
// anywhere there, centred on the line, inside the frame.
func (fr *frame) labelsAlong(f *prepFeature, c labelCand, spacing float64) {
	type seg struct {
		a, b Point
		at   float64 // distance along the line where it starts
		flat bool
	}
	var segs []seg
	acc := 0.0
	for _, pt := range f.parts {
		for i := pt.start + 1; i < pt.end; i++ {
			a, b := fr.toScreen(f.pts[i-1]), fr.toScreen(f.pts[i])
			d := math.Hypot(b.X-a.X, b.Y-a.Y)
			if d == 0 {
				continue
			}
			segs = append(segs, seg{a, b, acc, math.Abs(b.Y-a.Y) <= 0.58*math.Abs(b.X-a.X)})
			acc += d
		}
	}
	pointAt := func(s seg, dist float64) Point {
		t := (dist - s.at) / math.Hypot(s.b.X-s.a.X, s.b.Y-s.a.Y)
		return Point{s.a.X + t*(s.b.X-s.a.X), s.a.Y + t*(s.b.Y-s.a.Y)}
	}
	inFrame := func(p Point) bool { return p.X >= 0 && p.Y >= 0 && p.X <= fr.w && p.Y <= fr.h }
	k := 0
	for next := spacing / 2; next < acc; next += spacing {
		for k < len(segs)-1 && segs[k+1].at <= next {
			k++
		}
		at := pointAt(segs[k], next)
		// A level stretch within the next half spacing, if any.
		for j := k; j < len(segs) && segs[j].at < next+spacing/2; j++ {
			if segs[j].flat {
				d := math.Max(next, segs[j].at)
				end := segs[j].at + math.Hypot(segs[j].b.X-segs[j].a.X, segs[j].b.Y-segs[j].a.Y)
				at = pointAt(segs[j], (d+end)/2)
				break
			}
		}
		if inFrame(at) {
			cc := c
			cc.at = at
			cc.seq = len(fr.labels)
			fr.labels = append(fr.labels, cc)
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
