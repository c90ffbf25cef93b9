package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMapKeepsItsWidthAcrossRightPanels: narrative, search results,
// annotation editor and briefing panel all fit the same right column, so
// the map does not move sideways; a new annotation stays where clicked.
func TestMapKeepsItsWidthAcrossRightPanels(t *testing.T) {
	s := newTestShell(t)
	for _, size := range []fyne.Size{{Width: 1200, Height: 760}, {Width: 1500, Height: 950}} {
		s.Window.Resize(size)
		w0 := s.Map.Size().Width
		x0 := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.Map).X
		same := func(what string) {
			t.Helper()
			// Lay the window out again as the driver does when a minimum
			// size changes.
			s.Window.Resize(size.AddWidthHeight(1, 0))
			s.Window.Resize(size)
			assert.Equal(t, w0, s.Map.Size().Width, "%v %s: the map keeps its width", size, what)
			assert.LessOrEqual(t, s.right.MinSize().Width, float32(rightColumnWidth), "%s fits the column", what)
			assert.Equal(t, x0, fyne.CurrentApp().Driver().AbsolutePositionForObject(s.Map).X, "%v %s", size, what)
		}
		s.search.SetText("gao")
		same("search results")
		s.search.SetText("")
		same("narrative")
		s.showBriefings()
		same("briefing panel")
		s.closeBriefings()
		same("narrative again")

		// A marker where the user clicks: the editor opens, the marker stays.
		s.SetTool(ToolMarker)
		at := screenOf(s, orb.Point{-4, 17})
		tapAt(s, at)
		same("annotation editor")
		require.NotEmpty(t, s.Annotations())
		a := s.Annotations()[len(s.Annotations())-1]
		got := screenOf(s, orb.Point{a.Points[0][0], a.Points[0][1]})
		assert.InDelta(t, at.X, got.X, 1, "the marker is where the click was")
		assert.InDelta(t, at.Y, got.Y, 1)
		s.SetTool(ToolNone)
		s.selAnn = ""
		s.showAnnotationEditor()
	}
}
