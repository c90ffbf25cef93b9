package app

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"maliatlas/geo"
	"maliatlas/project"
)

// PrefRecent is the preference key of the recent project files.
const PrefRecent = "recent"

// importLayers adds the project's imported GeoJSON layers to the map (once).
func (s *Shell) importLayers(imps []project.Import) {
	for i, imp := range imps {
		if s.Cat.Layer(imp.ID) != nil {
			continue
		}
		fc, err := geo.ReadFeatureCollection(imp.Title, bytes.NewReader(imp.GeoJSON))
		if err != nil {
			dialog.ShowError(err, s.Window)
			continue
		}
		s.Cat.AddUserLayer(imp.ID, imp.Title, fc, i)
		s.visible[imp.ID] = true
	}
	s.layerPanel.Rebuild()
}

// AddGeoJSON reads a file of features (any format geo.ReadFile reads, e.g.
// "x.gpkg:table") into the project as a new layer.
func (s *Shell) AddGeoJSON(path string) error {
	fc, err := geo.ReadFile(path) // first: it refuses a file too large to read
	if err != nil {
		return err
	}
	var data []byte
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".geojson" || ext == ".json" {
		if data, err = geo.ReadInputFile(path); err != nil { // without a byte order mark
			return err
		}
	} else if data, err = fc.MarshalJSON(); err != nil { // the project keeps every import as GeoJSON
		return err
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	id := fmt.Sprintf("import%d-%s", len(s.proj.Imports)+1, base)
	imp := project.Import{ID: id, Title: filepath.Base(path), Source: path, GeoJSON: data}
	s.proj.Imports = append(s.proj.Imports, imp)
	s.importLayers([]project.Import{imp})
	s.markDirty()
	s.apply()
	return nil
}

func (s *Shell) markDirty() { s.dirty = true }

// SaveTo writes the project to path atomically and remembers it.
func (s *Shell) SaveTo(path string) error {
	if !strings.HasSuffix(path, project.Ext) {
		path += project.Ext
	}
	if err := project.Save(path, s.Project()); err != nil {
		return err
	}
	s.path, s.dirty = path, false
	s.addRecent(path)
	if s.autosaver != nil {
		_ = s.autosaver.Clear()
	}
	s.Window.SetTitle(s.t("app.title") + " — " + filepath.Base(path))
	return nil
}

// OpenFile loads a project file; a corrupt, truncated or newer file is
// refused with its message and the open project stays as it was.
func (s *Shell) OpenFile(path string) error {
	p, err := project.Load(path)
	if err != nil {
		return err
	}
	s.LoadProject(p)
	s.path, s.dirty = path, false
	s.addRecent(path)
	s.Window.SetTitle(s.t("app.title") + " — " + filepath.Base(path))
	return nil
}

func (s *Shell) addRecent(path string) {
	list := []string{path}
	for _, p := range s.App.Preferences().StringList(PrefRecent) {
		if p != path && len(list) < 8 {
			list = append(list, p)
		}
	}
	s.App.Preferences().SetStringList(PrefRecent, list)
	s.rebuildMenu()
}

func (s *Shell) showOpen() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		if err := s.OpenFile(path); err != nil {
			dialog.ShowError(err, s.Window)
		}
	}, s.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{project.Ext}))
	d.Show()
}

func (s *Shell) showSaveAs() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if err := s.SaveTo(path); err != nil {
			dialog.ShowError(err, s.Window)
		}
	}, s.Window)
	d.SetFileName("briefing" + project.Ext)
	d.Show()
}

func (s *Shell) save() {
	if s.path == "" {
		s.showSaveAs()
		return
	}
	if err := s.SaveTo(s.path); err != nil {
		dialog.ShowError(err, s.Window)
	}
}

func (s *Shell) showAddLayer() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		if err := s.AddFile(path); err != nil {
			dialog.ShowError(err, s.Window)
		}
	}, s.Window)
	d.SetFilter(storage.NewExtensionFileFilter(geo.ReadableExtensions))
	d.Show()
}

// StartAutosave saves a recovery copy every 30 s and on exit into dir; if a
// recovery file is there from a crash, it offers to restore it first.
func (s *Shell) StartAutosave(dir string) {
	p, found, err := project.Recover(dir)
	if found {
		if err != nil {
			dialog.ShowError(fmt.Errorf("%s: %w", s.t("ui.recover.bad"), err), s.Window)
		} else {
			dialog.ShowConfirm(s.t("ui.recover.title"), s.t("ui.recover.ask"), func(ok bool) {
				if ok {
					s.LoadProject(p)
					s.dirty = true
				}
			}, s.Window)
		}
	}
	s.autosaver = project.NewAutosaver(dir, 30*time.Second, func() *project.Project {
		var p *project.Project
		fyne.DoAndWait(func() { p = s.Project() })
		return p
	})
	if !found {
		// Nothing made yet: an untouched session leaves no recovery file.
		_ = s.autosaver.Clear()
	}
	s.autosaver.Start()
	s.Window.SetCloseIntercept(func() {
		if s.dirty {
			_ = s.autosaver.Stop() // keep the recovery copy
		} else {
			_ = s.autosaver.Stop()
			_ = s.autosaver.Clear()
		}
		s.Window.Close()
	})
}

func (s *Shell) rebuildMenu() {
	if s.menuless {
		return
	}
	recent := fyne.NewMenuItem(s.t("ui.recent"), nil)
	for _, p := range s.App.Preferences().StringList(PrefRecent) {
		path := p
		recent.ChildMenu = appendItem(recent.ChildMenu, fyne.NewMenuItem(filepath.Base(path), func() {
			if err := s.OpenFile(path); err != nil {
				dialog.ShowError(err, s.Window)
			}
		}))
	}
	file := fyne.NewMenu(s.t("ui.file"),
		fyne.NewMenuItem(s.t("ui.open"), s.showOpen),
		recent,
		fyne.NewMenuItem(s.t("ui.save"), s.save),
		fyne.NewMenuItem(s.t("ui.saveas"), s.showSaveAs),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(s.t("ui.addlayer"), s.showAddLayer),
		fyne.NewMenuItem(s.t("ui.export"), s.showExport),
		fyne.NewMenuItem(s.t("ui.exportdata"), s.showExportData), // app/exchange.go
	)
	edit := fyne.NewMenu(s.t("ui.edit"),
		fyne.NewMenuItem(s.t("ui.undo"), func() { s.Undo() }),
		fyne.NewMenuItem(s.t("ui.redo"), func() { s.Redo() }),
		fyne.NewMenuItem(s.t("ui.delete"), s.DeleteSelectedAnnotation),
	)
	s.Window.SetMainMenu(fyne.NewMainMenu(file, edit))
}

func appendItem(m *fyne.Menu, it *fyne.MenuItem) *fyne.Menu {
	if m == nil {
		m = fyne.NewMenu("")
	}
	m.Items = append(m.Items, it)
	return m
}
