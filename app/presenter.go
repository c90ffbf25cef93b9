package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"maliatlas/geo"
	"maliatlas/project"
	"maliatlas/view"
)

// Sizes of the presenter's text, in Fyne units (points at scale 1): read
// from the back of a room on a projector.
const (
	presenterTitleSize   = 38
	presenterCaptionSize = 25
	presenterCounterSize = 24
	presenterPad         = 28
)

// presenter is the full-screen view of a briefing: the map with, over its
// lower part, a dark band holding the step's title, caption and number.
type presenter struct {
	s    *Shell
	b, i int

	// What presenting replaced, restored on leaving.
	heldWindow // the window as it was (fullscreen.go)

	title, caption *widget.Label
	counter        *canvas.Text
	band           *canvas.Rectangle
	bandH          float32
	fitSize        fyne.Size // the screen size the current view was fitted to
	root           fyne.CanvasObject
	overlay        *fyne.Container

	saved    userState         // the user's own map, put back on leaving
	stepZoom float64           // the zoom the step was composed at (labels)
	legend   fyne.CanvasObject // the compact legend of the step (nil: none)
}

// Presenting reports whether the presenter is shown.
func (s *Shell) Presenting() bool { return s.briefingUI().pres != nil }

// PresenterStep is the index of the step presented (-1 when not presenting).
func (s *Shell) PresenterStep() int {
	if p := s.briefingUI().pres; p != nil {
		return p.i
	}
	return -1
}

// PresenterTitle is the title shown by the presenter.
func (s *Shell) PresenterTitle() string {
	if p := s.briefingUI().pres; p != nil {
		return p.title.Text
	}
	return ""
}

// PresenterCaption is the caption shown by the presenter.
func (s *Shell) PresenterCaption() string {
	if p := s.briefingUI().pres; p != nil {
		return p.caption.Text
	}
	return ""
}

// PresenterCounter is the step counter shown, "3 / 10".
func (s *Shell) PresenterCounter() string {
	if p := s.briefingUI().pres; p != nil {
		return p.counter.Text
	}
	return ""
}

// presenterLabelScale enlarges the map's labels while presenting.
const presenterLabelScale = 1.6

// presenterStep is where a key moves both presenters (the briefing's and
// the exercise's): +1 forward, -1 back, 0 for any other key. Presentation
// clickers send Page Up/Down.
func presenterStep(k fyne.KeyName) int {
	switch k {
	case fyne.KeyRight, fyne.KeyDown, fyne.KeyPageDown, fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		return 1
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp, fyne.KeyBackspace:
		return -1
	}
	return 0
}

// Present shows briefing b full screen from step from. Keys (and
// presentation clickers, which send Page Up/Down) move between the steps;
// Escape leaves.
func (s *Shell) Present(b, from int) {
	br := s.briefing(b)
	if br == nil || len(br.Steps) == 0 {
		return
	}
	from = min(max(from, 0), len(br.Steps)-1)
	u := s.briefingUI()
	if u.pres != nil {
		u.pres.b = b
		u.pres.show(from)
		return
	}
	p := &presenter{s: s, b: b, i: -1, heldWindow: holdWindow(s.Window)}
	p.saved = s.saveUserState()
	p.build()
	u.pres = p
	p.takeOver(s.Window, p.root, s.PresenterKey)
	s.labelScale = presenterLabelScale // readable from the back of the room
	p.show(from)
}

// PresenterKey is what a key does while presenting.
func (s *Shell) PresenterKey(k fyne.KeyName) {
	p := s.briefingUI().pres
	if p == nil {
		return
	}
	if d := presenterStep(k); d != 0 {
		p.show(p.i + d)
		return
	}
	switch k {
	case fyne.KeyHome:
		p.show(0)
	case fyne.KeyEnd:
		p.show(1 << 30)
	case fyne.KeyEscape:
		s.StopPresenting()
	}
}

