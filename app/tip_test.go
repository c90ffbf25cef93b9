package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTipBoxStaysInTheMapAndShowsItsText(t *testing.T) {
	measure := func(s string) fyne.Size { return fyne.MeasureText(s, 12, fyne.TextStyle{}) }
	area := fyne.NewSize(400, 300)
	long := strings.Repeat("Institutions and enforcement · Places singled out by the reports ", 3)
	for _, at := range []fyne.Position{{X: 10, Y: 10}, {X: 390, Y: 290}, {X: 200, Y: 150}, {X: 0, Y: 0}} {
		for _, text := range []string{"Gao · Towns", long} {
			shown, pos, box := placeTipBox(text, at, area, measure)
			assert.GreaterOrEqual(t, pos.X, float32(0), "%v %q", at, text)
			assert.GreaterOrEqual(t, pos.Y, float32(0))
			assert.LessOrEqual(t, pos.X+box.Width, area.Width, "%v: the bar ends inside the map", at)
			assert.LessOrEqual(t, pos.Y+box.Height, area.Height)
			assert.InDelta(t, measure(shown).Width+2*tipPadX, box.Width, 0.01, "the bar is as wide as its text")
			if text == long {
				assert.True(t, strings.HasSuffix(shown, "…"), "a long tip is shortened")
				assert.True(t, strings.HasPrefix(long, strings.TrimSuffix(shown, "…")))
			} else {
				assert.Equal(t, text, shown)
			}
		}
	}
}

// TestNoTipWhileDragging: dragging the map hides the tooltip and the hover
// highlight, and moving the pointer during the drag does not bring them back.
func TestNoTipWhileDragging(t *testing.T) {
	s := newTestShell(t)
	bamako := screenOf(s, orb.Point{-8.0, 12.65})
	var hit fyne.Position
	found := false
	// Find a point near Bamako that has a tooltip.
	for dx := float32(-6); dx <= 6 && !found; dx += 2 {
		for dy := float32(-6); dy <= 6 && !found; dy += 2 {
			p := bamako.Add(fyne.NewPos(dx, dy))
			s.Map.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}})
			if s.Map.Tip() != "" {
				hit, found = p, true
			}
		}
	}
	require.True(t, found, "a tooltip near Bamako")
	require.NotNil(t, s.hovered)
	s.Map.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: hit}, Dragged: fyne.NewDelta(5, 0)})
	assert.Empty(t, s.Map.Tip(), "the tip hides when a drag starts")
	assert.Nil(t, s.hovered, "and so does the hover highlight")
	s.Map.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: hit}})
	assert.Empty(t, s.Map.Tip(), "no tip follows the pointer during the drag")
	s.Map.DragEnd()
	s.Map.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: screenOf(s, orb.Point{-8.0, 12.65})}})
}
