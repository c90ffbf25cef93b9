package app

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"maliatlas/layers"
	"maliatlas/render"
	"maliatlas/render/raster"
)

// LayerPanel lists the layers in two groups, Overlays and Base: one row per
// layer (a visibility check, its symbol and its title, greyed when off),
// which opens to show its legend categories (each can be hidden), the
// confidence toggles and the opacity. Titles wrap: nothing is cut.
type LayerPanel struct {
	widget.BaseWidget
	s        *Shell
	box      *fyne.Container
	scroll   *container.Scroll
	checks   map[string]*widget.Check // layer id → check (for tests)
	titles   map[string]*tapLabel     // layer id → title
	cats     map[string][]*widget.Check
	expanded map[string]bool // layer id → categories shown
}

// NewLayerPanel makes the panel for s.
func NewLayerPanel(s *Shell) *LayerPanel {
	p := &LayerPanel{s: s, box: container.NewVBox(), expanded: map[string]bool{}}
	p.scroll = container.NewVScroll(p.box) // titles wrap to the panel's width
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *LayerPanel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.scroll) }

// Check returns the visibility check of a layer (nil when unknown).
func (p *LayerPanel) Check(id string) *widget.Check { return p.checks[id] }

// Title is the title shown for a layer.
func (p *LayerPanel) Title(id string) string {
	if l := p.titles[id]; l != nil {
		return l.Text
	}
	return ""
}

// TitleOff reports whether a layer's title is drawn as off (greyed).
func (p *LayerPanel) TitleOff(id string) bool {
	l := p.titles[id]
	return l != nil && l.Importance == widget.LowImportance
}

// CategoryChecks are the category checks of a layer (empty while closed).
func (p *LayerPanel) CategoryChecks(id string) []*widget.Check { return p.cats[id] }

// Expanded reports whether a layer's categories are shown.
func (p *LayerPanel) Expanded(id string) bool { return p.expanded[id] }

// SetExpanded opens or closes a layer's row.
func (p *LayerPanel) SetExpanded(id string, on bool) {
	p.expanded[id] = on
	p.Rebuild()
}

// Rebuild makes the rows again (after a language change or a change of state
// made elsewhere).
func (p *LayerPanel) Rebuild() {
	s := p.s
	p.checks = map[string]*widget.Check{}
	p.titles = map[string]*tapLabel{}
	p.cats = map[string][]*widget.Check{}
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
		head.Wrapping = fyne.TextWrapWord
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
	on := s.LayerVisible(id)
	check := widget.NewCheck("", nil)
	check.Checked = on
	check.OnChanged = func(v bool) {
		s.SetLayerVisible(id, v)
		p.Rebuild() // the row shows its new state (greyed or not)
	}
	p.checks[id] = check
	title := newTapLabel(l.Title(s.lang), func() { check.SetChecked(!check.Checked) })
	if !on {
		title.Importance = widget.LowImportance
	}
	p.titles[id] = title
	// Every row opens: categories, confidences, opacity.
	icon := theme.MenuExpandIcon()
	if p.expanded[id] {
		icon = theme.MenuDropDownIcon()
	}
	exp := widget.NewButtonWithIcon("", icon, func() { p.SetExpanded(id, !p.expanded[id]) })
	exp.Importance = widget.LowImportance
	lead := []fyne.CanvasObject{exp, check}
	if len(l.Spec.Categories) == 0 {
		lead = append(lead, swatchImage(l, l.CategorySymbol(nil), on))
	}
	items := []fyne.CanvasObject{container.NewBorder(nil, nil, container.NewHBox(lead...), nil, title)}
	if !p.expanded[id] {
		return container.NewVBox(items...)
	}
	for i := range l.Spec.Categories {
		c := &l.Spec.Categories[i]
		if !l.HasCategory(c.Value, layers.PeriodFilter(s.vs.Period)) {
			continue
		}
		value := c.Value
		cc := widget.NewCheck("", func(v bool) { s.SetCategoryVisible(id, value, v) })
		cc.Checked = s.CategoryVisible(id, value)
		if !on {
			cc.Disable() // an overlay that is off shows none of its categories
		}
		p.cats[id] = append(p.cats[id], cc)
		lbl := newTapLabel(c.Title.In(s.lang), func() {
			if !cc.Disabled() {
				cc.SetChecked(!cc.Checked)
			}
		})
		if !on {
			lbl.Importance = widget.LowImportance
		}
		items = append(items, container.NewBorder(nil, nil, container.NewHBox(indent(), cc, swatchImage(l, l.CategorySymbol(c), on)), nil, lbl))
	}
	if l.Spec.Style.ByConfidence {
		// Confidence toggles: e.g. only the suspected routes.
		for _, c := range []string{"confirmed", "reported", "suspected"} {
			conf := c
			cc := widget.NewCheck(s.t("ui.conf."+conf), func(v bool) { s.SetConfidenceVisible(id, conf, v) })
			cc.Checked = s.ConfidenceVisible(id, conf)
			if !on {
				cc.Disable()
			}
			items = append(items, container.NewHBox(indent(), cc))
		}
	}
	op := widget.NewSlider(0, 1)
	op.Step = 0.05
	op.Value = 1
	if a, ok := s.vs.Opacity[id]; ok {
		op.Value = a
	}
	op.OnChangeEnded = func(v float64) { s.SetLayerOpacity(id, v) }
	opLabel := widget.NewLabel(s.t("ui.opacity"))
	opLabel.Importance = widget.LowImportance
	items = append(items, container.NewBorder(nil, nil, container.NewHBox(indent(), opLabel), nil, op))
	return container.NewVBox(items...)
}

func indent() fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(14, 1))
	return r
}

// tapLabel is a wrapping label that toggles its row's check when tapped.
type tapLabel struct {
	widget.Label
	onTap func()
}

func newTapLabel(text string, onTap func()) *tapLabel {
	l := &tapLabel{onTap: onTap}
	l.Text = text
	l.Wrapping = fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

// Tapped is part of fyne.Tappable.
func (l *tapLabel) Tapped(*fyne.PointEvent) {
	if l.onTap != nil {
		l.onTap()
	}
}

// swatchImage draws a legend symbol with the renderer, at twice the size for
// crisp HiDPI display; faded when the layer is off.
func swatchImage(l *layers.Layer, sym *layers.Symbol, on bool) fyne.CanvasObject {
	const w, h, k = 30, 16, 2.0
	c := raster.New(w*k, h*k)
	render.Swatch(c, l.Spec.Kind, sym, render.Rect{Min: render.Point{X: 2 * k, Y: 2 * k}, Max: render.Point{X: (w - 2) * k, Y: (h - 2) * k}}, k)
	rgba := c.RGBA()
	if !on {
		for i := 3; i < len(rgba.Pix); i += 4 { // a third of its opacity
			rgba.Pix[i] /= 3
			rgba.Pix[i-1] /= 3
			rgba.Pix[i-2] /= 3
			rgba.Pix[i-3] /= 3
		}
	}
	img := canvas.NewImageFromImage(image.Image(rgba))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(w, h))
	return img
}