// StopPresenting leaves the presenter: the window gets its content, keys,
// menu and size back; the map stays at the last step shown, with the view
// the step stored (as "Go to step" shows it).
func (s *Shell) StopPresenting() {
	u := s.briefingUI()
	p := u.pres
	if p == nil {
		return
	}
	u.pres = nil
	s.labelScale = 0
	// The user's own layers, categories, period and selection come back;
	// the view stays where the last step was.
	s.restoreUserState(p.saved)
	p.giveBack(s.Window)
	if br := s.briefing(p.b); br != nil && p.i >= 0 && p.i < len(br.Steps) {
		if s.anim != nil {
			s.anim.Stop()
		}
		s.setView(br.Steps[p.i].View, false)
	}
	if u.panel != nil && u.panel.b == p.b {
		u.panel.step = p.i
		u.panel.rebuild()
	}
}

func (p *presenter) build() {
	p.title, p.caption, p.band = newPresenterBand()
	p.counter = canvas.NewText("", color.NRGBA{220, 226, 232, 255})
	p.counter.TextSize = presenterCounterSize
	p.counter.TextStyle = fyne.TextStyle{Bold: true}
	texts := container.NewThemeOverride(container.NewWithoutLayout(p.title, p.caption), presenterTheme{})
	// The map fills the screen above the band: nothing of it is hidden.
	p.overlay = container.New(&bandLayout{p: p}, p.s.Map, p.band, texts, p.counter)
	p.root = p.overlay
}

// newPresenterBand makes what both presenters (the briefing's and the
// exercise's) show in their band: a bold heading, a text under it, and
// the dark band behind them.
func newPresenterBand() (title, text *widget.Label, band *canvas.Rectangle) {
	title = widget.NewLabel("")
	title.Wrapping = fyne.TextWrapWord
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.SizeName = theme.SizeNameHeadingText
	text = widget.NewLabel("")
	text.Wrapping = fyne.TextWrapWord
	band = canvas.NewRectangle(color.NRGBA{12, 18, 28, 222})
	return title, text, band
}

// screenSize is the presenter's size (the canvas's before it is laid out).
func (p *presenter) screenSize() fyne.Size {
	if sz := p.root.Size(); sz.Width > 0 && sz.Height > 0 {
		return sz
	}
	return p.s.Window.Canvas().Size()
}

// mapSize is the map's part of a screen of size: above the band.
func (p *presenter) mapSize(size fyne.Size) fyne.Size {
	return fyne.NewSize(size.Width, max(size.Height-p.bandH, 1))
}

// setLegend shows the step's compact legend over the map's top-right corner.
func (p *presenter) setLegend(lg fyne.CanvasObject) {
	objs := p.overlay.Objects[:0]
	for _, o := range p.overlay.Objects {
		if o != p.legend {
			objs = append(objs, o)
		}
	}
	p.legend = lg
	if lg != nil {
		objs = append(objs, lg)
	}
	p.overlay.Objects = objs
	p.placeLegend(p.screenSize())
	p.overlay.Refresh()
}

func (p *presenter) placeLegend(size fyne.Size) {
	if p.legend == nil {
		return
	}
	ms := p.legend.MinSize()
	m := p.mapSize(size)
	p.legend.Move(fyne.NewPos(m.Width-ms.Width-12, 12))
	p.legend.Resize(ms)
}

// show presents step i (clamped to the briefing), fitting the ground the
// step frames into the part of the screen above the band.
func (p *presenter) show(i int) {
	br := p.s.briefing(p.b)
	if br == nil || len(br.Steps) == 0 {
		p.s.StopPresenting()
		return
	}
	i = min(max(i, 0), len(br.Steps)-1)
	if i == p.i {
		return
	}
	p.i = i
	st := br.Steps[i]
	p.title.SetText(stepTitle(st, p.s.lang))
	p.caption.SetText(p.s.stepCaption(st))
	p.counter.Text = fmt.Sprintf("%d / %d", i+1, len(br.Steps))
	p.counter.Refresh()
	size := p.screenSize()
	p.layout(size)
	p.fitSize = size
	p.stepZoom = st.View.Zoom
	st.View = p.fitView(st.View, p.mapSize(size))
	p.s.ApplyStep(st, true)
	p.setLegend(p.s.compactLegend())
}

