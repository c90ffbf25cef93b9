package app

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/paulmach/orb"

	"maliatlas/data"
	"maliatlas/geo"
	"maliatlas/project"
	"maliatlas/render"
	"maliatlas/render/export"
)

// exerciseUI is the state of a training exercise in the window: which
// inject the map shows, whether the solution and the groups' marks are on,
// and the presenter.
type exerciseUI struct {
	back    int  // injects the trainer steps back from the last released (0: the last)
	debrief bool // show the solution (and the groups' marks made up to the inject)
	groups  bool // overlay the groups' marks in their colours
	pres    *exPresenter
	editor  *scenarioEditor // the trainer's scenario editor (exercise_editor.go)
}

func (s *Shell) exui() *exerciseUI {
	if s.exUI == nil {
		s.exUI = &exerciseUI{}
	}
	return s.exUI
}

// xt is the exercise's interface word key ("ex.<key>" in the translations).
func (s *Shell) xt(key string) string { return s.t("ex." + key) }

// Scenario is the open project's exercise, or nil.
func (s *Shell) Scenario() *project.Scenario { return s.proj.Scenario }

// ExerciseInject is the inject the map shows (0: none released yet).
func (s *Shell) ExerciseInject() int {
	sc := s.proj.Scenario
	if sc == nil {
		return 0
	}
	return max(0, sc.Released-s.exui().back)
}

// SetExerciseDebrief shows or hides the solution.
func (s *Shell) SetExerciseDebrief(on bool) { s.exui().debrief = on; s.refreshExercise() }

// SetExerciseGroups shows or hides the groups' marks, overlaid.
func (s *Shell) SetExerciseGroups(on bool) { s.exui().groups = on; s.refreshExercise() }

// exerciseView is what the map shows of the exercise.
func (s *Shell) exerciseView() *render.FictionalView {
	sc := s.proj.Scenario
	if sc == nil {
		return nil
	}
	u := s.exui()
	n := s.ExerciseInject()
	if e := u.editor; e != nil {
		// The editor's draft at the inject edited, with its solution.
		p := &project.Project{Lang: s.lang, Scenario: e.draft}
		fv := export.ScenarioView(p, e.inject+1, true)
		fv.Groups = nil
		fv.Features = append(fv.Features, e.preview()...)
		return fv
	}
	p := &project.Project{Lang: s.lang, Scenario: sc}
	fv := export.ScenarioView(p, n, u.debrief)
	if u.groups && !u.debrief {
		fv.Groups = groupMarks(sc, n)
	}
	return fv
}

// groupMarks are the groups' marks as they stood at inject n: the marks
// made up to it, from the version imported then (project.GroupsAsOf).
func groupMarks(sc *project.Scenario, n int) []render.GroupMarks {
	var out []render.GroupMarks
	for _, g := range sc.GroupsAsOf(n) {
		out = append(out, groupMark(g))
	}
	return out
}

// groupMark is the group's work as the map draws it.
func groupMark(g project.GroupWork) render.GroupMarks {
	return render.GroupMarks{Name: g.Name, Color: g.Color, Annotations: g.Annotations}
}

// refreshExercise gives the map the exercise's current view.
func (s *Shell) refreshExercise() {
	s.Map.setExercise(s.exerciseView())
	if p := s.exui().pres; p != nil {
		p.update()
	}
}

// exerciseLoaded is called when a project is loaded.
func (s *Shell) exerciseLoaded() {
	u := s.exui()
	if u.editor != nil {
		s.CloseScenarioEditor() // its draft was the other project's
	}
	u.back, u.debrief = 0, false
	u.groups = s.proj.Scenario != nil && len(s.proj.Scenario.Groups) > 0
	s.refreshExercise()
}

