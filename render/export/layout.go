package export

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"maliatlas/assets"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/render"
)

// Map is one exported map: the scene, what it shows, and the layout around it.
type Map struct {
	Scene   *render.Scene
	Options render.Options // View is computed from BBox and the page
	BBox    orb.Bound
	Title   string
	// Subtitle is a second line under the title (a date, a place).
	Subtitle string

	// Layout elements, each on or off. Inset is the locator map (Mali in
	// West Africa with the map's extent in red).
	Legend, ScaleBar, North, Attribution, Inset bool

	// Annotations are drawn above the map and below the layout.
	Annotations []project.Annotation
	// Watermark is drawn diagonally across the page in light grey.
	Watermark string
	// Sensitive leaves out the layers marked sensitive and snaps sites to a
	// grid of CoarsenKm (DefaultCoarsenKm when zero). CoarsenKm > 0 alone
	// snaps without leaving layers out.
	Sensitive bool
	CoarsenKm float64
	// Period is the years the map shows (zero: all); the legend states it.
	// The features are filtered by Options.Filter.
	Period layers.Period
	// Fictional marks a training scenario: the page carries the fictional
	// band (fictional.go). Exercise (the scenario's features) implies it.
	Fictional bool
	Exercise  *render.FictionalView
	// Panel is a column of text down the right side (fictional.go).
	Panel *Panel
	// LegendAt places the legend (LegendAuto: the layout chooses).
	LegendAt LegendPlace
	// NoMargin makes the bbox fill the map area (the view exported as shown).
	NoMargin bool
}

var (
	ink      = color.NRGBA{34, 30, 26, 255}
	subInk   = color.NRGBA{90, 84, 76, 255}
	panel    = color.NRGBA{255, 255, 255, 236}
	panelRim = color.NRGBA{120, 110, 95, 255}
)

// layout is the state of drawing one page.
type layout struct {
	m     *Map
	s     render.Sink
	pg    Page
	k     float64 // scale: device px per logical px
	fonts render.FontSet
	lang  string
	scene *render.Scene // what is drawn: m.Scene or its sensitive copy
}

// Viewport is the map view of m on pg: the bbox fitted in the map's area,
// between the title and attribution bands, beside or above the legend.
func (m *Map) Viewport(pg Page) geo.Viewport {
	return m.viewportIn(pg, m.frame(pg).mapArea)
}

func (m *Map) viewportIn(pg Page, area render.Rect) geo.Viewport {
	k := pg.Scale
	lw, lh := int(float64(pg.W)/k+0.5), int(float64(pg.H)/k+0.5)
	v := geo.FitBound(m.BBox, max(int(area.Dx()/k), 16), max(int(area.Dy()/k), 16), k, m.margin())
	v.Width, v.Height = lw, lh
	// Centre the bbox in the map area.
	cx, cy := (area.Min.X+area.Max.X)/2, (area.Min.Y+area.Max.Y)/2
	dw, dh := v.DeviceSize()
	return v.Pan(cx-float64(dw)/2, cy-float64(dh)/2)
}

// bands returns the heights, in device pixels, of the title band at the top
// and the attribution band at the bottom.
func (m *Map) bands(pg Page) (top, bottom float64) {
	k := pg.Scale
	switch {
	case m.Title != "" && m.Subtitle != "":
		top = 42*k + float64(len(m.subtitleLines(pg)))*17*k + 6*k
	case m.Title != "" || m.Subtitle != "":
		top = 44 * k
	}
	if m.Attribution {
		bottom = m.attributionHeight(pg)
	}
	top += m.bandHeight(pg)
	bottom += m.bandHeight(pg) * 0.7 // its repeat along the bottom edge
	return
}

// Draw draws the page: the map, the annotations, then the layout elements
// over them, and the watermark on top.
func (m *Map) Draw(s render.Sink, pg Page) {
	m.draw(s, pg, m.scene())
}

