package render

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
	"sync"

	"maliatlas/events"
	"maliatlas/geo"
)

// Event layer styles.
const (
	EventPoints   = "points"
	EventDensity  = "density"
	EventHex      = "hex"
	EventClusters = "clusters"
)

// EventStyles lists the styles in the order the layer panel offers them.
var EventStyles = []string{EventPoints, EventDensity, EventHex, EventClusters}

// EventLayer is an imported event table drawn as points, a density surface,
// hex bins or clusters. Its settings are plain fields; make one with
// NewEventLayer. A copy (cp := *l) is a snapshot with other settings that
// shares the cache of what was computed (selections, cells, densities), so
// the window can hand the renderer immutable copies and a pan redraws from
// the cache. Safe for concurrent Draw calls.
type EventLayer struct {
	ID, Title string
	Table     *events.Table
	Style     string        // EventPoints, EventDensity, EventHex or EventClusters
	Filter    events.Filter // period, categories, precision, text
	// CellKm is the hexagons' size across (default 25); BandwidthKm the
	// density kernel's standard deviation (default 25).
	CellKm, BandwidthKm float64
	// ByCount counts events; otherwise they weigh their weight column.
	ByCount bool
	Ramp    string // viridis (default), cividis or magma
	// Classes is "quantiles" (default) or "natural breaks"; NClasses 5 by default.
	Classes  string
	NClasses int
	Opacity  float64 // 0 means 1
	// Selected events are drawn emphasised (linked to a table).
	Selected map[int32]bool
	// FixedClasses and FixedMax, when set, hold the hex classes and the
	// top of the density ramp still, so the frames of an animation compare.
	FixedClasses *events.Classes
	FixedMax     float64
	// Vector draws hex cells as paths and the density at its grid's
	// resolution every time, never from a screen-sized picture: for SVG and
	// PDF, where paths stay sharp at any zoom.
	Vector bool

	shared *eventShared
}

// eventShared is the cache the copies of a layer share.
type eventShared struct {
	mu    sync.Mutex
	cache eventCache
}

// NewEventLayer makes a layer of t drawn as points.
func NewEventLayer(id, title string, t *events.Table) *EventLayer {
	return &EventLayer{ID: id, Title: title, Table: t, Style: EventPoints, shared: &eventShared{}}
}

// lock locks the shared cache and returns it.
func (l *EventLayer) lock() *eventCache {
	if l.shared == nil {
		panic("render: an EventLayer not made by NewEventLayer")
	}
	l.shared.mu.Lock()
	return &l.shared.cache
}

func (l *EventLayer) unlock() { l.shared.mu.Unlock() }

type eventCache struct {
	// gen counts the changes of what the layer draws for places already
	// drawn (Prepare returns it); selGen counts the selections made.
	gen     uint64
	selGen  uint64
	filter  events.Filter
	sel     []int32
	selOK   bool
	hexKey  [4]any
	hex     *events.HexBins
	classes events.Classes
	hexPts  []wpt // 6 world points per cell
	dens    *events.Density
	densKey [4]any
	densImg *image.RGBA // premultiplied: the raster backend draws it as is
	// densNorm is the density the top of the ramp stands for. It is held
	// while the zoom, the selection and the settings stay (densNormKey),
	// so a density recomputed for a panned view colours the places
	// already drawn as before.
	densNorm    float64
	densNormKey [5]any
	// densPix is densImg resampled to device pixels over the view and a
	// quarter view around it (for screens: a pan only blends rows), with
	// its top-left corner at world (densPixX, densPixY).
	densPix            *image.RGBA
	densPixPPW         float64
	densPixX, densPixY float64
	// hexPix is the hex cells drawn at device resolution (like densPix).
	hexPix           *image.RGBA
	hexPixPPW        float64
	hexPixX, hexPixY float64
	hexPixKey        [3]any
	// The clusters for a zoom and selection (clKey), made for the world
	// region clX0…clX1, clY0…clY1; clMax is the count the largest circle
	// stands for (held while only the place changes).
	clKey      [3]float64
	clX0, clY0 float64
	clX1, clY1 float64
	clMax      int
	cl         []events.Cluster
}

func (l *EventLayer) cellKm() float64 {
	if l.CellKm > 0 {
		return l.CellKm
	}
	return 25
}

func (l *EventLayer) bandwidthKm() float64 {
	if l.BandwidthKm > 0 {
		return l.BandwidthKm
	}
	return 25
}

func (l *EventLayer) nClasses() int {
	if l.NClasses > 0 {
		return l.NClasses
	}
	return 5
}

func (l *EventLayer) byCount() bool { return l.ByCount || !l.Table.HasWeight() }

// Selection is the indexes of the events the filter keeps (cached).
func (l *EventLayer) Selection() []int32 {
	l.lock()
	defer l.unlock()
	return l.selection()
}

func (l *EventLayer) selection() []int32 {
	c := &l.shared.cache
	if !c.selOK || !c.filter.Equal(l.Filter) {
		c.sel = l.Filter.Select(l.Table)
		c.filter = l.Filter
		c.filter.Hidden = append([]string(nil), l.Filter.Hidden...)
		c.selOK = true
		c.hex, c.dens, c.cl = nil, nil, nil
		c.selGen++
		c.gen++
	}
	return c.sel
}

// Hex returns the hex bins and their classes for the current settings.
func (l *EventLayer) Hex() (*events.HexBins, events.Classes, error) {
	l.lock()
	defer l.unlock()
	return l.hexBins()
}

func (l *EventLayer) hexBins() (*events.HexBins, events.Classes, error) {
	sel := l.selection()
	c := &l.shared.cache
	key := [4]any{l.cellKm(), l.Classes + strconv.Itoa(l.nClasses()), l.byCount(), l.FixedClasses}
	if c.hex != nil && c.hexKey == key {
		return c.hex, c.classes, nil
	}
	h, err := events.HexBin(l.Table, sel, l.cellKm())
	if err != nil {
		return nil, events.Classes{}, err
	}
	vals := make([]float64, h.Len())
	for i := range vals {
		vals[i] = l.cellValue(h, i)
	}
	if l.Classes == "natural breaks" {
		c.classes = events.NaturalBreaks(vals, l.nClasses())
	} else {
		c.classes = events.Quantiles(vals, l.nClasses())
	}
	if l.FixedClasses != nil {
		c.classes = *l.FixedClasses
	}
	// Cells are drawn at 92% of their size: the gaps show the map
	// between them without the cost of stroking every outline.
	c.hexPts = c.hexPts[:0]
	for i := 0; i < h.Len(); i++ {
		ring := h.Ring(i)
		var cx, cy float64
		pts := make([]wpt, 6)
		for k, p := range ring[:6] {
			pts[k] = project(p)
			cx, cy = cx+pts[k].x/6, cy+pts[k].y/6
		}
		for _, p := range pts {
			c.hexPts = append(c.hexPts, wpt{cx + 0.92*(p.x-cx), cy + 0.92*(p.y-cy)})
		}
	}
	c.hex, c.hexKey = h, key
	c.gen++
	return h, c.classes, nil
}

func (l *EventLayer) cellValue(h *events.HexBins, i int) float64 {
	if l.byCount() {
		return float64(h.Count[i])
	}
	return h.Weight[i]
}

func (l *EventLayer) opacity() float64 {
	if l.Opacity <= 0 {
		return 1
	}
	return math.Min(1, l.Opacity)
}

