package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb/geojson"

	"maliatlas/project"
)

// PrefRecent is the preference key of the recent project files.
const PrefRecent = "recent"

// markDirty records a change the user would lose without saving.
func (s *Shell) markDirty() {
	s.edits++ // a save of an older snapshot leaves the project unsaved
	if !s.dirty {
		s.dirty = true
		s.updateTitle()
	}
}

// Dirty reports whether the project has unsaved changes.
func (s *Shell) Dirty() bool { return s.dirty }

// updateTitle shows the project's name in the title, with "*" before it
// while it has unsaved changes.
func (s *Shell) updateTitle() {
	title := s.t("app.title")
	name := filepath.Base(s.path)
	if s.path == "" {
		name = s.t("ui.untitled")
	}
	switch {
	case s.dirty:
		title += " — *" + name
	case s.path != "":
		title += " — " + name
	}
	if s.saving > 0 {
		title += " — " + s.t("ui.saving")
	}
	s.Window.SetTitle(title)
}

// SaveTo writes the project to path atomically, remembers it, and returns
// once it is written. It goes through the save queue like the window's
// Save (saveAsync), which does not wait.
func (s *Shell) SaveTo(path string) error {
	path = withProjectExt(path)
	snap, edits := s.Project(), s.edits
	errc := make(chan error, 1)
	s.saves.Save(path, snap, func(err error) { errc <- err })
	if err := <-errc; err != nil {
		return err
	}
	s.saved(path, snap, edits)
	return nil
}

// saveAsync writes a snapshot of the project taken now to path on the save
// queue's goroutine, so that a huge project does not stop the window; a
// second save meanwhile waits its turn. The title says "saving…" until it
// is written; then runs then (may be nil); a failure is shown and then
// does not run.
func (s *Shell) saveAsync(path string, then func()) {
	path = withProjectExt(path)
	snap, edits := s.Project(), s.edits
	s.saving++
	s.updateTitle()
	s.saves.Save(path, snap, func(err error) {
		fyne.Do(func() {
			s.saving--
			if err != nil {
				s.updateTitle()
				dialog.ShowError(err, s.Window)
			} else {
				s.saved(path, snap, edits)
				if then != nil {
					then()
				}
			}
			if s.saving == 0 && s.afterSaves != nil {
				after := s.afterSaves
				s.afterSaves = nil
				after()
			}
		})
	})
}

// saved records that snap, taken when the edit count was edits, is now
// the file at path: the project is unsaved only if it changed since.
func (s *Shell) saved(path string, snap *project.Project, edits uint64) {
	s.path = path
	s.cleanMap = mapStateOf(snap)
	s.dirty = s.edits != edits || s.mapState() != s.cleanMap
	s.addRecent(path)
	if s.autosaver != nil {
		if err := s.autosaver.Clear(snap); err != nil {
			s.showAutosaveError(err)
		}
	}
	s.updateTitle()
}

func withProjectExt(path string) string {
	if !hasProjectExt(path) {
		path += project.Ext
	}
	return path
}

func hasProjectExt(path string) bool {
	return strings.EqualFold(filepath.Ext(path), project.Ext)
}

// OpenFile loads a project file; a corrupt, truncated or newer file is
// refused with its message and the open project stays as it was. It does
// not ask about unsaved changes: the menu does (see Open).
func (s *Shell) OpenFile(path string) error {
	p, fcs, err := project.LoadFeatures(path)
	if err != nil {
		return err
	}
	// The features the check read: a large import is not read twice.
	s.preread = map[string]*geojson.FeatureCollection{}
	for i, fc := range fcs {
		if fc != nil {
			s.preread[p.Imports[i].ID] = fc
		}
	}
	s.LoadProject(p)
	s.preread = nil
	s.path, s.dirty = path, false
	s.addRecent(path)
	s.markClean()
	s.updateTitle()
	s.reportBadImports(p)
	return nil
}

// NewProject replaces the project by an empty one (File › New, after the
// question about unsaved changes).
func (s *Shell) NewProject() {
	s.LoadProject(project.New())
	s.path, s.dirty = "", false
	s.markClean()
	s.updateTitle()
}

// markClean tells the autosaver that what the window shows needs no
// recovery copy (just opened, new, or saved).
func (s *Shell) markClean() {
	if s.autosaver != nil && !s.recoveryPending {
		if err := s.autosaver.Clear(s.Project()); err != nil {
			s.showAutosaveError(err)
		}
	}
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

// confirmDiscard runs then when there is nothing unsaved, or once the user
// answered the question Save / Don't save / Cancel: after a successful save,
// or at once for Don't save; Cancel (or a failed save) runs nothing.
func (s *Shell) confirmDiscard(then func()) {
	if !s.dirty {
		then()
		return
	}
	var d *dialog.CustomDialog
	save := widget.NewButton(s.t("ui.save"), func() {
		d.Hide()
		s.saveThen(then)
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButton(s.t("ui.dontsave"), func() {
		d.Hide()
		then()
	})
	cancel := widget.NewButton(s.t("ui.cancel"), func() { d.Hide() })
	msg := widget.NewLabel(s.t("ui.unsaved.ask"))
	msg.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons(s.t("ui.unsaved.title"), container.NewGridWrap(fyne.NewSize(420, msg.MinSize().Height*2), msg), s.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	s.unsavedDialog = d
	d.Show()
}

// saveThen saves (asking where when the project has no file yet) and runs
// then once the project is saved.
func (s *Shell) saveThen(then func()) {
	if s.path == "" {
		s.showSaveAs(then)
		return
	}
	s.saveAsync(s.path, then)
}

// Open asks about unsaved changes, then for a project file to open.
func (s *Shell) Open() { s.confirmDiscard(s.showOpen) }

// OpenRecent asks about unsaved changes, then opens path.
func (s *Shell) OpenRecent(path string) {
	s.confirmDiscard(func() {
		if err := s.OpenFile(path); err != nil {
			dialog.ShowError(err, s.Window)
		}
	})
}

// New asks about unsaved changes, then starts an empty project.
func (s *Shell) New() { s.confirmDiscard(s.NewProject) }

func (s *Shell) showOpen() {
	s.pickFile([]string{project.Ext}, s.OpenFile)
}

// pickFile shows the open dialog for files with exts and hands the chosen
// path to use (closing the dialog's reader first); errors are shown.
func (s *Shell) pickFile(exts []string, use func(path string) error) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, s.Window)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		if err := use(path); err != nil {
			dialog.ShowError(err, s.Window)
		}
	}, s.Window)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Show()
}

