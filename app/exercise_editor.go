package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/paulmach/orb"

	"maliatlas/assets"
	"maliatlas/project"
	"maliatlas/render"
)

// scenarioEditor is the trainer's scenario editor, in the right column:
// the scenario's title and setting, its injects (added, renamed, moved,
// deleted), and for the inject chosen its features (placed by clicking
// on the map), reports with their Admiralty grade, questions, what it
// withdraws, and the solution hidden from the groups.
//
// It edits a draft. After each edit the draft is checked with the
// scenario's own validation: a valid draft goes into the project through
// the undo history (so autosave and Save write it); an invalid one is
// kept in the editor, its error shown, until it is corrected.
type scenarioEditor struct {
	s      *Shell
	lang   string // the language it was made in
	draft  *project.Scenario
	inject int // the inject edited (0-based)

	// pick is what the next click on the map adds: "point", "line" or
	// "solution" (a solution point); pending are the line's points so far.
	pick    string
	pending [][2]float64

	status  *widget.Label
	pickLbl *widget.Label
	finish  *widget.Button
	cancel  *widget.Button
	body    *fyne.Container
	root    fyne.CanvasObject
}

const (
	pickPoint    = "point"
	pickLine     = "line"
	pickSolution = "solution"
)

// ScenarioEditorOpen reports whether the editor is shown.
func (s *Shell) ScenarioEditorOpen() bool { return s.exui().editor != nil }

// EditScenario opens the editor on the right, on the project's scenario,
// or on a new one when the project has none; a group's copy is not
// edited (nil).
func (s *Shell) EditScenario() *scenarioEditor {
	u := s.exui()
	if u.editor != nil {
		return u.editor
	}
	if sc := s.proj.Scenario; sc != nil && sc.Group != nil {
		dialog.ShowInformation(s.xt("ed.title"), s.xt("ed.group-copy"), s.Window)
		return nil
	}
	if s.proj.Scenario == nil {
		sc := project.NewScenario("exercise-"+strings.ToLower(fmt.Sprintf("%x", time.Now().Unix())),
			s.both("ed.new-title"), s.both("ed.layer"), s.bothf("ed.day", 1))
		s.history.ApplyScenario(s.proj, sc)
		s.markDirty()
	}
	e := &scenarioEditor{s: s, lang: s.lang, draft: s.proj.Scenario.Clone()}
	e.inject = max(0, min(s.ExerciseInject()-1, len(e.draft.Injects)-1))
	e.status = widget.NewLabel("")
	e.status.Wrapping = fyne.TextWrapWord
	e.pickLbl = widget.NewLabel("")
	e.pickLbl.Wrapping = fyne.TextWrapWord
	e.finish = widget.NewButton(s.xt("ed.finish-line"), e.FinishLine)
	e.cancel = widget.NewButton(s.xt("ed.cancel-pick"), func() {
		e.pick, e.pending = "", nil
		e.showPick()
		s.refreshExercise()
	})
	e.body = container.NewVBox()
	band := canvas.NewRectangle(render.FictionalInk)
	bandWords := render.FictionalBandEN
	if s.lang == "fr" {
		bandWords = render.FictionalBandFR
	}
	bandText := canvas.NewText(bandWords, render.FictionalEdge)
	bandText.TextStyle.Bold = true
	bandText.TextSize = 11
	head := container.NewVBox(
		container.NewStack(band, container.NewCenter(bandText)),
		container.NewBorder(nil, nil, nil, widget.NewButton(s.xt("ed.close"), s.CloseScenarioEditor),
			truncLabel(s.xt("ed.title"))),
		e.status, e.pickLbl, container.NewGridWithColumns(2, e.finish, e.cancel))
	e.root = container.NewBorder(head, nil, nil, nil, container.NewVScroll(e.body))
	u.editor = e
	e.rebuild()
	e.check()
	s.right.Objects[0] = e.root
	s.right.Refresh()
	s.refreshExercise()
	return e
}

// CloseScenarioEditor puts the narrative back on the right.
func (s *Shell) CloseScenarioEditor() {
	u := s.exui()
	if u.editor == nil {
		return
	}
	u.editor = nil
	s.right.Objects[0] = s.narrative
	s.right.Refresh()
	s.refreshExercise()
}

