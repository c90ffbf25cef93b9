package render

import (
	"image/color"
	"math"

	"maliatlas/geo"
	"maliatlas/layers"
	mproject "maliatlas/project"
)

// The fictional band: every view and export of a training scenario carries
// it, in both languages (the page's language first).
const (
	FictionalBandEN = "FICTIONAL — TRAINING SCENARIO"
	FictionalBandFR = "FICTIF — SCÉNARIO D'EXERCICE"
)

// FictionalBandText is the band's text with lang's wording first.
func FictionalBandText(lang string) string {
	if lang == "fr" {
		return FictionalBandFR + "   ·   " + FictionalBandEN
	}
	return FictionalBandEN + "   ·   " + FictionalBandFR
}

// The fictional symbology: neon lime and black, a palette no sourced
// layer uses (render tests check the distance to every catalogue colour).
var (
	FictionalInk    = color.NRGBA{166, 255, 0, 255} // neon lime
	FictionalEdge   = color.NRGBA{17, 17, 17, 255}
	fictionalFill   = color.NRGBA{166, 255, 0, 80}
	newInk          = color.NRGBA{255, 59, 48, 200}   // "new since the last inject" halo
	retractedInk    = color.NRGBA{120, 120, 120, 220} // withdrawn this inject
	SolutionInk     = color.NRGBA{0, 170, 90, 255}    // the trainer's solution
	fictionalLabel  = color.NRGBA{17, 17, 17, 255}
	fictionalHaloBg = color.NRGBA{248, 255, 225, 235}
)

// FictionalBandHeight is the band's height in device pixels at scale k.
func FictionalBandHeight(k float64) float64 { return 26 * k }

// DrawFictionalBand draws the band across the rectangle (x, y, w, h):
// lime with black text, hazard stripes at both ends.
func DrawFictionalBand(s Sink, x, y, w, h float64, lang string, fonts FontSet) {
	s.Path(&Path{Closed: true, Sub: [][]Point{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}}}, &Style{Fill: FictionalInk})
	// Diagonal black stripes in a strip h·2 wide at each end.
	stripe := Path{Closed: true}
	for _, x0 := range []float64{x, x + w - 2*h} {
		for i := 0.0; i < 4; i++ {
			a := x0 + i*h/2
			ring := []Point{{a, y + h}, {a + h/4, y + h}, {math.Min(a+h/4+h/2, x0+2*h), y}, {math.Min(a+h/2, x0+2*h), y}}
			stripe.Sub = append(stripe.Sub, ring)
		}
	}
	s.Path(&stripe, &Style{Fill: FictionalEdge})
	s.Path(&Path{Sub: [][]Point{{{x, y + h}, {x + w, y + h}}}}, &Style{Stroke: FictionalEdge, Width: math.Max(1, h/20)})
	f := fonts.Bold
	if f == nil {
		f = fonts.Regular
	}
	if f == nil {
		return
	}
	text := FictionalBandText(lang)
	size := h * 0.55
	if tw := f.Measure(text, size); tw > w-5*h {
		size *= (w - 5*h) / tw
	}
	tw := f.Measure(text, size)
	s.Text(&Text{X: x + (w-tw)/2, Y: y + h/2 + size*0.36, S: text, Font: f, Size: size, Color: FictionalEdge})
}

// FictionalView is what of a scenario a map shows: the features known at an
// inject, those new since the previous one, those it withdrew, the
// solution (debrief only) and the groups' marks.
type FictionalView struct {
	Lang      string
	Features  []mproject.FictionalFeature
	New       map[string]bool
	Retracted []mproject.FictionalFeature
	Solution  []mproject.FictionalFeature
	Groups    []GroupMarks
}

// GroupMarks is one group's annotations, drawn in its colour.
type GroupMarks struct {
	Name        string
	Color       string
	Annotations []mproject.Annotation
}

// FictionalLabels says where the labels of a FictionalView may go: they
// are placed by the map's label placer (placeLabels), by priority, none
// over another or over an obstacle, a label with no free position dropped.
type FictionalLabels struct {
	// Obstacles are boxes (device pixels) no label may cover: the
	// elements over the map.
	Obstacles []Rect
	// Avoid are boxes labels keep off when they can: the map's own labels.
	// A scenario label with no other room goes over them.
	Avoid []Rect
	// Inset keeps labels off the frame's edges (the fictional band).
	Inset Inset
	// Placed, when set, receives the boxes of the labels placed.
	Placed *[]Rect
}

// Label priorities: what is new at the inject first, then the solution,
// the known features, the groups' marks and what was withdrawn.
const (
	prioNew       = 50
	prioSolution  = 40
	prioFeature   = 30
	prioGroup     = 20
	prioRetracted = 10
)

