package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/layers"
	"maliatlas/project"
)

func TestAnnotationToolsUndoRedo(t *testing.T) {
	s := newTestShell(t)
	gao := orb.Point{-0.04, 16.27}
	s.SetTool(ToolText)
	tapAt(s, screenOf(s, gao))
	require.Len(t, s.Annotations(), 1)
	a := s.Annotations()[0]
	assert.Equal(t, project.KindText, a.Kind)
	assert.InDelta(t, gao[0], a.Points[0][0], 0.05)
	assert.Equal(t, a.ID, s.SelectedAnnotation().ID, "a new annotation is selected")

	// Edit, then an arrow in two taps.
	s.UpdateSelectedAnnotation(func(x *project.Annotation) { x.Text = "Convoy seen" })
	s.SetTool(ToolArrow)
	tapAt(s, screenOf(s, orb.Point{-8, 12.65}))
	tapAt(s, screenOf(s, gao))
	require.Len(t, s.Annotations(), 2)
	assert.Equal(t, project.KindArrow, s.Annotations()[1].Kind)

	// Area: three taps and Enter.
	s.SetTool(ToolArea)
	for _, p := range []orb.Point{{-4, 14}, {-2, 14}, {-3, 15.5}} {
		tapAt(s, screenOf(s, p))
	}
	s.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	require.Len(t, s.Annotations(), 3)

	// Undo three times: the area, the arrow, the edit.
	assert.True(t, s.Undo())
	assert.True(t, s.Undo())
	assert.True(t, s.Undo())
	require.Len(t, s.Annotations(), 1)
	assert.NotEqual(t, "Convoy seen", s.Annotations()[0].Text)
	assert.True(t, s.Redo())
	assert.Equal(t, "Convoy seen", s.Annotations()[0].Text)

	// Delete and undo.
	s.SetTool(ToolNone)
	s.selAnn = s.Annotations()[0].ID
	s.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	assert.Empty(t, s.Annotations())
	s.Undo()
	assert.Len(t, s.Annotations(), 1)
}

func TestAnnotationsAreDrawnAndStayAnchored(t *testing.T) {
	s := newTestShell(t)
	p := orb.Point{-6.5, 21.5} // empty desert in the north of Tombouctou
	before := pixelAt(t, s, p)
	s.SetTool(ToolCircle)
	tapAt(s, screenOf(s, p))
	s.SetTool(ToolNone)
	s.Map.WaitFrame()
	assert.NotEqual(t, before, pixelAt(t, s, p), "the circle's fill shows at its centre")
	s.Map.ZoomBy(2)
	s.Map.WaitFrame()
	assert.NotEqual(t, before, pixelAt(t, s, p), "after zooming it is still where it was put")
}

func TestArrowByDrag(t *testing.T) {
	s := newTestShell(t)
	s.SetTool(ToolArrow)
	from, to := screenOf(s, orb.Point{-8, 12.65}), screenOf(s, orb.Point{-0.04, 16.27})
	mid := fyne.NewPos((from.X+to.X)/2, (from.Y+to.Y)/2)
	s.Map.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-from.X, mid.Y-from.Y)})
	s.Map.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-mid.X, to.Y-mid.Y)})
	s.Map.DragEnd()
	require.Len(t, s.Annotations(), 1)
	a := s.Annotations()[0]
	assert.Equal(t, project.KindArrow, a.Kind)
	assert.InDelta(t, -8, a.Points[0][0], 0.05)
	assert.InDelta(t, -0.04, a.Points[1][0], 0.05)
}

func TestMoveAnnotationByDrag(t *testing.T) {
	s := newTestShell(t)
	s.AddAnnotation(project.Annotation{Kind: project.KindMarker, Points: [][2]float64{{-3, 17}}, Text: "Camp"})
	start := screenOf(s, orb.Point{-3, 17})
	s.Map.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.Add(fyne.NewPos(30, 0))}, Dragged: fyne.NewDelta(30, 0)})
	s.Map.DragEnd()
	a := s.Annotations()[0]
	assert.Greater(t, a.Points[0][0], -3.0, "moved east")
	s.Undo()
	assert.Equal(t, -3.0, s.Annotations()[0].Points[0][0], "the move is one undoable change")
}