// refit shows the current step's ground again after the screen changed
// size (entering full screen happens after the first step is shown).
func (p *presenter) refit(size fyne.Size) {
	if size == p.fitSize || size.Width <= 0 || size.Height <= 0 {
		return
	}
	br := p.s.briefing(p.b)
	if br == nil || p.i < 0 || p.i >= len(br.Steps) {
		return
	}
	p.fitSize = size
	if p.s.anim != nil {
		p.s.anim.Stop()
	}
	p.s.setView(p.fitView(br.Steps[p.i].View, p.mapSize(size)), false)
}

// fitView is the view that shows the ground v frames (project.View.Bound)
// on a map of size (the part of the screen above the band), centred.
func (p *presenter) fitView(v project.View, size fyne.Size) project.View {
	w, h := int(size.Width), int(size.Height)
	if w < 50 || h < 50 {
		return v
	}
	fit := geo.FitBound(v.Bound(), w, h, 1, 8)
	return project.View{Lon: fit.Center[0], Lat: fit.Center[1], Zoom: fit.Zoom}
}

// layout places the band at the bottom of a screen of size, as tall as its
// wrapped text (p.bandH).
func (p *presenter) layout(size fyne.Size) {
	const pad, gap = presenterPad, 6
	cs := p.counter.MinSize()
	tw := size.Width - 3*pad - cs.Width
	cw := size.Width - 2*pad
	th := wrappedHeight(p.title, tw)
	ch := float32(0)
	if p.caption.Text != "" {
		ch = wrappedHeight(p.caption, cw)
		p.caption.Show()
	} else {
		p.caption.Hide()
	}
	bandH := pad + th + pad
	if ch > 0 {
		bandH += gap + ch
	}
	top := size.Height - bandH
	p.band.Move(fyne.NewPos(0, top))
	p.band.Resize(fyne.NewSize(size.Width, bandH))
	p.title.Move(fyne.NewPos(pad, top+pad))
	// The counter sits level with the title's first line.
	line := fyne.MeasureText("Mg", presenterTitleSize, p.title.TextStyle).Height
	p.counter.Move(fyne.NewPos(size.Width-pad-cs.Width, top+pad+theme.InnerPadding()+(line-cs.Height)/2))
	p.counter.Resize(cs)
	p.caption.Move(fyne.NewPos(pad, top+pad+th+gap))
	p.bandH = bandH
	p.s.Map.Move(fyne.NewPos(0, 0))
	p.s.Map.Resize(p.mapSize(size))
	p.placeLegend(size)
}

// wrappedHeight sizes a wrapping label to width and returns the height its
// text takes there.
func wrappedHeight(l *widget.Label, width float32) float32 {
	l.Resize(fyne.NewSize(width, l.Size().Height))
	h := l.MinSize().Height
	l.Resize(fyne.NewSize(width, h))
	return h
}

// bandLayout lays out the presenter's overlay whenever the screen changes.
type bandLayout struct{ p *presenter }

func (l *bandLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		if _, ok := o.(*container.ThemeOverride); ok {
			o.Resize(size)
		}
	}
	l.p.layout(size)
	l.p.refit(size)
}

func (l *bandLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

// presenterTheme is large white text for the dark band.
type presenterTheme struct{}

func (presenterTheme) base() fyne.Theme {
	if a := fyne.CurrentApp(); a != nil && a.Settings().Theme() != nil {
		return a.Settings().Theme()
	}
	return theme.DefaultTheme()
}

func (t presenterTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameForeground {
		return color.White
	}
	return t.base().Color(n, theme.VariantDark)
}

func (t presenterTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base().Font(s) }

func (t presenterTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }

func (t presenterTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameHeadingText:
		return presenterTitleSize
	case theme.SizeNameText:
		return presenterCaptionSize
	}
	return t.base().Size(n)
}

// stepCaption is the caption of st in the interface language, as the
// handout prints it (view.StepCaption).
func (s *Shell) stepCaption(st project.Step) string { return view.StepCaption(s.Cat, st, s.lang) }
