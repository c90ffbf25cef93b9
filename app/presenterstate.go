package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"maliatlas/layers"
	"maliatlas/render"
	"maliatlas/view"
)

// userState is what the user had on the map before presenting: the view
// state (layers, opacity, hidden categories and confidences, period, the
// annotations shown), the selection and the highlighted features. Leaving
// the presenter puts it back; the view stays where the last step was.
type userState struct {
	vs        *view.State
	selected  *layers.Feature
	highlight []*layers.Feature
}

func (s *Shell) saveUserState() userState {
	return userState{vs: s.vs.Clone(), selected: s.selected,
		highlight: append([]*layers.Feature(nil), s.highlight...)}
}

func (s *Shell) restoreUserState(st userState) {
	vs := st.vs.Clone()
	vs.View = s.vs.View
	vs.Lang = s.vs.Lang
	s.vs = vs
	s.selected = st.selected
	s.highlight = st.highlight
	s.narrative.ShowFeature(s.selected)
	s.showPeriod()
	s.layerPanel.Rebuild()
	s.apply()
}

// Presenter sizes of the map: labels no smaller than this (logical px).
const presenterMinLabel = 15

// presenterOptions adjusts what the map shows while presenting: labels
// enlarged, none too small, judged at the zoom the step was composed at.
func (s *Shell) presenterOptions(o *render.Options) {
	p := s.briefingUI().pres
	if p == nil {
		return
	}
	o.MinLabelSize = presenterMinLabel
	o.LabelZoom = p.stepZoom
}

// compactLegend is a small legend for the presenter: one line per category
// of the overlays the step shows (those with features in its period), over
// the map's top-right corner.
func (s *Shell) compactLegend() fyne.CanvasObject {
	o := s.Options()
	var rows []fyne.CanvasObject
	white := color.NRGBA{240, 244, 248, 255}
	for _, id := range o.Visible {
		l := s.Cat.Layer(id)
		if l == nil || l.Spec.Group != "overlay" {
			continue
		}
		if len(l.Spec.Categories) == 0 {
			if l.CountKept(o.Filter) > 0 {
				rows = append(rows, legendLine(swatchImage(l, l.CategorySymbol(nil), true), l.Title(s.lang), white))
			}
			continue
		}
		for i := range l.Spec.Categories {
			c := &l.Spec.Categories[i]
			if s.vs.HiddenCats[id][c.Value] || !l.HasCategory(c.Value, o.Filter) {
				continue
			}
			rows = append(rows, legendLine(swatchImage(l, l.CategorySymbol(c), true), c.Title.In(s.lang), white))
		}
	}
	if len(rows) == 0 {
		return nil
	}
	bg := canvas.NewRectangle(color.NRGBA{12, 18, 28, 200})
	bg.CornerRadius = 6
	return container.NewStack(bg, container.NewPadded(container.NewVBox(rows...)))
}

// Compact legend text: size and the width a line wraps at (logical px).
const (
	legendTextSize = 16
	legendTextW    = 290
)

func legendLine(sw fyne.CanvasObject, text string, c color.Color) fyne.CanvasObject {
	var lines []fyne.CanvasObject
	for _, l := range wrapWords(text, func(s string) float32 {
		return fyne.MeasureText(s, legendTextSize, fyne.TextStyle{}).Width
	}, legendTextW) {
		t := canvas.NewText(l, c)
		t.TextSize = legendTextSize
		lines = append(lines, t)
	}
	return container.NewBorder(nil, nil, container.NewVBox(sw), nil, container.NewVBox(lines...))
}

// wrapWords splits s into lines no wider than w (a word longer than w
// stands alone on its line).
func wrapWords(s string, width func(string) float32, w float32) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if cur != "" && width(try) > w {
			lines = append(lines, cur)
			cur = word
		} else {
			cur = try
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