// Draw draws the layer for view v.
func (l *EventLayer) Draw(sink Sink, v geo.Viewport, fonts FontSet) {
	l.lock()
	defer l.unlock()
	fr := &frame{sink: sink, scale: v.DeviceScale(), ppw: v.PixelsPerWorld(), view: v}
	fr.ox, fr.oy = v.ScreenToWorld(0, 0)
	dw, dh := v.DeviceSize()
	fr.w, fr.h = float64(dw), float64(dh)
	switch l.Style {
	case EventDensity:
		l.drawDensity(fr, v)
	case EventHex:
		l.drawHex(fr)
	case EventClusters:
		l.drawClusters(fr, v, fonts)
	default:
		l.drawPoints(fr)
	}
	if len(l.Selected) > 0 {
		var pts []Point
		for i := range l.Selected {
			if int(i) < l.Table.Len() {
				pts = append(pts, fr.toScreen(wpt{l.Table.X[i], l.Table.Y[i]}))
			}
		}
		sink.Markers(&Marker{Shape: Circle, Size: 11 * fr.scale, Stroke: highlightColor, StrokeWidth: 2.5 * fr.scale}, pts)
	}
}

// Prepare readies what the layer caches for drawing a frame of view v
// (the whole frame, also when only strips of it are drawn next, as
// render/mapframe does while the map pans): the density, the hex cells'
// picture or the clusters are made for v and a margin around it, in world
// coordinates, so that strips only sample them. It returns a number that
// changes whenever the layer would draw the places already drawn
// differently (other settings, selection, zoom or density scale): a frame
// cache that shifted its last picture must then draw the frame anew.
func (l *EventLayer) Prepare(v geo.Viewport) uint64 {
	l.lock()
	defer l.unlock()
	switch l.Style {
	case EventDensity:
		if pix := l.densityPixelsWanted(v); l.densityFor(v, pix) != nil && pix {
			l.densityPixels(l.shared.cache.dens, v)
		}
	case EventHex:
		dw, dh := v.DeviceSize()
		if h, _, err := l.hexBins(); err == nil && h.Len() > 0 && !l.Vector && NewImageSink != nil && dw*dh <= maxPixCache {
			l.hexPixels(v)
		}
	case EventClusters:
		l.clustersFor(v)
	default:
		l.selection()
	}
	return l.shared.cache.gen
}

// within reports whether the device rectangle of view v, with pad device
// pixels around it, lies inside the picture w×h whose top-left corner is
// at world (x0, y0), at v's zoom.
func within(v geo.Viewport, pad float64, x0, y0 float64, w, h int) bool {
	ppw := v.PixelsPerWorld()
	dw, dh := v.DeviceSize()
	vx0, vy0 := v.ScreenToWorld(-pad, -pad)
	vx1, vy1 := v.ScreenToWorld(float64(dw)+pad, float64(dh)+pad)
	// A thousandth of a pixel of slack: the strips' views are made from
	// the frame's origin and may differ from it by rounding.
	e := 1e-3 / ppw
	return vx0 >= x0-e && vy0 >= y0-e && vx1 <= x0+float64(w)/ppw+e && vy1 <= y0+float64(h)/ppw+e
}

// margin is the device pixels a cached picture is made with on each side
// of the view: a quarter of the view.
func margin(v geo.Viewport) (mx, my int) {
	dw, dh := v.DeviceSize()
	return dw / 4, dh / 4
}

func (fr *frame) visible(p Point, pad float64) bool {
	return p.X >= -pad && p.Y >= -pad && p.X <= fr.w+pad && p.Y <= fr.h+pad
}

// pointColor is the colour of event points: the ramp's dark-middle colour.
func (l *EventLayer) pointColor() color.NRGBA { return RampNamed(l.Ramp).At(0.3) }

