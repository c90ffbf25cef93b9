package render

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
)

// Options are what one frame shows.
type Options struct {
	View geo.Viewport
	Lang string // "en" or "fr"
	// Visible lists the layer ids to draw; nil draws the layers visible by default.
	Visible []string
	// Opacity per layer id (0..1); absent means 1.
	Opacity map[string]float64
	// Filter, when set, keeps only the features it accepts (periods, categories).
	Filter func(*layers.Feature) bool
	// Highlight draws these feature ids emphasised, above everything.
	Highlight  map[string]bool
	Background color.NRGBA
	NoLabels   bool
	// LabelScale enlarges the labels (a projector wants 1.5); 0 means 1.
	LabelScale float64
	// MinLabelSize is the least size of a label, in logical pixels (a
	// projector wants no small site names); 0: none.
	MinLabelSize float64
	// LabelZoom, when set, is the zoom at which the labels' min_zoom is
	// judged instead of the view's (a presented step keeps the labels it
	// was composed with when fitted to a smaller area).
	LabelZoom float64
	// LabelInset keeps labels clear of what a layout draws over the map's
	// edges (title band, legend panel): device pixels from each edge.
	LabelInset Inset
	// PlacedLabels, when set, receives the boxes (device pixels) of the
	// labels drawn, so a layout can keep its elements off them.
	PlacedLabels *[]Rect
	// LabelObstacles are boxes (device pixels) no label may cover: the
	// layout elements drawn over the map.
	LabelObstacles []Rect
	// LabelsOnly draws the labels and nothing else (no background, no
	// features): the pass an interactive map redraws over a reused picture.
	LabelsOnly bool
	// Offmap selects which labels are placed as to the off-map ones ("to
	// Europe", placed from the frame's edge inward): all (OffmapAll), all
	// but them (OffmapNone) or them only (OffmapOnly). An interactive map
	// places the others once for an area larger than the view and the
	// off-map ones, which follow the view's edges, on every frame.
	Offmap OffmapMode
	// Labels, when set, receives every label placed (kept ones included),
	// with the calls that draw it: a caller may draw them again elsewhere.
	Labels *[]PlacedLabel
	// KeepLabels are labels placed by an earlier drawing, in this frame's
	// device pixels: those whose candidate this drawing has too (same
	// text, font and size, anchor within half a pixel) are placed first, as
	// they are (without checking the frame's edges or each other), and
	// that candidate is not placed again; the others are dropped (another
	// language, a hidden layer). While an interactive map pans, or shows
	// another highlight, the labels in view stay where they were.
	KeepLabels []PlacedLabel
	// RasterTarget marks a raster output: raster layers (the relief) are
	// drawn from the pyramid level with about one image pixel per device
	// pixel, whole, and the sink resamples it to its pixels (the raster
	// canvas does so band by band, straight into the picture, with no
	// device-sized copy). Unset, the sink gets a coarser level cut to the
	// frame (SVG and PDF embed it as it is).
	RasterTarget bool
	// Events are imported event layers, drawn above the other layers.
	Events []*EventLayer
}

// OffmapMode is Options.Offmap.
type OffmapMode uint8

const (
	OffmapAll OffmapMode = iota
	OffmapNone
	OffmapOnly
)

// Inset is a margin in device pixels.
type Inset struct{ Top, Right, Bottom, Left float64 }

// Visual constants of the map, in logical pixels.
const (
	simplifyTolerance = 0.5 // device pixels: closer vertices are dropped
	labelHaloWidth    = 3.0
	arrowSpacing      = 260.0
)

var (
	highlightColor = color.NRGBA{0, 188, 212, 255}
	haloColor      = color.NRGBA{255, 255, 255, 225}
	labelColor     = color.NRGBA{40, 36, 30, 255}
)