// relabelScenarioEditor makes the editor again in the window's language
// (after a language change), on the same draft and inject.
func (s *Shell) relabelScenarioEditor() {
	e := s.exui().editor
	if e == nil || e.lang == s.lang || s.proj.Scenario == nil {
		return
	}
	draft, inject, pick, pending := e.draft, e.inject, e.pick, e.pending
	s.exui().editor = nil
	n := s.EditScenario()
	n.draft, n.inject, n.pick, n.pending = draft, inject, pick, pending
	n.rebuild()
	n.check()
}

// both is a translated text in both languages (for new scenario texts).
func (s *Shell) both(key string) project.I18n {
	return project.I18n{"en": assets.T("en", "ex."+key), "fr": assets.T("fr", "ex."+key)}
}

func (s *Shell) bothf(key string, args ...any) project.I18n {
	t := s.both(key)
	for l, v := range t {
		t[l] = fmt.Sprintf(v, args...)
	}
	return t
}

// afterScenarioHistory follows an undo or redo: the editor takes the
// project's scenario back, and the map shows it.
func (s *Shell) afterScenarioHistory() {
	if e := s.exui().editor; e != nil {
		if s.proj.Scenario == nil {
			s.CloseScenarioEditor()
			return
		}
		// The same inject stays edited, wherever it now stands.
		id := e.draft.Injects[e.inject].ID
		e.draft = s.proj.Scenario.Clone()
		if i := e.draft.InjectIndex(id); i > 0 {
			e.inject = i - 1
		}
		e.inject = min(e.inject, len(e.draft.Injects)-1)
		e.rebuild()
		e.check()
		s.right.Objects[0] = e.root
		s.right.Refresh()
	}
	s.refreshExercise()
}

// commit checks the draft and, when valid, keeps it in the project as one
// undoable edit (key joins the edits of one field being typed).
func (e *scenarioEditor) commit(key string) error {
	e.draft.PruneSolution()
	err := e.check()
	if err != nil {
		return err
	}
	s := e.s
	s.history.ApplyScenarioAs(s.proj, e.draft, key)
	s.markDirty()
	s.refreshExercise()
	return nil
}

// check validates the draft and shows the result.
func (e *scenarioEditor) check() error {
	err := e.draft.Validate()
	if err != nil {
		e.status.Importance = widget.DangerImportance
		e.status.SetText(fmt.Sprintf(e.s.xt("ed.invalid"), "scenario"+err.Error()))
	} else {
		e.status.Importance = widget.SuccessImportance
		e.status.SetText(e.s.xt("ed.valid"))
	}
	return err
}

// structural commits an edit that changes what the form lists, and
// rebuilds the form.
func (e *scenarioEditor) structural() {
	e.commit("")
	e.rebuild()
}

// i18nEntries are two entries (EN, FR) editing t in place; each change is
// committed under key.
// get(false) may return nil (nothing to show yet); get(true) makes the
// item the text belongs to when it is missing.
func (e *scenarioEditor) i18nEntries(label, key string, multi bool, get func(create bool) *project.I18n) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, lang := range []string{"en", "fr"} {
		en := widget.NewEntry()
		if multi {
			en = widget.NewMultiLineEntry()
			en.Wrapping = fyne.TextWrapWord
			en.SetMinRowsVisible(3)
		}
		if t := get(false); t != nil && *t != nil {
			en.SetText((*t)[lang])
		}
		en.OnChanged = func(v string) {
			t := get(true)
			if *t == nil {
				*t = project.I18n{}
			}
			if v == "" {
				delete(*t, lang)
			} else {
				(*t)[lang] = v
			}
			e.commit(key + "." + lang)
		}
		objs = append(objs, container.NewBorder(nil, nil, widget.NewLabel(strings.ToUpper(lang)), nil, en))
	}
	if label != "" {
		l := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		l.Wrapping = fyne.TextWrapWord
		objs = append([]fyne.CanvasObject{l}, objs...)
	}
	return container.NewVBox(objs...)
}

