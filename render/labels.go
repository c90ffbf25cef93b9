package render

import (
	"image/color"
	"math"
	"sort"

	"maliatlas/layers"
)

type labelPlacement uint8

const (
	placeCenter    labelPlacement = iota // polygons, lines: centred on the anchor
	placePoint                           // points: beside the marker
	placeInward                          // off-map labels: from the map edge inward
	placePointLeft                       // points, the left of the marker first
)

type labelCand struct {
	text      string
	font      *Font
	size      float64
	color     color.NRGBA
	halo      color.NRGBA
	at        Point
	placement labelPlacement
	offset    float64 // marker radius for point labels
	maxWidth  float64 // polygon labels wider than this are dropped
	priority  int
	seq       int
	shield    color.NRGBA // a box behind the text (road refs); zero: none
	// turned: a label along a line at angle (radians, within ±π/2), at
	// centred on the line (labelsAlong).
	turned bool
	angle  float64
}

func (fr *frame) fontFor(spec *layers.Label) *Font {
	switch {
	case spec.Bold && fr.s.Fonts.Bold != nil:
		return fr.s.Fonts.Bold
	case spec.Italic && fr.s.Fonts.Italic != nil:
		return fr.s.Fonts.Italic
	}
	return fr.s.Fonts.Regular
}

// labelScale is the device scale of label text: the frame's, times the
// options' label enlargement.
func (fr *frame) labelScale() float64 {
	if fr.o.LabelScale > 0 {
		return fr.scale * fr.o.LabelScale
	}
	return fr.scale
}

func (fr *frame) collectLabels(pl *prepLayer) {
	l := pl.layer
	if fr.s.Fonts.Regular == nil || fr.opacity(l) <= 0 || !l.Spec.InZoom(fr.o.View.Zoom) {
		return
	}
	spec := l.Spec.Label
	zoom := fr.o.View.Zoom
	if fr.o.LabelZoom > 0 {
		zoom = fr.o.LabelZoom
	}
	if spec != nil && spec.MinZoom > 0 && zoom < spec.MinZoom {
		spec = nil
	}
	if fr.o.Offmap == OffmapOnly {
		spec = nil
	}
	if pl.unlabelled {
		return
	}
	// What every label of the layer shares (the spec's font, size,
	// colours), made once.
	var base labelCand
	if spec != nil {
		base = labelCand{
			font: fr.fontFor(spec), size: math.Max(spec.Size*fr.labelScale(), fr.o.MinLabelSize*fr.scale),
			color: labelColor, halo: haloColor, priority: spec.Priority,
		}
		if spec.Color != "" {
			base.color, _ = layers.ParseColor(spec.Color)
		}
		if spec.Halo != "" {
			base.halo, _ = layers.ParseColor(spec.Halo)
		}
		if spec.Shield != "" {
			base.shield, _ = layers.ParseColor(spec.Shield)
		}
	}
	var all bool
	fr.cand, all = fr.candidates(pl, fr.cand) // the buffer drawLayer uses (done by now)
	n := len(fr.cand)
	if all {
		n = len(pl.feats)
	}
	elsewhere := fr.namedElsewhere(pl) // a place the towns already name
	for j := range n {
		i := j
		if !all {
			i = int(fr.cand[j])
		}
		f := &pl.feats[i]
		if !fr.keep(f.f) || fr.culled(f, 0) || elsewhere != nil && elsewhere(i) {
			continue
		}
		// Routes that leave the map say where they go.
		if f.kind == kindLine && fr.o.Offmap != OffmapNone {
			if t := f.f.I18nProp("offmap", fr.o.Lang); t != "" {
				last := fr.offmapAnchor(f)
				fr.labels = append(fr.labels, labelCand{
					text: t, font: fr.s.Fonts.Italic, size: 11 * fr.labelScale(),
					color: darken(f.sym.Stroke), halo: haloColor, at: last,
					placement: placeInward, priority: 60, seq: len(fr.labels),
				})
			}
		}
		if spec == nil || f.f.Props["no_label"] == true {
			continue
		}
		text := labelText(spec, f.f, fr.o.Lang)
		if text == "" {
			continue
		}
		c := base
		c.text, c.seq = text, len(fr.labels)
		if spec.PriorityProp != "" {
			v := f.f.String(spec.PriorityProp)
			c.priority += spec.PriorityMap[v]
			if sz := spec.SizeMap[v]; sz > 0 {
				c.size = sz * fr.labelScale()
			}
		}
		switch f.kind {
		case kindPolygon:
			if !f.hasLabel {
				continue
			}
			c.at = fr.toScreen(f.label)
			c.maxWidth = (float64(f.maxX) - float64(f.minX)) * fr.ppw * 1.1
		case kindPoint:
			c.at = fr.toScreen(f.pts[0])
			c.placement = placePoint
			c.offset = f.sym.Size * fr.scale / 2
		case kindLine:
			if spec.Spacing > 0 {
				fr.labelsAlong(f, c, spec.Spacing*fr.scale)
				continue
			}
			c.at = fr.lineMiddle(f)
		}
		fr.labels = append(fr.labels, c)
	}
}