// frame holds the per-draw state: the transform and reusable buffers.
type frame struct {
	s      *Scene
	o      *Options
	sink   Sink
	scale  float64 // device pixels per logical pixel
	ppw    float64 // device pixels per unit of normalised Mercator
	ox, oy float64 // world coordinates of the device origin
	w, h   float64 // device size
	path   Path
	pts    []Point
	labels []labelCand
	placed []labelBox
	grid   labelGrid // placed, by cell (collides)
	// soft are tiers of boxes labels keep off when they can, the first
	// tier given up last: a label with no position clear of them goes over
	// the last tiers, then over all, rather than nowhere.
	soft [][]Rect
	// offmapPlaced are the off-map labels drawn (offmap.go).
	offmapPlaced []placedText
	seen         []uint64 // thinMarkers' pixel bitmap
	cand         []int32  // candidates' list of the features near the frame (lod.go)
	// kept, when set, lists the vertices of the feature buildPath draws
	// (its zoom level's simplification, lod.go).
	kept []int32
	view geo.Viewport // set by event layers
	// shown are the layers drawn (visible, in their zoom range).
	shown []*layers.Layer

	// mb holds the markers of the layer being drawn (drawLayer), from
	// markerBufs.
	mb *markerBuf
	// st is the style of a feature's path handed to the sink (see style),
	// dash its dashes (scaledDash).
	st   Style
	dash []float64
}

// style returns s in fr.st: the style of one of a feature's paths, handed to
// the sink without an allocation per call (a sink keeps no reference to it).
func (fr *frame) style(s Style) *Style {
	fr.st = s
	return &fr.st
}

// markerBuf is drawLayer's scratch for markers: pts the markers of the
// layer being drawn, sym the index of each one's symbol, grp the same
// grouped by symbol. Frames share them through markerBufs, so a big point
// layer's buffers are not grown anew for every frame.
type markerBuf struct {
	pts, grp []Point
	sym      []int32
}

var markerBufs = sync.Pool{New: func() any { return new(markerBuf) }}

// framePaths keeps the buffers of Draw's path (frame.path) from one frame
// to the next.
var framePaths sync.Pool

// releaseMarkers returns the frame's marker scratch, if any, to markerBufs.
func (fr *frame) releaseMarkers() {
	if fr.mb != nil {
		markerBufs.Put(fr.mb)
		fr.mb = nil
	}
}

func (fr *frame) toScreen(p wpt) Point {
	return Point{(p.x - fr.ox) * fr.ppw, (p.y - fr.oy) * fr.ppw}
}

// Draw draws the scene as o says onto sink.
func (s *Scene) Draw(sink Sink, o *Options) {
	fr := &frame{s: s, o: o, sink: sink}
	defer fr.releaseMarkers()
	// The path's buffers of an earlier frame (every subpath in them is the
	// frame's own: buildPath's points, the background's and shields' copies).
	pb, _ := framePaths.Get().(*Path)
	if pb == nil {
		pb = new(Path)
	}
	fr.path = *pb
	defer func() {
		fr.path.Reset()
		*pb = fr.path
		framePaths.Put(pb)
	}()
	v := o.View
	fr.scale = v.DeviceScale()
	dw, dh := v.DeviceSize()
	fr.w, fr.h = float64(dw), float64(dh)
	fr.ppw = v.PixelsPerWorld()
	fr.ox, fr.oy = v.ScreenToWorld(0, 0)

	// Layers outside their zoom range (basemap bands) are not even prepared.
	visible := s.visibleLayers(o)
	inZoom := visible[:0:0]
	for _, l := range visible {
		if l.Spec.InZoom(o.View.Zoom) {
			inZoom = append(inZoom, l)
		}
	}
	visible = inZoom
	fr.shown = visible
	if o.LabelsOnly {
		for _, l := range visible {
			fr.collectLabels(s.prep(l))
		}
		fr.placeLabels()
		return
	}
	if o.Background.A != 0 {
		fr.path.Reset()
		fr.path.Closed = true
		fr.path.Sub = append(fr.path.Sub, []Point{{0, 0}, {fr.w, 0}, {fr.w, fr.h}, {0, fr.h}})
		sink.Path(&fr.path, &Style{Fill: o.Background})
	}
	if !s.DataExtent.IsZero() {
		fr.drawNoData(s.DataExtent)
	}
	s.prepAll(visible)
	for _, l := range visible {
		fr.drawLayer(s.prep(l))
	}
	for _, ev := range o.Events {
		ev.Draw(sink, v, s.Fonts)
	}
	if len(o.Highlight) > 0 {
		for _, l := range visible {
			fr.drawHighlights(s.prep(l))
		}
	}
	if !o.NoLabels {
		for _, l := range visible {
			fr.collectLabels(s.prep(l))
		}
		fr.placeLabels()
	}
}

