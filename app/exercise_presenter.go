package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"maliatlas/geo"
	"maliatlas/project"
)

// exPresenter is the exercise full screen: the map (with the fictional band
// drawn in it) and, over its lower part, a dark band with the inject's
// title and what is new. → / Space / Page Down release the next inject,
// ← / Page Up look back, Escape leaves.
type exPresenter struct {
	s          *Shell
	heldWindow // the window as it was (fullscreen.go)

	title, news *widget.Label
	band        *canvas.Rectangle
	bandH       float32
	root        fyne.CanvasObject
	fitted      fyne.Size
}

// ExercisePresenting reports whether the exercise presenter is shown.
func (s *Shell) ExercisePresenting() bool { return s.exui().pres != nil }

// PresentExercise shows the exercise full screen.
func (s *Shell) PresentExercise() {
	if s.proj.Scenario == nil || s.exui().pres != nil {
		return
	}
	s.CloseScenarioEditor() // the presenter shows the injects as released
	p := &exPresenter{s: s, heldWindow: holdWindow(s.Window)}
	p.title, p.news, p.band = newPresenterBand() // presenter.go
	texts := container.NewThemeOverride(container.NewWithoutLayout(p.title, p.news), presenterTheme{})
	overlay := container.New(&exBandLayout{p: p}, p.band, texts)
	p.root = container.NewStack(s.Map, overlay)
	s.exui().pres = p
	p.takeOver(s.Window, p.root, s.ExercisePresenterKey)
	s.labelScale = presenterLabelScale
	s.apply()
	p.update()
}

// ExercisePresenterKey is what a key does in the exercise presenter.
func (s *Shell) ExercisePresenterKey(k fyne.KeyName) {
	u := s.exui()
	if u.pres == nil {
		return
	}
	switch presenterStep(k) {
	case 1:
		s.ReleaseNext()
		return
	case -1:
		if s.ExerciseInject() > 1 {
			u.back++
			s.refreshExercise()
		}
		return
	}
	switch k {
	case fyne.KeyG:
		s.SetExerciseGroups(!u.groups)
	case fyne.KeyD:
		s.SetExerciseDebrief(!u.debrief)
	case fyne.KeyEscape:
		s.StopExercisePresenter()
	}
}

// StopExercisePresenter gives the window back.
func (s *Shell) StopExercisePresenter() {
	u := s.exui()
	p := u.pres
	if p == nil {
		return
	}
	u.pres = nil
	s.labelScale = 0
	s.apply()
	p.giveBack(s.Window)
	s.rebuildMenu()
}

// update shows the current inject's title and news and fits the view.
func (p *exPresenter) update() {
	title, news := p.s.ExerciseSummary()
	p.title.SetText(title)
	p.news.SetText(news)
	size := p.s.Map.Size()
	p.layout(size)
	p.fit(size)
}

// fit frames the scenario's features above the band.
func (p *exPresenter) fit(size fyne.Size) {
	sc := p.s.proj.Scenario
	if sc == nil {
		return
	}
	w, h := int(size.Width), int(size.Height)-int(p.bandH)
	if w < 50 || h < 50 {
		return
	}
	p.fitted = size
	b, _ := sc.Bound()
	fit := geo.FitBound(geoBound(b), w, h, 1, 8)
	full := geo.Viewport{Center: fit.Center, Zoom: fit.Zoom, Width: w, Height: int(size.Height), Scale: 1}
	c := full.ToGeo(float64(w)/2, float64(size.Height)/2+float64(p.bandH)/2)
	p.s.setView(project.View{Lon: c[0], Lat: c[1], Zoom: fit.Zoom}, false)
}

func (p *exPresenter) layout(size fyne.Size) {
	const pad, gap = presenterPad, 6
	cw := size.Width - 2*pad
	th := wrappedHeight(p.title, cw)
	nh := wrappedHeight(p.news, cw)
	bandH := pad + th + gap + nh + pad
	top := size.Height - bandH
	p.band.Move(fyne.NewPos(0, top))
	p.band.Resize(fyne.NewSize(size.Width, bandH))
	p.title.Move(fyne.NewPos(pad, top+pad))
	p.news.Move(fyne.NewPos(pad, top+pad+th+gap))
	p.bandH = bandH
}

type exBandLayout struct{ p *exPresenter }

func (l *exBandLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		if _, ok := o.(*container.ThemeOverride); ok {
			o.Resize(size)
		}
	}
	l.p.layout(size)
	if size != l.p.fitted {
		l.p.fit(size)
	}
}

func (l *exBandLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }
