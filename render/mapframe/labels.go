package mapframe

import (
	"image"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"maliatlas/geo"
	"maliatlas/render"
	"maliatlas/render/raster"
)

// The labels of a panning map are placed once for an area larger than the
// view (the padded area: the view and half a view on each side, in device
// pixels) and drawn, as they are needed, into square tiles of a transparent
// layer over that area; a pan frame only composites the tiles' painted
// spans over the shifted map. The labels are placed again only when the
// frame is drawn anew (a zoom, a resize, other options) or when the view
// comes within a guard of the padded area's edge. At the same zoom, scale
// and size, the labels already placed that lie within the new padded area
// and that the new drawing still has (same text, size and anchor: not
// those of a hidden layer or of the other language) are kept where they
// are, and the others are placed around them: labels wholly in view never
// move while the map pans or highlights the feature under the pointer.
//
// A frame drawn anew keeps every label off the view's edges (thin
// obstacles along them, as an export of the view keeps its labels inside):
// a label is in view whole or not at all. While the map pans, the view
// moves over the labels placed, and labels cross its edges (the placements
// a pan makes leave them so: they would jump); once the map is at rest
// (Cache.Settle), a frame whose view has labels across its edges places the
// labels again, keeping those wholly in view (or wholly out) where they
// are: the others are moved inside or dropped.
//
// Hence, against a full redraw of the same view, the labels may differ:
// the placement is made for the padded area, not the view (a label that
// was dropped for one beyond the view's edge is shown as the padded area's
// placement has it), and, after a long pan, it depends on where the pan
// started (kept labels stay in front of candidates of higher priority that
// entered later). Labels never collide all the same. The off-map labels
// ("to Europe"), which follow the view's edges, are placed on every frame,
// clear of the cached labels.

// The label layer's tiles, device pixels. Tiles drawn in the same frame
// are drawn together (drawTiles), so their size only sets how finely the
// painted spans are kept and how much is drawn ahead of the view.
const (
	tileW = 64
	tileH = 64
)

// maxFree bounds the strips' pixels kept for reuse.
const maxFree = 64

// labelLayer is the placed labels of the padded area and their tiles.
type labelLayer struct {
	valid  bool
	gen    uint64
	zoom   float64
	scale  float64
	w, h   int // the view's device size
	pw, ph int // the padded area's
	// offX, offY: the base picture's pixel (0, 0) is the layer's pixel
	// (offX, offY).
	offX, offY int
	lox, loy   float64              // the world point of the layer's pixel (0, 0)
	labels     []render.PlacedLabel // in the layer's pixels
	ink        []image.Rectangle    // what each label may paint
	cols, rows int
	tiles      []*labelTileImg // cols×rows; nil: not drawn yet
	strips     [][]byte        // the pixels of the tiles' pictures
	free       [][]byte        // strips' pixels to reuse
}

// labelTileImg is one tile of the layer: its picture (nil when nothing
// paints it; a part of the strip it was drawn in) and, per row, the span of painted pixels [x0, x1) (tile's
// pixels).
type labelTileImg struct {
	img   *image.RGBA
	spans [][2]int16
}

// sameGeometry reports whether the layer was placed at this zoom, scale
// and view size (its labels can be kept).
func (l *labelLayer) sameGeometry(zoom, scale float64, w, h int) bool {
	return l.valid && l.zoom == zoom && l.scale == scale && l.w == w && l.h == h
}

// usable reports whether the layer can serve a pan frame of view size w×h
// at zoom/scale/gen without placing the labels again (off already follows
// the pan).
func (l *labelLayer) usable(gen uint64, zoom, scale float64, w, h int) bool {
	if !l.sameGeometry(zoom, scale, w, h) || l.gen != gen {
		return false
	}
	gx, gy := (l.pw-w)/8, (l.ph-h)/8 // a quarter of the margin
	return l.offX >= gx && l.offY >= gy && l.offX+w <= l.pw-gx && l.offY+h <= l.ph-gy
}

