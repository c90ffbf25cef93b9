package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// AppendNote adds a paragraph (and a picture, if any) under what the panel
// shows: a route's event profile under the route's narrative.
func (p *NarrativePanel) AppendNote(text string, img ...*canvas.Image) {
	lbl := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lbl.Wrapping = fyne.TextWrapWord
	for _, im := range img {
		p.body.Objects = append(p.body.Objects, im)
	}
	p.body.Objects = append(p.body.Objects, lbl)
	p.body.Refresh()
}