// gradePicker edits an Admiralty grade: source reliability A–F and
// information credibility 1–6 ("—": not graded). set gets "" or a whole
// grade; half a grade waits for the other half.
func (s *Shell) gradePicker(grade string, set func(g string)) (*fyne.Container, *widget.Label) {
	r := widget.NewSelect([]string{"—", "A", "B", "C", "D", "E", "F"}, nil)
	c := widget.NewSelect([]string{"—", "1", "2", "3", "4", "5", "6"}, nil)
	r.SetSelected("—")
	c.SetSelected("—")
	if g, err := project.ParseGrade(grade); err == nil {
		r.SetSelected(string(g.Reliability))
		c.SetSelected(fmt.Sprint(g.Credibility))
	}
	desc := widget.NewLabel(project.DescribeGrade(grade, s.lang))
	desc.Wrapping = fyne.TextWrapWord
	changed := func(string) {
		g := ""
		if r.Selected != "—" && c.Selected != "—" {
			g = r.Selected + c.Selected
		} else if r.Selected != "—" || c.Selected != "—" {
			return
		}
		set(g)
		desc.SetText(project.DescribeGrade(g, s.lang))
	}
	r.OnChanged, c.OnChanged = changed, changed
	return container.NewGridWithColumns(2, r, c), desc
}

