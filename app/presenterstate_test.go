package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/layers"
)

// TestLeavingThePresenterRestoresTheUsersMap: the steps change layers,
// categories and period; Escape gives the user back their own.
func TestLeavingThePresenterRestoresTheUsersMap(t *testing.T) {
	s := newTestShell(t)
	s.SetLayerVisible("places", true)
	s.SetLayerVisible("cocaine", false)
	s.SetCategoryVisible("places", "heritage", false)
	s.SetConfidenceVisible("gold_flows", "suspected", false)
	s.SetLayerOpacity("migrants", 0.4)
	s.SetPeriod(layers.Period{From: 2017, To: 2018})
	town := s.Cat.Feature("town-gao")
	require.NotNil(t, town)
	s.Select(town)
	before := s.vs.Layers(s.Cat)

	steps := builtinBriefings(t)[0].Steps
	s.Present(0, 0)
	for range steps {
		press(s, fyne.KeyRight) // every step sets its own layers and period
	}
	require.True(t, s.Presenting())
	press(s, fyne.KeyEscape)
	require.False(t, s.Presenting())

	assert.Equal(t, before, s.vs.Layers(s.Cat), "layers, categories, confidences and opacity as the user had them")
	assert.Equal(t, layers.Period{From: 2017, To: 2018}, s.Period())
	assert.Same(t, town, s.Selected())
	assert.True(t, s.layerPanel.Check("places").Checked, "the layer panel shows them")
	assert.False(t, s.layerPanel.Check("cocaine").Checked)
}

// TestPresenterCompactLegendAndProjectorLabels: each step shows a compact
// legend of its overlays' categories; labels are large and judged at the
// step's zoom.
func TestPresenterCompactLegendAndProjectorLabels(t *testing.T) {
	s := newTestShell(t)
	steps := builtinBriefings(t)[0].Steps
	s.Present(0, 2) // cocaine
	p := s.briefingUI().pres
	require.NotNil(t, p)
	require.NotNil(t, p.legend, "a legend for the step's routes")
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *canvas.Text:
			texts = append(texts, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(p.legend)
	require.NotEmpty(t, texts)
	joined := ""
	for _, t := range texts {
		joined += t + " "
	}
	assert.Contains(t, joined, "Northbound")
	assert.NotContains(t, joined, "Industrial mine", "only the step's overlays")
	// Over the map, inside it.
	pos, sz := p.legend.Position(), p.legend.Size()
	m := s.Map.Size()
	assert.True(t, pos.X >= 0 && pos.Y >= 0 && pos.X+sz.Width <= m.Width && pos.Y+sz.Height <= m.Height, "legend %v %v in the map %v", pos, sz, m)

	o := s.Options()
	assert.Equal(t, float64(presenterMinLabel), o.MinLabelSize)
	assert.InDelta(t, steps[2].View.Zoom, o.LabelZoom, 1e-9)
	s.StopPresenting()
	o = s.Options()
	assert.Zero(t, o.MinLabelSize)
	assert.Zero(t, o.LabelZoom)
}
