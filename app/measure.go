package app

import (
	"image/color"
	"math"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"

	"maliatlas/geo"
	"maliatlas/layers"
)

// Colours of the measure line.
var (
	measureColor = color.NRGBA{0xc0, 0x39, 0x2b, 0xff}
	measureHalo  = color.NRGBA{0xff, 0xff, 0xff, 0xd0}
	measureRub   = color.NRGBA{0xc0, 0x39, 0x2b, 0x90}
)

// mapLabel is a text on a light box, anchored at a position on the map.
type mapLabel struct {
	bg     *canvas.Rectangle
	text   *canvas.Text
	at     orb.Point
	dx, dy float32 // offset of the box's top-left from the anchor
}

func newMapLabel(text string, at orb.Point, dx, dy float32, bold bool) *mapLabel {
	t := canvas.NewText(text, color.NRGBA{0x20, 0x20, 0x20, 0xff})
	t.TextSize = 12
	t.TextStyle.Bold = bold
	bg := canvas.NewRectangle(color.NRGBA{0xff, 0xff, 0xff, 0xe8})
	bg.StrokeColor = measureColor
	bg.StrokeWidth = 1
	bg.CornerRadius = 3
	return &mapLabel{bg: bg, text: t, at: at, dx: dx, dy: dy}
}

func (l *mapLabel) objects() []fyne.CanvasObject { return []fyne.CanvasObject{l.bg, l.text} }

func (l *mapLabel) place(v geo.Viewport) {
	p := logicalPos(v, l.at)
	sz := l.text.MinSize()
	pos := p.Add(fyne.NewPos(l.dx, l.dy))
	if l.dx < 0 { // centred
		pos.X = p.X - sz.Width/2 - 4
	} else if w := float32(v.Width); pos.X+sz.Width+8 > w && p.X-l.dx-sz.Width-8 >= 0 {
		pos.X = p.X - l.dx - sz.Width - 8 // on the left near the right edge
	}
	if pos.Y < 0 {
		pos.Y = p.Y + 8
	}
	l.bg.Move(pos)
	l.bg.Resize(sz.Add(fyne.NewSize(8, 2)))
	l.text.Move(pos.Add(fyne.NewPos(4, 1)))
	l.bg.Refresh()
	l.text.Refresh()
}

// polyline is a line on the map drawn as straight pieces between positions.
type polyline struct {
	path  []orb.Point
	halo  []*canvas.Line
	lines []*canvas.Line
}

func newPolyline(path []orb.Point, c color.Color, width float32, halo bool) *polyline {
	p := &polyline{path: path}
	for i := 1; i < len(path); i++ {
		if halo {
			h := canvas.NewLine(measureHalo)
			h.StrokeWidth = width + 3
			p.halo = append(p.halo, h)
		}
		l := canvas.NewLine(c)
		l.StrokeWidth = width
		p.lines = append(p.lines, l)
	}
	return p
}

func (p *polyline) objects() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, h := range p.halo {
		out = append(out, h)
	}
	for _, l := range p.lines {
		out = append(out, l)
	}
	return out
}

func (p *polyline) place(v geo.Viewport) {
	for i := 1; i < len(p.path); i++ {
		a, b := logicalPos(v, p.path[i-1]), logicalPos(v, p.path[i])
		for _, set := range [][]*canvas.Line{p.halo, p.lines} {
			if i-1 < len(set) {
				set[i-1].Position1, set[i-1].Position2 = a, b
				set[i-1].Refresh()
			}
		}
	}
}

// greatCircle is n+1 points along the shortest path from a to b on the
// sphere: long segments bend on the map as geodesics do.
func greatCircle(a, b orb.Point, n int) []orb.Point {
	const r = math.Pi / 180
	toV := func(p orb.Point) [3]float64 {
		la, lo := p[1]*r, p[0]*r
		return [3]float64{math.Cos(la) * math.Cos(lo), math.Cos(la) * math.Sin(lo), math.Sin(la)}
	}
	va, vb := toV(a), toV(b)
	dot := va[0]*vb[0] + va[1]*vb[1] + va[2]*vb[2]
	w := math.Acos(math.Max(-1, math.Min(1, dot)))
	if n < 1 || w < 1e-9 || math.Sin(w) < 1e-9 {
		return []orb.Point{a, b}
	}
	out := make([]orb.Point, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		ka, kb := math.Sin((1-t)*w)/math.Sin(w), math.Sin(t*w)/math.Sin(w)
		x, y, z := ka*va[0]+kb*vb[0], ka*va[1]+kb*vb[1], ka*va[2]+kb*vb[2]
		out = append(out, orb.Point{math.Atan2(y, x) / r, math.Atan2(z, math.Hypot(x, y)) / r})
	}
	out[0], out[n] = a, b
	return out
}

