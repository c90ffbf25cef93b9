package app

import (
	"fmt"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"maliatlas/project"
	"maliatlas/render"
)

// Annotation tools, chosen in the toolbar; ToolNone is plain map use (a tap
// on an annotation still selects it).
const (
	ToolNone     = ""
	ToolText     = project.KindText
	ToolArrow    = project.KindArrow
	ToolMarker   = project.KindMarker
	ToolFreehand = project.KindFreehand
	ToolArea     = project.KindArea
	ToolCircle   = project.KindCircle
)

var toolOrder = []string{ToolNone, ToolText, ToolArrow, ToolMarker, ToolFreehand, ToolArea, ToolCircle}

var annColors = []struct{ key, hex string }{
	{"ui.color.red", "#c0392b"}, {"ui.color.black", "#222222"}, {"ui.color.blue", "#1f5fa8"},
	{"ui.color.green", "#2e7d32"}, {"ui.color.orange", "#e67e22"}, {"ui.color.purple", "#7b3fa0"},
}

// SetTool picks an annotation tool (ToolNone to stop annotating).
func (s *Shell) SetTool(t string) {
	if t != ToolNone && s.measuring {
		s.ToggleMeasure() // leaving the measure tool clears its line
	}
	s.tool = t
	s.pending = nil
	if s.toolSel != nil {
		for i, k := range toolOrder {
			if k == t && s.toolSel.SelectedIndex() != i {
				s.toolSel.SetSelectedIndex(i)
			}
		}
	}
}

func (s *Shell) newToolSelect() *widget.Select {
	sel := widget.NewSelect(nil, nil)
	s.toolSel = sel
	s.syncToolSelect()
	return sel
}

func (s *Shell) syncToolSelect() {
	sel := s.toolSel
	opts := make([]string, len(toolOrder))
	cur := 0
	for i, k := range toolOrder {
		if k == "" {
			opts[i] = s.t("ui.tool.none")
		} else {
			opts[i] = s.t("ui.tool." + k)
		}
		if k == s.tool {
			cur = i
		}
	}
	sel.OnChanged = nil
	sel.Options = opts
	sel.SetSelectedIndex(cur)
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 {
			s.tool = toolOrder[i]
			s.pending = nil
		}
	}
	sel.Refresh()
}

func (s *Shell) newAnnID() string {
	s.annSeq++
	for {
		id := fmt.Sprintf("a%d", s.annSeq)
		if s.proj.Index(id) < 0 {
			return id
		}
		s.annSeq++
	}
}

// change applies one annotation change through the history (undoable).
func (s *Shell) change(before, after *project.Annotation) {
	if before == nil {
		s.stampExercise(after) // exercise.go: who, when, at which inject
	}
	s.history.Apply(s.proj, project.Change{Before: before, After: after})
	s.markDirty()
	if after != nil {
		s.selAnn = after.ID
	} else {
		s.selAnn = ""
	}
	s.showAnnotationEditor()
	s.apply()
}

// AddAnnotation adds a and selects it.
func (s *Shell) AddAnnotation(a project.Annotation) {
	if a.ID == "" {
		a.ID = s.newAnnID()
	}
	if a.Color == "" {
		a.Color = s.annColor
	}
	s.change(nil, &a)
}

// Annotations are the project's annotations.
func (s *Shell) Annotations() []project.Annotation { return s.proj.Annotations }

// SelectedAnnotation is the selected annotation, or nil.
func (s *Shell) SelectedAnnotation() *project.Annotation {
	if i := s.proj.Index(s.selAnn); i >= 0 {
		return &s.proj.Annotations[i]
	}
	return nil
}

// UpdateSelectedAnnotation edits the selected annotation with edit (undoable).
func (s *Shell) UpdateSelectedAnnotation(edit func(a *project.Annotation)) {
	cur := s.SelectedAnnotation()
	if cur == nil {
		return
	}
	before := cur.Clone()
	after := cur.Clone()
	edit(&after)
	s.change(&before, &after)
}

// DeleteSelectedAnnotation deletes the selected annotation (undoable).
func (s *Shell) DeleteSelectedAnnotation() {
	if cur := s.SelectedAnnotation(); cur != nil {
		before := cur.Clone()
		s.change(&before, nil)
	}
}

// Undo undoes the last annotation change.
func (s *Shell) Undo() bool {
	ok := s.history.Undo(s.proj)
	s.afterHistory()
	return ok
}

// Redo redoes the last undone change.
func (s *Shell) Redo() bool {
	ok := s.history.Redo(s.proj)
	s.afterHistory()
	return ok
}

func (s *Shell) afterHistory() {
	if s.proj.Index(s.selAnn) < 0 {
		s.selAnn = ""
	}
	s.markDirty()
	s.showAnnotationEditor()
	s.apply()
	s.afterScenarioHistory() // exercise_editor.go: an edit of the scenario undone
}

