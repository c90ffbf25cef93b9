package app

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"maliatlas/render"
)

// styleNames are the style choices in the layer panel.
func (s *Shell) styleNames() map[string]string {
	return map[string]string{
		render.EventPoints:   s.t("events.style.points"),
		render.EventDensity:  s.t("events.style.density"),
		render.EventHex:      s.t("events.style.hex"),
		render.EventClusters: s.t("events.style.clusters"),
	}
}

// eventRows are the layer panel's rows for the event layers: visibility,
// style, precision filter, ramp, cell or kernel size, and the legend.
func (p *LayerPanel) eventRows() []fyne.CanvasObject {
	s := p.s
	if len(s.ev.list) == 0 {
		return nil
	}
	rows := []fyne.CanvasObject{widget.NewLabelWithStyle(s.t("events.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for _, e := range s.ev.list {
		rows = append(rows, p.eventRow(e), widget.NewSeparator())
	}
	return rows
}

func (p *LayerPanel) eventRow(e *eventLayer) fyne.CanvasObject {
	s := p.s
	l := e.layer
	check := widget.NewCheck(e.src.Title, func(on bool) { e.visible = on; s.eventChanged() })
	check.Checked = e.visible
	p.checks[e.src.ID] = check
	names := s.styleNames()
	var opts []string
	back := map[string]string{}
	for _, st := range render.EventStyles {
		opts = append(opts, names[st])
		back[names[st]] = st
	}
	legend := container.NewVBox()
	small := func(text string) *widget.Label {
		// The panel scrolls sideways, so a label never wraps by itself.
		lb := widget.NewLabel(strings.Join(wrapChars(text, 30), "\n"))
		lb.Importance = widget.LowImportance
		return lb
	}
	showLegend := func() {
		lg := l.Legend(s.lang)
		var objs []fyne.CanvasObject
		if l.Table.Synthetic {
			objs = append(objs, small(s.t("events.synthetic")))
		}
		objs = append(objs, small(lg.Meaning))
		for _, it := range lg.Items {
			fill, stroke, hollow := it.Colors()
			sw := canvas.NewRectangle(fill)
			if hollow {
				sw = canvas.NewRectangle(color.Transparent)
				sw.StrokeColor, sw.StrokeWidth = stroke, 2
			}
			sw.CornerRadius = 3
			objs = append(objs, container.NewHBox(container.NewGridWrap(fyne.NewSize(16, 16), sw), small(it.Text())))
		}
		if lg.Ramp != nil {
			var stops []fyne.CanvasObject
			for k := 0; k < 8; k++ {
				stops = append(stops, canvas.NewRectangle(lg.Ramp.At(float64(k)/7)))
			}
			bar := container.NewGridWrap(fyne.NewSize(12, 14), stops...)
			objs = append(objs, container.NewHBox(container.NewGridWrap(fyne.NewSize(96, 14), bar), small(fmt.Sprintf("%s – %s", lg.RampLo, orDefaultS(lg.RampHi, "max")))))
		}
		for _, n := range lg.Notes {
			objs = append(objs, small(n))
		}
		legend.Objects = objs
		legend.Refresh()
	}
	size := widget.NewSlider(5, 100)
	size.Step = 5
	sizeLbl := widget.NewLabel("")
	setSizeLabel := func() {
		switch l.Style {
		case render.EventHex:
			size.Value = orDefault(l.CellKm, 25)
			sizeLbl.SetText(s.t("events.cellkm"))
		case render.EventDensity:
			size.Value = orDefault(l.BandwidthKm, 25)
			sizeLbl.SetText(s.t("events.kernelkm"))
		}
		size.Refresh()
	}
	sizeRow := container.NewHBox(indent(), container.NewGridWrap(fyne.NewSize(110, 30), size), sizeLbl)
	size.OnChangeEnded = func(v float64) {
		if l.Style == render.EventHex {
			l.CellKm = v
		} else {
			l.BandwidthKm = v
		}
		s.eventChanged()
		showLegend()
	}
	styleSel := widget.NewSelect(opts, nil)
	styleSel.Selected = names[orStyle(l.Style)]
	styleSel.OnChanged = func(v string) {
		l.Style = back[v]
		if l.Style == render.EventHex || l.Style == render.EventDensity {
			sizeRow.Show()
			setSizeLabel()
		} else {
			sizeRow.Hide()
		}
		s.eventChanged()
		showLegend()
	}
	precise := widget.NewCheck(s.t("events.preciseonly"), func(on bool) {
		l.Filter.PreciseOnly = on
		s.eventChanged()
		showLegend()
	})
	precise.Checked = l.Filter.PreciseOnly
	rampSel := widget.NewSelect(render.RampNames, func(v string) { l.Ramp = v; s.eventChanged(); showLegend() })
	rampSel.Selected = orDefaultS(l.Ramp, "viridis")
	if l.Style != render.EventHex && l.Style != render.EventDensity {
		sizeRow.Hide()
	} else {
		setSizeLabel()
	}
	play := widget.NewButton(s.t("events.play"), nil)
	e.playBtn = play
	if e.stopPlay != nil {
		play.SetText(s.playLabel(e))
	}
	play.OnTapped = func() { s.playEvents(e, play) }
	// What play and the frames go through: years or months.
	steps := []string{s.t("events.play.years"), s.t("events.play.months")}
	stepSel := widget.NewSelect(steps, func(v string) {
		e.playStep = "year"
		if v == steps[1] {
			e.playStep = "month"
		}
	})
	stepSel.Selected = steps[0]
	if e.step() == "month" {
		stepSel.Selected = steps[1]
	}
	buttons := container.NewVBox(
		container.NewHBox(indent(),
			widget.NewButton(s.t("events.table"), func() { s.showEventTable(e) }),
			widget.NewButton(s.t("events.byarea"), func() { s.showAreaCounts(e) })),
		container.NewHBox(indent(),
			widget.NewButton(s.t("events.profile"), func() { s.showRouteProfile(e) })),
		container.NewHBox(indent(), container.NewGridWrap(fyne.NewSize(96, 36), stepSel), play,
			widget.NewButton(s.t("events.frames"), func() { s.exportEventFrames(e) })))
	// The categories (event types), each shown or hidden.
	var cats []fyne.CanvasObject
	if vals := l.Table.Categories.Values; len(vals) > 1 && len(vals) <= 16 {
		for _, c := range vals {
			cat := c
			cc := widget.NewCheck(cat, func(on bool) {
				l.Filter.Hidden = slices.DeleteFunc(l.Filter.Hidden, func(h string) bool { return h == cat })
				if !on {
					l.Filter.Hidden = append(l.Filter.Hidden, cat)
				}
				s.eventChanged()
				showLegend()
			})
			cc.Checked = !slices.Contains(l.Filter.Hidden, cat)
			cats = append(cats, container.NewHBox(indent(), cc))
		}
	}
	showLegend()
	return container.NewVBox(append([]fyne.CanvasObject{check,
		container.NewHBox(indent(), container.NewGridWrap(fyne.NewSize(120, 36), styleSel), container.NewGridWrap(fyne.NewSize(100, 36), rampSel)),
		sizeRow,
		container.NewHBox(indent(), precise),
		buttons,
		container.NewBorder(nil, nil, indent(), nil, legend)}, cats...)...)
}

func orDefault(v, d float64) float64 {
	if v > 0 {
		return v
	}
	return d
}

func orDefaultS(v, d string) string {
	if v != "" {
		return v
	}
	return d
}

func orStyle(st string) string { return orDefaultS(st, render.EventPoints) }

// wrapChars breaks s into lines of at most n characters at spaces.
func wrapChars(s string, n int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > n {
			out = append(out, line)
			line = "   " + w
			continue
		}
		if line == "" {
			line = w
		} else {
			line += " " + w
		}
	}
	return append(out, line)
}
