package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"maliatlas/assets"
	"maliatlas/exchange"
	"maliatlas/geo"
	"maliatlas/project"
)

// AddFile adds a file of features as a layer, in any format geo.ReadFile
// reads; a GeoPackage with several feature tables first asks which.
func (s *Shell) AddFile(path string) error {
	if strings.EqualFold(filepath.Ext(path), ".gpkg") {
		tables, err := geo.GeoPackageTables(path)
		if err != nil {
			return err
		}
		if len(tables) > 1 {
			s.chooseTables(path, tables)
			return nil
		}
	}
	return s.AddGeoJSON(path)
}

// chooseTables asks which tables of a GeoPackage to add, each as a layer.
func (s *Shell) chooseTables(path string, tables []geo.GeoPackageTable) {
	labels := make([]string, len(tables))
	byLabel := map[string]string{}
	for i, t := range tables {
		labels[i] = fmt.Sprintf("%s (%d)", t.Title, t.Count)
		byLabel[labels[i]] = t.Name
	}
	check := widget.NewCheckGroup(labels, nil)
	check.SetSelected(labels)
	dialog.ShowCustomConfirm(s.t("ui.gpkg.tables"), s.t("ui.add"), s.t("ui.cancel"), check, func(ok bool) {
		if !ok {
			return
		}
		for _, l := range check.Selected {
			if err := s.AddGeoJSON(path + ":" + byLabel[l]); err != nil {
				dialog.ShowError(err, s.Window)
				return
			}
		}
	}, s.Window)
}

// dropped opens files dropped on the window: a project is opened, files of
// features are added as layers.
func (s *Shell) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, u := range uris {
		path := u.Path()
		var err error
		switch ext := strings.ToLower(filepath.Ext(path)); {
		case ext == project.Ext:
			err = s.OpenFile(path)
		case readable(ext):
			err = s.AddFile(path)
		default:
			err = fmt.Errorf("%s: %s", filepath.Base(path), s.t("ui.drop.unknown"))
		}
		if err != nil {
			dialog.ShowError(err, s.Window)
		}
	}
}

func readable(ext string) bool {
	for _, e := range geo.ReadableExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// showExportData asks which layers to export (those shown, and the
// annotations, are ticked), then where: the format follows the file name's
// extension (.kmz by default, for Google Earth).
func (s *Shell) showExportData() {
	var labels []string
	ids := map[string]string{}
	var selected []string
	for _, l := range s.Cat.Layers {
		if l.Spec.Context || l.Spec.Parent != "" {
			continue
		}
		label := l.Title(s.lang)
		if _, dup := ids[label]; dup {
			label += " (" + l.Spec.ID + ")"
		}
		labels = append(labels, label)
		ids[label] = l.Spec.ID
		if s.vs.Visible[l.Spec.ID] {
			selected = append(selected, label)
		}
	}
	p := s.Project()
	if len(p.Annotations) > 0 {
		label := s.t("ui.annotations")
		labels = append(labels, label)
		ids[label] = exchange.AnnotationsID
		selected = append(selected, label)
	}
	check := widget.NewCheckGroup(labels, nil)
	check.SetSelected(selected)
	hint := widget.NewLabel(s.t("ui.exportdata.hint"))
	hint.Wrapping = fyne.TextWrapWord
	form := dialog.NewCustomConfirm(s.t("ui.exportdata"), s.t("ui.exportdata.next"), s.t("ui.cancel"),
		container.NewBorder(hint, nil, nil, nil, container.NewVScroll(check)), func(ok bool) {
			if !ok || len(check.Selected) == 0 {
				return
			}
			var chosen []string
			for _, l := range check.Selected {
				chosen = append(chosen, ids[l])
			}
			s.saveData(chosen, p)
		}, s.Window)
	form.Resize(fyne.NewSize(520, 560))
	form.Show()
}

func (s *Shell) saveData(ids []string, p *project.Project) {
	s.pickSaveFile("atlas.kmz", exchange.Formats, func(path string) error {
		n, err := ExportData(s, path, ids, p)
		if err == nil {
			dialog.ShowInformation(s.t("ui.exportdata"), fmt.Sprintf(s.t("ui.exportdata.done"), n, filepath.Base(path)), s.Window)
		}
		return err
	})
}

// ExportData writes the layers ids (and the annotations) of the window's
// project to path, filtered as the map shows them, and returns the number
// of features written.
func ExportData(s *Shell, path string, ids []string, p *project.Project) (int, error) {
	if _, err := exchange.FormatOf(path); err != nil {
		return 0, err
	}
	ls, err := exchange.Gather(s.Cat, exchange.Selection{Layers: ids, Project: p, Lang: s.lang})
	if err != nil {
		return 0, err
	}
	meta := exchange.Meta{Title: assets.T(s.lang, "app.title"), Credits: assets.T(s.lang, "layout.credits"), Sources: exchange.Sources(s.Cat, ls)}
	if p.Title != "" {
		meta.Title = p.Title
	}
	if err := exchange.Write(path, ls, meta); err != nil {
		return 0, err
	}
	n := 0
	for _, l := range ls {
		n += len(l.Features)
	}
	return n, nil
}
