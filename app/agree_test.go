package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/cli"
)

// TestPresenterAndHandoutAgree shows each step of the built-in briefing in
// the presenter and lays out the handout of the same briefing: layers,
// opacities, what the filter keeps, the selection, the annotations and the
// caption must be the same, step by step.
func TestPresenterAndHandoutAgree(t *testing.T) {
	s := newTestShell(t)
	b := builtinBriefings(t)[0]
	maps, err := cli.BriefingMaps(s.Scene, &b, s.proj.Annotations, "en")
	require.NoError(t, err)
	s.Present(0, 0)
	defer s.StopPresenting()
	for i := range b.Steps {
		s.Present(0, i)
		win := s.Map.Options()
		page := maps[i].Options
		assert.Equal(t, page.Visible, win.Visible, "step %d: layers", i+1)
		assert.Equal(t, page.Opacity, win.Opacity, "step %d: opacities", i+1)
		assert.Equal(t, page.Highlight, win.Highlight, "step %d: selection", i+1)
		for _, l := range s.Cat.Layers {
			for _, f := range l.Features {
				inWin := win.Filter == nil || win.Filter(f)
				onPage := page.Filter == nil || page.Filter(f)
				if inWin != onPage {
					t.Errorf("step %d: feature %s drawn in the presenter %v, on the handout %v", i+1, f.ID, inWin, onPage)
				}
			}
		}
		assert.Equal(t, maps[i].Annotations, s.visibleAnnotations(), "step %d: annotations", i+1)
		assert.Equal(t, maps[i].Subtitle, s.PresenterCaption(), "step %d: caption", i+1)
	}
}
