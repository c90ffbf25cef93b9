package app

import "fyne.io/fyne/v2"

// rightColumnWidth is the least width of the right column (narrative,
// search results, annotation editor, briefing panel): the same for all, so
// switching between them never moves the map.
const rightColumnWidth = 320

// fixedWidth lays its objects over its whole area and asks for the same
// minimum width whatever they hold.
type fixedWidth struct{ w float32 }

func (l fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.w, h)
}

func (l fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// rightColumn holds the right panel at a stable width.
func rightColumn(o fyne.CanvasObject) fyne.CanvasObject {
	return &fyne.Container{Layout: fixedWidth{rightColumnWidth}, Objects: []fyne.CanvasObject{o}}
}