func darken(c color.NRGBA) color.NRGBA {
	return color.NRGBA{uint8(float64(c.R) * 0.7), uint8(float64(c.G) * 0.7), uint8(float64(c.B) * 0.7), 255}
}

// lineMiddle is the point halfway along the first part of a line.
func (fr *frame) lineMiddle(f *prepFeature) Point {
	p := f.parts[0]
	pts := f.pts[p.start:p.end]
	total := 0.0
	for i := 1; i < len(pts); i++ {
		total += math.Hypot(pts[i].x-pts[i-1].x, pts[i].y-pts[i-1].y)
	}
	half, acc := total/2, 0.0
	for i := 1; i < len(pts); i++ {
		d := math.Hypot(pts[i].x-pts[i-1].x, pts[i].y-pts[i-1].y)
		if acc+d >= half && d > 0 {
			t := (half - acc) / d
			return fr.toScreen(wpt{pts[i-1].x + t*(pts[i].x-pts[i-1].x), pts[i-1].y + t*(pts[i].y-pts[i-1].y)})
		}
		acc += d
	}
	return fr.toScreen(pts[0])
}

// placeLabels places the candidates by priority; a label that would overlap
// one already placed, or leave the frame, tries its other positions and is
// dropped when none fits.
func (fr *frame) placeLabels() {
	sort.SliceStable(fr.labels, func(i, j int) bool { return fr.labels[i].priority > fr.labels[j].priority })
	pad := 2 * fr.scale
	fr.grid.init(fr.w, fr.h)
	nObst := len(fr.o.LabelObstacles)
	for _, r := range fr.o.LabelObstacles {
		fr.addPlaced(rectBox(r))
	}
	// Kept labels first, as they were, if this drawing has their
	// candidates (same text, font and size, anchor within half a pixel):
	// those candidates are left out.
	var skip []bool
	if len(fr.o.KeepLabels) > 0 {
		byText := map[string][]int{}
		for i := range fr.o.KeepLabels {
			byText[fr.o.KeepLabels[i].Text.S] = append(byText[fr.o.KeepLabels[i].Text.S], i)
		}
		alive := make([]bool, len(fr.o.KeepLabels))
		skip = make([]bool, len(fr.labels))
		for j := range fr.labels {
			c := &fr.labels[j]
			for _, i := range byText[c.text] {
				k := &fr.o.KeepLabels[i]
				if k.Text.Font == c.font && k.Text.Size == c.size &&
					math.Abs(k.Anchor.X-c.at.X) <= 0.5 && math.Abs(k.Anchor.Y-c.at.Y) <= 0.5 {
					alive[i], skip[j] = true, true
				}
			}
		}
		for i := range fr.o.KeepLabels {
			if !alive[i] {
				continue
			}
			k := &fr.o.KeepLabels[i]
			b := rectBox(k.Box)
			if k.Turned {
				b = quadBox(k.Quad)
			}
			fr.addPlaced(b)
			fr.emit(*k)
		}
	}
	for j, c := range fr.labels {
		if skip != nil && skip[j] {
			continue
		}
		if c.turned {
			fr.placeTurned(c, pad)
			continue
		}
		w := c.font.Measure(c.text, c.size)
		if c.maxWidth > 0 && w > c.maxWidth {
			// Too small to hold its name (Bamako district at country scale):
			// label it beside its centre, like a point.
			c.placement, c.offset = placePoint, 2*fr.scale
		}
		asc, desc := c.font.Metrics()
		asc, desc = asc*c.size*0.8, desc*c.size*0.8 // the visual box, not the line box
		cands := fr.positions(c, w, asc, desc)
		if fr.soft != nil && (c.placement == placePoint || c.placement == placePointLeft) {
			// Crowded symbols: the same positions further out too.
			far := c
			far.offset = 2.5*c.offset + 12*fr.scale
			cands = append(cands, fr.positions(far, w, asc, desc)...)
		}
		// With soft obstacles, the positions are tried again for each tier
		// of them given up: first clear of them all, then of the first
		// tiers only, then over them.
		tiers := len(fr.soft)
		n := len(cands)
		for range tiers {
			cands = append(cands, cands[:n]...)
		}
		for i, pos := range cands {
			box := Rect{Point{pos.X - pad, pos.Y - asc - pad}, Point{pos.X + w + pad, pos.Y + desc + pad}}
			if !fr.inside(box) || fr.collides(rectBox(box)) {
				continue
			}
			if fr.overSoft(box, tiers-i/n) {
				continue
			}
			if c.placement == placeInward {
				if fr.offmapRepeats(c.text, box) {
					break
				}
				fr.offmapPlaced = append(fr.offmapPlaced, placedText{c.text, box})
			}
			rb := rectBox(box)
			fr.addPlaced(rb)
			pl := PlacedLabel{Anchor: c.at, Box: box, Quad: rb.corners()}
			if c.shield.A != 0 {
				pl.Shield = Style{Fill: c.shield, Stroke: c.color, Width: 0.8 * fr.scale, Join: MiterJoin}
				pl.Text = Text{X: box.Min.X + pad, Y: box.Min.Y + pad + asc, S: c.text, Font: c.font, Size: c.size, Color: c.color}
			} else {
				pl.Text = Text{X: pos.X, Y: pos.Y, S: c.text, Font: c.font, Size: c.size,
					Color: c.color, Halo: c.halo, HaloWidth: labelHaloWidth * fr.labelScale()}
			}
			fr.emit(pl)
			break
		}
	}
	if fr.o.PlacedLabels != nil {
		for _, b := range fr.placed[nObst:] {
			*fr.o.PlacedLabels = append(*fr.o.PlacedLabels, b.r)
		}
	}
}