func TestProjectRoundTripThroughTheShell(t *testing.T) {
	s := newTestShell(t)
	s.SetLayerVisible("cocaine", true)
	s.SetLayerOpacity("cocaine", 0.5)
	s.SetCategoryVisible("armed_groups", "jnim", false)
	s.SetPeriod(layers.Period{From: 2017, To: 2018})
	s.AddAnnotation(project.Annotation{Kind: project.KindText, Points: [][2]float64{{-1, 16}}, Text: "Gao", Size: 14})
	path := filepath.Join(t.TempDir(), "w.matlas")
	require.NoError(t, s.SaveTo(path))
	saved := s.Project()

	s2 := newTestShell(t)
	require.NoError(t, s2.OpenFile(path))
	got := s2.Project()
	assert.Equal(t, saved.Layers, got.Layers)
	assert.Equal(t, saved.Period, got.Period)
	assert.Equal(t, saved.Annotations, got.Annotations)
	assert.InDelta(t, saved.View.Zoom, got.View.Zoom, 1e-9)
	assert.Equal(t, layers.Period{From: 2017, To: 2018}, s2.Period())

	// A truncated file is refused and the open project stays as it was.
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	bad := filepath.Join(t.TempDir(), "bad.matlas")
	require.NoError(t, os.WriteFile(bad, data[:len(data)/2], 0o644))
	err = s2.OpenFile(bad)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bad.matlas")
	assert.Equal(t, saved.Annotations, s2.Project().Annotations)
}

func TestPeriodFilterChangesWhatIsDrawn(t *testing.T) {
	s := newTestShell(t)
	s.SetLayerVisible("armed_groups", true)
	l := s.Cat.Layer("armed_groups")
	all := l.CountKept(s.Options().Filter)
	s.SetPeriod(layers.Period{From: 2012, To: 2012})
	only2012 := l.CountKept(s.Options().Filter)
	assert.Less(t, only2012, all)
	assert.Greater(t, only2012, 0)
	assert.Contains(t, s.periodLbl.Text, "2012")
}

func TestExportFromTheWindowKeepsWhatIsShown(t *testing.T) {
	s := newTestShell(t)
	s.SetLayerVisible("gold_sites", true)
	s.AddAnnotation(project.Annotation{Kind: project.KindText, Points: [][2]float64{{-8, 13}}, Text: "Here", Size: 18, Halo: true})
	st := s.DefaultExportSettings()
	st.Size = 2 // A4 landscape
	st.DPI = 150
	m, pg, err := s.ExportMap(st)
	require.NoError(t, err)
	assert.Contains(t, m.Options.Visible, "gold_sites")
	assert.Len(t, m.Annotations, 1)
	assert.Equal(t, 1754, pg.W, "A4 landscape at 150 dpi")
	path := filepath.Join(t.TempDir(), "m.svg")
	require.NoError(t, s.ExportView(path, 800, 600))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), "Here")
}

func TestYearSliderAndLegendFollowThePeriod(t *testing.T) {
	s := newTestShell(t)
	s.SetLayerVisible("armed_groups", true)
	s.yearSlider.SetValue(2012)
	s.yearSlider.OnChangeEnded(2012)
	assert.Equal(t, layers.Period{From: 2012, To: 2012}, s.Period())
	assert.Equal(t, "2012", s.yearLabel.Text)
	// The layer panel lists only the 2012 groups' categories.
	l := s.Cat.Layer("armed_groups")
	for _, c := range l.Spec.Categories {
		in2012 := false
		for _, f := range l.Features {
			if f.Category == c.Value && f.Period.Overlaps(layers.Period{From: 2012, To: 2012}) {
				in2012 = true
			}
		}
		assert.Equal(t, in2012, l.HasCategory(c.Value, layers.PeriodFilter(s.Period())), c.Value)
	}
}

func TestOnlySuspectedRoutes(t *testing.T) {
	s := newTestShell(t)
	s.SetLayerVisible("cocaine", true)
	s.SetConfidenceVisible("cocaine", "confirmed", false)
	s.SetConfidenceVisible("cocaine", "reported", false)
	keep := s.Options().Filter
	l := s.Cat.Layer("cocaine")
	n := 0
	for _, f := range l.Features {
		if keep(f) {
			n++
			assert.Equal(t, layers.Suspected, f.Confidence, f.ID)
		}
	}
	assert.Greater(t, n, 0)
	assert.Less(t, n, len(l.Features))
	// It is kept in the project.
	found := false
	for _, st := range s.Project().Layers {
		if st.ID == "cocaine" {
			assert.Equal(t, []string{"confirmed", "reported"}, st.HiddenConfidence)
			found = true
		}
	}
	assert.True(t, found)
}