// Layout draws the page onto s and returns where its layout elements went.
func (m *Map) Layout(s render.Sink, pg Page) []Box {
	return m.draw(s, pg, m.scene())
}

func (m *Map) draw(s render.Sink, pg Page, sc *render.Scene) []Box {
	fr := m.frame(pg)
	o := m.Options
	o.View = m.viewportIn(pg, fr.mapArea)
	if o.Lang == "" {
		o.Lang = "en"
	}
	if o.Background.A == 0 {
		o.Background = color.NRGBA{214, 228, 236, 255} // sea / outside
	}
	W, H := float64(pg.W), float64(pg.H)
	top, bottom := fr.top, fr.bottom
	a := fr.mapArea
	o.LabelInset = render.Inset{Top: a.Min.Y, Bottom: H - a.Max.Y, Right: W - a.Max.X, Left: a.Min.X}
	// Where the labels would go: a dry run of the map (labels only count).
	var labels []render.Rect
	dry := o
	dry.PlacedLabels = &labels
	dry.LabelsOnly = true
	sc.Draw(render.Discard{}, &dry)
	L := &layout{m: m, s: s, pg: pg, k: pg.Scale, fonts: sc.Fonts, lang: o.Lang, scene: sc}
	var boxes []Box
	// The elements over the map go where they hide no label: the legend box
	// and the inset first (the largest), then the north arrow and the scale bar.
	k := pg.Scale
	pl := &placer{area: a, labels: labels, margin: 12 * k}
	lb := fr.legend
	if lb != nil && lb.place == LegendOver {
		lb.rect = pl.place(lb.w, lb.h, bottomLeft, bottomRight, topLeft, topRight)
	}
	// The event layers' legends (events.go): off the labels and, as far
	// as the corners allow, off the events themselves.
	evb := L.measureEventLegends(o.Events, o.View)
	if evb != nil {
		spots := pl.labels
		pl.labels = append(append([]render.Rect(nil), spots...), eventSpots(o.Events, o.View, a)...)
		evb.rect = pl.place(evb.w, evb.h, bottomRight, bottomLeft, topRight, topLeft)
		pl.labels = spots
	}
	var insetR, northR, scaleR render.Rect
	if m.Inset {
		w, h := insetSize(a, k)
		insetR = pl.place(w, h, topLeft, bottomLeft, topRight, bottomRight)
	}
	if m.North {
		w, h := northSize(k)
		northR = pl.place(w, h, topRight, topLeft, bottomRight, bottomLeft)
	}
	if m.ScaleBar {
		w, h := scaleBarSize(scaleBarMax(a, k), k)
		scaleR = pl.place(w, h, bottomRight, bottomLeft, topRight, topLeft)
	}
	// The map itself, its labels kept off the elements placed over it (a
	// label that found no other room is left out rather than covered).
	labels = labels[:0]
	o.PlacedLabels = &labels
	o.LabelObstacles = append([]render.Rect(nil), pl.taken...)
	sc.Draw(s, &o)
	if m.Options.PlacedLabels != nil {
		*m.Options.PlacedLabels = append(*m.Options.PlacedLabels, labels...)
	}
	if len(m.Annotations) > 0 {
		render.DrawAnnotations(s, o.View, m.Annotations, sc.Fonts, "")
	}
	// The scenario's labels keep off the map's and the elements over it.
	render.DrawFictionalLabels(s, o.View, m.Exercise, sc.Fonts, render.FictionalLabels{ // fictional.go
		Obstacles: pl.taken, Avoid: labels, Inset: o.LabelInset})
	band := m.bandHeight(pg)
	if m.Title != "" || m.Subtitle != "" {
		L.title(top - band)
		boxes = append(boxes, Box{"title", render.Rect{Max: render.Point{X: W, Y: top}}})
	}
	L.panel(top, bottom)
	if m.Attribution {
		L.attribution(bottom)
		boxes = append(boxes, Box{"attribution", render.Rect{Min: render.Point{X: 0, Y: H - bottom}, Max: render.Point{X: W, Y: H}}})
	}
	if m.ScaleBar {
		L.scaleBar(o.View, scaleR, scaleBarMax(a, k))
		boxes = append(boxes, Box{"scalebar", scaleR})
	}
	if m.North {
		L.north(northR)
		boxes = append(boxes, Box{"north", northR})
	}
	if lb != nil {
		L.legend(lb)
		boxes = append(boxes, Box{"legend", lb.rect})
	}
	if evb != nil {
		L.eventLegends(evb)
		boxes = append(boxes, Box{"events", evb.rect})
	}
	if m.Inset {
		// The extent is the map area.
		nw := o.View.ToGeo(a.Min.X, a.Min.Y)
		se := o.View.ToGeo(a.Max.X, a.Max.Y)
		L.inset(insetR, sc.Catalog, orb.Bound{Min: orb.Point{nw[0], se[1]}, Max: orb.Point{se[0], nw[1]}})
		boxes = append(boxes, Box{"inset", insetR})
	}
	L.fictional(top-band, band, 0) // fictional.go: over everything but the watermark
	if m.Watermark != "" {
		L.watermark(m.Watermark)
	}
	return boxes
}