func (l *EventLayer) drawPoints(fr *frame) {
	sel := l.selection()
	t := l.Table
	var precise, loose []Point
	for _, i := range sel {
		p := fr.toScreen(wpt{t.X[i], t.Y[i]})
		if !fr.visible(p, 8) {
			continue
		}
		if t.Precise(int(i)) {
			precise = append(precise, p)
		} else {
			loose = append(loose, p)
		}
	}
	c := withAlpha(l.pointColor(), 0.85*l.opacity())
	size := 6 * fr.scale
	fr.sink.Markers(&Marker{Shape: Circle, Size: size, Stroke: c, StrokeWidth: 1.3 * fr.scale}, loose)
	fr.sink.Markers(&Marker{Shape: Circle, Size: size, Fill: c, Stroke: color.NRGBA{255, 255, 255, 200}, StrokeWidth: 0.6 * fr.scale}, precise)
}

// NewImageSink, when set (the raster backend sets it), makes a sink that
// draws into a new transparent w×h image: layers use it to keep what they
// drew for the next frames.
var NewImageSink func(w, h int) (Sink, *image.RGBA)

func (l *EventLayer) drawHex(fr *frame) {
	h, _, err := l.hexBins()
	if err != nil || h.Len() == 0 {
		return
	}
	v := fr.view
	dw, dh := v.DeviceSize()
	if NewImageSink == nil || l.Vector || dw*dh > maxPixCache {
		l.drawHexCells(fr)
		return
	}
	c := &l.shared.cache
	p := l.hexPixels(v)
	l.blit(fr, p, c.hexPixX, c.hexPixY)
}

// hexPixels returns the picture of the hex cells at device resolution
// that covers view v, drawing it (over the view and a quarter view around
// it) when the one cached does not.
func (l *EventLayer) hexPixels(v geo.Viewport) *image.RGBA {
	c := &l.shared.cache
	key := [3]any{c.hex, l.Ramp, l.opacity()}
	ppw := v.PixelsPerWorld()
	if p := c.hexPix; p != nil && c.hexPixKey == key && c.hexPixPPW == ppw &&
		within(v, 0, c.hexPixX, c.hexPixY, p.Rect.Dx(), p.Rect.Dy()) {
		return p
	}
	if c.hexPixKey != key || c.hexPixPPW != ppw {
		c.gen++
	}
	dw, dh := v.DeviceSize()
	mx, my := margin(v)
	w, hh := dw+2*mx, dh+2*my
	x0, y0 := v.ScreenToWorld(-float64(mx), -float64(my))
	sink, img := NewImageSink(w, hh)
	sub := &frame{sink: sink, scale: v.DeviceScale(), ppw: ppw, ox: x0, oy: y0, w: float64(w), h: float64(hh), view: v}
	l.drawHexCells(sub)
	c.hexPix, c.hexPixPPW, c.hexPixKey = img, ppw, key
	c.hexPixX, c.hexPixY = x0, y0
	return img
}

// blit draws a cached image whose top-left corner is at world (x0, y0),
// on whole device pixels.
func (l *EventLayer) blit(fr *frame, p *image.RGBA, x0, y0 float64) {
	at := fr.toScreen(wpt{x0, y0})
	at.X, at.Y = math.Round(at.X), math.Round(at.Y)
	fr.sink.Image(p, Rect{Min: at, Max: Point{at.X + float64(p.Rect.Dx()), at.Y + float64(p.Rect.Dy())}})
}

func (l *EventLayer) drawHexCells(fr *frame) {
	h, cl, _ := l.hexBins()
	r := RampNamed(l.Ramp)
	n := cl.Len()
	paths := make([]Path, n)
	pts := l.shared.cache.hexPts
	for i := 0; i < h.Len(); i++ {
		ring := make([]Point, 6)
		in := false
		for k := range ring {
			ring[k] = fr.toScreen(pts[6*i+k])
			in = in || fr.visible(ring[k], 0)
		}
		if !in {
			continue
		}
		k := cl.Of(l.cellValue(h, i))
		paths[k].Sub = append(paths[k].Sub, ring)
		paths[k].Closed = true
	}
	for k := range paths {
		if len(paths[k].Sub) == 0 {
			continue
		}
		fr.sink.Path(&paths[k], &Style{Fill: withAlpha(l.classColor(r, k, n), 0.82*l.opacity())})
	}
}

