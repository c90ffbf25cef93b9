package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"maliatlas/data"
	"maliatlas/project"
)

// briefingUI is the briefing panel and the presenter of one shell. It lives
// beside the Shell (not in it) so that this file and presenter.go own it.
type briefingUI struct {
	panel *briefingPanel
	pres  *presenter
}

func (s *Shell) briefingUI() *briefingUI {
	if s.briefUI == nil {
		s.briefUI = &briefingUI{}
	}
	return s.briefUI
}

// ensureBriefings gives a project without briefings the built-in ones, so
// that they are saved (and can be edited) with the project.
func (s *Shell) ensureBriefings() error {
	if len(s.proj.Briefings) > 0 {
		return nil
	}
	bs, err := project.LoadBuiltin(data.FS)
	if err != nil {
		return err
	}
	s.proj.Briefings = bs
	return nil
}

// Briefings are the project's briefings; a project that has none gets the
// built-in ones first.
func (s *Shell) Briefings() []project.Briefing {
	if err := s.ensureBriefings(); err != nil {
		fyne.LogError("built-in briefings", err)
	}
	return s.proj.Briefings
}

func (s *Shell) briefing(b int) *project.Briefing {
	bs := s.Briefings()
	if b < 0 || b >= len(bs) {
		return nil
	}
	return &bs[b]
}

func errBriefing(b int) error { return fmt.Errorf("briefing %d: %w", b, project.ErrStepRange) }

// NewBriefing adds an empty briefing titled title (in the current language)
// and returns its index.
func (s *Shell) NewBriefing(title string) int {
	bs := s.Briefings()
	ids := map[string]bool{}
	for _, b := range bs {
		ids[b.ID] = true
	}
	id := ""
	for n := len(bs) + 1; id == "" || ids[id]; n++ {
		id = fmt.Sprintf("briefing-%d", n)
	}
	s.proj.Briefings = append(bs, project.Briefing{ID: id, Title: project.I18n{s.lang: title}})
	s.markDirty()
	s.refreshBriefingPanel()
	return len(s.proj.Briefings) - 1
}

// AddStep appends to briefing b a step of what the map shows now, titled
// and captioned in the current language.
func (s *Shell) AddStep(b int, title, caption string) {
	br := s.briefing(b)
	if br == nil {
		return
	}
	br.Add(s.StepFromState(title, caption))
	s.markDirty()
	s.refreshBriefingPanel()
}

// MoveStep moves step from of briefing b so that it ends at index to.
func (s *Shell) MoveStep(b, from, to int) error {
	br := s.briefing(b)
	if br == nil {
		return errBriefing(b)
	}
	if err := br.Move(from, to); err != nil {
		return err
	}
	s.markDirty()
	s.refreshBriefingPanel()
	return nil
}

// DeleteStep removes step i of briefing b.
func (s *Shell) DeleteStep(b, i int) error {
	br := s.briefing(b)
	if br == nil {
		return errBriefing(b)
	}
	if err := br.Delete(i); err != nil {
		return err
	}
	s.markDirty()
	s.refreshBriefingPanel()
	return nil
}

// EditStep sets the title and caption of step i of briefing b in the
// current language (an empty caption removes it in that language).
func (s *Shell) EditStep(b, i int, title, caption string) error {
	br := s.briefing(b)
	if br == nil {
		return errBriefing(b)
	}
	if i < 0 || i >= len(br.Steps) {
		return fmt.Errorf("briefing %q: %w: %d", br.ID, project.ErrStepRange, i)
	}
	st := br.Steps[i]
	st.Title = cloneI18n(st.Title)
	st.Title[s.lang] = title
	st.Caption = cloneI18n(st.Caption)
	if caption == "" {
		delete(st.Caption, s.lang)
	} else {
		st.Caption[s.lang] = caption
	}
	if err := br.Update(i, st); err != nil {
		return err
	}
	s.markDirty()
	s.refreshBriefingPanel()
	return nil
}

func cloneI18n(t project.I18n) project.I18n {
	out := project.I18n{}
	for k, v := range t {
		out[k] = v
	}
	return out
}

// GoToStep shows step i of briefing b, moving the map with the short
// animation.
func (s *Shell) GoToStep(b, i int) {
	br := s.briefing(b)
	if br == nil || i < 0 || i >= len(br.Steps) {
		return
	}
	s.ApplyStep(br.Steps[i], true)
	s.mapChanged() // the step's layers and period are now the project's
}

// showBriefings opens the briefing panel (steps of the project's briefings)
// on the right, in place of the narrative.
func (s *Shell) showBriefings() {
	if err := s.ensureBriefings(); err != nil {
		dialog.ShowError(err, s.Window)
		return
	}
	u := s.briefingUI()
	if u.panel == nil {
		u.panel = newBriefingPanel(s)
	}
	u.panel.rebuild()
	s.right.Objects[0] = u.panel.content
	s.right.Refresh()
}