func (L *layout) rect(x, y, w, h float64, st *render.Style) {
	p := render.Path{Closed: true, Sub: [][]render.Point{{{X: x, Y: y}, {X: x + w, Y: y}, {X: x + w, Y: y + h}, {X: x, Y: y + h}}}}
	L.s.Path(&p, st)
}

func (L *layout) text(x, y float64, s string, f *render.Font, size float64, c color.NRGBA) {
	L.s.Text(&render.Text{X: x, Y: y, S: s, Font: f, Size: size, Color: c})
}

// subtitleLines is the subtitle (a caption, a date) wrapped to the page.
func (m *Map) subtitleLines(pg Page) []string {
	k := pg.Scale
	return wrap(m.Subtitle, m.Scene.Fonts.Regular, 13*k, float64(pg.W)-28*k)
}

func (L *layout) title(h float64) {
	L.rect(0, 0, float64(L.pg.W), h, &render.Style{Fill: panel})
	L.rect(0, h-1*L.k, float64(L.pg.W), 1*L.k, &render.Style{Fill: panelRim})
	size := 22 * L.k
	asc, _ := L.fonts.Bold.Metrics()
	sub := 13 * L.k
	switch {
	case L.m.Title != "" && L.m.Subtitle != "":
		L.text(14*L.k, 30*L.k, L.m.Title, L.fonts.Bold, size, ink)
		for i, line := range L.m.subtitleLines(L.pg) {
			L.text(14*L.k, 52*L.k+float64(i)*17*L.k, line, L.fonts.Regular, sub, subInk)
		}
	case L.m.Title != "":
		L.text(14*L.k, (h+asc*size*0.72)/2, L.m.Title, L.fonts.Bold, size, ink)
	default:
		L.text(14*L.k, (h+asc*sub*0.72)/2, L.m.Subtitle, L.fonts.Regular, sub, subInk)
	}
}

// wrap splits s into lines no wider than w. It breaks only at ordinary
// spaces: French no-break spaces (U+00A0, U+202F) hold their words together.
func wrap(s string, f *render.Font, size, w float64) []string {
	var lines []string
	cur := ""
	breakable := func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }
	for _, word := range strings.FieldsFunc(s, breakable) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if f.Measure(try, size) > w && cur != "" {
			lines = append(lines, cur)
			cur = word
		} else {
			cur = try
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	// No word alone on the last line when the one before can give it a
	// companion: "depuis" / "Bamako" reads as a place name on its own.
	if n := len(lines); n >= 2 && !strings.ContainsAny(lines[n-1], " \t") {
		prev := lines[n-2]
		if i := strings.LastIndexByte(prev, ' '); i > 0 {
			moved := prev[i+1:] + " " + lines[n-1]
			if f.Measure(moved, size) <= w {
				lines[n-2], lines[n-1] = prev[:i], moved
			}
		}
	}
	return lines
}