// geodesicPath is the segment a–b as a great circle, in pieces of about 25 km.
func geodesicPath(a, b orb.Point) []orb.Point {
	n := int(math.Min(64, math.Max(1, geo.Distance(a, b)/25000)))
	return greatCircle(a, b, n)
}

// measureOverlay draws the measured line: its vertices, each segment's
// geodesic length at its middle and the total at the last vertex, and a
// rubber band from the last vertex to the pointer.
type measureOverlay struct {
	mu       sync.Mutex // the map's renderer places it while the shell changes it
	box      *fyne.Container
	segs     []*polyline
	dots     []*canvas.Circle
	dotAt    []orb.Point
	labels   []*mapLabel
	rubber   *polyline
	rubLabel *mapLabel
}

func newMeasureOverlay() *measureOverlay {
	return &measureOverlay{box: container.NewWithoutLayout()}
}

func (m *measureOverlay) Object() fyne.CanvasObject { return m.box }

// set draws the line through pts, segment i along paths[i] (a great
// circle, or the roads) labelled segTexts[i] at its middle; total labels the
// last vertex (e.g. "Total: 309 km").
func (m *measureOverlay) set(pts []orb.Point, paths [][]orb.Point, segTexts []string, total string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.segs, m.dots, m.dotAt, m.labels, m.rubber, m.rubLabel = nil, nil, nil, nil, nil, nil
	var objs []fyne.CanvasObject
	for _, path := range paths {
		seg := newPolyline(path, measureColor, 2.5, true)
		m.segs = append(m.segs, seg)
		objs = append(objs, seg.objects()...)
	}
	for _, p := range pts {
		c := canvas.NewCircle(color.White)
		c.StrokeColor = measureColor
		c.StrokeWidth = 2
		m.dots = append(m.dots, c)
		m.dotAt = append(m.dotAt, p)
		objs = append(objs, c)
	}
	for i, seg := range m.segs {
		l := newMapLabel(segTexts[i], pathMiddle(seg.path), -1, 6, false)
		m.labels = append(m.labels, l)
		objs = append(objs, l.objects()...)
	}
	if len(pts) > 1 {
		l := newMapLabel(total, pts[len(pts)-1], 10, -26, true)
		m.labels = append(m.labels, l)
		objs = append(objs, l.objects()...)
	}
	m.box.Objects = objs
	m.box.Refresh()
}

// pathMiddle is the point of path halfway along it.
func pathMiddle(path []orb.Point) orb.Point {
	total := geo.LineLength(orb.LineString(path))
	acc := 0.0
	for i := 1; i < len(path); i++ {
		d := geo.Distance(path[i-1], path[i])
		if acc+d >= total/2 && d > 0 {
			t := (total/2 - acc) / d
			return orb.Point{path[i-1][0] + t*(path[i][0]-path[i-1][0]), path[i-1][1] + t*(path[i][1]-path[i-1][1])}
		}
		acc += d
	}
	return path[len(path)/2]
}

// setRubber draws a thin line from the last vertex to the pointer at p,
// labelled text ("" or no vertex: none).
func (m *measureOverlay) setRubber(from orb.Point, p orb.Point, text string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rubber != nil {
		m.box.Objects = m.box.Objects[:len(m.box.Objects)-len(m.rubber.objects())-2]
		m.rubber, m.rubLabel = nil, nil
	}
	if text == "" {
		m.box.Refresh()
		return
	}
	m.rubber = newPolyline(geodesicPath(from, p), measureRub, 1.5, false)
	m.rubLabel = newMapLabel(text, p, 12, -26, false) // above the pointer: the map's tooltip goes below
	m.box.Objects = append(append(m.box.Objects, m.rubber.objects()...), m.rubLabel.objects()...)
	m.box.Refresh()
}

