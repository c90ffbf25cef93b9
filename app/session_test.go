package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
	"maliatlas/project"
)

// findButton returns the button labelled label in the window's dialogs.
func findButton(s *Shell, label string) *widget.Button {
	for _, o := range s.Window.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if b, ok := obj.(*widget.Button); ok && b.Text == label && b.Visible() {
				return b
			}
		}
	}
	return nil
}

func tapButton(t *testing.T, s *Shell, label string) {
	t.Helper()
	b := findButton(s, label)
	require.NotNil(t, b, "no button %q in a dialog", label)
	test.Tap(b)
}

// dialogWriter is the writer Fyne's save dialog hands to its callback for
// path: storage.Writer, which today's Fyne opens with os.Create.
func dialogWriter(t *testing.T, path string) fyne.URIWriteCloser {
	t.Helper()
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	return w
}

func addMark(s *Shell, text string) {
	s.AddAnnotation(project.Annotation{Kind: project.KindText, Points: [][2]float64{{-1, 16}}, Text: text, Size: 14})
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func TestSaveAsWritesThroughThePathNotTheDialogsWriter(t *testing.T) {
	s := newTestShell(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "work.matlas")
	require.NoError(t, os.WriteFile(path, []byte("the user's old project"), 0o644))

	// The dialog's writer does not empty the file it names.
	w := dialogWriter(t, path)
	assert.Equal(t, "the user's old project", readString(t, path), "the save dialog emptied the file")

	// A refused save leaves the old file whole.
	s.proj.Annotations = append(s.proj.Annotations, project.Annotation{ID: "bad", Kind: "blob", Points: [][2]float64{{0, 0}}})
	s.saveAsChosen(w, nil, nil)
	s.saves.Wait()
	assert.Equal(t, "the user's old project", readString(t, path))
	assert.NotNil(t, findButton(s, "OK"), "the refusal is shown")
	tapButton(t, s, "OK")

	// A good save replaces it.
	s.proj.Annotations = nil
	addMark(s, "Gao")
	s.saveAsChosen(dialogWriter(t, path), nil, nil)
	s.saves.Wait()
	p, err := project.Load(path)
	require.NoError(t, err)
	assert.Equal(t, "Gao", p.Annotations[0].Text)
	assert.False(t, s.Dirty())
}

func TestSaveAsAddsTheExtensionWithoutAStrayFileAndAsksBeforeReplacing(t *testing.T) {
	s := newTestShell(t)
	dir := t.TempDir()
	addMark(s, "first")
	s.saveAsChosen(dialogWriter(t, filepath.Join(dir, "brief")), nil, nil)
	s.saves.Wait()
	assert.FileExists(t, filepath.Join(dir, "brief.matlas"))
	assert.NoFileExists(t, filepath.Join(dir, "brief"), "an empty file was left under the name typed")

	// brief.matlas exists: choosing "brief" again from another project asks first.
	s2 := newTestShell(t)
	addMark(s2, "second")
	s2.saveAsChosen(dialogWriter(t, filepath.Join(dir, "brief")), nil, nil)
	require.NotNil(t, s2.overwriteDialog, "no question before replacing brief.matlas")
	p, err := project.Load(filepath.Join(dir, "brief.matlas"))
	require.NoError(t, err)
	assert.Equal(t, "first", p.Annotations[0].Text, "replaced before the answer")
	tapButton(t, s2, "Cancel")
	p, _ = project.Load(filepath.Join(dir, "brief.matlas"))
	assert.Equal(t, "first", p.Annotations[0].Text)

	s2.saveAsChosen(dialogWriter(t, filepath.Join(dir, "brief")), nil, nil)
	tapButton(t, s2, "Replace")
	s2.saves.Wait()
	p, _ = project.Load(filepath.Join(dir, "brief.matlas"))
	assert.Equal(t, "second", p.Annotations[0].Text)
}

func TestCancelledExportLeavesTheOldFile(t *testing.T) {
	s := newTestShell(t)
	path := filepath.Join(t.TempDir(), "map.png")
	require.NoError(t, os.WriteFile(path, []byte("last week's map"), 0o644))
	s.exportContext = func() (context.Context, context.CancelFunc) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // the user pressed Cancel at once
		return ctx, cancel
	}
	st := s.DefaultExportSettings()
	s.exportChosen(dialogWriter(t, path), nil, st)
	s.exporting.Wait()
	assert.Equal(t, "last week's map", readString(t, path), "a cancelled export removed or emptied the old file")
	entries, _ := os.ReadDir(filepath.Dir(path))
	assert.Len(t, entries, 1, "temporary files left")

	// Not cancelled, it is replaced by a whole PNG.
	s.exportContext = nil
	s.exportChosen(dialogWriter(t, path), nil, st)
	s.exporting.Wait()
	assert.True(t, strings.HasPrefix(readString(t, path), "\x89PNG"))
}