// VisibleLayers returns the layers o shows, in draw order.
func (s *Scene) visibleLayers(o *Options) []*layers.Layer {
	var out []*layers.Layer
	want := map[string]bool{}
	if o.Visible == nil {
		for _, l := range s.Catalog.Layers {
			want[l.Spec.ID] = l.Spec.Visible && l.Spec.Parent == ""
		}
	}
	for _, id := range o.Visible {
		want[id] = true
	}
	for _, l := range s.Catalog.Layers {
		// A zoom band of a layer is shown with it (basemap.go).
		if want[l.Spec.ID] || l.Spec.Parent != "" && want[l.Spec.Parent] {
			out = append(out, l)
		}
	}
	return out
}

func (fr *frame) opacity(l *layers.Layer) float64 {
	id := l.Spec.ID
	if l.Spec.Parent != "" {
		id = l.Spec.Parent
	}
	if a, ok := fr.o.Opacity[id]; ok {
		return math.Max(0, math.Min(1, a))
	}
	return 1
}

func withAlpha(c color.NRGBA, k float64) color.NRGBA {
	if k >= 1 {
		return c
	}
	c.A = uint8(float64(c.A)*k + 0.5)
	return c
}

// culled reports whether f lies wholly outside the frame (with a margin in
// device pixels for strokes and markers).
func (fr *frame) culled(f *prepFeature, margin float64) bool {
	m := margin / fr.ppw
	x0, y0 := fr.ox-m, fr.oy-m
	x1, y1 := fr.ox+(fr.w+margin)/fr.ppw, fr.oy+(fr.h+margin)/fr.ppw
	return float64(f.maxX) < x0 || float64(f.minX) > x1 || float64(f.maxY) < y0 || float64(f.minY) > y1
}

func (fr *frame) keep(f *layers.Feature) bool {
	return fr.o.Filter == nil || fr.o.Filter(f)
}

// namedElsewhere returns a test of whether feature i of pl is left to the
// layer that names the same place (LayerSpec.NamedBy): true when that layer
// is drawn in this frame and keeps the feature standing for it. Nil when no
// feature of pl is.
func (fr *frame) namedElsewhere(pl *prepLayer) func(i int) bool {
	npl, named := fr.s.namedBy(pl)
	if npl == nil || fr.opacity(npl.layer) <= 0 || !slices.Contains(fr.shown, npl.layer) {
		return nil
	}
	return func(i int) bool { return named[i] >= 0 && fr.keep(npl.feats[named[i]].f) }
}

// buildPath projects the parts of f into fr.path, dropping vertices closer
// than the tolerance to the last kept one. It returns false when nothing is
// left to draw.
func (fr *frame) buildPath(f *prepFeature, closed bool, polyIndex int) bool {
	fr.path.Reset()
	fr.path.Closed = closed
	tol := simplifyTolerance
	minPts := 2
	if closed {
		minPts = 3
	}
	for _, pt := range f.parts {
		if polyIndex >= 0 && pt.poly != polyIndex {
			continue
		}
		// The part's points: all, or those the simplification keeps
		// (idx, their indices in f.pts), read in place.
		src := f.pts[pt.start:pt.end]
		var idx []int32
		np := len(src)
		if fr.kept != nil {
			j0, _ := slices.BinarySearch(fr.kept, int32(pt.start))
			j1 := j0
			for j1 < len(fr.kept) && int(fr.kept[j1]) < pt.end {
				j1++
			}
			idx, src, np = fr.kept[j0:j1], f.pts, j1-j0
		}
		point := func(i int) wpt {
			if idx != nil {
				return src[idx[i]]
			}
			return src[i]
		}
		if np < minPts {
			continue
		}
		n := len(fr.path.Sub)
		if n < cap(fr.path.Sub) {
			fr.path.Sub = fr.path.Sub[:n+1]
			fr.path.Sub[n] = fr.path.Sub[n][:0]
		} else {
			fr.path.Sub = append(fr.path.Sub, nil)
		}
		sub := fr.path.Sub[n]
		last := fr.toScreen(point(0))
		sub = append(sub, last)
		for i := 1; i < np; i++ {
			q := fr.toScreen(point(i))
			if i < np-1 && math.Abs(q.X-last.X)+math.Abs(q.Y-last.Y) < tol {
				continue
			}
			sub = append(sub, q)
			last = q
		}
		if len(sub) < minPts {
			fr.path.Sub = fr.path.Sub[:n]
			continue
		}
		fr.path.Sub[n] = sub
	}
	// Every point is within f's box (rounded outwards), and the projection
	// keeps the order of coordinates: the path is within the box projected.
	lo := fr.toScreen(wpt{float64(f.minX), float64(f.minY)})
	hi := fr.toScreen(wpt{float64(f.maxX), float64(f.maxY)})
	fr.path.box, fr.path.boxed = rawBox{lo.X, lo.Y, hi.X, hi.Y}, true
	return len(fr.path.Sub) > 0
}