// Empty reports whether nothing is drawn.
func (m *measureOverlay) Empty() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.box.Objects) == 0
}

func (m *measureOverlay) hasRubber() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.rubber != nil
}

func (m *measureOverlay) Place(v geo.Viewport) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range m.segs {
		s.place(v)
	}
	const r = 4
	for i, c := range m.dots {
		p := logicalPos(v, m.dotAt[i])
		c.Move(p.Subtract(fyne.NewPos(r, r)))
		c.Resize(fyne.NewSize(2*r, 2*r))
		c.Refresh()
	}
	for _, l := range m.labels {
		l.place(v)
	}
	if m.rubber != nil {
		m.rubber.place(v)
		m.rubLabel.place(v)
	}
}

// RubberText is the rubber band's label, "" without one (for tests).
func (m *measureOverlay) RubberText() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rubLabel == nil {
		return ""
	}
	return m.rubLabel.text.Text
}

// Texts are the labels drawn, segments first then the total (for tests).
func (m *measureOverlay) Texts() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, l := range m.labels {
		out = append(out, l.text.Text)
	}
	return out
}

// updateMeasureOverlay redraws the measure line from the shell's state.
func (s *Shell) updateMeasureOverlay() {
	if s.measureOv == nil {
		return
	}
	if !s.measuring {
		s.measureOv.set(nil, nil, nil, "")
		return
	}
	var paths [][]orb.Point
	var texts []string
	for _, l := range s.measureLegs() {
		switch {
		case l.road != nil:
			paths = append(paths, l.path)
			t := formatKm(l.roadKm()) + " km"
			if len(l.road.Refs) > 0 {
				t += " · " + strings.Join(l.road.Refs, ", ")
			}
			texts = append(texts, t)
		case l.noRoad:
			paths = append(paths, geodesicPath(l.a, l.b))
			texts = append(texts, formatKm(l.straight)+" km ("+s.t("ui.measure.noroad")+")")
		default:
			paths = append(paths, geodesicPath(l.a, l.b))
			texts = append(texts, formatKm(l.straight)+" km")
		}
	}
	total := "Total" + s.colon() + formatKm(s.MeasureKm()) + " km" // the same word in French
	if s.measureRd.on {
		total = "Total" + s.colon() + s.measureRoadTotal()
	}
	s.measureOv.set(s.measurePts, paths, texts, total)
	s.measureOv.Place(s.Map.View())
}

// measureRoads is the measure tool's "follow roads" state: the check box,
// and the legs measured along the roads (kept while their ends stay).
type measureRoads struct {
	on    bool
	check *widget.Check
	legs  []measureLeg
}

// measureLeg is one segment of the measured line: straight, or along the
// roads when the tool follows them and a road joins its ends.
type measureLeg struct {
	a, b     orb.Point
	straight float64          // km, geodesic
	road     *layers.RoadPath // nil: straight
	path     []orb.Point      // drawn: a, the road (simplified), b
	noRoad   bool             // roads were followed, none joins a and b
}

// roadKm is the leg's length by road: to the road, along it, and off it.
func (l *measureLeg) roadKm() float64 {
	return (l.road.Length + l.road.SnapA + l.road.SnapB) / 1000
}

// measureLegs are the segments of the measured line, along the roads when
// they are followed (each leg's way found once, then kept).
func (s *Shell) measureLegs() []measureLeg {
	pts := s.measurePts
	old := s.measureRd.legs
	legs := make([]measureLeg, 0, len(pts))
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if i-1 < len(old) && old[i-1].a == a && old[i-1].b == b && (old[i-1].road != nil || old[i-1].noRoad) == s.measureRd.on {
			legs = append(legs, old[i-1])
			continue
		}
		l := measureLeg{a: a, b: b, straight: geo.Distance(a, b) / 1000}
		if s.measureRd.on && s.Cat != nil {
			if p, err := s.Cat.Roads().Path(a, b); err == nil {
				l.road = &p
				l.path = roadDrawPath(a, b, p.Line)
			} else {
				l.noRoad = true
			}
		}
		legs = append(legs, l)
	}
	s.measureRd.legs = legs
	return legs
}

