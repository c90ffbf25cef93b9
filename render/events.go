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
	// densPix is densImg resampled to device pixels over the view and a
	// quarter view around it (for screens: a pan only blends rows).
	densPix  *image.RGBA
	densPixV geo.Viewport
	// hexPix is the hex cells drawn at device resolution (like densPix).
	hexPix    *image.RGBA
	hexPixV   geo.Viewport
	hexPixKey [3]any
	clKey     [2]float64
	clView    geo.Viewport
	cl        []events.Cluster
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
	key := [3]any{c.hex, l.Ramp, l.opacity()}
	ppw := v.PixelsPerWorld()
	if c.hexPix != nil && c.hexPixKey == key && c.hexPixV.PixelsPerWorld() == ppw {
		x0, y0 := c.hexPixV.ScreenToWorld(-float64(dw)/4, -float64(dh)/4)
		vx0, vy0 := v.ScreenToWorld(0, 0)
		vx1, vy1 := v.ScreenToWorld(float64(dw), float64(dh))
		p := c.hexPix
		if vx0 >= x0 && vy0 >= y0 && vx1 <= x0+float64(p.Rect.Dx())/ppw && vy1 <= y0+float64(p.Rect.Dy())/ppw {
			l.blit(fr, p, x0, y0)
			return
		}
	}
	// Draw the cells over the view and a quarter view around it, once.
	w, hh := dw*3/2, dh*3/2
	x0, y0 := v.ScreenToWorld(-float64(dw)/4, -float64(dh)/4)
	sink, img := NewImageSink(w, hh)
	sub := &frame{sink: sink, scale: fr.scale, ppw: ppw, ox: x0, oy: y0, w: float64(w), h: float64(hh), view: v}
	l.drawHexCells(sub)
	c.hexPix, c.hexPixV, c.hexPixKey = img, v, key
	l.blit(fr, img, x0, y0)
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

func (l *EventLayer) densityFor(v geo.Viewport) *events.Density {
	sel := l.selection()
	c := &l.shared.cache
	key := [4]any{l.bandwidthKm(), l.byCount(), l.Ramp, l.FixedMax}
	if c.dens != nil && c.densKey == key && c.dens.Covers(v) {
		return c.dens
	}
	d, err := events.KDE(l.Table, sel, v, l.bandwidthKm(), 4*v.DeviceScale(), l.byCount())
	if err != nil {
		return nil
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
	inv := 1 / d.Max
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
	if p := c.densPix; p != nil && c.densPixV.PixelsPerWorld() == ppw {
		x0, y0 := c.densPixV.ScreenToWorld(-float64(dw)/4, -float64(dh)/4)
		vx0, vy0 := v.ScreenToWorld(0, 0)
		vx1, vy1 := v.ScreenToWorld(float64(dw), float64(dh))
		if vx0 >= x0 && vy0 >= y0 && vx1 <= x0+float64(p.Rect.Dx())/ppw && vy1 <= y0+float64(p.Rect.Dy())/ppw {
			return p, x0, y0
		}
	}
	// Resample the grid image bilinearly (premultiplied) over the view
	// and a quarter view each side.
	w, h := dw*3/2, dh*3/2
	x0, y0 := v.ScreenToWorld(-float64(dw)/4, -float64(dh)/4)
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
	c.densPix, c.densPixV = p, v
	return p, x0, y0
}

func (l *EventLayer) drawDensity(fr *frame, v geo.Viewport) {
	d := l.densityFor(v)
	if d == nil {
		return
	}
	if p, x0, y0 := l.densityPixels(d, v); p != nil && l.opacity() == 1 && !l.Vector {
		l.blit(fr, p, x0, y0)
		return
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
	key := [2]float64{v.PixelsPerWorld(), 0}
	if c.cl != nil && c.clKey == key {
		// Reuse while the view stays within the margin computed.
		cx0, cy0 := c.clView.ScreenToWorld(0, 0)
		w, h := c.clView.DeviceSize()
		cx1, cy1 := c.clView.ScreenToWorld(float64(w), float64(h))
		x0, y0 := v.ScreenToWorld(0, 0)
		x1, y1 := v.ScreenToWorld(float64(w), float64(h))
		if x0 >= 2*cx0-cx1 && y0 >= 2*cy0-cy1 && x1 <= 2*cx1-cx0 && y1 <= 2*cy1-cy0 {
			return c.cl
		}
	}
	c.cl = events.Clusters(l.Table, sel, v, 56*v.DeviceScale())
	c.clKey, c.clView = key, v
	return c.cl
}

func (l *EventLayer) drawClusters(fr *frame, v geo.Viewport, fonts FontSet) {
	cs := l.clustersFor(v)
	maxN := 1
	for _, c := range cs {
		maxN = max(maxN, c.Count)
	}
	r := RampNamed(l.Ramp)
	op := l.opacity()
	type lab struct {
		p Point
		s string
	}
	var labels []lab
	for _, c := range cs {
		p := fr.toScreen(wpt{c.X, c.Y})
		if !fr.visible(p, 30) {
			continue
		}
		t := math.Log1p(float64(c.Count)) / math.Log1p(float64(maxN))
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
	if d := l.densityFor(v); d != nil {
		return d.Max
	}
	return 0
}