// DrawFictional draws fv: groups' marks first, then the fictional features
// (the new ones haloed), the retracted ones greyed and crossed, the
// solution on top, and then all their labels, none over another.
func DrawFictional(s Sink, v geo.Viewport, fv *FictionalView, fonts FontSet) {
	DrawFictionalLabels(s, v, fv, fonts, FictionalLabels{})
}

// DrawFictionalLabels is DrawFictional with its labels kept off fl's
// obstacles and inset.
func DrawFictionalLabels(s Sink, v geo.Viewport, fv *FictionalView, fonts FontSet, fl FictionalLabels) {
	if fv == nil {
		return
	}
	k := v.DeviceScale()
	w, h := v.DeviceSize()
	fx := &fictionalDraw{s: s, v: v, fonts: fonts, k: k, lang: fv.Lang}

	for _, g := range fv.Groups {
		fx.groupMarks(g)
	}
	for i := range fv.Retracted {
		fx.feature(&fv.Retracted[i], retractedInk, retractedInk, true, false)
	}
	for i := range fv.Features {
		f := &fv.Features[i]
		if fv.New[f.ID] {
			drawNewHalo(s, v, f, k)
		}
	}
	for i := range fv.Features {
		f := &fv.Features[i]
		fx.feature(f, FictionalInk, FictionalEdge, false, fv.New[f.ID])
	}
	for i := range fv.Solution {
		fx.feature(&fv.Solution[i], SolutionInk, color.NRGBA{255, 255, 255, 255}, false, false)
	}
	fr := &frame{sink: s, scale: k, w: float64(w), h: float64(h), labels: fx.labels, soft: [][]Rect{fx.symbols, fl.Avoid},
		o: &Options{LabelObstacles: fl.Obstacles, LabelInset: fl.Inset, PlacedLabels: fl.Placed}}
	fr.placeLabels()
}

// fictionalDraw draws a FictionalView's shapes and gathers its labels and
// the boxes of its symbols (which labels keep off).
type fictionalDraw struct {
	s       Sink
	v       geo.Viewport
	fonts   FontSet
	k       float64
	lang    string
	labels  []labelCand
	symbols []Rect // the symbols' boxes: labels keep off them when they can
}

func (fx *fictionalDraw) symbol(c Point, r float64) {
	fx.symbols = append(fx.symbols, Rect{Point{c.X - r, c.Y - r}, Point{c.X + r, c.Y + r}})
}

// groupMarks draws a group's marks in its colour; the markers' titles go
// to the placer with the other labels.
func (fx *fictionalDraw) groupMarks(g GroupMarks) {
	anns := GroupColored(g)
	bare := make([]mproject.Annotation, len(anns))
	for i, a := range anns {
		if a.Kind == mproject.KindMarker {
			a.Text, a.Grade = "", ""
		}
		bare[i] = a
	}
	DrawAnnotations(fx.s, fx.v, bare, fx.fonts, "")
	f := textFont(fx.fonts)
	for i := range anns {
		a := &anns[i]
		switch a.Kind {
		case mproject.KindMarker:
			if len(a.Points) == 0 {
				continue
			}
			tip, c, r := pinGeometry(fx.v, a, fx.k)
			fx.symbol(c, r)
			fx.symbols = append(fx.symbols, Rect{Point{tip.X - r/2, c.Y}, Point{tip.X + r/2, tip.Y}})
			if t := markerTitle(a); t != "" && f != nil {
				fx.labels = append(fx.labels, labelCand{text: t, font: f, size: annTitleSize * fx.k, color: annTextInk, halo: annHalo,
					at: c, placement: placePoint, offset: r + 1*fx.k, priority: prioGroup})
			}
		case mproject.KindText:
			if b, ok := annScreenBox(fx.v, a, fx.fonts); ok {
				fx.symbols = append(fx.symbols, b)
			}
		}
	}
}

// GroupColored returns g's annotations in the group's colour, each title
// prefixed with the group's name and followed by its grade.
func GroupColored(g GroupMarks) []mproject.Annotation {
	out := make([]mproject.Annotation, len(g.Annotations))
	for i, a := range g.Annotations {
		a = a.Clone()
		a.Color, a.Fill = g.Color, ""
		if a.Kind == mproject.KindMarker || a.Kind == mproject.KindText {
			t := g.Name
			if a.Text != "" {
				t += ": " + a.Text
			}
			a.Text = t // the grade follows (markerTitle)
		}
		out[i] = a
	}
	return out
}

func fictionalPts(v geo.Viewport, f *mproject.FictionalFeature) []Point {
	return screenPts(v, f.Points)
}

