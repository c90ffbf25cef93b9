package app

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/project"
)

type shortcutTyper interface{ TypedShortcut(fyne.Shortcut) }

// canvasShortcuts is the canvas's shortcut handler: the test canvas keeps
// it in its embedded software canvas.
func canvasShortcuts(c fyne.Canvas) (shortcutTyper, bool) {
	if st, ok := c.(shortcutTyper); ok {
		return st, true
	}
	v := reflect.ValueOf(c)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if f := v.FieldByName("WindowlessCanvas"); f.IsValid() && f.CanInterface() {
		st, ok := f.Interface().(shortcutTyper)
		return st, ok
	}
	return nil, false
}

// TestUndoRedoShortcuts: Ctrl+Z reaches the canvas as fyne.ShortcutUndo,
// Ctrl+Y as fyne.ShortcutRedo; Ctrl+Shift+Z redoes too.
func TestUndoRedoShortcuts(t *testing.T) {
	s := newTestShell(t)
	c, ok := canvasShortcuts(s.Window.Canvas())
	require.True(t, ok)
	s.AddAnnotation(project.Annotation{Kind: project.KindMarker, Points: [][2]float64{{-3, 17}}, Text: "Camp"})
	require.Len(t, s.Annotations(), 1)
	c.TypedShortcut(&fyne.ShortcutUndo{})
	assert.Empty(t, s.Annotations(), "Ctrl+Z undoes")
	c.TypedShortcut(&fyne.ShortcutRedo{})
	assert.Len(t, s.Annotations(), 1, "Ctrl+Y redoes")
	c.TypedShortcut(&fyne.ShortcutUndo{})
	require.Empty(t, s.Annotations())
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	assert.Len(t, s.Annotations(), 1, "Ctrl+Shift+Z redoes")
}

func TestMenusShowShortcuts(t *testing.T) {
	s := newTestShell(t)
	for _, lang := range []string{"en", "fr"} {
		s.SetLang(lang)
		mm := s.Window.MainMenu()
		require.NotNil(t, mm)
		want := map[string]bool{s.t("ui.undo"): false, s.t("ui.redo"): false, s.t("ui.save"): false, s.t("ui.open"): false}
		for _, m := range mm.Items {
			for _, it := range m.Items {
				if _, ok := want[it.Label]; ok {
					want[it.Label] = it.Shortcut != nil
				}
			}
		}
		for label, has := range want {
			assert.True(t, has, "%s: menu item %q shows its shortcut", lang, label)
		}
	}
}
