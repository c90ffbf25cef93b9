package app

import "fyne.io/fyne/v2"

// heldWindow is what a full-screen mode (the briefing presenter, the
// exercise presenter) takes from the window and gives back when it ends:
// content, keys, menu, padding, full-screen state and size.
type heldWindow struct {
	old     fyne.CanvasObject
	oldKey  func(*fyne.KeyEvent)
	oldRune func(rune)
	oldMenu *fyne.MainMenu
	oldSize fyne.Size
	padded  bool
	wasFull bool
}

// holdWindow records w's state before a full-screen mode takes it over.
func holdWindow(w fyne.Window) heldWindow {
	c := w.Canvas()
	return heldWindow{
		old: w.Content(), oldKey: c.OnTypedKey(), oldRune: c.OnTypedRune(),
		oldMenu: w.MainMenu(), wasFull: w.FullScreen(), oldSize: c.Size(), padded: w.Padded(),
	}
}

// takeOver shows root full screen, without menu or padding (the map to the
// screen's edges); keys go to onKey only (no zooming by + and -).
func (h heldWindow) takeOver(w fyne.Window, root fyne.CanvasObject, onKey func(fyne.KeyName)) {
	c := w.Canvas()
	c.Unfocus()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { onKey(ev.Name) })
	c.SetOnTypedRune(func(rune) {})
	w.SetMainMenu(nil)
	w.SetPadded(false)
	w.SetContent(root)
	w.SetFullScreen(true)
}

// giveBack restores what holdWindow recorded. The old content is laid out
// again even when the window's size did not change: the map comes back
// into its split.
func (h heldWindow) giveBack(w fyne.Window) {
	c := w.Canvas()
	c.SetOnTypedKey(h.oldKey)
	c.SetOnTypedRune(h.oldRune)
	w.SetPadded(h.padded)
	w.SetContent(h.old)
	w.SetMainMenu(h.oldMenu)
	if !h.wasFull {
		w.SetFullScreen(false)
		w.Resize(h.oldSize)
	}
	if o, ok := h.old.(*fyne.Container); ok {
		o.Refresh()
	}
}