// PlacedLabel is a label as the placer drew it (Options.Labels,
// Options.KeepLabels), in device pixels of the frame.
type PlacedLabel struct {
	Text   Text     // the run drawn
	Anchor Point    // the point the candidate was placed around
	Box    Rect     // the collision box (padded), or its bounds when turned
	Quad   [4]Point // the collision box's corners
	Turned bool     // the box is Quad, turned with the text
	// Shield, when it paints, fills and strokes Quad under the text (a
	// road's reference).
	Shield Style
}

// Shifted is l moved by (dx, dy) device pixels.
func (l PlacedLabel) Shifted(dx, dy float64) PlacedLabel {
	l.Text.X, l.Text.Y = l.Text.X+dx, l.Text.Y+dy
	l.Anchor = Point{l.Anchor.X + dx, l.Anchor.Y + dy}
	l.Box = Rect{Point{l.Box.Min.X + dx, l.Box.Min.Y + dy}, Point{l.Box.Max.X + dx, l.Box.Max.Y + dy}}
	for i := range l.Quad {
		l.Quad[i] = Point{l.Quad[i].X + dx, l.Quad[i].Y + dy}
	}
	return l
}

// Draw makes the label's calls on s (its shield, then its text).
func (l *PlacedLabel) Draw(s Sink) {
	if l.Shield.HasFill() || l.Shield.HasStroke() {
		st := l.Shield
		s.Path(&Path{Closed: true, Sub: [][]Point{l.Quad[:]}}, &st)
	}
	t := l.Text
	s.Text(&t)
}

// emit draws a placed label and reports it (Options.Labels).
func (fr *frame) emit(l PlacedLabel) {
	if l.Shield.HasFill() || l.Shield.HasStroke() {
		fr.path.Reset()
		fr.path.Closed = true
		fr.path.Sub = append(fr.path.Sub, l.Quad[:])
		st := l.Shield
		fr.sink.Path(&fr.path, &st)
	}
	t := l.Text
	fr.sink.Text(&t)
	if fr.o.Labels != nil {
		*fr.o.Labels = append(*fr.o.Labels, l)
	}
}

// addPlaced adds a box labels keep off.
func (fr *frame) addPlaced(b labelBox) {
	fr.placed = append(fr.placed, b)
	fr.grid.add(int32(len(fr.placed)-1), b.r)
}

// labelGrid indexes the placed boxes by square cells of the frame (boxes
// beyond its edges go to the edge cells), so that a candidate is checked
// against the boxes near it only.
type labelGrid struct {
	cols, rows int
	cells      [][]int32
}