// roadDrawPath is the way drawn for a road leg: from the point clicked to
// the road, along it (simplified to about 100 m, which the eye cannot tell
// at the scales a road is measured at), and off it to the other point.
func roadDrawPath(a, b orb.Point, road orb.LineString) []orb.Point {
	line := simplify.DouglasPeucker(0.001).LineString(road.Clone())
	out := make([]orb.Point, 0, len(line)+2)
	out = append(out, a)
	out = append(out, line...)
	return append(out, b)
}

// MeasureRoadKm is the length of the measured line with each leg along
// the roads where a road joins its ends, else straight, in km.
func (s *Shell) MeasureRoadKm() float64 {
	km := 0.0
	for _, l := range s.measureLegs() {
		if l.road != nil {
			km += l.roadKm()
		} else {
			km += l.straight
		}
	}
	return km
}

// measureRoadTotal is "395 km by road · 286 km straight" (the line's
// length along the roads, and the geodesic beside it).
func (s *Shell) measureRoadTotal() string {
	return formatKm(s.MeasureRoadKm()) + " km " + s.t("ui.measure.byroad") + " · " +
		formatKm(s.MeasureKm()) + " km " + s.t("ui.measure.straight")
}

// SetMeasureRoads makes the measure tool follow the roads (on) or measure
// straight segments; the line already measured is measured again.
func (s *Shell) SetMeasureRoads(on bool) {
	if s.measureRd.on == on {
		return
	}
	s.measureRd.on = on
	if s.measureRd.check != nil && s.measureRd.check.Checked != on {
		s.measureRd.check.SetChecked(on) // calls back: on is already set
	}
	if on && s.Cat != nil {
		go s.Cat.Roads() // built once (a second or so), before the next click if it can
	}
	s.showMeasure()
}

func (s *Shell) newMeasureRoadsCheck() *widget.Check {
	c := widget.NewCheck(s.t("ui.measure.roads"), func(on bool) { s.SetMeasureRoads(on) })
	c.Hide()
	return c
}

// showMeasureRoadsCheck shows the "follow roads" box while measuring, in
// the language of the window.
func (s *Shell) showMeasureRoadsCheck() {
	c := s.measureRd.check
	if c == nil {
		return
	}
	if t := s.t("ui.measure.roads"); c.Text != t {
		c.SetText(t)
	}
	if s.measuring {
		c.Show()
	} else {
		c.Hide()
	}
}

// UndoMeasurePoint removes the last point of the measured line (Backspace);
// false when not measuring or no point is left.
func (s *Shell) UndoMeasurePoint() bool {
	if !s.measuring || len(s.measurePts) == 0 {
		return false
	}
	s.measurePts = s.measurePts[:len(s.measurePts)-1]
	s.showMeasure()
	return true
}

// measureCursor follows the pointer with a rubber band from the last vertex.
func (s *Shell) measureCursor(p orb.Point) {
	if s.measureOv == nil {
		return
	}
	if !s.measuring || len(s.measurePts) == 0 {
		if s.measureOv.hasRubber() {
			s.measureOv.setRubber(orb.Point{}, orb.Point{}, "")
		}
		return
	}
	last := s.measurePts[len(s.measurePts)-1]
	leg := geo.Distance(last, p) / 1000
	text := "+" + formatKm(leg) + " km = " + formatKm(s.MeasureKm()+leg) + " km"
	if s.measureRd.on {
		// The rubber band is straight (its way by road is found only once
		// the point is placed): the total by road counts the legs placed.
		text = "+" + formatKm(leg) + " km " + s.t("ui.measure.straight")
		if len(s.measurePts) > 1 {
			// The legs' ways are kept: no new search while moving.
			text += " · " + formatKm(s.MeasureRoadKm()) + " km " + s.t("ui.measure.byroad")
		}
	}
	s.measureOv.setRubber(last, p, text)
	s.measureOv.Place(s.Map.View())
}