// closeBriefings puts the narrative panel back on the right.
func (s *Shell) closeBriefings() {
	s.right.Objects[0] = s.narrative
	s.right.Refresh()
}

// refreshBriefingPanel redraws the panel when it exists (after an edit, or
// when the language changes).
func (s *Shell) refreshBriefingPanel() {
	if p := s.briefingUI().panel; p != nil {
		p.rebuild()
	}
}

// briefingPanel lists a briefing's steps with the tools to edit and
// present them.
type briefingPanel struct {
	s    *Shell
	b    int // the briefing shown
	step int // the selected step, -1 for none
	lang string

	heading *widget.Label
	sel     *widget.Select
	list    *widget.List
	empty   *widget.Label
	hint    *widget.Label

	add, up, down, edit, del, gotoBtn, present, newBtn, closeBtn *widget.Button

	content *fyne.Container
}

func newBriefingPanel(s *Shell) *briefingPanel {
	p := &briefingPanel{s: s, step: -1}
	p.heading = widget.NewLabel("")
	p.heading.TextStyle = fyne.TextStyle{Bold: true}
	p.sel = widget.NewSelect(nil, nil)
	p.list = widget.NewList(
		func() int {
			if br := s.briefing(p.b); br != nil {
				return len(br.Steps)
			}
			return 0
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if br := s.briefing(p.b); br != nil && i < len(br.Steps) {
				o.(*widget.Label).SetText(fmt.Sprintf("%d. %s", i+1, stepTitle(br.Steps[i], s.lang)))
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		p.step = i
		p.enable()
	}
	p.list.OnUnselected = func(widget.ListItemID) {
		p.step = -1
		p.enable()
	}
	p.empty = widget.NewLabel("")
	p.empty.Wrapping = fyne.TextWrapWord
	p.hint = widget.NewLabel("")
	p.hint.Wrapping = fyne.TextWrapWord
	p.hint.Importance = widget.LowImportance

	p.add = widget.NewButtonWithIcon("", theme.ContentAddIcon(), p.askAdd)
	p.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { p.move(-1) })
	p.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { p.move(1) })
	p.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), p.askEdit)
	p.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), p.askDelete)
	p.gotoBtn = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.GoToStep(p.b, p.step) })
	p.present = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), func() { s.Present(p.b, max(p.step, 0)) })
	p.present.Importance = widget.HighImportance
	p.newBtn = widget.NewButtonWithIcon("", theme.FolderNewIcon(), p.askNew)
	p.closeBtn = widget.NewButtonWithIcon("", theme.CancelIcon(), s.closeBriefings)
	p.closeBtn.Importance = widget.LowImportance

	// Rows of one or two short buttons keep the panel narrow in French.
	top := container.NewVBox(container.NewBorder(nil, nil, nil, p.closeBtn, p.heading), p.sel)
	buttons := container.NewVBox(
		p.add,
		container.NewGridWithColumns(2, p.up, p.down),
		container.NewGridWithColumns(2, p.edit, p.del),
		p.gotoBtn,
		p.present,
		p.hint,
		widget.NewSeparator(),
		p.newBtn,
	)
	p.content = container.NewBorder(top, buttons, nil, nil, container.NewStack(p.list, p.empty))
	return p
}

// rebuild shows the project's briefings and the chosen one's steps in the
// current language.
func (p *briefingPanel) rebuild() {
	s := p.s
	bs := s.Briefings()
	if p.b >= len(bs) || p.b < 0 {
		p.b = 0
	}
	if p.lang != s.lang {
		p.lang = s.lang
		p.heading.SetText(s.t("ui.briefing.panel"))
		p.sel.PlaceHolder = s.t("ui.briefing.choose")
		p.add.SetText(s.t("ui.briefing.addstep"))
		p.up.SetText(s.t("ui.briefing.up"))
		p.down.SetText(s.t("ui.briefing.down"))
		p.edit.SetText(s.t("ui.briefing.edit"))
		p.del.SetText(s.t("ui.delete"))
		p.gotoBtn.SetText(s.t("ui.briefing.goto"))
		p.present.SetText(s.t("ui.briefing.present"))
		p.newBtn.SetText(s.t("ui.briefing.new"))
		p.closeBtn.SetText(s.t("ui.close"))
		p.hint.SetText(s.t("ui.briefing.hint"))
		p.empty.SetText(s.t("ui.briefing.empty"))
	}
	opts := make([]string, len(bs))
	for i, b := range bs {
		opts[i] = b.Title.In(s.lang)
		if opts[i] == "" {
			opts[i] = b.ID
		}
	}
	p.sel.OnChanged = nil
	p.sel.Options = opts
	if len(bs) > 0 {
		p.sel.SetSelectedIndex(p.b)
	}
	p.sel.Refresh()
	p.sel.OnChanged = func(string) {
		if i := p.sel.SelectedIndex(); i >= 0 && i != p.b {
			p.b = i
			p.step = -1
			p.list.UnselectAll()
			p.rebuild()
		}
	}
	n := 0
	if br := s.briefing(p.b); br != nil {
		n = len(br.Steps)
	}
	if p.step >= n {
		p.step = n - 1
	}
	if n == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
	p.list.Refresh()
	if p.step >= 0 {
		p.list.Select(p.step)
	}
	p.enable()
}