// truncLabel is a bold label cut with "…" to its room.
func truncLabel(t string) *widget.Label {
	l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// wrapLabel is a label that wraps to its room.
func wrapLabel(t string) *widget.Label {
	l := widget.NewLabel(t)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// short cuts s to n runes with "…".
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func heading(t string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return container.NewVBox(widget.NewSeparator(), l)
}

// in is the inject edited.
func (e *scenarioEditor) in() *project.Inject { return &e.draft.Injects[e.inject] }

// rebuild makes the form again from the draft.
func (e *scenarioEditor) rebuild() {
	s := e.s
	d := e.draft
	e.showPick()
	var items []fyne.CanvasObject
	items = append(items, heading(s.xt("ed.scenario")),
		e.i18nEntries(s.xt("ed.name"), "title", false, func(bool) *project.I18n { return &e.draft.Title }),
		e.i18nEntries(s.xt("ed.setting"), "setting", true, func(bool) *project.I18n { return &e.draft.Setting }))

	// The injects.
	items = append(items, heading(s.xt("ed.injects")))
	var names []string
	for i := range d.Injects {
		names = append(names, short(e.injectName(i), 26))
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelectedIndex(e.inject)
	sel.OnChanged = func(string) {
		if i := sel.SelectedIndex(); i >= 0 && i != e.inject {
			e.SelectInject(i)
		}
	}
	up := widget.NewButton(s.xt("ed.up"), func() { e.MoveInject(-1) })
	down := widget.NewButton(s.xt("ed.down"), func() { e.MoveInject(+1) })
	del := widget.NewButton(s.xt("ed.delete"), e.DeleteInject)
	up.Disable()
	down.Disable()
	if e.inject > 0 {
		up.Enable()
	}
	if e.inject < len(d.Injects)-1 {
		down.Enable()
	}
	if len(d.Injects) < 2 {
		del.Disable()
	}
	items = append(items, sel, container.NewGridWithColumns(2, up, down), del,
		widget.NewButton(s.xt("ed.add-inject"), func() { e.AddInject() }))
	i := e.inject
	items = append(items,
		e.i18nEntries(s.xt("ed.name"), fmt.Sprint("inject", i, ".title"), false, func(bool) *project.I18n { return &e.draft.Injects[i].Title }),
		e.i18nEntries(s.xt("ed.when"), fmt.Sprint("inject", i, ".when"), false, func(bool) *project.I18n { return &e.draft.Injects[i].When }))

	// Its features.
	items = append(items, heading(s.xt("ed.features")))
	for j := range e.in().Features {
		items = append(items, e.featureForm(func() *[]project.FictionalFeature { return &e.draft.Injects[i].Features }, j))
	}
	items = append(items,
		widget.NewButton(s.xt("ed.add-point"), func() { e.StartPick(pickPoint) }),
		widget.NewButton(s.xt("ed.add-line"), func() { e.StartPick(pickLine) }))

	// Its reports.
	items = append(items, heading(s.xt("ed.reports")))
	for j := range e.in().Reports {
		items = append(items, e.reportForm(j))
	}
	items = append(items, widget.NewButton(s.xt("ed.add-report"), func() { e.AddReport() }))

	// Its questions.
	items = append(items, heading(s.xt("ed.questions")))
	for j := range e.in().Questions {
		q := &e.draft.Injects[i].Questions[j]
		items = append(items, container.NewBorder(nil, nil, nil,
			widget.NewButton(s.xt("ed.delete"), func() {
				e.draft.Injects[i].Questions = append(e.draft.Injects[i].Questions[:j], e.draft.Injects[i].Questions[j+1:]...)
				e.structural()
			}), truncLabel(s.xt("ed.question")+" "+q.ID)),
			e.i18nEntries("", fmt.Sprint("inject", i, ".q.", q.ID), false, func(bool) *project.I18n { return &e.draft.Injects[i].Questions[j].Text }))
	}
	items = append(items, widget.NewButton(s.xt("ed.add-question"), func() { e.AddQuestion() }))

	// What it withdraws.
	items = append(items, heading(s.xt("ed.retracts")))
	rs := d.RetractableAt(i, s.lang)
	for _, id := range e.in().Retracts { // already withdrawn here: still listed
		if !slices.ContainsFunc(rs, func(r project.Item) bool { return r.ID == id }) {
			rs = append(rs, project.Item{ID: id, Name: id})
		}
	}
	if len(rs) == 0 {
		items = append(items, wrapLabel(s.xt("ed.no-retracts")))
	}
	for _, r := range rs {
		id := r.ID
		c := widget.NewCheck(short(id+" · "+r.Name, 30), nil)
		c.Checked = slices.Contains(e.in().Retracts, id)
		c.OnChanged = func(on bool) { e.SetRetracted(id, on) }
		items = append(items, c)
	}

	// The solution of this inject.
	items = append(items, heading(s.xt("ed.solution")))
	injectID := e.in().ID
	step := func(create bool) *project.SolutionStep {
		if !create {
			return e.draft.SolutionAt(e.draft.InjectIndex(injectID))
		}
		return e.draft.SolutionStepFor(injectID)
	}
	items = append(items, e.i18nEntries(s.xt("ed.summary"), fmt.Sprint("solution.", injectID, ".summary"), true, func(create bool) *project.I18n {
		if st := step(create); st != nil {
			return &st.Summary
		}
		return nil
	}))
	if st := d.SolutionAt(i + 1); st != nil {
		for j := range st.Features {
			items = append(items, e.featureForm(func() *[]project.FictionalFeature { return &step(true).Features }, j))
		}
	}
	items = append(items, widget.NewButton(s.xt("ed.add-solution-point"), func() { e.StartPick(pickSolution) }))
	for _, q := range e.in().Questions {
		qid := q.ID
		items = append(items, e.i18nEntries(fmt.Sprintf(s.xt("ed.answer"), q.Text.In(s.lang)), fmt.Sprint("solution.", qid), true, func(create bool) *project.I18n {
			st := step(create)
			if st == nil {
				return nil
			}
			for k := range st.Answers {
				if st.Answers[k].Question == qid {
					return &st.Answers[k].Text
				}
			}
			if !create {
				return nil
			}
			st.Answers = append(st.Answers, project.SolutionAnswer{Question: qid})
			return &st.Answers[len(st.Answers)-1].Text
		}))
	}
	items = append(items, layout.NewSpacer())
	e.body.Objects = items
	e.body.Refresh()
}

func (e *scenarioEditor) injectName(i int) string {
	in := &e.draft.Injects[i]
	name := fmt.Sprintf("%d. %s", i+1, in.Title.In(e.s.lang))
	if w := in.When.In(e.s.lang); w != "" {
		name += " — " + w
	}
	return name
}

// featureForm edits feature j of the list get returns: name, grade,
// confidence; Delete removes it.
func (e *scenarioEditor) featureForm(get func() *[]project.FictionalFeature, j int) fyne.CanvasObject {
	s := e.s
	f := &(*get())[j]
	id := f.ID
	at := func() *project.FictionalFeature {
		for k := range *get() {
			if (*get())[k].ID == id {
				return &(*get())[k]
			}
		}
		return &project.FictionalFeature{}
	}
	title := fmt.Sprintf("%s %s (%s, %.3f, %.3f)", s.xt("ed.feature"), id, f.Kind, f.Points[0][1], f.Points[0][0])
	del := widget.NewButton(s.xt("ed.delete"), func() {
		l := get()
		if k := slices.IndexFunc(*l, func(f project.FictionalFeature) bool { return f.ID == id }); k >= 0 {
			*l = append((*l)[:k], (*l)[k+1:]...)
		}
		e.structural()
	})
	grade, desc := s.gradePicker(f.Grade, func(g string) {
		at().Grade = g
		e.commit("")
	})
	// The atlas's confirmed / reported / suspected, in the window's words.
	values := []string{"", "confirmed", "reported", "suspected"}
	words := []string{"—", s.xt("ed.confirmed"), s.xt("ed.reported"), s.xt("ed.suspected")}
	conf := widget.NewSelect(words, nil)
	for k, v := range values {
		if v == f.Confidence {
			conf.SetSelectedIndex(k)
		}
	}
	conf.OnChanged = func(string) {
		if k := conf.SelectedIndex(); k >= 0 {
			at().Confidence = values[k]
			e.commit("")
		}
	}
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, del, truncLabel(title)),
		e.i18nEntries(s.xt("ed.name"), "feature."+id+".name", false, func(bool) *project.I18n { return &at().Name }),
		wrapLabel(s.xt("ed.feature-grade")), grade, desc,
		container.NewBorder(nil, nil, widget.NewLabel(s.xt("ed.confidence")), nil, conf))
}

// reportForm edits report j of the inject: title, text, grade.
func (e *scenarioEditor) reportForm(j int) fyne.CanvasObject {
	s := e.s
	i := e.inject
	r := &e.draft.Injects[i].Reports[j]
	id := r.ID
	at := func() *project.Report {
		for k := range e.draft.Injects[i].Reports {
			if e.draft.Injects[i].Reports[k].ID == id {
				return &e.draft.Injects[i].Reports[k]
			}
		}
		return &project.Report{}
	}
	del := widget.NewButton(s.xt("ed.delete"), func() {
		rs := &e.draft.Injects[i].Reports
		if k := slices.IndexFunc(*rs, func(r project.Report) bool { return r.ID == id }); k >= 0 {
			*rs = append((*rs)[:k], (*rs)[k+1:]...)
		}
		e.structural()
	})
	grade, desc := s.gradePicker(r.Grade, func(g string) {
		at().Grade = g
		e.commit("")
	})
	// The features it reports: those live at its inject.
	feats := container.NewVBox(wrapLabel(s.xt("ed.report-features")))
	for _, f := range e.draft.StateAt(i + 1).Features {
		fid := f.ID
		c := widget.NewCheck(short(fid+" · "+f.Name.In(s.lang), 30), nil)
		c.Checked = slices.Contains(r.Features, fid)
		c.OnChanged = func(on bool) {
			rp := at()
			rp.Features = slices.DeleteFunc(rp.Features, func(x string) bool { return x == fid })
			if on {
				rp.Features = append(rp.Features, fid)
			}
			if len(rp.Features) == 0 {
				rp.Features = nil
			}
			e.commit("")
		}
		feats.Add(c)
	}
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, del, truncLabel(s.xt("ed.report")+" "+id)),
		e.i18nEntries(s.xt("ed.name"), "report."+id+".title", false, func(bool) *project.I18n { return &at().Title }),
		e.i18nEntries(s.xt("ed.report-text"), "report."+id+".text", true, func(bool) *project.I18n { return &at().Text }),
		wrapLabel(s.xt("grade")), grade, desc, feats)
}

