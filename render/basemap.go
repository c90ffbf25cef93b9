package render

import (
	"image"
	"math"
	"sort"

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
	// vector output (SVG, PDF: not RasterTarget), a third of that: the viewer
	// smooths it, the relief's data are coarser still (2.4 km a pixel), and
	// the embedded image is a quarter or less of the size.
	need := 0.9
	if !fr.o.RasterTarget {
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
	if fr.o.RasterTarget && op >= 1 {
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
// its start. Each label is turned along a straight-enough stretch of the
// line as long as the text, found within ±0.4 spacing of its place (none
// there: no label); it reads left to right, never upside down.
func (fr *frame) labelsAlong(f *prepFeature, c labelCand, spacing float64) {
	w := c.font.Measure(c.text, c.size)
	asc, desc := c.font.Metrics()
	h := (asc + desc) * c.size * 0.8
	need := w + 4*fr.scale // the text and its shield's padding
	tol := math.Max(1.2*fr.scale, 0.25*h)
	inFrame := func(p Point) bool { return p.X >= 0 && p.Y >= 0 && p.X <= fr.w && p.Y <= fr.h }
	next, base := spacing/2, 0.0
	var pts []Point
	var cum []float64
	for _, pt := range f.parts {
		pts, cum = pts[:0], cum[:0]
		for i := pt.start; i < pt.end; i++ {
			p := fr.toScreen(f.pts[i])
			if n := len(pts); n > 0 {
				d := math.Hypot(p.X-pts[n-1].X, p.Y-pts[n-1].Y)
				if d == 0 {
					continue
				}
				cum = append(cum, cum[n-1]+d)
			} else {
				cum = append(cum, 0)
			}
			pts = append(pts, p)
		}
		if len(pts) < 2 {
			continue
		}
		total := cum[len(cum)-1]
		for ; next < base+total; next += spacing {
			d0 := next - base
			for _, k := range [...]float64{0, -0.1, 0.1, -0.2, 0.2, -0.3, 0.3, -0.4, 0.4} {
				d := d0 + k*spacing
				if d < need/2 || d > total-need/2 {
					continue
				}
				angle, mid, ok := straightStretch(pts, cum, d-need/2, d+need/2, tol)
				if !ok || !inFrame(mid) {
					continue
				}
				cc := c
				cc.at, cc.turned, cc.angle = mid, true, angle
				cc.seq = len(fr.labels)
				fr.labels = append(fr.labels, cc)
				break
			}
		}
		base += total
	}
}

// straightStretch reports whether the piece of the polyline pts (cum: the
// distance along it at each point) from distance s0 to s1 keeps within tol
// of its chord and does not turn back; if so, the chord's upright angle
// and its middle.
func straightStretch(pts []Point, cum []float64, s0, s1, tol float64) (float64, Point, bool) {
	at := func(s float64) Point {
		i := sort.SearchFloat64s(cum, s) // first point at or past s
		if i <= 0 {
			return pts[0]
		}
		if i >= len(pts) {
			return pts[len(pts)-1]
		}
		t := (s - cum[i-1]) / (cum[i] - cum[i-1])
		return Point{pts[i-1].X + t*(pts[i].X-pts[i-1].X), pts[i-1].Y + t*(pts[i].Y-pts[i-1].Y)}
	}
	a, b := at(s0), at(s1)
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l < 0.9*(s1-s0) || l == 0 {
		return 0, Point{}, false
	}
	for i := sort.SearchFloat64s(cum, s0); i < len(pts) && cum[i] < s1; i++ {
		if math.Abs((pts[i].X-a.X)*dy-(pts[i].Y-a.Y)*dx)/l > tol {
			return 0, Point{}, false
		}
	}
	return UprightAngle(dx, dy), Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}, true
}