// place places the labels of the padded area around a view whose device
// origin is the world point (ox, oy); keep says whether the labels of the
// layer before (same zoom, scale and size) stay where they are, if the
// drawing has their candidates still; edges, whether the labels are kept
// off the view's edges (those of the layer before across them placed
// again): not while the map pans (a label partly in view would jump).
func (l *labelLayer) place(s *render.Scene, o render.Options, ox, oy float64, gen uint64, keep, edges bool) {
	v := o.View
	w, h := v.DeviceSize()
	ppw := v.PixelsPerWorld()
	// Margins of about half a view, whole tiles: the view's top-left
	// corner is a tile's, so that the first frame draws few tiles beyond it.
	mx := max(1, (w/2+tileW/2)/tileW) * tileW
	my := max(1, (h/2+tileH/2)/tileH) * tileH
	sc := v.DeviceScale()
	pv := v
	pv.Width, pv.Height = int(math.Ceil(float64(w+2*mx)/sc)), int(math.Ceil(float64(h+2*my)/sc))
	pw, ph := pv.DeviceSize()
	// The padded view's device origin is the base's pixel (−mx, −my).
	cx := ox + (float64(pw)/2-float64(mx))/ppw
	cy := oy + (float64(ph)/2-float64(my))/ppw
	pv.Center = geo.Unproject(cx, cy)

	var kept []render.PlacedLabel
	lox, loy := ox-float64(mx)/ppw, oy-float64(my)/ppw
	view := image.Rect(mx, my, mx+w, my+h) // the view, in the new layer's pixels
	if keep && l.valid {
		// Old layer pixel p is new layer pixel p + (dx, dy): whole pixels
		// while the map pans (the same pixels drawn), else as it falls.
		dx, dy := wholeIfNear((l.lox-lox)*ppw), wholeIfNear((l.loy-loy)*ppw)
		for _, lb := range l.labels {
			k := lb.Shifted(dx, dy)
			if k.Box.Min.X >= 0 && k.Box.Min.Y >= 0 && k.Box.Max.X <= float64(pw) && k.Box.Max.Y <= float64(ph) &&
				!(edges && acrossEdge(k.Box, view)) {
				kept = append(kept, k)
			}
		}
	}
	po := o
	po.View = pv
	po.LabelsOnly = true
	po.Offmap = render.OffmapNone
	po.PlacedLabels = nil
	po.KeepLabels = kept
	// No label across the view's edges, as an export of the view has it:
	// thin obstacles along them (a label beyond the view, in the margins,
	// is free).
	if edges {
		fx0, fy0, fx1, fy1 := float64(mx), float64(my), float64(mx+w), float64(my+h)
		const e = 0.25
		po.LabelObstacles = []render.Rect{
			{Min: render.Point{X: fx0 - e, Y: fy0}, Max: render.Point{X: fx0 + e, Y: fy1}},
			{Min: render.Point{X: fx1 - e, Y: fy0}, Max: render.Point{X: fx1 + e, Y: fy1}},
			{Min: render.Point{X: fx0, Y: fy0 - e}, Max: render.Point{X: fx1, Y: fy0 + e}},
			{Min: render.Point{X: fx0, Y: fy1 - e}, Max: render.Point{X: fx1, Y: fy1 + e}},
		}
	}
	placed := l.labels[:0]
	po.Labels = &placed
	s.Draw(render.Discard{}, &po)

	l.valid, l.gen, l.zoom, l.scale, l.w, l.h, l.pw, l.ph = true, gen, v.Zoom, v.DeviceScale(), w, h, pw, ph
	l.offX, l.offY = mx, my
	l.lox, l.loy = lox, loy
	l.labels = placed
	l.ink = l.ink[:0]
	for i := range placed {
		l.ink = append(l.ink, inkBox(&placed[i]))
	}
	l.free = append(l.free, l.strips...)
	l.strips = l.strips[:0]
	if len(l.free) > maxFree {
		// Keep the largest (they serve smaller strips too).
		slices.SortFunc(l.free, func(a, b []byte) int { return cap(b) - cap(a) })
		clear(l.free[maxFree:])
		l.free = l.free[:maxFree]
	}
	l.cols, l.rows = (pw+tileW-1)/tileW, (ph+tileH-1)/tileH
	l.tiles = append(l.tiles[:0], make([]*labelTileImg, l.cols*l.rows)...)
}

// wholeIfNear rounds v to a whole number when within 0.02 of one.
func wholeIfNear(v float64) float64 {
	if r := math.Round(v); math.Abs(v-r) < 0.02 {
		return r
	}
	return v
}