// citedSources returns the source keys cited by the visible features drawn
// (leaving out the sensitive layers when skipSensitive).
func citedSources(sc *render.Scene, o *render.Options, skipSensitive bool) []string {
	seen := map[string]bool{}
	vis := map[string]bool{}
	for _, id := range o.Visible {
		vis[id] = true
	}
	for _, l := range sc.Catalog.Layers {
		if o.Visible == nil && !l.Spec.Visible || o.Visible != nil && !vis[l.Spec.ID] || skipSensitive && l.Spec.Sensitive {
			continue
		}
		for _, f := range l.Features {
			if o.Filter != nil && !o.Filter(f) {
				continue
			}
			for _, r := range f.Sources {
				if r.Key != "" {
					seen[r.Key] = true
				} else if r.Title != "" {
					seen[r.Title] = true
				}
			}
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// attributionText is the size of the attribution's text on pg and its
// lines: the data credits, then the sources cited with their full titles.
func (m *Map) attributionText(pg Page) (size float64, lines []string) {
	k := pg.Scale
	W := float64(pg.W)
	size = 9.5 * k
	f := m.Scene.Fonts.Regular
	lang := m.lang()
	lines = wrap(assets.T(lang, "layout.credits"), f, size, W-28*k)
	if keys := citedSources(m.Scene, &m.Options, m.Sensitive); len(keys) > 0 {
		var parts []string
		for _, key := range keys {
			if s, ok := m.Scene.Catalog.Source(key); ok {
				parts = append(parts, fmt.Sprintf("[%s] %s", key, s.Citation()))
			} else {
				parts = append(parts, key)
			}
		}
		src := assets.T(lang, "layout.sources") + assets.Punct(lang, ":") + strings.Join(parts, assets.Punct(lang, ";")) + ". " + assets.T(lang, "layout.approximate")
		lines = append(lines, wrap(src, f, size, W-28*k)...)
	}
	return size, lines
}

// attributionHeight is the height of the attribution band: all its lines.
func (m *Map) attributionHeight(pg Page) float64 {
	size, lines := m.attributionText(pg)
	return math.Max(46*pg.Scale, float64(len(lines))*size*1.3+12*pg.Scale)
}

func (L *layout) attribution(h float64) {
	W, H := float64(L.pg.W), float64(L.pg.H)
	size, lines := L.m.attributionText(L.pg)
	lh := size * 1.3
	L.rect(0, H-h, W, h, &render.Style{Fill: panel})
	L.rect(0, H-h, W, 1*L.k, &render.Style{Fill: panelRim})
	y := H - h + 6*L.k + size
	for _, l := range lines {
		L.text(14*L.k, y, l, L.fonts.Regular, size, subInk)
		y += lh
	}
}

// niceLength picks 1, 2 or 5 × 10^n not above max.
func niceLength(max float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(max)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= max {
			return m * p
		}
	}
	return p
}

// scaleBar draws a bar, in the box r, whose length is right at the
// latitude where it stands.
func (L *layout) scaleBar(v geo.Viewport, r render.Rect, maxLen float64) {
	k := L.k
	x0 := r.Min.X + 8*k
	y0 := r.Min.Y + 18*k
	// Ground distance of a horizontal run at the bar's own latitude.
	a := v.ToGeo(x0, y0)
	b := v.ToGeo(x0+maxLen, y0)
	metres := geo.Distance(a, orb.Point{b[0], a[1]})
	if metres <= 0 || math.IsNaN(metres) {
		return
	}
	perPx := metres / maxLen
	km := niceLength(maxLen * perPx / 1000)
	w := km * 1000 / perPx
	L.rect(x0-8*k, y0-18*k, w+16*k+36*k, 30*k, &render.Style{Fill: panel})
	segs := 4
	for i := 0; i < segs; i++ {
		c := ink
		if i%2 == 1 {
			c = color.NRGBA{255, 255, 255, 255}
		}
		L.rect(x0+float64(i)*w/float64(segs), y0, w/float64(segs), 5*k, &render.Style{Fill: c})
	}
	L.rect(x0, y0, w, 5*k, &render.Style{Stroke: ink, Width: 0.8 * k})
	size := 9.5 * k
	f := L.fonts.Regular
	L.text(x0-f.Measure("0", size)/2, y0-4*k, "0", f, size, ink)
	lbl := assets.Number(L.lang, km)
	L.text(x0+w-f.Measure(lbl, size)/2, y0-4*k, lbl, f, size, ink)
	L.text(x0+w+6*k, y0+5*k, assets.T(L.lang, "layout.km"), f, size, ink)
}

// north draws the north arrow in the box r.
func (L *layout) north(r render.Rect) {
	k := L.k
	cx := r.Min.X + 18*k
	cy := r.Min.Y + 28*k
	L.rect(cx-18*k, cy-28*k, 36*k, 52*k, &render.Style{Fill: panel})
	west := render.Path{Closed: true, Sub: [][]render.Point{{{X: cx, Y: cy - 14*k}, {X: cx - 9*k, Y: cy + 14*k}, {X: cx, Y: cy + 8*k}}}}
	east := render.Path{Closed: true, Sub: [][]render.Point{{{X: cx, Y: cy - 14*k}, {X: cx + 9*k, Y: cy + 14*k}, {X: cx, Y: cy + 8*k}}}}
	L.s.Path(&west, &render.Style{Fill: ink})
	L.s.Path(&east, &render.Style{Fill: color.NRGBA{255, 255, 255, 255}, Stroke: ink, Width: 1 * k, Join: render.MiterJoin})
	size := 12 * k
	n := assets.T(L.lang, "layout.north")
	L.text(cx-L.fonts.Bold.Measure(n, size)/2, cy-16*k, n, L.fonts.Bold, size, ink)
}

// legendRow is one entry of the legend: a swatch (or none, for a layer
// heading) and its text, wrapped into lines.
type legendRow struct {
	header bool
	text   string
	lines  []string
	layer  *layers.Layer
	sym    *layers.Symbol
	h      float64
}

// legendBox is the legend laid out: in a box over a corner of the map when
// it is short, else in a panel beside or below the map, in balanced columns
// that keep each layer's entries together.
type legendBox struct {
	rows   []legendRow
	place  LegendPlace
	rect   render.Rect // where it goes (device pixels)
	total  float64     // the height of all rows in one column, with the title
	cols   [][]legendRow
	colW   float64
	w, h   float64
	k      float64
	size   float64
	lineH  float64
	titleH float64
}

func (m *Map) lang() string {
	if m.Options.Lang == "" {
		return "en"
	}
	return m.Options.Lang
}

func (m *Map) legendRows() []legendRow {
	o := &m.Options
	lang := m.lang()
	vis := map[string]bool{}
	for _, id := range o.Visible {
		vis[id] = true
	}
	var rows []legendRow
	if !m.Period.IsZero() {
		rows = append(rows, legendRow{header: true, text: assets.T(lang, "ui.period") + assets.Punct(lang, ":") + m.Period.Label(lang)})
	}
	for _, l := range m.Scene.Catalog.Layers {
		if o.Visible == nil && !l.Spec.Visible || o.Visible != nil && !vis[l.Spec.ID] {
			continue
		}
		if l.Spec.Context || m.Sensitive && l.Spec.Sensitive {
			continue
		}
		if len(l.Spec.Categories) == 0 {
			rows = append(rows, legendRow{text: l.Title(lang), layer: l, sym: l.CategorySymbol(nil)})
			continue
		}
		rows = append(rows, legendRow{header: true, text: l.Title(lang), layer: l})
		for i := range l.Spec.Categories {
			c := &l.Spec.Categories[i]
			if !l.HasCategory(c.Value, o.Filter) {
				continue
			}
			rows = append(rows, legendRow{text: c.Title.In(lang), layer: l, sym: l.CategorySymbol(c)})
		}
	}
	return rows
}

// measureLegend measures the legend's rows for pg; nil when there is none.
// frame then places it and cuts it into columns.
func (m *Map) measureLegend(pg Page) *legendBox {
	return m.measureLegendAt(pg, 250)
}

// measureLegendAt measures the legend with its text wrapped at textW
// logical pixels (less on a narrow page).
func (m *Map) measureLegendAt(pg Page, textW float64) *legendBox {
	if !m.Legend {
		return nil
	}
	rows := m.legendRows()
	if len(rows) == 0 {
		return nil
	}
	k := pg.Scale
	f, fb := m.Scene.Fonts.Regular, m.Scene.Fonts.Bold
	lb := &legendBox{rows: rows, k: k, size: 10.5 * k, lineH: 13.5 * k, titleH: 28 * k}
	sw := 34 * k
	maxText := math.Min(textW*k, float64(pg.W)*0.3)
	total := lb.titleH + 10*k
	for i := range rows {
		r := &rows[i]
		font, avail := f, maxText
		if r.header {
			font, avail = fb, maxText+sw
		}
		r.lines = wrap(r.text, font, lb.size, avail)
		r.h = float64(len(r.lines))*lb.lineH + 4*k
		if r.header {
			r.h += 4 * k
		}
		w := 0.0
		for _, line := range r.lines {
			w = math.Max(w, font.Measure(line, lb.size))
		}
		if !r.header {
			w += sw
		}
		lb.colW = math.Max(lb.colW, w)
		total += r.h
	}
	lb.colW = math.Max(lb.colW, fb.Measure(assets.T(m.lang(), "layout.legend"), 12*k))
	lb.total = total
	return lb
}

func (L *layout) legend(lb *legendBox) {
	k := L.k
	f, fb := L.fonts.Regular, L.fonts.Bold
	r := lb.rect
	x0, y0 := r.Min.X, r.Min.Y
	switch lb.place {
	case LegendSide:
		L.rect(x0, y0, r.Dx(), r.Dy(), &render.Style{Fill: color.NRGBA{255, 255, 255, 255}})
		L.rect(x0, y0, 1*k, r.Dy(), &render.Style{Fill: panelRim})
	case LegendBelow:
		L.rect(x0, y0, r.Dx(), r.Dy(), &render.Style{Fill: color.NRGBA{255, 255, 255, 255}})
		L.rect(x0, y0, r.Dx(), 1*k, &render.Style{Fill: panelRim})
	default:
		L.rect(x0, y0, r.Dx(), r.Dy(), &render.Style{Fill: panel, Stroke: panelRim, Width: 0.8 * k})
	}
	L.text(x0+10*k, y0+19*k, assets.T(L.lang, "layout.legend"), fb, 12*k, ink)
	sw := 34 * k
	for ci, col := range lb.cols {
		x := x0 + 10*k + float64(ci)*(lb.colW+14*k)
		y := y0 + lb.titleH
		for _, r := range col {
			tx := x
			font := f
			if r.header {
				font = fb
				y += 4 * k
			} else if r.sym != nil {
				render.Swatch(L.s, r.layer.Spec.Kind, r.sym, render.Rect{Min: render.Point{X: tx, Y: y + 1*k}, Max: render.Point{X: tx + sw - 8*k, Y: y + lb.lineH - 1*k}}, k)
				tx += sw
			}
			for i, line := range r.lines {
				L.text(tx, y+lb.lineH*0.78+float64(i)*lb.lineH, line, font, lb.size, ink)
			}
			y += r.h - map[bool]float64{true: 4 * k, false: 0}[r.header]
		}
	}
}
