package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
)

func builtinBriefings(t *testing.T) []project.Briefing {
	t.Helper()
	bs, err := project.LoadBuiltin(data.FS)
	require.NoError(t, err)
	require.NotEmpty(t, bs)
	return bs
}

func TestBriefingPanelShowsTheBuiltinBriefingAndCloses(t *testing.T) {
	s := newTestShell(t)
	require.Empty(t, s.proj.Briefings)
	s.showBriefings()
	p := s.briefingUI().panel
	require.NotNil(t, p)
	assert.Same(t, p.content, s.right.Objects[0], "the panel replaces the narrative")

	want := builtinBriefings(t)
	assert.Equal(t, want, s.Project().Briefings, "the built-in briefings become the project's")
	assert.Equal(t, want[0].Title["en"], p.sel.Selected)
	assert.Equal(t, len(want[0].Steps), p.list.Length())
	assert.False(t, p.present.Disabled())
	assert.True(t, p.gotoBtn.Disabled(), "no step selected yet")

	// Go to step 2 from the list.
	p.list.Select(1)
	test.Tap(p.gotoBtn)
	assert.Equal(t, want[0].Steps[1].Selected, s.Selected().ID)

	test.Tap(p.closeBtn)
	assert.Same(t, s.narrative, s.right.Objects[0].(*NarrativePanel))
}

func TestStepRestoresExactlyTheStateItStored(t *testing.T) {
	s := newTestShell(t)
	var catLayer *layers.Layer
	for _, l := range s.Cat.Layers {
		if l.Spec.Group != "base" && len(l.Spec.Categories) > 1 {
			catLayer = l
			break
		}
	}
	require.NotNil(t, catLayer, "an overlay layer with categories")
	hidden := catLayer.Spec.Categories[0].Value

	// A state: layers, opacity, a hidden category, a period, a selected
	// feature and a view.
	s.SetLayerVisible(catLayer.Spec.ID, true)
	s.SetLayerVisible("rivers", false)
	s.SetLayerOpacity("regions", 0.4)
	s.SetCategoryVisible(catLayer.Spec.ID, hidden, false)
	s.SetPeriod(layers.Period{From: 2017, To: 2018})
	f := firstPointFeature(t, s, "places")
	s.Select(f)
	v := s.Map.View()
	v.Center, v.Zoom = orb.Point{-3.1, 15.2}, 6.7
	s.Map.SetView(v)
	before := s.Project()

	s.AddStep(0, "Stored state", "What the map showed")
	b := s.Briefings()[0]
	last := len(b.Steps) - 1
	st := b.Steps[last]
	assert.Equal(t, "Stored state", st.Title["en"])
	assert.Equal(t, "What the map showed", st.Caption["en"])
	assert.True(t, s.dirty, "adding a step changes the project")

	// Change everything.
	s.SetLayerVisible(catLayer.Spec.ID, false)
	s.SetLayerVisible("rivers", true)
	s.SetLayerOpacity("regions", 1)
	s.SetCategoryVisible(catLayer.Spec.ID, hidden, true)
	s.SetPeriod(layers.Period{})
	s.Select(nil)
	s.Map.FitHome()
	require.NotEqual(t, before.Layers, s.Project().Layers)
	require.NotEqual(t, before.View, s.Project().View)

	s.GoToStep(0, last)
	after := s.Project()
	assert.Equal(t, before.Layers, after.Layers)
	assert.Equal(t, before.Period, after.Period)
	assert.Equal(t, before.Selected, after.Selected)
	assert.InDelta(t, before.View.Lon, after.View.Lon, 1e-9)
	assert.InDelta(t, before.View.Lat, after.View.Lat, 1e-9)
	assert.InDelta(t, before.View.Zoom, after.View.Zoom, 1e-9)
	assert.False(t, s.CategoryVisible(catLayer.Spec.ID, hidden))
	assert.InDelta(t, 0.4, s.Map.Options().Opacity["regions"], 1e-9)
	assert.Equal(t, layers.Period{From: 2017, To: 2018}, s.Period())
}

