package app

import (
	"errors"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"maliatlas/events"
)

// MappingPath is where the column mapping of a table is remembered: beside
// it, as FILE.mapping.json.
func MappingPath(table string) string { return table + ".mapping.json" }

// hasSavedMapping reports whether a table's columns were mapped before.
func hasSavedMapping(path string) bool {
	_, err := os.Stat(MappingPath(path))
	return err == nil
}

// savedMapping is the remembered mapping of a table, or nil.
func savedMapping(path string) *events.Mapping {
	m, err := events.LoadMapping(MappingPath(path))
	if err != nil {
		return nil
	}
	return &m
}

// askMapping shows the column mapping dialog for a table whose columns were
// not recognised; on OK the mapping is saved beside the table and the
// events imported.
func (s *Shell) askMapping(path string, me *events.MappingError) {
	none := s.t("events.map.none")
	opts := append([]string{none}, me.Header...)
	g := me.Guess
	type field struct {
		label string
		ptr   *string
		sel   *widget.Select
	}
	fields := []*field{
		{label: s.t("events.map.date"), ptr: &g.Date},
		{label: s.t("events.map.dateend"), ptr: &g.DateEnd},
		{label: s.t("events.map.lon"), ptr: &g.Lon},
		{label: s.t("events.map.lat"), ptr: &g.Lat},
		{label: s.t("events.map.wkt"), ptr: &g.WKT},
		{label: s.t("events.map.category"), ptr: &g.Category},
		{label: s.t("events.map.actor"), ptr: &g.Actor},
		{label: s.t("events.map.place"), ptr: &g.Place},
		{label: s.t("events.map.weight"), ptr: &g.Weight},
		{label: s.t("events.map.precision"), ptr: &g.Precision},
	}
	form := widget.NewForm()
	for _, f := range fields {
		f.sel = widget.NewSelect(opts, nil)
		f.sel.Selected = none
		for _, h := range me.Header {
			if *f.ptr != "" && equalFold(h, *f.ptr) {
				f.sel.Selected = h
			}
		}
		form.Append(f.label, f.sel)
	}
	preciseMax := widget.NewEntry()
	preciseMax.SetText("1")
	form.Append(s.t("events.map.precisemax"), preciseMax)
	d := dialog.NewCustomConfirm(s.t("events.map.title")+me.File, "OK", s.t("events.cancel"),
		container.NewVScroll(form), func(ok bool) {
			if !ok {
				return
			}
			for _, f := range fields {
				*f.ptr = ""
				if f.sel.Selected != none {
					*f.ptr = f.sel.Selected
				}
			}
			g.Format = ""
			g.PreciseMax, _ = strconv.Atoi(preciseMax.Text)
			if err := g.Check(); err != nil {
				dialog.ShowError(err, s.Window)
				return
			}
			if err := g.Save(MappingPath(path)); err != nil {
				dialog.ShowError(err, s.Window)
				return
			}
			s.AddEvents(path)
		}, s.Window)
	d.Resize(fyne.NewSize(520, 560))
	d.Show()
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// mappingNeeded reports whether err asks for a column mapping.
func mappingNeeded(err error) (*events.MappingError, bool) {
	var me *events.MappingError
	ok := errors.As(err, &me)
	return me, ok
}