// annotationTap handles a tap in an annotation tool; true when consumed.
func (s *Shell) annotationTap(at orb.Point, x, y float64) bool {
	pt := [2]float64{at[0], at[1]}
	switch s.tool {
	case ToolText:
		s.AddAnnotation(project.Annotation{Kind: project.KindText, Points: [][2]float64{pt}, Text: s.t("ui.tool.text"), Size: 16, Halo: true})
	case ToolMarker:
		s.AddAnnotation(project.Annotation{Kind: project.KindMarker, Points: [][2]float64{pt}, Text: s.t("ui.tool.marker")})
	case ToolCircle:
		s.AddAnnotation(project.Annotation{Kind: project.KindCircle, Points: [][2]float64{pt}, RadiusKm: defaultCircleKm, Fill: s.annColor + "33"})
	case ToolArrow:
		s.pending = append(s.pending, pt)
		if len(s.pending) == 2 {
			s.AddAnnotation(project.Annotation{Kind: project.KindArrow, Points: s.pending, Width: 3})
			s.pending = nil
		}
	case ToolArea:
		s.pending = append(s.pending, pt)
	default:
		// No tool: a tap on an annotation selects it.
		v := s.Map.View()
		if i := render.HitAnnotation(v, s.visibleAnnotations(), x, y, 6*v.DeviceScale()); i >= 0 {
			s.selAnn = s.visibleAnnotations()[i].ID
			s.showAnnotationEditor()
			s.apply()
			return true
		}
		if s.selAnn != "" {
			s.selAnn = ""
			s.showAnnotationEditor()
			s.apply()
		}
		return false
	}
	return true
}

// FinishShape ends an area being drawn (Enter or a double tap).
func (s *Shell) FinishShape() {
	if s.tool == ToolArea && len(s.pending) >= 3 {
		s.AddAnnotation(project.Annotation{Kind: project.KindArea, Points: s.pending, Fill: s.annColor + "40", Hatch: true})
	}
	s.pending = nil
}

// annotationDrag draws freehand lines and moves the selected annotation;
// true when the drag was consumed (the map does not pan).
func (s *Shell) annotationDrag(ev *fyne.DragEvent) bool {
	sc := s.Map.View().DeviceScale()
	if s.tool == ToolCircle {
		return s.circleDrag(ev) // circletool.go: drag out the radius
	}
	if s.tool == ToolArrow {
		// An arrow is drawn by dragging from its tail to its head.
		if len(s.pending) == 0 {
			a := s.Map.GeoAt(ev.Position.Subtract(ev.Dragged))
			s.pending = [][2]float64{{a[0], a[1]}, {a[0], a[1]}}
		}
		b := s.Map.GeoAt(ev.Position)
		s.pending[len(s.pending)-1] = [2]float64{b[0], b[1]}
		s.Map.SetAnnotations(append(s.visibleAnnotations(), project.Annotation{ID: "~", Kind: project.KindArrow, Points: s.pending, Color: s.annColor, Width: 3}), s.selAnn)
		s.Map.requestFrame()
		return true
	}
	if s.tool == ToolFreehand {
		p := s.Map.GeoAt(ev.Position)
		s.pending = append(s.pending, [2]float64{p[0], p[1]})
		s.Map.SetAnnotations(append(s.visibleAnnotations(), project.Annotation{ID: "~", Kind: project.KindFreehand, Points: s.pending, Color: s.annColor, Width: 3}), s.selAnn)
		s.Map.requestFrame()
		return true
	}
	if s.moving == nil {
		cur := s.SelectedAnnotation()
		if cur == nil || s.tool != ToolNone {
			return false
		}
		start := ev.Position.Subtract(ev.Dragged)
		v := s.Map.View()
		anns := []project.Annotation{*cur}
		if render.HitAnnotation(v, anns, float64(start.X)*sc, float64(start.Y)*sc, 8*sc) < 0 {
			return false
		}
		b := cur.Clone()
		s.moving = &b
	}
	// Move every point by the drag, in map coordinates.
	a := s.Map.GeoAt(ev.Position.Subtract(ev.Dragged))
	b := s.Map.GeoAt(ev.Position)
	dx, dy := b[0]-a[0], b[1]-a[1]
	cur := s.SelectedAnnotation()
	for i := range cur.Points {
		cur.Points[i][0] += dx
		cur.Points[i][1] += dy
	}
	s.apply()
	return true
}

func (s *Shell) annotationDragEnd() {
	if s.tool == ToolCircle {
		s.circleDragEnd()
		return
	}
	if s.tool == ToolArrow && len(s.pending) == 2 {
		pts := s.pending
		s.pending = nil
		s.AddAnnotation(project.Annotation{Kind: project.KindArrow, Points: pts, Width: 3})
		return
	}
	if s.tool == ToolFreehand && len(s.pending) >= 2 {
		pts := s.pending
		s.pending = nil
		s.AddAnnotation(project.Annotation{Kind: project.KindFreehand, Points: pts, Width: 3})
		return
	}
	if s.moving != nil {
		before := *s.moving
		s.moving = nil
		if cur := s.SelectedAnnotation(); cur != nil {
			after := cur.Clone()
			// Put the original back, then record the move as one change.
			*cur = before
			s.change(&before, &after)
		}
	}
}