// enable greys out what needs a selected step or a step to present.
func (p *briefingPanel) enable() {
	n := 0
	if br := p.s.briefing(p.b); br != nil {
		n = len(br.Steps)
	}
	set := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	has := p.step >= 0 && p.step < n
	set(p.up, has && p.step > 0)
	set(p.down, has && p.step < n-1)
	set(p.edit, has)
	set(p.del, has)
	set(p.gotoBtn, has)
	set(p.present, n > 0)
}

func (p *briefingPanel) move(d int) {
	to := p.step + d
	if p.s.MoveStep(p.b, p.step, to) == nil {
		p.step = to
		p.list.Select(to)
	}
}

// stepForm asks for a title and a caption; ok gets them when confirmed.
func (p *briefingPanel) stepForm(heading, confirm, title, caption string, ok func(title, caption string)) {
	s := p.s
	te := widget.NewEntry()
	te.SetText(title)
	ce := widget.NewMultiLineEntry()
	ce.Wrapping = fyne.TextWrapWord
	ce.SetMinRowsVisible(5)
	ce.SetText(caption)
	te.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return fmt.Errorf("%s", s.t("ui.briefing.needtitle"))
		}
		return nil
	}
	d := dialog.NewForm(heading, confirm, s.t("ui.cancel"), []*widget.FormItem{
		widget.NewFormItem(s.t("ui.briefing.steptitle"), te),
		widget.NewFormItem(s.t("ui.briefing.caption"), ce),
	}, func(yes bool) {
		if yes {
			ok(strings.TrimSpace(te.Text), strings.TrimSpace(ce.Text))
		}
	}, s.Window)
	d.Resize(fyne.NewSize(560, 360))
	d.Show()
	s.Window.Canvas().Focus(te)
}

func (p *briefingPanel) askAdd() {
	p.stepForm(p.s.t("ui.briefing.addstep"), p.s.t("ui.briefing.add"), "", "", func(title, caption string) {
		p.s.AddStep(p.b, title, caption)
		if br := p.s.briefing(p.b); br != nil {
			p.step = len(br.Steps) - 1
			p.list.Select(p.step)
			p.list.ScrollToBottom()
		}
	})
}

func (p *briefingPanel) askEdit() {
	br := p.s.briefing(p.b)
	if br == nil || p.step < 0 || p.step >= len(br.Steps) {
		return
	}
	st, i := br.Steps[p.step], p.step
	l := p.s.lang
	p.stepForm(p.s.t("ui.briefing.edit"), p.s.t("ui.briefing.apply"), st.Title[l], st.Caption[l], func(title, caption string) {
		_ = p.s.EditStep(p.b, i, title, caption)
	})
}

func (p *briefingPanel) askDelete() {
	br := p.s.briefing(p.b)
	if br == nil || p.step < 0 || p.step >= len(br.Steps) {
		return
	}
	i := p.step
	msg := fmt.Sprintf("%d. %s", i+1, stepTitle(br.Steps[i], p.s.lang))
	dialog.ShowConfirm(p.s.t("ui.briefing.delete"), msg, func(yes bool) {
		if yes && p.s.DeleteStep(p.b, i) == nil {
			p.list.UnselectAll()
			p.step = -1
			p.enable()
		}
	}, p.s.Window)
}

func (p *briefingPanel) askNew() {
	e := widget.NewEntry()
	d := dialog.NewForm(p.s.t("ui.briefing.new"), p.s.t("ui.briefing.add"), p.s.t("ui.cancel"),
		[]*widget.FormItem{widget.NewFormItem(p.s.t("ui.briefing.title"), e)}, func(yes bool) {
			if yes && strings.TrimSpace(e.Text) != "" {
				p.b = p.s.NewBriefing(strings.TrimSpace(e.Text))
				p.step = -1
				p.list.UnselectAll()
				p.rebuild()
			}
		}, p.s.Window)
	d.Resize(fyne.NewSize(440, 160))
	d.Show()
	p.s.Window.Canvas().Focus(e)
}

// stepTitle is a step's title in lang, else in another language.
func stepTitle(st project.Step, lang string) string { return st.Title.In(lang) }