// classColor spreads n classes over the ramp from 0.1 (the darkest is too
// heavy over a map) to 1.
func (l *EventLayer) classColor(r Ramp, k, n int) color.NRGBA {
	if n <= 1 {
		return r.At(0.6)
	}
	return r.At(0.1 + 0.9*float64(k)/float64(n-1))
}

// densityFor returns the density grid for view v; with pad, a grid that
// also covers the margin the device-resolution picture is made with.
func (l *EventLayer) densityFor(v geo.Viewport, pad bool) *events.Density {
	sel := l.selection()
	c := &l.shared.cache
	key := [4]any{l.bandwidthKm(), l.byCount(), l.Ramp, l.FixedMax}
	if d := c.dens; d != nil && c.densKey == key && d.Covers(v) {
		if !pad || gridCovers(d, v) {
			return d
		}
	}
	d, err := events.KDE(l.Table, sel, v, l.bandwidthKm(), 4*v.DeviceScale(), l.byCount())
	if err != nil {
		return nil
	}
	// The scale of the colours is held while only the place changes.
	normKey := [5]any{c.selGen, l.bandwidthKm(), l.byCount(), d.PPW, v.DeviceScale()}
	if c.densNormKey != normKey || !(c.densNorm > 0) {
		c.densNorm, c.densNormKey = d.Max, normKey
		c.gen++
	} else if c.densKey != key {
		c.gen++
	}
	r := RampNamed(l.Ramp)
	img := image.NewRGBA(image.Rect(0, 0, d.W, d.H))
	// A lookup table of 256 premultiplied colours.
	var lut [256][4]uint8
	for k := range lut {
		t := float64(k) / 255
		col := r.At(t)
		a := math.Min(1, 0.35+0.6*t)
		lut[k] = [4]uint8{uint8(float64(col.R)*a + 0.5), uint8(float64(col.G)*a + 0.5), uint8(float64(col.B)*a + 0.5), uint8(255*a + 0.5)}
	}
	inv := 1 / c.densNorm
	if l.FixedMax > 0 {
		inv = 1 / l.FixedMax
	}
	for j := 0; j < d.H; j++ {
		row := img.Pix[j*img.Stride:]
		for i, v := range d.Values[j*d.W : (j+1)*d.W] {
			t := float64(v) * inv
			if !(t > 0.02) {
				continue
			}
			copy(row[4*i:4*i+4], lut[int(math.Min(255, t*255+0.5))][:])
		}
	}
	c.dens, c.densKey, c.densImg, c.densPix = d, key, img, nil
	return d
}

// gridCovers reports whether d covers view v and the margin its
// device-resolution picture is made with.
func gridCovers(d *events.Density, v geo.Viewport) bool {
	mx, my := margin(v)
	x0, y0 := float64(d.X0)*d.Cell, float64(d.Y0)*d.Cell
	w, h := float64(d.W)*d.Cell*d.PPW, float64(d.H)*d.Cell*d.PPW
	return within(v, 0, x0+float64(mx)/d.PPW, y0+float64(my)/d.PPW, int(w)-2*mx, int(h)-2*my)
}

// maxPixCache bounds the device-resolution density image (a screen, not a
// 300 dpi page).
const maxPixCache = 2600 * 1700

