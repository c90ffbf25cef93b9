package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
)

func TestSearchBoxFindsPlacesOfTheGazetteer(t *testing.T) {
	s := newTestShell(t)
	test.Type(s.search, "tombouctou")
	rs := s.SearchResults()
	require.NotEmpty(t, rs)
	assert.Equal(t, "city", rs[0].Kind)
	assert.Equal(t, "city · Timbuktu", s.resultDetail(&rs[0]), "kind and region in the list")
	assert.Same(t, s.results, s.right.Objects[0], "the results list replaces the narrative")

	s.search.SetText("Tin Zaouatine")
	rs = s.SearchResults()
	require.NotEmpty(t, rs)
	assert.Equal(t, "Tin Zaouatine", rs[0].Name)
	assert.Equal(t, "town · Kidal", s.resultDetail(&rs[0]))

	// Choosing flies there and marks the place.
	s.chooseResult(0)
	s.Map.WaitFrame()
	c := s.Map.View().Center
	assert.Less(t, geo.Distance(c, orb.Point{2.9695, 19.9542}), 1000.0, "centred on Tin Zaouatine: %v", c)
	at, label := s.MarkedPlace()
	assert.Equal(t, "Tin Zaouatine", label)
	assert.Equal(t, rs[0].Point, at)
	assert.Equal(t, "", s.search.Text)
	assert.Same(t, s.narrative, s.right.Objects[0])

	// Escape with nothing else to end clears the mark.
	s.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	_, label = s.MarkedPlace()
	assert.Equal(t, "", label)
}

func TestSearchBoxSaysWhyNothingWasFound(t *testing.T) {
	s := newTestShell(t)
	s.search.SetText("16°61'N 0°02'W")
	assert.Empty(t, s.SearchResults())
	assert.Contains(t, s.searchHint.Text, "Coordinates not understood (61 minutes: minutes are 0..59)")
	s.search.SetText("qqxzjw")
	assert.Equal(t, "No place or feature has this name.", s.searchHint.Text)
}

func TestSearchBoxGoesToCoordinates(t *testing.T) {
	s := newTestShell(t)
	test.Type(s.search, "16°16'N 0°02'W")
	test.Type(s.search, "\n") // Enter takes the first result
	if s.search.Text != "" {  // the test entry may not submit on a typed newline
		s.search.OnSubmitted(s.search.Text)
	}
	s.Map.WaitFrame()
	c := s.Map.View().Center
	assert.InDelta(t, 16+16.0/60, c[1], 1e-6)
	assert.InDelta(t, -2.0/60, c[0], 1e-6)
	_, label := s.MarkedPlace()
	assert.Equal(t, "16°16′00.0″N 0°02′00.0″W", label)
}

func TestSearchInFrenchAndTheCredit(t *testing.T) {
	s := newTestShell(t)
	s.SetLang("fr")
	s.search.SetText("tombouctou")
	rs := s.SearchResults()
	require.NotEmpty(t, rs)
	assert.Equal(t, "Tombouctou", rs[0].Name)
	assert.Equal(t, "ville · Tombouctou", s.resultDetail(&rs[0]))
	assert.Contains(t, aboutText(s), "Recherche (index des lieux) : © les contributeurs d'OpenStreetMap")
}

// aboutText is the About box's text.
func aboutText(s *Shell) string {
	s.showAbout()
	var b strings.Builder
	for _, o := range s.Window.Canvas().Overlays().List() {
		for _, c := range test.LaidOutObjects(o) {
			if rt, ok := c.(*widget.RichText); ok {
				b.WriteString(rt.String())
			}
		}
	}
	return b.String()
}