// ReleaseNext releases the next inject (the trainer's copy only) and shows
// it, what is new highlighted. It reports whether one was released.
func (s *Shell) ReleaseNext() bool {
	sc := s.proj.Scenario
	u := s.exui()
	if sc == nil || sc.Group != nil {
		return false
	}
	if u.back > 0 { // looking back: step forward to what is released
		u.back--
		s.refreshExercise()
		return false
	}
	if sc.Released >= len(sc.Injects) {
		return false
	}
	// Copy on write: snapshots (autosave) keep the scenario they took.
	c := *sc
	c.Released++
	s.proj.Scenario = &c
	s.markDirty()
	s.refreshExercise()
	return true
}

// stampExercise marks a new annotation with who, when and at which inject.
func (s *Shell) stampExercise(a *project.Annotation) {
	sc := s.proj.Scenario
	if sc == nil || a == nil {
		return
	}
	if sc.Group != nil && a.Author == "" {
		a.Author = sc.Group.Name
	}
	if a.Time == "" {
		a.Time = time.Now().UTC().Format(time.RFC3339)
	}
	if n := s.ExerciseInject(); a.Inject == "" && n > 0 {
		a.Inject = sc.Injects[n-1].ID
	}
}

// exerciseExport makes an export of a scenario carry the band and its features.
func (s *Shell) exerciseExport(m *export.Map) {
	if s.proj.Scenario == nil {
		return
	}
	m.Fictional = true
	m.Exercise = s.exerciseView()
}

// MergeGroupFile imports a group's .matlas into the trainer's exercise.
func (s *Shell) MergeGroupFile(path string) (string, error) {
	sc := s.proj.Scenario
	if sc == nil {
		return "", fmt.Errorf("%s", s.xt("no-exercise"))
	}
	g, err := project.Load(path)
	if err != nil {
		return "", err
	}
	c := *sc
	c.Groups = append([]project.GroupWork(nil), sc.Groups...)
	tmp := *s.proj
	tmp.Scenario = &c
	res, err := project.MergeGroup(&tmp, g, path, time.Now())
	if err != nil {
		return "", err
	}
	s.proj.Scenario = &c
	s.markDirty()
	s.exui().groups = true
	s.refreshExercise()
	if res.Version == 0 {
		return fmt.Sprintf(s.xt("merged-none"), res.Group), nil
	}
	msg := fmt.Sprintf(s.xt("merged"), res.Group, res.Version, res.Marks, res.Answers)
	if len(res.Conflicts) > 0 {
		msg += fmt.Sprintf(s.xt("conflicts"), strings.Join(res.Conflicts, ", "))
	}
	return msg, nil
}

// NewExercise opens the trainer's copy of built-in scenario id.
func (s *Shell) NewExercise(id string) error {
	ss, err := project.LoadBuiltinScenarios(data.FS)
	if err != nil {
		return err
	}
	for _, sc := range ss {
		if sc.ID == id {
			s.LoadProject(project.NewExercise(sc, s.lang))
			s.path, s.dirty = "", true
			return nil
		}
	}
	return fmt.Errorf("no built-in scenario %q", id)
}

// addExerciseShortcuts: Ctrl+Shift+P presents the exercise.
func (s *Shell) addExerciseShortcuts() {
	c := s.Window.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, func(fyne.Shortcut) { s.PresentExercise() })
}