// densityPixels returns the density resampled at device resolution for
// views of v's zoom, with its top-left corner in world coordinates, or nil
// when the view is too large (exports draw the grid image scaled).
func (l *EventLayer) densityPixels(d *events.Density, v geo.Viewport) (*image.RGBA, float64, float64) {
	c := &l.shared.cache
	dw, dh := v.DeviceSize()
	if dw*dh > maxPixCache {
		return nil, 0, 0
	}
	ppw := v.PixelsPerWorld()
	if p := c.densPix; p != nil && c.densPixPPW == ppw && within(v, 0, c.densPixX, c.densPixY, p.Rect.Dx(), p.Rect.Dy()) {
		return p, c.densPixX, c.densPixY
	}
	// Resample the grid image bilinearly (premultiplied) over the view
	// and a quarter view each side (within the grid, which has half a
	// view).
	mx, my := margin(v)
	w, h := dw+2*mx, dh+2*my
	x0, y0 := v.ScreenToWorld(-float64(mx), -float64(my))
	src := c.densImg
	p := image.NewRGBA(image.Rect(0, 0, w, h))
	us := make([]float64, w)
	for i := range us {
		us[i] = ((x0+(float64(i)+0.5)/ppw)/d.Cell - float64(d.X0)) - 0.5
	}
	for j := 0; j < h; j++ {
		vv := ((y0+(float64(j)+0.5)/ppw)/d.Cell - float64(d.Y0)) - 0.5
		jy := int(math.Floor(vv))
		fy := vv - float64(jy)
		if jy < -1 || jy >= d.H {
			continue
		}
		ra, rb := max(jy, 0), min(jy+1, d.H-1)
		out := p.Pix[j*p.Stride:]
		for i, u := range us {
			ix := int(math.Floor(u))
			if ix < -1 || ix >= d.W {
				continue
			}
			fx := u - float64(ix)
			ca, cb := max(ix, 0), min(ix+1, d.W-1)
			a00 := src.Pix[ra*src.Stride+4*ca:]
			a01 := src.Pix[ra*src.Stride+4*cb:]
			a10 := src.Pix[rb*src.Stride+4*ca:]
			a11 := src.Pix[rb*src.Stride+4*cb:]
			if a00[3]|a01[3]|a10[3]|a11[3] == 0 {
				continue
			}
			for k := 0; k < 4; k++ {
				top := float64(a00[k]) + fx*(float64(a01[k])-float64(a00[k]))
				bot := float64(a10[k]) + fx*(float64(a11[k])-float64(a10[k]))
				out[4*i+k] = uint8(top + fy*(bot-top) + 0.5)
			}
		}
	}
	c.densPix, c.densPixPPW, c.densPixX, c.densPixY = p, ppw, x0, y0
	return p, x0, y0
}

// densityPixelsWanted reports whether the density is drawn for view v from
// a picture at device resolution (screens), rather than its grid's picture
// scaled (vector exports, large pages, a faded layer).
func (l *EventLayer) densityPixelsWanted(v geo.Viewport) bool {
	dw, dh := v.DeviceSize()
	return dw*dh <= maxPixCache && l.opacity() == 1 && !l.Vector
}

func (l *EventLayer) drawDensity(fr *frame, v geo.Viewport) {
	pix := l.densityPixelsWanted(v)
	d := l.densityFor(v, pix)
	if d == nil {
		return
	}
	if pix {
		if p, x0, y0 := l.densityPixels(d, v); p != nil {
			l.blit(fr, p, x0, y0)
			return
		}
	}
	img := l.shared.cache.densImg
	if op := l.opacity(); op < 1 {
		// Fade a copy (the cache keeps the opaque one); premultiplied, so
		// every channel scales.
		faded := image.NewRGBA(img.Rect)
		for i, v := range img.Pix {
			faded.Pix[i] = uint8(float64(v)*op + 0.5)
		}
		img = faded
	}
	min := fr.toScreen(wpt{float64(d.X0) * d.Cell, float64(d.Y0) * d.Cell})
	max := fr.toScreen(wpt{float64(d.X0+d.W) * d.Cell, float64(d.Y0+d.H) * d.Cell})
	fr.sink.Image(img, Rect{Min: min, Max: max})
}

