package export_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/events"
	"maliatlas/events/synth"
	"maliatlas/render"
)

// TestEventLegendsPlacedOffLabels: an export with event layers places their
// legends with the other elements over the map, covering no label and no
// other element, and the legend names the file (synthetic, said so) and the
// precision filter.
func TestEventLegendsPlacedOffLabels(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, synth.Write(&buf, synth.Options{Format: synth.ACLED, N: 5000, Seed: 9}))
	tab, _, err := events.Read(context.Background(), "synthetic-acled.csv", buf.Bytes(), events.Options{})
	require.NoError(t, err)
	for name, pg := range layoutCases(t) {
		for _, style := range []string{render.EventHex, render.EventDensity} {
			m := goldMap(t)
			m.Options.Visible = busyLayers
			m.Inset = true
			l := render.NewEventLayer("ev", "synthetic-acled.csv", tab)
			l.Style = style
			l.Filter.PreciseOnly = true
			m.Options.Events = []*render.EventLayer{l}
			var labels []render.Rect
			m.Options.PlacedLabels = &labels
			var c calls
			boxes := m.Layout(&c, pg)
			what := fmt.Sprintf("%s %s", name, style)
			checkBoxes(t, what, m, pg, labels, boxes)
			var ev *render.Rect
			for _, b := range boxes {
				if b.Name == "events" {
					ev = &b.Rect
				}
			}
			require.NotNil(t, ev, "%s: no event legend", what)
			for _, lb := range labels {
				assert.False(t, ev.Overlaps(lb), "%s: the event legend %v covers a label at %v", what, *ev, lb)
			}
			assert.True(t, c.hasText("synthetic-acled.csv — SYNTHETIC test data, not real events"), what)
			assert.True(t, c.hasText("Precise locations only"), what)
			if style == render.EventDensity {
				// The ramp's ends, the top one a number.
				assert.True(t, c.hasTextMatching(`^0 – [0-9.]+$`), "%s: the density legend has no top value", what)
			}
		}
	}
}

func (c *calls) hasTextMatching(re string) bool {
	r := regexp.MustCompile(re)
	for _, t := range c.texts {
		if r.MatchString(t.S) {
			return true
		}
	}
	return false
}