// exerciseMenu is the Exercise menu.
func (s *Shell) exerciseMenu() *fyne.Menu {
	u := s.exui()
	newItem := fyne.NewMenuItem(s.xt("new"), nil)
	if ss, err := project.LoadBuiltinScenarios(data.FS); err == nil {
		for _, sc := range ss {
			id := sc.ID
			newItem.ChildMenu = appendItem(newItem.ChildMenu, fyne.NewMenuItem(sc.Title.In(s.lang), func() {
				if err := s.NewExercise(id); err != nil {
					dialog.ShowError(err, s.Window)
				}
			}))
		}
	}
	groups := fyne.NewMenuItem(s.xt("groups"), nil)
	groups.Checked = u.groups
	groups.Action = func() { s.SetExerciseGroups(!s.exui().groups); s.rebuildMenu() }
	debrief := fyne.NewMenuItem(s.xt("debrief"), nil)
	debrief.Checked = u.debrief
	debrief.Action = func() { s.SetExerciseDebrief(!s.exui().debrief); s.rebuildMenu() }
	return fyne.NewMenu(s.xt("menu"),
		newItem,
		fyne.NewMenuItem(s.xt("present")+" (Ctrl+Shift+P)", s.PresentExercise),
		fyne.NewMenuItem(s.xt("release"), func() { s.ReleaseNext() }),
		fyne.NewMenuItem(s.xt("reports"), s.showExerciseReports),
		fyne.NewMenuItem(s.xt("edit"), func() { s.EditScenario() }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(s.xt("import"), s.showImportGroup),
		groups,
		fyne.NewMenuItem(s.xt("side"), func() { s.ShowGroupsSideBySide() }),
		debrief,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(s.xt("handout"), func() { s.exportExercisePDF(false) }),
		fyne.NewMenuItem(s.xt("debriefpdf"), func() { s.exportExercisePDF(true) }),
	)
}

func (s *Shell) showImportGroup() {
	s.pickFile([]string{project.Ext}, func(path string) error {
		msg, err := s.MergeGroupFile(path)
		if err == nil {
			dialog.ShowInformation(s.xt("menu"), msg, s.Window)
		}
		return err
	})
}

func (s *Shell) exportExercisePDF(debrief bool) {
	if s.proj.Scenario == nil {
		dialog.ShowInformation(s.xt("menu"), s.xt("no-exercise"), s.Window)
		return
	}
	name := "handout.pdf"
	if debrief {
		name = "debrief.pdf"
	}
	s.pickSaveFile(name, nil, func(path string) error {
		p := s.Project()
		var maps []*export.Map
		var err error
		if debrief {
			maps, err = export.DebriefMaps(s.Scene, p)
		} else {
			maps, err = export.HandoutMaps(s.Scene, p, false)
		}
		if err != nil {
			return err
		}
		pg, _ := export.PaperPage("A4", true, 150)
		return export.WritePages(path, maps, pg)
	})
}

// ExerciseSummary is the text of the inject shown: its title, what it
// adds and withdraws, the reports with their grades and the open questions.
func (s *Shell) ExerciseSummary() (title, news string) {
	sc := s.proj.Scenario
	if sc == nil {
		return "", ""
	}
	n := s.ExerciseInject()
	if n == 0 {
		return sc.Title.In(s.lang), s.xt("none")
	}
	in := &sc.Injects[n-1]
	title = fmt.Sprintf(s.xt("inject"), n, len(sc.Injects))
	if w := in.When.In(s.lang); w != "" {
		title += " — " + w
	}
	title += s.colon() + in.Title.In(s.lang)
	var parts []string
	for _, r := range in.Reports {
		parts = append(parts, fmt.Sprintf("%s [%s]", r.Title.In(s.lang), r.Grade))
	}
	for _, q := range in.Questions {
		parts = append(parts, "? "+q.Text.In(s.lang))
	}
	news = s.xt("new-items") + s.colon() + strings.Join(parts, " · ")
	if len(in.Retracts) > 0 {
		var gone []string
		for _, id := range in.Retracts {
			gone = append(gone, itemName(sc, id, s.lang))
		}
		news += "\n" + s.xt("withdrawn") + s.colon() + strings.Join(gone, " · ")
	}
	return title, news
}

// itemName names a withdrawn item: a report with its grade.
func itemName(sc *project.Scenario, id, lang string) string {
	name, grade, kind, ok := sc.ItemName(id, lang)
	switch {
	case !ok:
		return id
	case kind == project.ReportItem:
		return name + " [" + grade + "]"
	}
	return name
}

// showExerciseReports shows the reports (graded) and open questions.
func (s *Shell) showExerciseReports() {
	sc := s.proj.Scenario
	if sc == nil {
		dialog.ShowInformation(s.xt("menu"), s.xt("no-exercise"), s.Window)
		return
	}
	st := sc.StateAt(s.ExerciseInject())
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n%s\n\n## %s\n\n", sc.Title.In(s.lang), sc.Setting.In(s.lang), s.xt("reports-h"))
	for _, r := range st.Reports {
		fmt.Fprintf(&b, "**%s** — %s\n\n%s\n\n", r.Title.In(s.lang), project.DescribeGrade(r.Grade, s.lang), r.Text.In(s.lang))
	}
	fmt.Fprintf(&b, "## %s\n\n", s.xt("questions-h"))
	for _, q := range st.Questions {
		fmt.Fprintf(&b, "- %s\n", q.Text.In(s.lang))
	}
	rt := widget.NewRichTextFromMarkdown(b.String())
	rt.Wrapping = fyne.TextWrapWord
	var body fyne.CanvasObject = rt
	if ans := s.answerItems(&st); ans != nil { // a group's copy: answer the questions
		body = container.NewVBox(rt, widget.NewSeparator(), ans)
	}
	sc2 := container.NewVScroll(body)
	sc2.SetMinSize(fyne.NewSize(560, 420))
	dialog.ShowCustom(s.xt("reports"), s.t("ui.close"), sc2, s.Window)
}

// ShowGroupsSideBySide opens a window with one map per group, each with
// its latest marks in its colour over the scenario as released.
func (s *Shell) ShowGroupsSideBySide() fyne.Window {
	sc := s.proj.Scenario
	if sc == nil || len(sc.Groups) == 0 {
		dialog.ShowInformation(s.xt("menu"), s.xt("no-groups"), s.Window)
		return nil
	}
	w := s.App.NewWindow(s.xt("side"))
	var cells []fyne.CanvasObject
	b, _ := sc.Bound()
	home := geoBound(b)
	n := s.ExerciseInject()
	// One view of the scenario for every map (the maps only read it); each
	// map's copy gets its group's marks.
	base := s.exerciseView()
	for _, g := range sc.GroupsAsOf(n) {
		m := NewMapView(s.Scene, home, s.lang)
		m.SetOptions(s.Options())
		fv := *base
		fv.Groups = []render.GroupMarks{groupMark(g)}
		m.setExercise(&fv)
		c, _ := colorOf(g.Color)
		sw := canvas.NewRectangle(c)
		sw.SetMinSize(fyne.NewSize(18, 18))
		head := container.NewHBox(sw, widget.NewLabelWithStyle(fmt.Sprintf("%s (v%d) · %s", g.Name, g.Version, fmt.Sprintf(s.xt("inject"), n, len(sc.Injects))), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		cells = append(cells, container.NewBorder(head, nil, nil, nil, m))
	}
	w.SetContent(container.NewGridWithColumns(len(cells), cells...))
	w.Resize(fyne.NewSize(float32(560*len(cells)), 620))
	w.Show()
	return w
}

func colorOf(s string) (color.NRGBA, error) {
	var r, g, b uint8
	_, err := fmt.Sscanf(s, "#%02x%02x%02x", &r, &g, &b)
	return color.NRGBA{r, g, b, 255}, err
}

// drawExercise draws the exercise's features and the fictional band on a
// map frame (mapview.go's hook).
// Its labels keep off the map's own (mapLabels, when known) if they can.
func drawExercise(s render.Sink, v geo.Viewport, fv *render.FictionalView, fonts render.FontSet, mapLabels *[]render.Rect) {
	if fv == nil {
		return
	}
	w, _ := v.DeviceSize()
	k := v.DeviceScale()
	band := render.FictionalBandHeight(k)
	fl := render.FictionalLabels{Inset: render.Inset{Top: band}}
	if mapLabels != nil {
		fl.Avoid = *mapLabels
	}
	render.DrawFictionalLabels(s, v, fv, fonts, fl)
	render.DrawFictionalBand(s, 0, 0, float64(w), band, fv.Lang, fonts)
}

// setExercise sets what the map draws of an exercise (nil: none).
func (m *MapView) setExercise(fv *render.FictionalView) {
	m.mu.Lock()
	m.exercise = fv
	m.mu.Unlock()
	m.requestFrame()
}

// geoBound is a lon/lat box [minLon, minLat, maxLon, maxLat] with a margin.
func geoBound(b [4]float64) orb.Bound {
	padX, padY := max((b[2]-b[0])*0.15, 0.3), max((b[3]-b[1])*0.1, 0.2)
	return orb.Bound{Min: orb.Point{b[0] - padX, b[1] - padY}, Max: orb.Point{b[2] + padX, b[3] + padY}}
}

// gradeItems edit an annotation's Admiralty grade: source reliability A–F
// and information credibility 1–6 ("—": not graded).
func (s *Shell) gradeItems(a *project.Annotation) []fyne.CanvasObject {
	rel := []string{"—", "A", "B", "C", "D", "E", "F"}
	cred := []string{"—", "1", "2", "3", "4", "5", "6"}
	r := widget.NewSelect(rel, nil)
	c := widget.NewSelect(cred, nil)
	r.SetSelected("—")
	c.SetSelected("—")
	if g, err := project.ParseGrade(a.Grade); err == nil {
		r.SetSelected(string(g.Reliability))
		c.SetSelected(fmt.Sprint(g.Credibility))
	}
	desc := widget.NewLabel(project.DescribeGrade(a.Grade, s.lang))
	desc.Wrapping = fyne.TextWrapWord
	set := func(string) {
		g := ""
		if r.Selected != "—" && c.Selected != "—" {
			g = r.Selected + c.Selected
		} else if r.Selected != "—" || c.Selected != "—" {
			return // half a grade: wait for the other half
		}
		if sel := s.SelectedAnnotation(); sel != nil && sel.Grade != g {
			s.UpdateSelectedAnnotation(func(x *project.Annotation) { x.Grade = g })
		}
		desc.SetText(project.DescribeGrade(g, s.lang))
	}
	r.OnChanged, c.OnChanged = set, set
	return []fyne.CanvasObject{widget.NewLabel(s.xt("grade")), container.NewGridWithColumns(2, r, c), desc}
}

// answerItems are a group's answers to the open questions, editable, with
// a button that keeps them in the project.
func (s *Shell) answerItems(st *project.ScenarioState) fyne.CanvasObject {
	sc := s.proj.Scenario
	if sc == nil || sc.Group == nil || len(st.Questions) == 0 {
		return nil
	}
	prev := map[string]string{}
	for _, a := range sc.Answers {
		prev[a.Question] = a.Text
	}
	box := container.NewVBox()
	entries := map[string]*widget.Entry{}
	for _, q := range st.Questions {
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetText(prev[q.ID])
		entries[q.ID] = e
		l := widget.NewLabelWithStyle(q.Text.In(s.lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
		box.Add(e)
	}
	box.Add(widget.NewButton(s.xt("keep-answers"), func() {
		now := time.Now().UTC().Format(time.RFC3339)
		answers := append([]project.Answer(nil), sc.Answers...)
		for _, q := range st.Questions {
			t := strings.TrimSpace(entries[q.ID].Text)
			if t == "" || t == prev[q.ID] {
				continue
			}
			answers = append(answers, project.Answer{Question: q.ID, Text: t, Author: sc.Group.Name, Time: now})
			prev[q.ID] = t
		}
		SetAnswers(s, answers)
	}))
	return box
}

// SetAnswers replaces the group's answers (copy on write) and marks the
// project changed. Earlier answers stay: a new text is a new answer.
func SetAnswers(s *Shell, answers []project.Answer) {
	c := *s.proj.Scenario
	c.Answers = answers
	s.proj.Scenario = &c
	s.markDirty()
}

// withExercise adds the exercise's drawing (and the band) after over;
// mapLabels are the map's labels, placed by the time over is called.
func withExercise(over func(render.Sink), v geo.Viewport, fv *render.FictionalView, fonts render.FontSet, mapLabels *[]render.Rect) func(render.Sink) {
	if fv == nil {
		return over
	}
	return func(s render.Sink) {
		if over != nil {
			over(s)
		}
		drawExercise(s, v, fv, fonts, mapLabels)
	}
}