func capOf(s string) LineCap {
	switch s {
	case "round":
		return RoundCap
	case "square":
		return SquareCap
	}
	return ButtCap
}

func joinOf(s string) LineJoin {
	switch s {
	case "miter":
		return MiterJoin
	case "bevel":
		return BevelJoin
	}
	return RoundJoin
}

func markerOf(s string) MarkerShape {
	switch s {
	case "square":
		return Square
	case "triangle":
		return Triangle
	case "diamond":
		return Diamond
	}
	return Circle
}

func (fr *frame) scaledDash(d []float64) []float64 {
	if len(d) == 0 {
		return d
	}
	// In the frame's buffer: the style it goes in is handed to the sink,
	// which keeps no reference to it.
	out := fr.dash[:0]
	for _, v := range d {
		out = append(out, v*fr.scale)
	}
	fr.dash = out
	return out
}

func (fr *frame) drawLayer(pl *prepLayer) {
	l := pl.layer
	op := fr.opacity(l)
	if op <= 0 || !l.Spec.InZoom(fr.o.View.Zoom) {
		return
	}
	if l.Raster != nil {
		fr.drawRaster(l.Raster, op)
		return
	}
	lv := pl.level(fr.ppw)
	defer func() { fr.kept = nil }()
	// A frame over a small part of a large layer walks only the features
	// near it (lod.go), in the same order.
	var all bool
	fr.cand, all = fr.candidates(pl, fr.cand)
	n := len(fr.cand)
	if all {
		n = len(pl.feats)
	}
	at := func(j int) int {
		if all {
			return j
		}
		return int(fr.cand[j])
	}
	// Casings go under every line of the layer.
	if l.Spec.Style.Casing != "" {
		for j := range n {
			i := at(j)
			f := &pl.feats[i]
			if f.kind != kindLine || !fr.keep(f.f) || fr.culled(f, 10*fr.scale) {
				continue
			}
			fr.kept = lv.of(i)
			sym := f.sym
			if sym.Casing.A == 0 || !fr.buildPath(f, false, -1) {
				continue
			}
			fr.sink.Path(&fr.path, fr.style(Style{Stroke: withAlpha(sym.Casing, op), Width: sym.CasingWidth * fr.scale, Cap: RoundCap, Join: RoundJoin}))
		}
	}
	elsewhere := fr.namedElsewhere(pl)
	// Markers are gathered in the layer's order, all symbols in one buffer
	// (the frame's, reused), each point tagged with its symbol's index in
	// syms, then batched per symbol below.
	var syms []*layers.Symbol
	var symIdx map[*layers.Symbol]int32
	var last *layers.Symbol
	lastIdx := int32(-1)
	if fr.mb == nil {
		fr.mb = markerBufs.Get().(*markerBuf)
	}
	mb := fr.mb
	mb.pts, mb.sym = mb.pts[:0], mb.sym[:0]
	for j := range n {
		i := at(j)
		f := &pl.feats[i]
		if !fr.keep(f.f) || elsewhere != nil && elsewhere(i) {
			continue
		}
		sym := f.sym
		fr.kept = lv.of(i)
		switch f.kind {
		case kindPolygon:
			if fr.culled(f, sym.Width*fr.scale) {
				continue
			}
			fr.drawPolygon(f, sym, op)
		case kindLine:
			if fr.culled(f, (sym.Width+12)*fr.scale) {
				continue
			}
			fr.drawLine(f, sym, op)
		case kindPoint:
			if fr.culled(f, sym.Size*fr.scale) {
				continue
			}
			if sym != last {
				if symIdx == nil {
					symIdx = map[*layers.Symbol]int32{}
				}
				k, ok := symIdx[sym]
				if !ok {
					k = int32(len(syms))
					symIdx[sym] = k
					syms = append(syms, sym)
				}
				last, lastIdx = sym, k
			}
			for _, p := range f.pts {
				mb.pts = append(mb.pts, fr.toScreen(p))
				mb.sym = append(mb.sym, lastIdx)
			}
		}
	}
	if len(syms) > 0 {
		fr.drawMarkerBatches(syms, symIdx, op)
	}
}

