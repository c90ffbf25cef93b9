package render_test

import (
	"strings"
	"testing"

	"maliatlas/events"
	"maliatlas/render"
)

// TestProfileTitleFitsTheChart: a title wider than the chart is drawn
// smaller, then cut with an ellipsis, never past the chart's edge.
func TestProfileTitleFitsTheChart(t *testing.T) {
	f := fonts()
	segs := []events.Segment{{FromKm: 0, ToKm: 50, Events: 3}, {FromKm: 50, ToKm: 80, Events: 1}}
	for _, title := range []string{
		"Events within 20 km of the route — a.csv",
		"Events within 20 km of Northbound trans-Sahelian cocaine route towards Algeria (indicative) — synthetic-acled-20k.csv (SYNTHETIC test data)",
	} {
		var s textSink
		render.DrawProfile(&s, render.Rect{Max: render.Point{X: 600, Y: 240}}, render.ProfileChart{Title: title, Segs: segs, Worst: 0}, f, 1)
		got := s.texts[0]
		if w := f.Bold.Measure(got.S, got.Size); w > 600-24+0.5 {
			t.Errorf("title %q is %.0f px wide in a 600 px chart", got.S, w)
		}
		if f.Bold.Measure(title, 12.5) <= 576 && (got.S != title || got.Size != 12.5) {
			t.Errorf("a title that fits was changed: %q at %g", got.S, got.Size)
		}
		if f.Bold.Measure(title, 10) > 576 && !strings.HasSuffix(got.S, "…") {
			t.Errorf("a long title was not cut: %q", got.S)
		}
	}
}