// inkBox bounds the pixels a label may paint: its box (the visual box of
// the text and 2 px), widened by what glyphs may reach beyond it (accents
// above capitals, descenders: well within 0.3 em), half the halo and the
// shield's stroke, and a pixel of antialiasing.
func inkBox(lb *render.PlacedLabel) image.Rectangle {
	m := 0.3*lb.Text.Size + lb.Text.HaloWidth/2 + lb.Shield.Width + 1
	return image.Rect(int(math.Floor(lb.Box.Min.X-m)), int(math.Floor(lb.Box.Min.Y-m)),
		int(math.Ceil(lb.Box.Max.X+m)), int(math.Ceil(lb.Box.Max.Y+m)))
}

// drawTiles draws the tiles todo (in rows, left to right), on every core.
// Tiles are drawn together, a label across two of them once: all of them
// in a band per core when they make a rectangle (a zoom: the view's), else
// each run of neighbouring tiles of a row in a strip.
func (l *labelLayer) drawTiles(todo [][2]int) {
	type job struct {
		tx0, tx1, ty0, ty1 int
		r                  image.Rectangle
		img                *image.RGBA
	}
	var jobs []job
	add := func(tx0, tx1, ty0, ty1 int) {
		r := l.tilesRect(tx0, tx1, ty0, ty1)
		for y := ty0; y < ty1; y++ {
			for x := tx0; x < tx1; x++ {
				l.tiles[y*l.cols+x] = &labelTileImg{}
			}
		}
		for n := range l.labels {
			if l.ink[n].Overlaps(r) {
				jobs = append(jobs, job{tx0, tx1, ty0, ty1, r, l.newStrip(r)})
				break
			}
		}
	}
	if len(todo) == 0 {
		return
	}
	first, last := todo[0], todo[len(todo)-1]
	if cols, rows := last[0]-first[0]+1, last[1]-first[1]+1; cols > 0 && cols*rows == len(todo) {
		// A rectangle: one band of rows per core.
		n := min(runtime.GOMAXPROCS(0), rows)
		for k := range n {
			y0, y1 := first[1]+rows*k/n, first[1]+rows*(k+1)/n
			add(first[0], last[0]+1, y0, y1)
		}
	} else {
		for i := 0; i < len(todo); {
			k := i + 1
			for k < len(todo) && todo[k][1] == todo[i][1] && todo[k][0] == todo[k-1][0]+1 {
				k++
			}
			add(todo[i][0], todo[k-1][0]+1, todo[i][1], todo[i][1]+1)
			i = k
		}
	}
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(jobs) {
					return
				}
				j := jobs[k]
				l.drawStrip(j.r, j.img)
				for y := j.ty0; y < j.ty1; y++ {
					for x := j.tx0; x < j.tx1; x++ {
						tr := l.tilesRect(x, x+1, y, y+1)
						l.tiles[y*l.cols+x].setSpans(j.img.SubImage(tr).(*image.RGBA))
					}
				}
			}
		}()
	}
	wg.Wait()
}

// tilesRect is the layer's pixels of the tiles [tx0, tx1) × [ty0, ty1).
func (l *labelLayer) tilesRect(tx0, tx1, ty0, ty1 int) image.Rectangle {
	return image.Rect(tx0*tileW, ty0*tileH, min(tx1*tileW, l.pw), min(ty1*tileH, l.ph))
}

// drawStrip draws the labels that reach r into img (transparent).
func (l *labelLayer) drawStrip(r image.Rectangle, img *image.RGBA) {
	c := raster.NewBand(img, r)
	for i := range l.labels {
		if l.ink[i].Overlaps(r) {
			l.labels[i].Draw(c)
		}
	}
}

// setSpans keeps img as the tile's picture if any of it is painted, with
// the painted span of each row.
func (t *labelTileImg) setSpans(img *image.RGBA) {
	dx, dy := img.Rect.Dx(), img.Rect.Dy()
	spans := make([][2]int16, dy)
	ink := false
	for y := range dy {
		row := img.Pix[y*img.Stride : y*img.Stride+dx*4]
		x0, x1 := 0, dx
		for x0 < x1 && row[x0*4+3] == 0 {
			x0++
		}
		for x1 > x0 && row[x1*4-1] == 0 {
			x1--
		}
		spans[y] = [2]int16{int16(x0), int16(x1)}
		ink = ink || x1 > x0
	}
	if ink {
		t.img, t.spans = img, spans
	}
}