// SelectInject edits inject i (0-based); the map shows the scenario as it
// stands after it.
func (e *scenarioEditor) SelectInject(i int) {
	if i < 0 || i >= len(e.draft.Injects) {
		return
	}
	e.inject = i
	e.pick, e.pending = "", nil
	e.rebuild()
	e.s.refreshExercise()
}

// AddInject adds an inject after the last and edits it.
func (e *scenarioEditor) AddInject() {
	n := len(e.draft.Injects) + 1
	e.inject = e.draft.AddInject(e.s.bothf("ed.day", n), nil)
	e.structural()
	e.s.refreshExercise()
}

// MoveInject moves the inject edited by delta places (−1 earlier, +1 later).
func (e *scenarioEditor) MoveInject(delta int) {
	j := e.inject + delta
	if j < 0 || j >= len(e.draft.Injects) {
		return
	}
	e.draft.MoveInject(e.inject, j)
	e.inject = j
	e.structural()
}

// DeleteInject removes the inject edited (never the last one left).
func (e *scenarioEditor) DeleteInject() {
	if len(e.draft.Injects) < 2 {
		return
	}
	e.draft.RemoveInject(e.inject)
	e.inject = min(e.inject, len(e.draft.Injects)-1)
	e.structural()
}

// AddReport adds a report to the inject, graded F6 until the trainer
// grades it.
func (e *scenarioEditor) AddReport() {
	id := e.draft.NewID("r")
	in := e.in()
	in.Reports = append(in.Reports, project.Report{ID: id, Title: e.s.bothf("ed.new-report", id), Text: e.s.both("ed.new-report-text"), Grade: "F6"})
	e.structural()
}

