package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// AppendNote adds a paragraph (and a picture, if any) under what the panel
// shows: a route's event profile under the route's narrative.
// It returns the paragraph (for RemoveNote).
func (p *NarrativePanel) AppendNote(text string, img ...*canvas.Image) fyne.CanvasObject {
	lbl := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lbl.Wrapping = fyne.TextWrapWord
	for _, im := range img {
		p.body.Objects = append(p.body.Objects, im)
	}
	p.body.Objects = append(p.body.Objects, lbl)
	p.body.Refresh()
	return lbl
}

// HasNote reports whether the panel still shows note.
func (p *NarrativePanel) HasNote(note fyne.CanvasObject) bool {
	return note != nil && slices.Contains(p.body.Objects, note)
}

// RemoveNote takes note away (nothing when it is not shown).
func (p *NarrativePanel) RemoveNote(note fyne.CanvasObject) {
	if !p.HasNote(note) {
		return
	}
	p.body.Objects = slices.DeleteFunc(p.body.Objects, func(o fyne.CanvasObject) bool { return o == note })
	p.body.Refresh()
}
