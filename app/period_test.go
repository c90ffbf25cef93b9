package app

import (
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/layers"
)

func TestYearSliderHasMarksAndFollowsThePeriod(t *testing.T) {
	s := newTestShell(t)
	ys := NewYearSlider(nil)
	var years []string
	for _, o := range test.WidgetRenderer(ys).Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			years = append(years, tx.Text)
		}
	}
	assert.Contains(t, years, "2012")
	assert.Contains(t, years, "2025")

	s.SetPeriod(layers.Period{From: 2020, To: 2020})
	assert.Equal(t, 2020.0, s.yearSlider.Value)
	assert.Equal(t, "2020", s.yearLabel.Text)
	s.periodSel.SetSelectedIndex(0) // "All years"
	assert.True(t, s.Period().IsZero())
	assert.Equal(t, float64(yearAll), s.yearSlider.Value, "the slider leaves 2020 for its first stop")
	assert.Empty(t, s.yearLabel.Text)
	s.SetPeriod(layers.Period{From: 2017, To: 2018})
	assert.Equal(t, float64(yearAll), s.yearSlider.Value, "a span is not one year")
	// Letting go on the first stop means all years.
	s.SetPeriod(layers.Period{From: 2016, To: 2016})
	s.yearSlider.Value = yearAll
	s.yearSlider.OnChangeEnded(yearAll)
	assert.True(t, s.Period().IsZero())
}

// TestEmptyYearSaysSoOnTheMap: a year in which no feature of the overlays
// shown is dated puts a note over the map; a year with features does not.
func TestEmptyYearSaysSoOnTheMap(t *testing.T) {
	s := newTestShell(t)
	for _, l := range s.Cat.Layers {
		if l.Spec.Group == "overlay" {
			s.SetLayerVisible(l.Spec.ID, l.Spec.ID == "cocaine")
		}
	}
	empty, full := 0, 0
	for y := firstYear; y <= lastYear; y++ {
		if s.Cat.Layer("cocaine").CountKept(layers.PeriodFilter(layers.Period{From: y, To: y})) == 0 {
			if empty == 0 {
				empty = y
			}
		} else if full == 0 {
			full = y
		}
	}
	require.NotZero(t, empty, "a year with no cocaine route")
	require.NotZero(t, full, "a year with one")
	s.SetPeriod(layers.Period{From: empty, To: empty})
	note := s.PeriodNote()
	assert.Contains(t, note, "No feature")
	assert.Contains(t, note, layers.Period{From: empty, To: empty}.Label("en"))
	assert.True(t, s.notes.text.Visible())
	assert.Equal(t, note, s.notes.text.Text)
	s.SetPeriod(layers.Period{From: full, To: full})
	assert.Empty(t, s.PeriodNote())
	assert.False(t, s.notes.text.Visible())
	s.SetPeriod(layers.Period{})
	assert.False(t, s.notes.text.Visible())
}
