package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
	"maliatlas/project"
)

// TestCircleToolDragSetsTheRadius: with the circle tool, a drag from the
// centre draws a circle whose radius reaches the pointer, and the map does
// not pan; a tap still puts the default circle.
func TestCircleToolDragSetsTheRadius(t *testing.T) {
	s := newTestShell(t)
	s.SetTool(ToolCircle)
	centre := orb.Point{-4, 16}
	from := screenOf(s, centre)
	v0 := s.Map.View()
	pos := from
	for range 10 {
		pos = pos.Add(fyne.NewPos(8, 0))
		s.Map.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: fyne.NewDelta(8, 0)})
	}
	s.Map.DragEnd()
	assert.Equal(t, v0.Center, s.Map.View().Center, "dragging with the circle tool does not pan")
	require.Len(t, s.Annotations(), 1)
	a := s.Annotations()[0]
	assert.Equal(t, project.KindCircle, a.Kind)
	assert.InDelta(t, centre[0], a.Points[0][0], 0.05)
	assert.InDelta(t, centre[1], a.Points[0][1], 0.05)
	want := geo.Distance(s.Map.GeoAt(from), s.Map.GeoAt(pos)) / 1000
	assert.InDelta(t, want, a.RadiusKm, 1, "radius to the pointer (%.0f km)", want)
	assert.NotEqual(t, float64(defaultCircleKm), a.RadiusKm)

	tapAt(s, screenOf(s, orb.Point{-2, 14}))
	require.Len(t, s.Annotations(), 2)
	assert.Equal(t, float64(defaultCircleKm), s.Annotations()[1].RadiusKm)
	s.Undo()
	s.Undo()
	assert.Empty(t, s.Annotations(), "each circle is one undoable change")
}

func TestExportedMessageShowsTheFolder(t *testing.T) {
	s := newTestShell(t)
	dir := t.TempDir()
	msg := s.exportedMessage(filepath.Join(dir, "map.pdf"))
	assert.Contains(t, msg, "map.pdf")
	assert.True(t, strings.HasSuffix(msg, dir), msg)
}
