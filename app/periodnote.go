package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// mapNotes is a message laid over the top of the map: e.g. that the year
// chosen has no feature in the overlays shown. It takes no pointer events.
type mapNotes struct {
	bg   *canvas.Rectangle
	text *canvas.Text
	box  *fyne.Container
}

func newMapNotes() *mapNotes {
	n := &mapNotes{bg: canvas.NewRectangle(color.NRGBA{30, 30, 30, 215}), text: canvas.NewText("", color.White)}
	n.bg.CornerRadius = 6
	n.text.TextSize = 14
	n.box = container.New(&noteLayout{n}, n.bg, n.text)
	n.bg.Hide()
	n.text.Hide()
	return n
}

func (n *mapNotes) set(msg string) {
	if msg == n.text.Text && n.text.Visible() == (msg != "") {
		return
	}
	n.text.Text = msg
	if msg == "" {
		n.bg.Hide()
		n.text.Hide()
	} else {
		n.bg.Show()
		n.text.Show()
	}
	n.box.Refresh()
}

type noteLayout struct{ n *mapNotes }

func (l *noteLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	ts := l.n.text.MinSize()
	w := min(ts.Width+24, size.Width-16)
	pos := fyne.NewPos((size.Width-w)/2, 14)
	l.n.bg.Move(pos)
	l.n.bg.Resize(fyne.NewSize(w, ts.Height+14))
	l.n.text.Move(pos.Add(fyne.NewPos(12, 7)))
	l.n.text.Resize(ts)
}

func (l *noteLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

// mapWithNotes is the map with the notes over it.
func (s *Shell) mapWithNotes() fyne.CanvasObject {
	s.notes = newMapNotes()
	s.profile = s.newRouteProfilePanel() // eventprofilepanel.go: under the map
	return container.NewBorder(nil, s.profile.box, nil, nil, container.NewStack(s.Map, s.notes.box))
}

// PeriodNote is what the map says about the period: that no feature of
// the overlays shown is dated in it ("" when some are, or for all years).
func (s *Shell) PeriodNote() string {
	if s.vs.Period.IsZero() {
		return ""
	}
	o := s.Options()
	shown := 0
	for _, id := range o.Visible {
		l := s.Cat.Layer(id)
		if l == nil || l.Spec.Group != "overlay" {
			continue
		}
		shown++
		if l.CountKept(o.Filter) > 0 {
			return ""
		}
	}
	if shown == 0 {
		return ""
	}
	return fmt.Sprintf(s.t("ui.period.none"), s.vs.Period.Label(s.lang))
}

// updateNotes shows the notes for the current state.
func (s *Shell) updateNotes() {
	if s.notes != nil {
		s.notes.set(s.PeriodNote())
	}
}