// drawMarkerBatches draws the markers gathered in fr.mb, one batch per
// symbol (mb.sym indexes syms), each batch in the layer's order; batches in
// a stable order: by size, larger first, so small markers stay visible on
// top (sortSymbols).
func (fr *frame) drawMarkerBatches(syms []*layers.Symbol, symIdx map[*layers.Symbol]int32, op float64) {
	mb := fr.mb
	batch := make([][]Point, len(syms))
	if len(syms) == 1 {
		batch[0] = mb.pts
	} else {
		// Group the points by symbol, keeping their order (counting sort).
		start := make([]int, len(syms)+1)
		for _, k := range mb.sym {
			start[k+1]++
		}
		for k := range syms {
			start[k+1] += start[k]
		}
		mb.grp = slices.Grow(mb.grp[:0], len(mb.pts))[:len(mb.pts)]
		for k := range syms {
			batch[k] = mb.grp[start[k]:start[k]:start[k+1]]
		}
		for i, k := range mb.sym {
			batch[k] = append(batch[k], mb.pts[i])
		}
	}
	order := slices.Clone(syms)
	sortSymbols(order)
	for _, s := range order {
		if s.Fill.A == 0 && s.MarkerStroke.A == 0 {
			continue // label-only points (physical names)
		}
		fr.sink.Markers(fr.marker(s, op), fr.thinMarkers(batch[symIdx[s]]))
	}
}

// sortSymbols orders marker batches: larger markers first, so small ones stay
// visible on top; then by colour, for a stable picture.
func sortSymbols(s []*layers.Symbol) {
	key := func(c color.NRGBA) uint32 {
		return uint32(c.R)<<24 | uint32(c.G)<<16 | uint32(c.B)<<8 | uint32(c.A)
	}
	slices.SortStableFunc(s, func(a, b *layers.Symbol) int {
		if a.Size != b.Size {
			return cmp.Compare(b.Size, a.Size)
		}
		return cmp.Compare(key(a.Fill), key(b.Fill))
	})
}

func (fr *frame) marker(s *layers.Symbol, op float64) *Marker {
	size := s.Size
	if size == 0 {
		size = 5
	}
	m := &Marker{Shape: markerOf(s.Marker), Size: size * fr.scale, Fill: withAlpha(s.Fill, op)}
	if s.MarkerStroke.A != 0 {
		m.Stroke = withAlpha(s.MarkerStroke, op)
		m.StrokeWidth = math.Max(1, size/6) * fr.scale
	}
	return m
}

func (fr *frame) drawPolygon(f *prepFeature, sym *layers.Symbol, op float64) {
	if !fr.buildPath(f, true, -1) {
		return
	}
	if sym.Fill.A != 0 {
		fr.sink.Path(&fr.path, fr.style(Style{Fill: withAlpha(sym.Fill, op), FillRule: EvenOdd}))
	}
	if sym.Hatch != nil && sym.Hatch.Color.A != 0 {
		fr.drawHatch(sym.Hatch, op)
	}
	if sym.Stroke.A != 0 && sym.Width > 0 {
		fr.sink.Path(&fr.path, fr.style(Style{
			Stroke: withAlpha(sym.Stroke, op), Width: sym.Width * fr.scale,
			Cap: capOf(sym.Cap), Join: joinOf(sym.Join), Dash: fr.scaledDash(sym.Dash),
		}))
	}
}