func (l *EventLayer) clustersFor(v geo.Viewport) []events.Cluster {
	sel := l.selection()
	c := &l.shared.cache
	ppw := v.PixelsPerWorld()
	// Reuse while the view, with room for the circles of the clusters
	// just outside it, stays within the region the clusters were made
	// for (a view of margin each side): the cells are aligned with the
	// world, so a pan gives the same clusters.
	pad := clusterPad * v.DeviceScale()
	key := [3]float64{ppw, float64(c.selGen), v.DeviceScale()}
	if c.cl != nil && c.clKey == key {
		x0, y0 := v.ScreenToWorld(-pad, -pad)
		dw, dh := v.DeviceSize()
		x1, y1 := v.ScreenToWorld(float64(dw)+pad, float64(dh)+pad)
		if x0 >= c.clX0 && y0 >= c.clY0 && x1 <= c.clX1 && y1 <= c.clY1 {
			return c.cl
		}
	}
	c.cl = events.Clusters(l.Table, sel, v, 56*v.DeviceScale())
	dw, dh := v.DeviceSize()
	c.clX0, c.clY0 = v.ScreenToWorld(-float64(dw), -float64(dh))
	c.clX1, c.clY1 = v.ScreenToWorld(2*float64(dw), 2*float64(dh))
	if c.clKey != key {
		c.clKey = key
		c.clMax = 1
		for _, cl := range c.cl {
			c.clMax = max(c.clMax, cl.Count)
		}
		c.gen++
	}
	return c.cl
}

// clusterPad is how far (logical pixels) outside the view a cluster's
// circle or count may still show.
const clusterPad = 30

func (l *EventLayer) drawClusters(fr *frame, v geo.Viewport, fonts FontSet) {
	cs := l.clustersFor(v)
	maxN := l.shared.cache.clMax
	r := RampNamed(l.Ramp)
	op := l.opacity()
	type lab struct {
		p Point
		s string
	}
	var labels []lab
	for _, c := range cs {
		p := fr.toScreen(wpt{c.X, c.Y})
		if !fr.visible(p, clusterPad*fr.scale) {
			continue
		}
		t := math.Min(1, math.Log1p(float64(c.Count))/math.Log1p(float64(maxN)))
		size := (8 + 30*t) * fr.scale
		col := withAlpha(r.At(0.15+0.8*t), 0.85*op)
		m := &Marker{Shape: Circle, Size: size, Fill: col, Stroke: color.NRGBA{255, 255, 255, 230}, StrokeWidth: 1.2 * fr.scale}
		if c.Precise == 0 {
			// Only imprecise locations: hollow.
			m = &Marker{Shape: Circle, Size: size, Stroke: col, StrokeWidth: 2.2 * fr.scale}
		}
		fr.sink.Markers(m, []Point{p})
		if c.Count > 1 {
			labels = append(labels, lab{p, compact(c.Count)})
		}
	}
	if fonts.Bold == nil {
		return
	}
	sz := 10.5 * fr.scale
	for _, lb := range labels {
		w := fonts.Bold.Measure(lb.s, sz)
		fr.sink.Text(&Text{X: lb.p.X - w/2, Y: lb.p.Y + sz*0.36, S: lb.s, Font: fonts.Bold, Size: sz,
			Color: color.NRGBA{20, 20, 20, 255}, Halo: color.NRGBA{255, 255, 255, 220}, HaloWidth: 2.5 * fr.scale})
	}
}

// compact writes 1234 as 1.2k and 1234567 as 1.2M.
func compact(n int) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 1e4:
		return fmt.Sprintf("%dk", n/1000)
	case n >= 1e3:
		return fmt.Sprintf("%.1fk", float64(n)/1e3)
	}
	return strconv.Itoa(n)
}

// DensityMax is the top of the density for view v (computing it if needed):
// an animation holds it still with FixedMax.
func (l *EventLayer) DensityMax(v geo.Viewport) float64 {
	l.lock()
	defer l.unlock()
	if d := l.densityFor(v, false); d != nil {
		return d.Max
	}
	return 0
}