func TestUnsavedChangesAreNotDroppedWithoutAQuestion(t *testing.T) {
	s := newTestShell(t)
	assert.Equal(t, "Mali Routes Atlas", s.Window.Title())
	addMark(s, "unsaved")
	assert.Equal(t, "Mali Routes Atlas — *untitled", s.Window.Title(), "no modified marker")

	// New: Cancel keeps everything.
	s.New()
	require.NotNil(t, findButton(s, "Don't save"), "New dropped unsaved work without asking")
	tapButton(t, s, "Cancel")
	assert.Len(t, s.Annotations(), 1)

	// Open recent: Save first (asks where: no file yet), Don't save drops.
	other := filepath.Join(t.TempDir(), "other.matlas")
	require.NoError(t, project.Save(other, project.New()))
	s.OpenRecent(other)
	require.NotNil(t, findButton(s, "Don't save"), "Open recent dropped unsaved work without asking")
	tapButton(t, s, "Don't save")
	assert.Empty(t, s.Annotations())
	assert.Equal(t, "Mali Routes Atlas — other.matlas", s.Window.Title())

	// Open: asks; Save writes the project to its file, then goes on.
	addMark(s, "kept")
	assert.Equal(t, "Mali Routes Atlas — *other.matlas", s.Window.Title())
	s.Open()
	tapButton(t, s, "Save")
	s.saves.Wait()
	p, err := project.Load(other)
	require.NoError(t, err)
	assert.Equal(t, "kept", p.Annotations[0].Text)
	assert.False(t, s.Dirty())
}

func TestQuitWithUnsavedChangesAsksAndANormalQuitLeavesNoRecovery(t *testing.T) {
	dir := t.TempDir()
	s := newTestShell(t)
	s.StartAutosave(dir)
	addMark(s, "unsaved")
	// An autosave happened meanwhile.
	require.NoError(t, s.autosaver.SaveNow(s.Project()))
	require.FileExists(t, project.RecoveryPath(dir))

	s.RequestClose()
	assert.False(t, s.closed, "Quit closed with unsaved work without asking")
	tapButton(t, s, "Cancel")
	assert.False(t, s.closed)

	s.RequestClose()
	tapButton(t, s, "Don't save")
	assert.True(t, s.closed)
	assert.NoFileExists(t, project.RecoveryPath(dir), "a normal quit left a recovery copy: the next start would say the atlas did not close normally")

	s2 := newTestShell(t)
	s2.StartAutosave(dir)
	assert.False(t, s2.recoveryPending)
	assert.Nil(t, findButton(s2, "Restore"))
}

func TestRecoveryCopyIsKeptUntilAnswered(t *testing.T) {
	dir := t.TempDir()
	crashed := project.New()
	crashed.Annotations = []project.Annotation{{ID: "a1", Kind: project.KindText, Points: [][2]float64{{-1, 16}}, Text: "from the crash"}}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, project.Save(project.RecoveryPath(dir), crashed))
	before := readString(t, project.RecoveryPath(dir))

	s := newTestShell(t)
	s.StartAutosave(dir)
	require.True(t, s.recoveryPending)
	require.NotNil(t, findButton(s, "Restore"))
	// Left unanswered: the autosave does not write the blank session over it.
	s.autosaveTick()
	addMark(s, "new work")
	s.autosaveTick()
	time.Sleep(50 * time.Millisecond)
	assert.Equal(t, before, readString(t, project.RecoveryPath(dir)), "autosave wrote over an unanswered recovery copy")
	// Closing the window with the question open keeps it.
	s.RequestClose()
	assert.True(t, s.closed)
	assert.Equal(t, before, readString(t, project.RecoveryPath(dir)), "closing during the question destroyed the recovery copy")

	// The next start asks again; Restore brings the work back.
	s2 := newTestShell(t)
	s2.StartAutosave(dir)
	tapButton(t, s2, "Restore")
	require.Len(t, s2.Annotations(), 1)
	assert.Equal(t, "from the crash", s2.Annotations()[0].Text)
	assert.True(t, s2.Dirty())
	s2.shutdown(true)
}

