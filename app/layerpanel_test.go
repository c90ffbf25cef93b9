package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLayerPanelRowsCollapsedAndStateClear: each layer is one row until
// opened; an overlay that is off has a greyed title and, opened, disabled
// category checks; the panel is not thousands of pixels long.
func TestLayerPanelRowsCollapsedAndStateClear(t *testing.T) {
	s := newTestShell(t)
	p := s.layerPanel
	h := p.box.MinSize().Height
	assert.Less(t, h, float32(1400), "all rows closed: the panel is short (%v px)", h)
	for _, l := range s.Cat.Layers {
		if l.Spec.Context {
			continue
		}
		assert.Empty(t, p.CategoryChecks(l.Spec.ID), "%s closed", l.Spec.ID)
		assert.Equal(t, !s.LayerVisible(l.Spec.ID), p.TitleOff(l.Spec.ID), "%s: title greyed exactly when off", l.Spec.ID)
	}

	// An overlay that is off, opened: its categories are there but disabled.
	id := "places"
	require.False(t, s.LayerVisible(id))
	p.SetExpanded(id, true)
	cats := p.CategoryChecks(id)
	require.NotEmpty(t, cats)
	for _, c := range cats {
		assert.True(t, c.Disabled(), "a category of an overlay that is off looks off")
	}
	// Turning it on: the title is no longer greyed, the categories enabled.
	p.Check(id).SetChecked(true)
	assert.True(t, s.LayerVisible(id))
	assert.False(t, p.TitleOff(id))
	for _, c := range p.CategoryChecks(id) {
		assert.False(t, c.Disabled())
	}
	// Tapping the title toggles the layer.
	test.Tap(p.titles[id])
	assert.False(t, s.LayerVisible(id))
	assert.True(t, p.TitleOff(id))
	p.SetExpanded(id, false)
	assert.Empty(t, p.CategoryChecks(id))
}

// TestLayerPanelTitlesWrapNotCut: at a narrow width long titles wrap onto
// more lines instead of being cut.
func TestLayerPanelTitlesWrapNotCut(t *testing.T) {
	s := newTestShell(t)
	p := s.layerPanel
	p.SetExpanded("places", true)
	for _, l := range p.titles {
		assert.Equal(t, fyne.TextWrapWord, l.Wrapping)
		assert.Equal(t, fyne.TextTruncateOff, l.Truncation)
	}
	// The scroll is vertical only: the content takes the panel's width.
	assert.Equal(t, container.ScrollVerticalOnly, p.scroll.Direction)
	p.Resize(fyne.NewSize(220, 600))
	w := p.box.MinSize().Width
	assert.LessOrEqual(t, w, float32(220), "rows fit a narrow panel (min width %v)", w)
}