func stepTitles(b project.Briefing) []string {
	var out []string
	for _, st := range b.Steps {
		out = append(out, st.Title["en"])
	}
	return out
}

func TestAddMoveDeleteSteps(t *testing.T) {
	s := newTestShell(t)
	orig := stepTitles(builtinBriefings(t)[0])
	n := len(orig)

	s.AddStep(0, "Mine", "")
	got := stepTitles(s.Briefings()[0])
	require.Len(t, got, n+1)
	assert.Equal(t, "Mine", got[n])
	assert.Empty(t, s.Briefings()[0].Steps[n].Caption, "no caption given, none stored")

	require.NoError(t, s.MoveStep(0, n, 0))
	got = stepTitles(s.Briefings()[0])
	assert.Equal(t, append([]string{"Mine"}, orig...), got)

	require.NoError(t, s.MoveStep(0, 1, 3)) // the old first step ends third
	got = stepTitles(s.Briefings()[0])
	assert.Equal(t, []string{"Mine", orig[1], orig[2], orig[0]}, got[:4])

	assert.ErrorIs(t, s.MoveStep(0, 0, n+1), project.ErrStepRange)
	assert.ErrorIs(t, s.MoveStep(5, 0, 1), project.ErrStepRange)
	assert.ErrorIs(t, s.DeleteStep(0, -1), project.ErrStepRange)

	require.NoError(t, s.DeleteStep(0, 0))
	got = stepTitles(s.Briefings()[0])
	assert.Len(t, got, n)
	assert.NotContains(t, got, "Mine")

	// The saved project holds the edited briefing.
	assert.Equal(t, got, stepTitles(s.Project().Briefings[0]))
}

func TestPanelButtonsMoveAndEditSteps(t *testing.T) {
	s := newTestShell(t)
	orig := stepTitles(builtinBriefings(t)[0])
	s.showBriefings()
	p := s.briefingUI().panel

	p.list.Select(2)
	assert.False(t, p.up.Disabled())
	test.Tap(p.up)
	assert.Equal(t, []string{orig[0], orig[2], orig[1]}, stepTitles(s.Briefings()[0])[:3])
	assert.Equal(t, 1, p.step, "the moved step stays selected")
	test.Tap(p.up)
	assert.Equal(t, orig[2], stepTitles(s.Briefings()[0])[0])
	assert.True(t, p.up.Disabled(), "the first step cannot go up")
	test.Tap(p.down)
	assert.Equal(t, []string{orig[0], orig[2], orig[1]}, stepTitles(s.Briefings()[0])[:3])

	// Editing in French keeps the English text.
	s.SetLang("fr")
	require.NoError(t, s.EditStep(0, 0, "Titre modifié", ""))
	st := s.Briefings()[0].Steps[0]
	assert.Equal(t, "Titre modifié", st.Title["fr"])
	assert.Equal(t, orig[0], st.Title["en"])
	assert.NotContains(t, st.Caption, "fr")
	assert.NotEmpty(t, st.Caption["en"])
	assert.NotEqual(t, "Titre modifié", builtinBriefings(t)[0].Steps[0].Title["fr"])
}

func TestNewBriefingGetsItsOwnSteps(t *testing.T) {
	s := newTestShell(t)
	n := len(s.Briefings())
	b := s.NewBriefing("Kidal")
	assert.Equal(t, n, b)
	require.Len(t, s.Briefings(), n+1)
	assert.NotEqual(t, s.Briefings()[0].ID, s.Briefings()[b].ID)
	s.Map.SetView(geo.FitBound(orb.Bound{Min: orb.Point{0, 17}, Max: orb.Point{2, 20}}, 800, 600, 1, 0))
	s.AddStep(b, "Kidal region", "")
	assert.Len(t, s.Briefings()[b].Steps, 1)
	assert.Len(t, s.Briefings()[0].Steps, len(builtinBriefings(t)[0].Steps))
}
