package app

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// press sends k as the window would when no widget has the focus.
func press(s *Shell, k fyne.KeyName) {
	s.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
}

func TestPresenterKeysMoveBetweenSteps(t *testing.T) {
	s := newTestShell(t)
	steps := builtinBriefings(t)[0].Steps
	n := len(steps)
	require.GreaterOrEqual(t, n, 5)
	normal := s.Window.Content()

	s.Present(0, 0)
	require.True(t, s.Presenting())
	assert.NotSame(t, normal, s.Window.Content(), "the presenter replaces the window content")
	assert.True(t, s.Window.FullScreen())
	assert.Nil(t, s.Window.MainMenu(), "nothing but the map and the band")
	assert.False(t, s.Window.Padded(), "the map reaches the screen's edges")
	assert.Equal(t, 0, s.PresenterStep())
	assert.Equal(t, steps[0].Title["en"], s.PresenterTitle())
	assert.Equal(t, "1 / "+strconv.Itoa(n), s.PresenterCounter())
	assert.Equal(t, presenterLabelScale, s.Map.Options().LabelScale, "map labels are enlarged for the room")

	for _, c := range []struct {
		key  fyne.KeyName
		want int
	}{
		{fyne.KeyRight, 1}, {fyne.KeyPageDown, 2}, {fyne.KeySpace, 3}, {fyne.KeyDown, 4},
		{fyne.KeyLeft, 3}, {fyne.KeyPageUp, 2}, {fyne.KeyUp, 1}, {fyne.KeyBackspace, 0},
		{fyne.KeyLeft, 0}, {fyne.KeyPageUp, 0}, // stops at the first
		{fyne.KeyEnd, n - 1}, {fyne.KeyRight, n - 1}, {fyne.KeyPageDown, n - 1}, // and at the last
		{fyne.KeyHome, 0}, {fyne.KeyReturn, 1},
	} {
		press(s, c.key)
		require.Equal(t, c.want, s.PresenterStep(), "after %s", c.key)
		assert.Equal(t, steps[c.want].Title["en"], s.PresenterTitle())
		assert.Equal(t, steps[c.want].Caption["en"], s.PresenterCaption())
		assert.Equal(t, strconv.Itoa(c.want+1)+" / "+strconv.Itoa(n), s.PresenterCounter())
	}
	// The map shows the step: its selected feature, its layers.
	assert.Equal(t, steps[1].Selected, s.Selected().ID)
	for _, l := range steps[1].Layers {
		assert.Equal(t, l.Visible, s.LayerVisible(l.ID), l.ID)
	}

	press(s, fyne.KeyEscape)
	assert.False(t, s.Presenting())
	assert.Equal(t, -1, s.PresenterStep())
	assert.Same(t, normal, s.Window.Content(), "the normal content is back")
	assert.False(t, s.Window.FullScreen())
	assert.NotNil(t, s.Window.MainMenu())
	assert.Greater(t, s.Map.Size().Width, float32(0))
	assert.Less(t, s.Map.Size().Width, s.Window.Canvas().Size().Width, "the map is back in its split")
	v := s.Project().View // the last step shown, as it stored its view
	assert.InDelta(t, steps[1].View.Lon, v.Lon, 1e-9)
	assert.InDelta(t, steps[1].View.Lat, v.Lat, 1e-9)
	assert.InDelta(t, steps[1].View.Zoom, v.Zoom, 1e-9)
	assert.True(t, s.Window.Padded())

	// The shell's keys are back: Right pans the map again.
	c0 := s.Map.View().Center
	press(s, fyne.KeyRight)
	assert.NotEqual(t, c0, s.Map.View().Center)
	assert.False(t, s.Presenting())
}

func TestPresenterFramesTheStepAboveTheBand(t *testing.T) {
	s := newTestShell(t)
	steps := builtinBriefings(t)[0].Steps
	for i := range steps {
		s.Present(0, i)
		p := s.briefingUI().pres
		require.NotNil(t, p)
		screen := p.root.Size()
		size := s.Map.Size()
		require.Greater(t, p.bandH, float32(50))
		assert.Less(t, p.bandH, screen.Height/2, "step %d: the band leaves most of the screen", i)
		// The map ends where the band begins: the band hides none of it.
		assert.InDelta(t, screen.Height, size.Height+p.bandH, 1, "step %d: map above the band", i)
		assert.Equal(t, screen.Width, size.Width)
		v := s.Map.View()
		sc := v.DeviceScale()
		b := steps[i].View.Bound()
		for _, q := range b.ToRing() {
			x, y := v.ToScreen(q)
			x, y = x/sc, y/sc
			assert.True(t, x >= -1 && x <= float64(size.Width)+1, "step %d: corner %v at x %.0f", i, q, x)
			assert.True(t, y >= -1 && y <= float64(size.Height)+1, "step %d: corner %v at y %.0f under the band (top %.0f)", i, q, y, size.Height)
		}
	}
	// Large type for a projector: the title and caption use the presenter sizes.
	p := s.briefingUI().pres
	assert.GreaterOrEqual(t, theme.SizeForWidget(theme.SizeNameHeadingText, p.title), float32(28))
	assert.GreaterOrEqual(t, theme.SizeForWidget(theme.SizeNameText, p.caption), float32(18))
	assert.Greater(t, p.caption.MinSize().Height, float32(2*18), "a long caption wraps onto several lines")
	s.StopPresenting()
}

func TestFrenchPresenterShowsFrenchText(t *testing.T) {
	s := newTestShell(t)
	s.SetLang("fr")
	steps := builtinBriefings(t)[0].Steps
	s.Present(0, 2)
	assert.Equal(t, steps[2].Title["fr"], s.PresenterTitle())
	assert.Equal(t, steps[2].Caption["fr"], s.PresenterCaption())
	assert.NotEqual(t, steps[2].Title["en"], s.PresenterTitle())

	// A step only titled in English shows its English title.
	s.StopPresenting()
	s.SetLang("en")
	s.AddStep(0, "Only English", "")
	s.SetLang("fr")
	s.Present(0, len(steps))
	assert.Equal(t, "Only English", s.PresenterTitle())
}

func TestPresenterCaptionFallsBackToTheNarrative(t *testing.T) {
	s := newTestShell(t)
	b := s.Briefings()
	st := &b[0].Steps[1]
	require.NotEmpty(t, st.Narrative)
	st.Caption = nil
	s.Present(0, 1)
	n := s.Cat.Narratives.Get("en", st.Narrative)
	require.NotNil(t, n)
	got := s.PresenterCaption()
	require.NotEmpty(t, got)
	assert.True(t, strings.HasPrefix(n.Body, got[:40]), "the first paragraph of %s: %q", n.ID, got)
	assert.NotContains(t, got, "\n")
	assert.NotContains(t, got, "#")
	assert.NotContains(t, got, "*")
	assert.Less(t, len(got), len(n.Body))
}
