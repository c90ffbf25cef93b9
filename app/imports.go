package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"maliatlas/events"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
)

// syncImports makes the catalogue's user layers exactly the project's
// readable imports: the previous project's imports go. The catalogue and
// scene are replaced, not changed, so a frame being drawn is not disturbed.
func (s *Shell) syncImports() {
	have := map[string]*layers.Layer{}
	for _, l := range s.Cat.UserLayers() {
		have[l.Spec.ID] = l
	}
	var ls []*layers.Layer
	built := map[string][]byte{}
	for i, im := range s.proj.Imports {
		if im.Problem != nil {
			continue
		}
		// A layer is kept only if made from these very data (another
		// project may use the same id for other data).
		if l := have[im.ID]; l != nil && l.Spec.Order == 1000+i && sameData(s.importData[im.ID], im.GeoJSON) {
			ls = append(ls, l)
			built[im.ID] = im.GeoJSON
			continue
		}
		fc, err := s.preread[im.ID], error(nil)
		if fc == nil {
			_, fc, err = project.ReadImport(im.Title, im.GeoJSON)
		}
		if err != nil {
			// Decode checked it: only a changed reader gets here.
			s.proj.Imports[i].Problem = err
			continue
		}
		ls = append(ls, layers.NewUserLayer(im.ID, im.Title, fc, i))
		built[im.ID] = im.GeoJSON
	}
	s.importData = built
	s.setCatalog(s.Cat.WithUserLayers(ls...))
}

// sameData reports whether a and b are the same slice (imported data are
// never changed in place).
func sameData(a, b []byte) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
}

// setCatalog hands a new catalogue to the map and the panels.
func (s *Shell) setCatalog(cat *layers.Catalog) {
	s.Cat = cat
	s.Scene = s.Scene.WithCatalog(cat)
	s.Map.SetScene(s.Scene)
	for id := range s.vs.Visible {
		if s.Cat.Layer(id) == nil {
			delete(s.vs.Visible, id)
		}
	}
	for _, l := range cat.UserLayers() {
		if _, ok := s.vs.Visible[l.Spec.ID]; !ok {
			s.vs.Visible[l.Spec.ID] = true
		}
	}
	if s.selected != nil && s.Cat.Feature(s.selected.ID) != s.selected {
		s.selected = nil
	}
	s.hovered = nil
	s.highlight = nil
	s.layerPanel.Rebuild()
}

// AddGeoJSON reads a GeoJSON or CSV file into the project as a new layer.
// What it accepts is what a project accepts on load (project.NewImport).
func (s *Shell) AddGeoJSON(path string) error {
	if events.IsEventFile(path) || hasSavedMapping(path) { // an event layer (app/events.go)
		s.AddEvents(path)
		return nil
	}
	imp, _, err := project.NewImport(path, func(id string) bool {
		return s.Cat.Layer(id) != nil || s.importIndex(id) >= 0
	})
	if err != nil && strings.EqualFold(filepath.Ext(path), ".csv") && !readsAsFeatures(path) {
		// A table that is not a layer of features may be events: map its columns.
		if _, _, eerr := events.ReadFile(context.Background(), path, events.Options{}); eerr != nil {
			if me, ok := mappingNeeded(eerr); ok {
				s.askMapping(path, me)
				return nil
			}
		} else {
			s.AddEvents(path)
			return nil
		}
	}
	if err != nil {
		return err
	}
	s.proj.Imports = append(s.proj.Imports, imp)
	s.syncImports()
	s.vs.Visible[imp.ID] = true
	s.layerPanel.Rebuild()
	s.markDirty()
	s.apply()
	return nil
}

func (s *Shell) importIndex(id string) int {
	for i, im := range s.proj.Imports {
		if im.ID == id {
			return i
		}
	}
	return -1
}

// reportBadImports tells which imports of p could not be read: the rest
// of the project is open, those layers are not shown, their data are kept.
func (s *Shell) reportBadImports(p *project.Project) {
	var msgs []string
	for _, im := range p.Imports {
		if im.Problem != nil {
			msgs = append(msgs, im.Problem.Error())
		}
	}
	if len(msgs) == 0 {
		return
	}
	const most = 5
	if len(msgs) > most {
		msgs = append(msgs[:most], fmt.Sprintf("… (%d more)", len(msgs)-most))
	}
	s.lastImportProblem = s.t("ui.import.bad") + ":\n" + strings.Join(msgs, "\n")
	dialog.ShowError(errors.New(s.lastImportProblem), s.Window)
}

func (s *Shell) showAddLayer() {
	s.pickFile(geo.ReadableExtensions, s.AddFile)
}

// readsAsFeatures reports whether path is a table of features (it has a
// WKT column or longitude and latitude columns, even if some rows are bad);
// a CSV without them may be events whose columns the user maps.
func readsAsFeatures(path string) bool {
	_, err := geo.ReadFile(path)
	return err == nil || !strings.Contains(err.Error(), "no geometry: need a wkt column")
}
