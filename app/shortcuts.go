package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keyboard shortcuts of the window. Fyne turns Ctrl+Z into fyne.ShortcutUndo
// and Ctrl+Y into fyne.ShortcutRedo before any custom shortcut is matched,
// so those are what the canvas must listen for; Ctrl+Shift+Z redoes too.
var (
	scUndo     fyne.KeyboardShortcut = &fyne.ShortcutUndo{}
	scRedo     fyne.KeyboardShortcut = &fyne.ShortcutRedo{}
	scRedoAlt  fyne.KeyboardShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	scSave     fyne.KeyboardShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	scOpen     fyne.KeyboardShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	scDelete   fyne.KeyboardShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyDelete}
	scUndoKeys fyne.KeyboardShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
)

// addEditShortcuts registers undo and redo on the canvas.
func (s *Shell) addEditShortcuts() {
	c := s.Window.Canvas()
	undo := func(fyne.Shortcut) { s.Undo() }
	redo := func(fyne.Shortcut) { s.Redo() }
	c.AddShortcut(scUndo, undo)
	c.AddShortcut(scUndoKeys, undo) // a driver that passes Ctrl+Z through as keys
	c.AddShortcut(scRedo, redo)
	c.AddShortcut(scRedoAlt, redo)
}

// menuShortcuts shows each menu item's shortcut beside it (the canvas
// handles the keys; on Linux and Windows the menu only shows them).
func (s *Shell) menuShortcuts() {
	mm := s.Window.MainMenu()
	if mm == nil {
		return
	}
	by := map[string]fyne.Shortcut{
		s.t("ui.undo"):   scUndo,
		s.t("ui.redo"):   scRedo,
		s.t("ui.save"):   scSave,
		s.t("ui.open"):   scOpen,
		s.t("ui.delete"): scDelete,
	}
	for _, m := range mm.Items {
		for _, it := range m.Items {
			if sc, ok := by[it.Label]; ok && it.Shortcut == nil {
				it.Shortcut = sc
			}
		}
	}
	mm.Refresh()
}