func TestCloseWithoutTheQuestionWritesTheLastAutosave(t *testing.T) {
	dir := t.TempDir()
	s := newTestShell(t)
	s.StartAutosave(dir)
	addMark(s, "last minute")
	// The session ends without a question (e.g. the system logs out): the
	// last autosave runs on the UI goroutine, no fyne.Do involved.
	s.shutdown(true)
	p, found, err := project.Recover(dir)
	require.True(t, found, "no recovery copy written on close")
	require.NoError(t, err)
	require.Len(t, p.Annotations, 1)
	assert.Equal(t, "last minute", p.Annotations[0].Text)
}

func TestAutosaveErrorsAreShown(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "notadir")
	require.NoError(t, os.WriteFile(dir, []byte("x"), 0o644))
	s := newTestShell(t)
	s.StartAutosave(dir)
	addMark(s, "x")
	s.autosaveTick()
	deadline := time.Now().Add(10 * time.Second)
	for s.autosaver.Err() == nil && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	require.Error(t, s.autosaver.Err())
	assert.Contains(t, s.autosaveErrShown, "notadir", "the autosave error was not shown")
	assert.NotNil(t, findButton(s, "OK"))
}

func TestFyneDoMigrationIsDeclared(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	require.NoError(t, err)
	text := string(data)
	i := strings.Index(text, "[Migrations]")
	require.GreaterOrEqual(t, i, 0, "FyneApp.toml declares no [Migrations]")
	assert.Regexp(t, `(?m)^\s*fyneDo\s*=\s*true`, text[i:])
}

// plantTemp writes a temporary file as an interrupted write leaves it,
// last written age ago.
func plantTemp(t *testing.T, path string, age time.Duration) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte("half a save"), 0o644))
	when := time.Now().Add(-age)
	require.NoError(t, os.Chtimes(path, when, when))
}

func TestCrashTempFilesAreRemovedAtStart(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "work.matlas")
	require.NoError(t, project.Save(proj, project.New()))
	left := filepath.Join(dir, ".work.matlas.tmp-3f9a")
	plantTemp(t, left, 2*geo.StaleTemp)
	auto := filepath.Join(dir, "auto")
	require.NoError(t, os.MkdirAll(auto, 0o755))
	leftAuto := filepath.Join(auto, ".recovery.matlas.tmp-77")
	plantTemp(t, leftAuto, 2*geo.StaleTemp)
	// A fresh one may be another window's save in progress: kept.
	busy := filepath.Join(auto, ".recovery.matlas.tmp-78")
	plantTemp(t, busy, time.Second)

	s := newTestShell(t)
	s.App.Preferences().SetStringList(PrefRecent, []string{proj})
	s.StartAutosave(auto)
	assert.NoFileExists(t, left)
	assert.NoFileExists(t, leftAuto)
	assert.FileExists(t, busy)
	assert.FileExists(t, proj)
}

// TestTheRealSaveDialogDoesNotEmptyTheFile drives Fyne's own save dialog:
// the project's file is chosen again, "Overwrite?" answered yes, and the
// save then refused (an invalid project): the file must still hold the old
// project.
func TestTheRealSaveDialogDoesNotEmptyTheFile(t *testing.T) {
	s := newTestShell(t)
	path := filepath.Join(t.TempDir(), "work.matlas")
	addMark(s, "old")
	require.NoError(t, s.SaveTo(path))
	old := readString(t, path)

	s.proj.Annotations = append(s.proj.Annotations, project.Annotation{ID: "bad", Kind: "blob", Points: [][2]float64{{0, 0}}})
	s.markDirty()
	s.showSaveAs(nil)
	tapButton(t, s, "Save")
	// Fyne asks before replacing an existing file.
	tapButton(t, s, "Yes")
	s.saves.Wait()
	assert.Equal(t, old, readString(t, path), "the save dialog emptied the file before the save was refused")
	assert.True(t, s.Dirty())
}