func (fr *frame) drawLine(f *prepFeature, sym *layers.Symbol, op float64) {
	if !fr.buildPath(f, false, -1) {
		return
	}
	if sym.Stroke.A == 0 || sym.Width <= 0 {
		return
	}
	st := fr.style(Style{
		Stroke: withAlpha(sym.Stroke, op), Width: sym.Width * fr.scale,
		Cap: capOf(sym.Cap), Join: joinOf(sym.Join), Dash: fr.scaledDash(sym.Dash),
	})
	if sym.Arrows {
		// Keep the line's own points: arrows need the same geometry.
		fr.pts = fr.pts[:0]
		for _, sub := range fr.path.Sub {
			fr.pts = append(fr.pts, sub...)
		}
		fr.sink.Path(&fr.path, st)
		fr.drawArrows(fr.pts, sym.Width*fr.scale, withAlpha(sym.Stroke, op))
		return
	}
	fr.sink.Path(&fr.path, st)
}

func (fr *frame) drawHighlights(pl *prepLayer) {
	for i := range pl.feats {
		f := &pl.feats[i]
		if !fr.o.Highlight[f.f.ID] || fr.culled(f, 20*fr.scale) {
			continue
		}
		sym := f.sym
		switch f.kind {
		case kindPolygon:
			if fr.buildPath(f, true, -1) {
				fr.sink.Path(&fr.path, &Style{Fill: color.NRGBA{0, 188, 212, 40}, FillRule: EvenOdd})
				fr.sink.Path(&fr.path, &Style{Stroke: color.NRGBA{255, 255, 255, 230}, Width: 6 * fr.scale, Join: RoundJoin})
				fr.sink.Path(&fr.path, &Style{Stroke: highlightColor, Width: 3 * fr.scale, Join: RoundJoin})
			}
		case kindLine:
			if fr.buildPath(f, false, -1) {
				w := math.Max(sym.Width, 1.5) * fr.scale
				fr.sink.Path(&fr.path, &Style{Stroke: withAlpha(highlightColor, 0.55), Width: w + 8*fr.scale, Cap: RoundCap, Join: RoundJoin})
				fr.sink.Path(&fr.path, &Style{Stroke: withAlpha(sym.Stroke, 1), Width: w, Cap: RoundCap, Join: RoundJoin})
			}
		case kindPoint:
			size := math.Max(sym.Size, 5) + 8
			pts := make([]Point, 0, len(f.pts))
			for _, p := range f.pts {
				pts = append(pts, fr.toScreen(p))
			}
			fr.sink.Markers(&Marker{Shape: Circle, Size: size * fr.scale, Fill: color.NRGBA{0, 188, 212, 70}, Stroke: highlightColor, StrokeWidth: 2.5 * fr.scale}, pts)
		}
	}
}

// labelText returns the label of f as the layer's Label spec says.
func labelText(spec *layers.Label, f *layers.Feature, lang string) string {
	prop := strings.ReplaceAll(spec.Prop, "{lang}", lang)
	s := f.String(prop)
	if s == "" && prop != spec.Prop {
		s = f.Name(lang)
	}
	if spec.Upper {
		s = strings.ToUpper(s)
	}
	return s
}

// noDataColor is the ground beyond the data extent: neither land nor sea.
var noDataColor = color.NRGBA{226, 226, 222, 255}

// drawNoData greys out what lies beyond the data extent.
func (fr *frame) drawNoData(b orb.Bound) {
	p0, p1 := fr.toScreen(project(b.Min)), fr.toScreen(project(b.Max))
	x0, x1 := math.Min(p0.X, p1.X), math.Max(p0.X, p1.X)
	y0, y1 := math.Min(p0.Y, p1.Y), math.Max(p0.Y, p1.Y)
	if x0 <= 0 && y0 <= 0 && x1 >= fr.w && y1 >= fr.h {
		return
	}
	m := 2.0 // beyond the frame, so no edge shows
	fr.path.Reset()
	fr.path.Closed = true
	fr.path.Sub = append(fr.path.Sub,
		[]Point{{X: -m, Y: -m}, {X: fr.w + m, Y: -m}, {X: fr.w + m, Y: fr.h + m}, {X: -m, Y: fr.h + m}},
		[]Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	fr.sink.Path(&fr.path, &Style{Fill: noDataColor, FillRule: EvenOdd})
}