const labelCell = 64 // device pixels

func (g *labelGrid) init(w, h float64) {
	g.cols = max(1, int(math.Ceil(w/labelCell)))
	g.rows = max(1, int(math.Ceil(h/labelCell)))
	n := g.cols * g.rows
	if cap(g.cells) >= n {
		g.cells = g.cells[:n]
		for i := range g.cells {
			g.cells[i] = g.cells[i][:0]
		}
	} else {
		g.cells = make([][]int32, n)
	}
}

// span is the cells r covers, clamped to the grid.
func (g *labelGrid) span(r Rect) (x0, y0, x1, y1 int) {
	cl := func(v float64, n int) int {
		if !(v >= 0) { // NaN too
			return 0
		}
		return min(n-1, int(v/labelCell))
	}
	return cl(r.Min.X, g.cols), cl(r.Min.Y, g.rows), cl(r.Max.X, g.cols), cl(r.Max.Y, g.rows)
}

func (g *labelGrid) add(i int32, r Rect) {
	if g.cols == 0 {
		return
	}
	x0, y0, x1, y1 := g.span(r)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			g.cells[y*g.cols+x] = append(g.cells[y*g.cols+x], i)
		}
	}
}

// inside reports whether box is within the frame less the label inset.
func (fr *frame) inside(box Rect) bool {
	in := fr.o.LabelInset
	return box.Min.X >= in.Left && box.Min.Y >= in.Top && box.Max.X <= fr.w-in.Right && box.Max.Y <= fr.h-in.Bottom
}

func (fr *frame) collides(b labelBox) bool {
	g := &fr.grid
	if g.cols == 0 {
		for i := range fr.placed {
			if fr.placed[i].overlaps(&b) {
				return true
			}
		}
		return false
	}
	x0, y0, x1, y1 := g.span(b.r)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, i := range g.cells[y*g.cols+x] {
				if fr.placed[i].overlaps(&b) {
					return true
				}
			}
		}
	}
	return false
}

// overSoft reports whether b covers one of the first k tiers of soft
// obstacles.
func (fr *frame) overSoft(b Rect, k int) bool {
	for _, t := range fr.soft[:max(0, k)] {
		if overlapsAny(t, b) {
			return true
		}
	}
	return false
}

func overlapsAny(rs []Rect, b Rect) bool {
	for _, p := range rs {
		if p.Overlaps(b) {
			return true
		}
	}
	return false
}

// labelBox is the space a placed label takes: an axis-aligned box, or a
// turned one (its four corners in order) with r its bounding box.
type labelBox struct {
	r      Rect
	turned bool
	q      [4]Point
}

func rectBox(r Rect) labelBox { return labelBox{r: r} }

func quadBox(q [4]Point) labelBox {
	b := labelBox{turned: true, q: q, r: Rect{q[0], q[0]}}
	for _, p := range q[1:] {
		b.r.Min.X, b.r.Min.Y = math.Min(b.r.Min.X, p.X), math.Min(b.r.Min.Y, p.Y)
		b.r.Max.X, b.r.Max.Y = math.Max(b.r.Max.X, p.X), math.Max(b.r.Max.Y, p.Y)
	}
	return b
}

func (b *labelBox) corners() [4]Point {
	if b.turned {
		return b.q
	}
	return [4]Point{b.r.Min, {b.r.Max.X, b.r.Min.Y}, b.r.Max, {b.r.Min.X, b.r.Max.Y}}
}

// overlaps reports whether two boxes share any area: their bounding boxes,
// then (if either is turned) the separating axes of the two rectangles.
func (b *labelBox) overlaps(o *labelBox) bool {
	if !b.r.Overlaps(o.r) {
		return false
	}
	if !b.turned && !o.turned {
		return true
	}
	p, q := b.corners(), o.corners()
	for _, qs := range [2]*[4]Point{&p, &q} {
		for i := 0; i < 2; i++ { // a rectangle's two edge directions
			ax, ay := qs[i+1].X-qs[i].X, qs[i+1].Y-qs[i].Y
			lo1, hi1 := project4(&p, ax, ay)
			lo2, hi2 := project4(&q, ax, ay)
			if hi1 <= lo2 || hi2 <= lo1 {
				return false
			}
		}
	}
	return true
}

func project4(q *[4]Point, ax, ay float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range q {
		d := p.X*ax + p.Y*ay
		lo, hi = math.Min(lo, d), math.Max(hi, d)
	}
	return lo, hi
}