// AddQuestion adds a question to the inject.
func (e *scenarioEditor) AddQuestion() {
	id := e.draft.NewID("q")
	in := e.in()
	in.Questions = append(in.Questions, project.Question{ID: id, Text: e.s.bothf("ed.new-question", id)})
	e.structural()
}

// SetRetracted makes the inject withdraw (or no longer withdraw) id.
func (e *scenarioEditor) SetRetracted(id string, on bool) {
	e.draft.SetRetracted(e.inject, id, on)
	e.commit("")
}

// StartPick makes the next clicks on the map add a point, a line or a
// solution point.
func (e *scenarioEditor) StartPick(what string) {
	if what == pickLine && e.pick == pickLine && len(e.pending) >= 2 {
		e.FinishLine()
		return
	}
	e.pick, e.pending = what, nil
	e.showPick()
}

func (e *scenarioEditor) showPick() {
	switch e.pick {
	case pickPoint, pickSolution:
		e.pickLbl.SetText(e.s.xt("ed.pick-point"))
	case pickLine:
		e.pickLbl.SetText(fmt.Sprintf(e.s.xt("ed.pick-line"), len(e.pending)))
	default:
		e.pickLbl.SetText("")
	}
	e.pickLbl.Importance = widget.HighImportance
	e.pickLbl.Refresh()
	show(e.pickLbl, e.pick != "")
	show(e.cancel, e.pick != "")
	show(e.finish, e.pick == pickLine)
	if len(e.pending) >= 2 {
		e.finish.Enable()
	} else {
		e.finish.Disable()
	}
}

func show(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// scenarioTap takes a click on the map while the editor waits for one;
// true when it did.
func (s *Shell) scenarioTap(at orb.Point) bool {
	e := s.exui().editor
	if e == nil || e.pick == "" {
		return false
	}
	e.AddAt([2]float64{at[0], at[1]})
	return true
}

// AddAt adds the point at lon/lat to what is being placed: a point or a
// solution point is added at once; a line gets a vertex.
func (e *scenarioEditor) AddAt(pt [2]float64) {
	switch e.pick {
	case pickPoint:
		e.addFeature(&e.in().Features, project.FictionalPoint, [][2]float64{pt})
	case pickSolution:
		st := e.draft.SolutionStepFor(e.in().ID)
		e.addFeature(&st.Features, project.FictionalPoint, [][2]float64{pt})
	case pickLine:
		e.pending = append(e.pending, pt)
		e.showPick()
		e.s.refreshExercise()
	}
}

// FinishLine adds the line being drawn (two points at least).
func (e *scenarioEditor) FinishLine() {
	if e.pick != pickLine || len(e.pending) < 2 {
		return
	}
	pts := e.pending
	e.addFeature(&e.in().Features, project.FictionalLine, pts)
}

func (e *scenarioEditor) addFeature(list *[]project.FictionalFeature, kind string, pts [][2]float64) {
	prefix := "f"
	if e.pick == pickSolution {
		prefix = "s"
	}
	id := e.draft.NewID(prefix)
	layer := project.DefaultFictionalLayer
	if len(e.draft.Layers) > 0 {
		layer = e.draft.Layers[0].ID
	}
	*list = append(*list, project.FictionalFeature{ID: id, Layer: layer, Kind: kind, Points: pts, Name: e.s.bothf("ed.new-feature", id)})
	e.pick, e.pending = "", nil
	e.structural()
}

// preview is the line being drawn, for the map.
func (e *scenarioEditor) preview() []project.FictionalFeature {
	if e == nil || len(e.pending) == 0 {
		return nil
	}
	kind := project.FictionalLine
	if len(e.pending) == 1 {
		kind = project.FictionalPoint
	}
	return []project.FictionalFeature{{ID: "~", Kind: kind, Points: e.pending, Name: project.I18n{"en": "…", "fr": "…"}}}
}