// newStrip is a transparent picture of r (the layer's pixels), its pixels
// taken from the strips of an earlier placement when one is large enough.
func (l *labelLayer) newStrip(r image.Rectangle) *image.RGBA {
	n := r.Dx() * r.Dy() * 4
	best := -1 // the smallest that will do
	for i, b := range l.free {
		if cap(b) >= n && (best < 0 || cap(b) < cap(l.free[best])) {
			best = i
		}
	}
	var pix []byte
	if best >= 0 {
		pix = l.free[best][:n]
		l.free = append(l.free[:best], l.free[best+1:]...)
		clear(pix)
	} else {
		pix = make([]byte, n)
	}
	l.strips = append(l.strips, pix)
	return &image.RGBA{Pix: pix, Stride: r.Dx() * 4, Rect: r}
}

// composite blends the layer's tiles over out (the base picture's pixels),
// drawing those the view reaches for the first time (on every core).
func (l *labelLayer) composite(out *image.RGBA) {
	w, h := out.Rect.Dx(), out.Rect.Dy()
	view := image.Rect(l.offX, l.offY, l.offX+w, l.offY+h)
	var todo [][2]int
	for ty := max(0, view.Min.Y/tileH); ty < l.rows && ty*tileH < view.Max.Y; ty++ {
		for tx := max(0, view.Min.X/tileW); tx < l.cols && tx*tileW < view.Max.X; tx++ {
			if l.tiles[ty*l.cols+tx] == nil {
				todo = append(todo, [2]int{tx, ty})
			}
		}
	}
	l.drawTiles(todo)
	for ty := max(0, view.Min.Y/tileH); ty < l.rows && ty*tileH < view.Max.Y; ty++ {
		for tx := max(0, view.Min.X/tileW); tx < l.cols && tx*tileW < view.Max.X; tx++ {
			t := l.tiles[ty*l.cols+tx]
			if t.img == nil {
				continue
			}
			r := t.img.Rect.Intersect(view)
			for y := r.Min.Y; y < r.Max.Y; y++ {
				sp := t.spans[y-t.img.Rect.Min.Y]
				x0 := max(r.Min.X, t.img.Rect.Min.X+int(sp[0]))
				x1 := min(r.Max.X, t.img.Rect.Min.X+int(sp[1]))
				if x0 >= x1 {
					continue
				}
				so := (y-t.img.Rect.Min.Y)*t.img.Stride + (x0-t.img.Rect.Min.X)*4
				do := (y-l.offY)*out.Stride + (x0-l.offX)*4
				blendOver(out.Pix[do:do+(x1-x0)*4], t.img.Pix[so:so+(x1-x0)*4])
			}
		}
	}
}

// blendOver blends the premultiplied pixels src over dst (same length).
func blendOver(dst, src []byte) { raster.BlitRow(dst, src) }

// visible are the layer's labels that reach the view, in the view's
// device pixels.
func (l *labelLayer) visible(w, h int) []render.PlacedLabel {
	view := image.Rect(l.offX, l.offY, l.offX+w, l.offY+h)
	var out []render.PlacedLabel
	for i := range l.labels {
		if l.ink[i].Overlaps(view) && boxReaches(l.labels[i].Box, view) {
			out = append(out, l.labels[i].Shifted(-float64(l.offX), -float64(l.offY)))
		}
	}
	return out
}

// acrossEdge reports whether the box b lies partly in r and partly out.
func acrossEdge(b render.Rect, r image.Rectangle) bool {
	inside := b.Min.X >= float64(r.Min.X) && b.Min.Y >= float64(r.Min.Y) && b.Max.X <= float64(r.Max.X) && b.Max.Y <= float64(r.Max.Y)
	return !inside && boxReaches(b, r)
}

// acrossView reports whether a label placed reaches across the edge of the
// view (w×h at the layer's offset).
func (l *labelLayer) acrossView(w, h int) bool {
	view := image.Rect(l.offX, l.offY, l.offX+w, l.offY+h)
	for i := range l.labels {
		if acrossEdge(l.labels[i].Box, view) {
			return true
		}
	}
	return false
}

func boxReaches(b render.Rect, r image.Rectangle) bool {
	return b.Max.X > float64(r.Min.X) && b.Min.X < float64(r.Max.X) && b.Max.Y > float64(r.Min.Y) && b.Min.Y < float64(r.Max.Y)
}