// placeTurned places a label along its line: centred on it (a road's
// shield) or beside it, above then below (a river's name), its box turned
// with it; dropped when every position collides or leaves the frame.
func (fr *frame) placeTurned(c labelCand, pad float64) {
	w := c.font.Measure(c.text, c.size)
	asc, desc := c.font.Metrics()
	asc, desc = asc*c.size*0.8, desc*c.size*0.8
	sn, cs := math.Sincos(c.angle)
	// to maps a point of the label's own frame (x along the text, y down
	// across it, origin at the label's centre) to the device.
	to := func(o Point, x, y float64) Point { return Point{o.X + x*cs - y*sn, o.Y + x*sn + y*cs} }
	h := asc + desc
	offsets := []float64{0}
	if c.shield.A == 0 {
		g := h/2 + 2*fr.scale
		offsets = []float64{-g, g}
	}
	for _, off := range offsets {
		o := to(c.at, 0, off)
		q := [4]Point{to(o, -w/2-pad, -h/2-pad), to(o, w/2+pad, -h/2-pad), to(o, w/2+pad, h/2+pad), to(o, -w/2-pad, h/2+pad)}
		box := quadBox(q)
		if !fr.inside(box.r) || fr.collides(box) {
			continue
		}
		fr.addPlaced(box)
		base := to(o, -w/2, (asc-desc)/2) // the baseline's left end
		pl := PlacedLabel{Anchor: c.at, Box: box.r, Quad: q, Turned: true,
			Text: Text{X: base.X, Y: base.Y, S: c.text, Font: c.font, Size: c.size, Color: c.color, Angle: c.angle}}
		if c.shield.A != 0 {
			pl.Shield = Style{Fill: c.shield, Stroke: c.color, Width: 0.8 * fr.scale, Join: MiterJoin}
		} else {
			pl.Text.Halo, pl.Text.HaloWidth = c.halo, labelHaloWidth*fr.labelScale()
		}
		fr.emit(pl)
		return
	}
}

// positions are the baseline-left points to try, best first.
func (fr *frame) positions(c labelCand, w, asc, desc float64) []Point {
	mid := (asc - desc) / 2 // baseline offset that centres the box vertically
	switch c.placement {
	case placePoint, placePointLeft:
		g := c.offset + 3*fr.scale
		if c.placement == placePointLeft {
			return []Point{
				{c.at.X - g - w, c.at.Y + mid},              // left
				{c.at.X + g, c.at.Y + mid},                  // right
				{c.at.X - w/2, c.at.Y - g - desc},           // above
				{c.at.X - w/2, c.at.Y + g + asc},            // below
				{c.at.X - g*0.7 - w, c.at.Y - g*0.7 - desc}, // above left
				{c.at.X - g*0.7 - w, c.at.Y + g*0.7 + asc},  // below left
			}
		}
		return []Point{
			{c.at.X + g, c.at.Y + mid},              // right
			{c.at.X - g - w, c.at.Y + mid},          // left
			{c.at.X - w/2, c.at.Y - g - desc},       // above
			{c.at.X - w/2, c.at.Y + g + asc},        // below
			{c.at.X + g*0.7, c.at.Y - g*0.7 - desc}, // above right
			{c.at.X + g*0.7, c.at.Y + g*0.7 + asc},  // below right
		}
	case placeInward:
		// Put the label inside the visible frame next to the edge point.
		in := fr.o.LabelInset
		m := 4 * fr.scale
		x0, x1 := in.Left+m, fr.w-in.Right-w-m
		y0, y1 := in.Top+asc+m, fr.h-in.Bottom-desc-m
		x := math.Min(math.Max(c.at.X-w/2, x0), x1)
		if c.at.X < x0+w/2 {
			x = x0
		} else if c.at.X > x1+w/2 {
			x = x1
		}
		y := math.Min(math.Max(c.at.Y+asc+14*fr.scale, y0), y1)
		if c.at.Y > fr.h/2 {
			y = math.Max(math.Min(c.at.Y-14*fr.scale-desc, y1), y0)
		}
		return []Point{{x, y}, {x, y + (asc + desc + 4*fr.scale)}, {x, y - (asc + desc + 4*fr.scale)}}
	}
	return []Point{{c.at.X - w/2, c.at.Y + mid}, {c.at.X - w/2, c.at.Y + mid - (asc + desc)}, {c.at.X - w/2, c.at.Y + mid + (asc + desc)}}
}