// showAnnotationEditor shows the selected annotation's properties in the
// right panel (or the narrative when none is selected).
func (s *Shell) showAnnotationEditor() {
	a := s.SelectedAnnotation()
	if a == nil {
		if s.right.Objects[0] != s.narrative && s.search.Text == "" {
			s.right.Objects[0] = s.narrative
			s.right.Refresh()
		}
		return
	}
	var items []fyne.CanvasObject
	items = append(items, widget.NewLabelWithStyle(s.t("ui.tool."+a.Kind), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if a.Kind == project.KindText || a.Kind == project.KindMarker {
		e := widget.NewEntry()
		e.SetText(a.Text)
		e.OnSubmitted = func(t string) { s.UpdateSelectedAnnotation(func(x *project.Annotation) { x.Text = t }) }
		items = append(items, widget.NewLabel(s.t("ui.ann.text")), e)
	}
	if a.Kind == project.KindMarker {
		n := widget.NewMultiLineEntry()
		n.SetText(a.Note)
		n.Wrapping = fyne.TextWrapWord
		n.OnChanged = nil
		save := widget.NewButton(s.t("ui.ann.savenote"), func() {
			t := n.Text
			s.UpdateSelectedAnnotation(func(x *project.Annotation) { x.Note = t })
		})
		items = append(items, widget.NewLabel(s.t("ui.ann.note")), n, save)
	}
	if a.Kind == project.KindText {
		size := widget.NewSlider(8, 48)
		size.Value = math.Max(a.Size, 8)
		size.OnChangeEnded = func(v float64) { s.UpdateSelectedAnnotation(func(x *project.Annotation) { x.Size = v }) }
		halo := widget.NewCheck(s.t("ui.ann.halo"), func(on bool) { s.UpdateSelectedAnnotation(func(x *project.Annotation) { x.Halo = on }) })
		halo.Checked = a.Halo
		items = append(items, widget.NewLabel(s.t("ui.ann.size")), size, halo)
	}
	if a.Kind == project.KindCircle {
		r := widget.NewEntry()
		r.SetText(strconv.FormatFloat(a.RadiusKm, 'f', -1, 64))
		r.OnSubmitted = func(t string) {
			if v, err := strconv.ParseFloat(t, 64); err == nil && v > 0 {
				s.UpdateSelectedAnnotation(func(x *project.Annotation) { x.RadiusKm = v })
			}
		}
		items = append(items, widget.NewLabel(s.t("ui.ann.radius")), r)
	}
	if a.Kind == project.KindArea {
		h := widget.NewCheck(s.t("ui.ann.hatch"), func(on bool) { s.UpdateSelectedAnnotation(func(x *project.Annotation) { x.Hatch = on }) })
		h.Checked = a.Hatch
		items = append(items, h)
	}
	if a.Kind == project.KindArrow {
		c := widget.NewCheck(s.t("ui.ann.curved"), func(on bool) {
			s.UpdateSelectedAnnotation(func(x *project.Annotation) { setCurved(x, on) })
		})
		c.Checked = a.Curved
		items = append(items, c)
	}
	items = append(items, s.gradeItems(a)...) // exercise.go: the Admiralty grade
	var names []string
	cur := 0
	for i, c := range annColors {
		names = append(names, s.t(c.key))
		if c.hex == a.Color {
			cur = i
		}
	}
	col := widget.NewSelect(names, nil)
	col.SetSelectedIndex(cur)
	col.OnChanged = func(string) {
		hex := annColors[col.SelectedIndex()].hex
		s.annColor = hex
		s.UpdateSelectedAnnotation(func(x *project.Annotation) { x.Color = hex })
	}
	items = append(items, widget.NewLabel(s.t("ui.ann.color")), col,
		widget.NewSeparator(),
		container.NewGridWithColumns(3,
			widget.NewButton(s.t("ui.undo"), func() { s.Undo() }),
			widget.NewButton(s.t("ui.redo"), func() { s.Redo() }),
			widget.NewButton(s.t("ui.delete"), s.DeleteSelectedAnnotation)))
	s.right.Objects[0] = container.NewVScroll(container.NewVBox(items...))
	s.right.Refresh()
}

// setCurved bends a straight arrow through a point off its middle, or
// straightens it.
func setCurved(a *project.Annotation, on bool) {
	a.Curved = on
	n := len(a.Points)
	if n < 2 {
		return
	}
	p0, p1 := a.Points[0], a.Points[n-1]
	if !on {
		a.Points = [][2]float64{p0, p1}
		return
	}
	if n == 2 {
		mx, my := (p0[0]+p1[0])/2, (p0[1]+p1[1])/2
		dx, dy := p1[0]-p0[0], p1[1]-p0[1]
		a.Points = [][2]float64{p0, {mx - dy*0.2, my + dx*0.2}, p1}
	}
}