func drawNewHalo(s Sink, v geo.Viewport, f *mproject.FictionalFeature, k float64) {
	pts := fictionalPts(v, f)
	switch f.Kind {
	case mproject.FictionalPoint:
		s.Markers(&Marker{Shape: Circle, Size: 30 * k, Fill: withAlpha(newInk, 0.35), Stroke: newInk, StrokeWidth: 3 * k}, pts[:1])
	case mproject.FictionalLine:
		s.Path(&Path{Sub: [][]Point{pts}}, &Style{Stroke: withAlpha(newInk, 0.6), Width: 14 * k, Cap: RoundCap, Join: RoundJoin})
	case mproject.FictionalArea:
		s.Path(&Path{Closed: true, Sub: [][]Point{pts}}, &Style{Stroke: withAlpha(newInk, 0.6), Width: 10 * k, Join: RoundJoin})
	}
}

// feature draws a fictional feature and adds its label, with its grade
// and NEW or RETRACTED, to the labels to place.
func (fx *fictionalDraw) feature(f *mproject.FictionalFeature, ink, edge color.NRGBA, crossed, isNew bool) {
	s, k := fx.s, fx.k
	pts := fictionalPts(fx.v, f)
	if len(pts) == 0 {
		return
	}
	var anchor Point
	placement, offset := placeCenter, 0.0
	switch f.Kind {
	case mproject.FictionalPoint:
		s.Markers(&Marker{Shape: Diamond, Size: 16 * k, Fill: ink, Stroke: edge, StrokeWidth: 2.5 * k}, pts[:1])
		anchor, placement, offset = pts[0], placePoint, 8*k
		fx.symbol(pts[0], 8*k)
	case mproject.FictionalLine:
		line := Path{Sub: [][]Point{pts}}
		s.Path(&line, &Style{Stroke: edge, Width: 6 * k, Cap: RoundCap, Join: RoundJoin})
		s.Path(&line, &Style{Stroke: ink, Width: 3.5 * k, Cap: ButtCap, Join: RoundJoin, Dash: []float64{10 * k, 6 * k}})
		// Beside the middle of the middle segment.
		i := max(0, len(pts)/2-1)
		anchor, placement, offset = Point{(pts[i].X + pts[i+1].X) / 2, (pts[i].Y + pts[i+1].Y) / 2}, placePoint, 5*k
	case mproject.FictionalArea:
		ring := Path{Closed: true, Sub: [][]Point{pts}}
		fill := fictionalFill
		if ink != FictionalInk {
			fill = withAlpha(ink, 0.2)
		}
		s.Path(&ring, &Style{Fill: fill})
		h := hatchLines([][]Point{pts}, 9*k, math.Pi/4, pts[0])
		s.Path(&h, &Style{Stroke: withAlpha(edge, 0.5), Width: 1 * k})
		s.Path(&ring, &Style{Stroke: edge, Width: 2 * k, Join: RoundJoin, Dash: []float64{8 * k, 5 * k}})
		cx, cy := 0.0, 0.0
		for _, p := range pts {
			cx, cy = cx+p.X, cy+p.Y
		}
		anchor = Point{cx / float64(len(pts)), cy / float64(len(pts))}
	}
	if crossed {
		c := anchor
		d := 9 * k
		s.Path(&Path{Sub: [][]Point{{{c.X - d, c.Y - d}, {c.X + d, c.Y + d}}, {{c.X - d, c.Y + d}, {c.X + d, c.Y - d}}}}, &Style{Stroke: color.NRGBA{200, 0, 0, 255}, Width: 3 * k, Cap: RoundCap})
	}
	font := fx.fonts.Regular
	if isNew && fx.fonts.Bold != nil {
		font = fx.fonts.Bold
	}
	if font == nil {
		return
	}
	lang := fx.lang
	label := layers.I18n(f.Name).In(lang)
	if f.Grade != "" {
		label += " [" + f.Grade + "]"
	}
	prio := prioFeature
	switch {
	case crossed && lang == "fr":
		label, prio = "RETIRÉ\u202f: "+label, prioRetracted
	case crossed:
		label, prio = "RETRACTED: "+label, prioRetracted
	case isNew && lang == "fr":
		label, prio = "NOUVEAU\u202f: "+label, prioNew
	case isNew:
		label, prio = "NEW: "+label, prioNew
	}
	col := fictionalLabel
	if ink == SolutionInk || crossed {
		// The solution's and the withdrawn features' labels try the left
		// of the feature first, clear of the scenario's own on the right.
		col = color.NRGBA{0, 100, 50, 255}
		if crossed {
			col = color.NRGBA{120, 30, 30, 255}
		} else {
			prio = prioSolution
		}
		if placement == placePoint {
			placement = placePointLeft
		}
	}
	fx.labels = append(fx.labels, labelCand{text: label, font: font, size: 11.5 * k, color: col, halo: fictionalHaloBg,
		at: anchor, placement: placement, offset: offset, priority: prio})
}