// pickSaveFile shows the save dialog proposing name (files with exts; nil:
// any) and hands the chosen path to use, closing the dialog's writer first
// (nothing is written through it, see pathRepository); use's error is
// shown. A cancelled dialog, or one that failed, does nothing.
func (s *Shell) pickSaveFile(name string, exts []string, use func(path string) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if err := use(path); err != nil {
			dialog.ShowError(err, s.Window)
		}
	}, s.Window)
	d.SetFileName(name)
	if exts != nil {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Show()
}

// showSaveAs asks where to save, then saves and runs then (may be nil).
func (s *Shell) showSaveAs(then func()) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		s.saveAsChosen(w, err, then)
	}, s.Window)
	name := s.defaultProjectName(time.Now()) // title and date, or the saved name
	if s.path != "" {
		// Start in the project's folder.
		if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(s.path))); err == nil {
			d.SetLocation(dir)
		}
	}
	d.SetFileName(name)
	d.Show()
}

// saveAsChosen is the Save As dialog's answer. It writes through the path,
// never through w: the dialog's writer is only a name (see pathRepository),
// and the file is replaced atomically or not at all. A name without
// .matlas gets it, after asking if that file exists.
func (s *Shell) saveAsChosen(w fyne.URIWriteCloser, err error, then func()) {
	if err != nil {
		dialog.ShowError(err, s.Window)
		return
	}
	if w == nil {
		return // cancelled
	}
	path := w.URI().Path()
	_ = w.Close() // nothing was written: closing writes nothing
	save := func() { s.saveAsync(path, then) }
	if hasProjectExt(path) {
		save() // the dialog asked about replacing it
		return
	}
	path += project.Ext
	if _, err := os.Stat(path); err == nil && path != s.path {
		s.askOverwrite(path, save)
		return
	}
	save()
}

// askOverwrite asks before replacing path, then runs replace.
func (s *Shell) askOverwrite(path string, replace func()) {
	d := dialog.NewConfirm(s.t("ui.overwrite.title"), fmt.Sprintf(s.t("ui.overwrite.ask"), filepath.Base(path)), func(ok bool) {
		if ok {
			replace()
		}
	}, s.Window)
	d.SetConfirmText(s.t("ui.replace"))
	d.SetDismissText(s.t("ui.cancel"))
	s.overwriteDialog = d
	d.Show()
}

func (s *Shell) save() { s.saveThen(nil) }

func (s *Shell) rebuildMenu() {
	if s.menuless {
		return
	}
	recent := fyne.NewMenuItem(s.t("ui.recent"), nil)
	for _, p := range s.App.Preferences().StringList(PrefRecent) {
		path := p
		recent.ChildMenu = appendItem(recent.ChildMenu, fyne.NewMenuItem(filepath.Base(path), func() { s.OpenRecent(path) }))
	}
	quit := fyne.NewMenuItem(s.t("ui.quit"), s.RequestClose)
	quit.IsQuit = true
	file := fyne.NewMenu(s.t("ui.file"),
		fyne.NewMenuItem(s.t("ui.new"), s.New),
		fyne.NewMenuItem(s.t("ui.open"), s.Open),
		recent,
		fyne.NewMenuItem(s.t("ui.save"), s.save),
		fyne.NewMenuItem(s.t("ui.saveas"), func() { s.showSaveAs(nil) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(s.t("ui.addlayer"), s.showAddLayer),
		fyne.NewMenuItem(s.t("ui.export"), s.showExport),
		fyne.NewMenuItem(s.t("ui.exportdata"), s.showExportData), // app/exchange.go
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu(s.t("ui.edit"),
		fyne.NewMenuItem(s.t("ui.undo"), func() { s.Undo() }),
		fyne.NewMenuItem(s.t("ui.redo"), func() { s.Redo() }),
		fyne.NewMenuItem(s.t("ui.delete"), s.DeleteSelectedAnnotation),
	)
	s.Window.SetMainMenu(fyne.NewMainMenu(file, edit, s.exerciseMenu() /* exercise.go */))
	s.menuShortcuts()
}

func appendItem(m *fyne.Menu, it *fyne.MenuItem) *fyne.Menu {
	if m == nil {
		m = fyne.NewMenu("")
	}
	m.Items = append(m.Items, it)
	return m
}
