package render

import (
	"encoding/binary"
	"image"
	"math"
	"runtime"
	"sync"

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

// drawRasterDevice resamples img (spanning rw×rh device pixels from tl) to
// the device pixels of the frame it covers, bilinearly, and draws that one
// to one.
func (fr *frame) drawRasterDevice(img *image.RGBA, tl Point, rw, rh float64) {
	x0, y0 := max(0, int(math.Floor(tl.X))), max(0, int(math.Floor(tl.Y)))
	x1, y1 := min(int(fr.w), int(math.Ceil(tl.X+rw))), min(int(fr.h), int(math.Ceil(tl.Y+rh)))
	if x0 >= x1 || y0 >= y1 {
		return
	}
	dst := fr.o.DeviceImage(x1-x0, y1-y0)
	if dst == nil || dst.Rect.Dx() != x1-x0 || dst.Rect.Dy() != y1-y0 {
		return
	}
	resample(dst, img, float64(x0)-tl.X, float64(y0)-tl.Y, float64(img.Rect.Dx())/rw, float64(img.Rect.Dy())/rh)
	fr.sink.Image(dst, Rect{Min: Point{float64(x0), float64(y0)}, Max: Point{float64(x1), float64(y1)}})
}

// resample fills dst from src bilinearly: dst pixel (x, y) samples src at
// ((x+ox+0.5)·kx − 0.5, (y+oy+0.5)·ky − 0.5), edges clamped. Premultiplied
// pixels, weights in 1/256, two channels per multiply; rows on every core.
func resample(dst, src *image.RGBA, ox, oy, kx, ky float64) {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	type col struct{ i0, i1, f uint32 }
	cols := make([]col, w)
	for x := range cols {
		u := math.Max(0, math.Min((float64(x)+ox+0.5)*kx-0.5, float64(sw-1)))
		i := int(u)
		cols[x] = col{uint32(i * 4), uint32(min(i+1, sw-1) * 4), uint32((u - float64(i)) * 256)}
	}
	// Each source row pair is interpolated across once, kept for the
	// destination rows between the same two source rows (the relief is
	// coarser than the device when zoomed in); the result is the same as
	// interpolating each pixel's four neighbours (lerp2 of equal words is
	// that word).
	rows := func(ya, yb int) {
		top, bot := make([]uint32, w), make([]uint32, w)
		ht, hb := -1, -1
		across := func(dst []uint32, j int) {
			r := src.Pix[j*src.Stride:]
			for x, c := range cols {
				a := binary.LittleEndian.Uint32(r[c.i0:])
				b := binary.LittleEndian.Uint32(r[c.i1:])
				if a == b {
					dst[x] = a
				} else {
					dst[x] = lerp2(a, b, c.f)
				}
			}
		}
		for y := ya; y < yb; y++ {
			v := math.Max(0, math.Min((float64(y)+oy+0.5)*ky-0.5, float64(sh-1)))
			j := int(v)
			j1 := min(j+1, sh-1)
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
			d := dst.Pix[y*dst.Stride : y*dst.Stride+w*4]
			for x := range top {
				a, b := top[x], bot[x]
				if a != b {
					a = lerp2(a, b, fy)
				}
				binary.LittleEndian.PutUint32(d[x*4:], a)
			}
		}
	}
	n := runtime.GOMAXPROCS(0)
	if n < 2 || h < 64 {
		rows(0, h)
		return
	}
	var wg sync.WaitGroup
	for k := 0; k < n; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rows(h*k/n, h*(k+1)/n)
		}()
	}
	wg.Wait()
}

// lerp2 mixes two RGBA words: a·(256−f)/256 + b·f/256, per channel.
func lerp2(a, b, f uint32) uint32 {
	g := 256 - f
	rb := ((a&0x00ff00ff)*g + (b&0x00ff00ff)*f) >> 8 & 0x00ff00ff
	ag := ((a>>8&0x00ff00ff)*g + (b>>8&0x00ff00ff)*f) & 0xff00ff00
	return rb | ag
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
