package app

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"maliatlas/layers"
	"maliatlas/render"
	"maliatlas/render/raster"
)

// LayerPanel lists the layers in two groups, Base and Overlays: a visibility
// check, an opacity slider and the legend of each, whose categories can be
// shown or hidden on their own.
type LayerPanel struct {
	widget.BaseWidget
	s      *Shell
	box    *fyne.Container
	scroll *container.Scroll
	checks map[string]*widget.Check // layer id → check (for tests)
}

// NewLayerPanel makes the panel for s.
func NewLayerPanel(s *Shell) *LayerPanel {
	p := &LayerPanel{s: s, box: container.NewVBox()}
	p.scroll = container.NewScroll(p.box) // both ways: long titles must not widen the panel
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *LayerPanel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.scroll) }

// Check returns the visibility check of a layer (nil when unknown).
func (p *LayerPanel) Check(id string) *widget.Check { return p.checks[id] }

// Rebuild makes the rows again (after a language change or a change of state
// made elsewhere).
func (p *LayerPanel) Rebuild() {
	s := p.s
	p.checks = map[string]*widget.Check{}
	var rows []fyne.CanvasObject
	for _, g := range []struct{ group, key string }{{"overlay", "ui.overlays"}, {"base", "ui.base"}, {"user", "ui.userlayers"}} {
		ls := s.sortedLayers(g.group)
		if len(ls) == 0 {
			continue
		}
		title := s.t(g.key)
		if g.group == "overlay" && !s.vs.Period.IsZero() {
			title += " · " + s.vs.Period.Label(s.lang)
		}
		head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		rows = append(rows, head)
		for _, l := range ls {
			rows = append(rows, p.layerRow(l))
		}
		rows = append(rows, widget.NewSeparator())
	}
	rows = append(p.eventRows(), rows...) // event layers first (app/eventpanel.go)
	p.box.Objects = rows
	p.box.Refresh()
}

func (p *LayerPanel) layerRow(l *layers.Layer) fyne.CanvasObject {
	s := p.s
	id := l.Spec.ID
	check := widget.NewCheck(l.Title(s.lang), nil)
	check.Checked = s.LayerVisible(id)
	check.OnChanged = func(on bool) { s.SetLayerVisible(id, on) }
	p.checks[id] = check
	op := widget.NewSlider(0, 1)
	op.Step = 0.05
	op.Value = 1
	if a, ok := s.vs.Opacity[id]; ok {
		op.Value = a
	}
	op.OnChangeEnded = func(v float64) { s.SetLayerOpacity(id, v) }
	var items []fyne.CanvasObject
	if len(l.Spec.Categories) == 0 {
		items = append(items, container.NewBorder(nil, nil, swatchImage(l, l.CategorySymbol(nil)), nil, check))
	} else {
		items = append(items, check)
		for i := range l.Spec.Categories {
			c := &l.Spec.Categories[i]
			if !l.HasCategory(c.Value, layers.PeriodFilter(s.vs.Period)) {
				continue
			}
			value := c.Value
			cc := widget.NewCheck(c.Title.In(s.lang), func(on bool) { s.SetCategoryVisible(id, value, on) })
			cc.Checked = s.CategoryVisible(id, value)
			items = append(items, container.NewBorder(nil, nil, container.NewHBox(indent(), swatchImage(l, l.CategorySymbol(c))), nil, cc))
		}
	}
	if l.Spec.Style.ByConfidence {
		// Confidence toggles: e.g. only the suspected routes.
		var confs []fyne.CanvasObject
		for _, c := range []string{"confirmed", "reported", "suspected"} {
			conf := c
			cc := widget.NewCheck(s.t("ui.conf."+conf), func(on bool) { s.SetConfidenceVisible(id, conf, on) })
			cc.Checked = s.ConfidenceVisible(id, conf)
			confs = append(confs, cc)
		}
		items = append(items, container.NewHBox(append([]fyne.CanvasObject{indent()}, confs...)...))
	}
	opLabel := widget.NewLabel(s.t("ui.opacity"))
	opLabel.Importance = widget.LowImportance
	items = append(items, container.NewHBox(indent(), container.NewGridWrap(fyne.NewSize(110, 30), op), opLabel))
	return container.NewVBox(items...)
}

func indent() fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(14, 1))
	return r
}

// swatchImage draws a legend symbol with the renderer, at twice the size for
// crisp HiDPI display.
func swatchImage(l *layers.Layer, sym *layers.Symbol) fyne.CanvasObject {
	const w, h, k = 30, 16, 2.0
	c := raster.New(w*k, h*k)
	render.Swatch(c, l.Spec.Kind, sym, render.Rect{Min: render.Point{X: 2 * k, Y: 2 * k}, Max: render.Point{X: (w - 2) * k, Y: (h - 2) * k}}, k)
	img := canvas.NewImageFromImage(image.Image(c.RGBA()))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(w, h))
	return img
}
