package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/events"
	"maliatlas/events/synth"
	"maliatlas/project"
	"maliatlas/render"
)

func synthFile(t *testing.T, n int) string {
	var buf bytes.Buffer
	require.NoError(t, synth.Write(&buf, synth.Options{Format: synth.ACLED, N: n, Seed: 5}))
	p := filepath.Join(t.TempDir(), "synthetic-acled.csv")
	require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
	return p
}

// TestEventLayerStyleKeptInProjectAndStep: an imported event file is a
// layer of the map with a row in the layer panel; its style and filter
// follow the panel, the period control, a saved project and a briefing step.
func TestEventLayerStyleKeptInProjectAndStep(t *testing.T) {
	s := newTestShell(t)
	path := synthFile(t, 3000)
	l, rep, err := s.LoadEvents(context.Background(), project.EventSource{Path: path}, nil)
	require.NoError(t, err)
	require.Zero(t, rep.Skipped)
	s.layerPanel.Rebuild()
	s.apply()
	require.NotNil(t, s.layerPanel.Check(l.ID), "no row in the layer panel")
	o := s.Options()
	require.Len(t, o.Events, 1)
	assert.Equal(t, render.EventPoints, o.Events[0].Style)

	l.Style, l.CellKm = render.EventHex, 40
	l.Filter.PreciseOnly = true
	step := s.StepFromState("hex", "")
	s.SetPeriod(s.vs.Period) // no change
	o = s.Options()
	assert.Equal(t, render.EventHex, o.Events[0].Style)
	assert.NotSame(t, l, o.Events[0], "the map gets a copy")

	// The period control filters the events.
	s.vs.Period.From, s.vs.Period.To = 2020, 2020
	o = s.Options()
	for _, i := range o.Events[0].Selection() {
		assert.Equal(t, 2020, eventsYear(l, i))
	}
	s.vs.Period.From, s.vs.Period.To = 0, 0

	// A project keeps the source and the style.
	b, err := json.Marshal(s.Project())
	require.NoError(t, err)
	var p project.Project
	require.NoError(t, json.Unmarshal(b, &p))
	s2 := newTestShell(t)
	s2.LoadProject(&p)
	require.Len(t, s2.ev.list, 1)
	l2 := s2.ev.list[0].layer
	assert.Equal(t, render.EventHex, l2.Style)
	assert.Equal(t, 40.0, l2.CellKm)
	assert.True(t, l2.Filter.PreciseOnly)
	assert.Equal(t, l.Table.Len(), l2.Table.Len())

	// A step restores what it stored.
	l.Style, l.Filter.PreciseOnly = render.EventDensity, false
	s.ApplyStep(step, false)
	assert.Equal(t, render.EventHex, l.Style)
	assert.True(t, l.Filter.PreciseOnly)
}

func eventsYear(l *render.EventLayer, i int32) int {
	return events.DayTime(l.Table.DayFrom[i]).Year()
}

// TestEventTableLinkedWithMap: a tap on an event with the table open
// selects that event.
func TestEventTableLinkedWithMap(t *testing.T) {
	s := newTestShell(t)
	l, _, err := s.LoadEvents(context.Background(), project.EventSource{Path: synthFile(t, 500)}, nil)
	require.NoError(t, err)
	e := s.ev.list[0]
	var picked int32 = -1
	e.onMapPick = func(i int32) { picked = i }
	v := s.Map.View()
	i := int32(17)
	x, y := v.ToScreen(orbPoint(l.Table.Lon[i], l.Table.Lat[i]))
	require.True(t, s.pickEvent(x, y))
	// Several events may share the spot: the one picked is at that place.
	px, py := v.ToScreen(orbPoint(l.Table.Lon[picked], l.Table.Lat[picked]))
	assert.InDelta(t, x, px, 8)
	assert.InDelta(t, y, py, 8)
	assert.True(t, l.Selected[picked])
	e.onMapPick = nil
	assert.False(t, s.pickEvent(x, y), "without a table open, taps go to the map's features")
}

// TestEventTipOnHexCell: hovering a hex cell tells its count and its top
// categories.
func TestEventTipOnHexCell(t *testing.T) {
	s := newTestShell(t)
	l, _, err := s.LoadEvents(context.Background(), project.EventSource{Path: synthFile(t, 800)}, nil)
	require.NoError(t, err)
	l.Style, l.CellKm = render.EventHex, 50
	h, _, err := l.Hex()
	require.NoError(t, err)
	c := h.CellAt(l.Table.Lon[3], l.Table.Lat[3])
	require.GreaterOrEqual(t, c, 0)
	x, y := s.Map.View().ToScreen(orbPoint(l.Table.Lon[3], l.Table.Lat[3]))
	tip := s.eventTip(x, y)
	assert.Contains(t, tip, fmt.Sprintf("%d events", h.Count[c]))
	top := h.TopCategories(l.Table, c, 1)[0]
	assert.Contains(t, tip, fmt.Sprintf("%s (%d)", top.Name, top.Events))
}

// TestEventCategoryChecks: unticking an event type in the layer panel
// leaves its events out of the map.
func TestEventCategoryChecks(t *testing.T) {
	s := newTestShell(t)
	l, _, err := s.LoadEvents(context.Background(), project.EventSource{Path: synthFile(t, 600)}, nil)
	require.NoError(t, err)
	s.layerPanel.Rebuild()
	cat := l.Table.Categories.Values[0]
	var box *widget.Check
	var find func(o fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Check:
			if o.Text == cat {
				box = o
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				find(c)
			}
		}
	}
	find(s.layerPanel.box)
	require.NotNil(t, box, "no check for %q", cat)
	box.SetChecked(false)
	sel := s.Options().Events[0].Selection()
	require.NotEmpty(t, sel)
	for _, i := range sel {
		assert.NotEqual(t, cat, l.Table.Categories.Values[l.Table.Category[i]])
	}
	assert.Equal(t, []string{cat}, l.Filter.Hidden)
}

// TestRouteProfileUnderTheMap: the route profile opens in a panel under the
// map with its sentence in the narrative panel; it stays open when the
// selection changes (another route gets its profile, anything else keeps
// the last one) and closes with its note.
func TestRouteProfileUnderTheMap(t *testing.T) {
	s := newTestShell(t)
	_, _, err := s.LoadEvents(context.Background(), project.EventSource{Path: synthFile(t, 4000)}, nil)
	require.NoError(t, err)
	e := s.ev.list[0]
	s.Select(nil)
	s.showRouteProfile(e) // no route selected: a message, no panel
	_, _, ok := s.RouteProfileShown()
	require.False(t, ok)

	r1, r2 := s.Cat.Feature("cocaine-north-algeria"), s.Cat.Feature("cocaine-north-niger-libya")
	require.NotNil(t, r1)
	require.NotNil(t, r2)
	s.Select(r1)
	s.showRouteProfile(e)
	title, caption, ok := s.RouteProfileShown()
	require.True(t, ok)
	assert.Contains(t, title, r1.Name("en"))
	assert.Contains(t, title, "SYNTHETIC")
	want := events.ProfileOf(e.layer.Table, e.layer.Selection(), r1.Route(), 20, 50, s.townPlaces(), s.t)
	assert.Equal(t, want.Caption, caption)
	assert.True(t, s.narrative.HasNote(s.profile.note), "the sentence is in the narrative panel")

	s.Select(nil) // not a route: the profile stays
	title2, _, ok := s.RouteProfileShown()
	require.True(t, ok)
	assert.Equal(t, title, title2)
	assert.True(t, s.narrative.HasNote(s.profile.note), "the sentence is shown again under the welcome text")

	s.Select(r2) // another route: its profile
	title3, _, ok := s.RouteProfileShown()
	require.True(t, ok)
	assert.Contains(t, title3, r2.Name("en"))

	note := s.profile.note
	s.closeRouteProfile()
	_, _, ok = s.RouteProfileShown()
	assert.False(t, ok)
	assert.False(t, s.narrative.HasNote(note))
	s.Select(r1)
	_, _, ok = s.RouteProfileShown()
	assert.False(t, ok, "a closed panel stays closed")
}

// TestPlayMonths: with the step set to months, play shows one month of the
// layer's events at a time, the period control on its year.
func TestPlayMonths(t *testing.T) {
	s := newTestShell(t)
	_, _, err := s.LoadEvents(context.Background(), project.EventSource{Path: synthFile(t, 3000)}, nil)
	require.NoError(t, err)
	e := s.ev.list[0]
	e.playStep = "month"
	ps := playPeriods(e)
	y0, y1 := eventYears(e.layer.Table)
	require.Len(t, ps, 12*(y1-y0+1))
	p := ps[14] // the March of the second year
	s.showPlayed(e, p, true)
	assert.Equal(t, y0+1, s.vs.Period.From)
	assert.Equal(t, y0+1, s.vs.Period.To)
	snap := s.Options().Events[0]
	sel := snap.Selection()
	require.NotEmpty(t, sel)
	for _, i := range sel {
		from, to := e.layer.Table.DayFrom[i], e.layer.Table.DayTo[i]
		assert.True(t, from <= p[1] && to >= p[0], "event %d (%v–%v) outside the month", i, from, to)
	}
	assert.Equal(t, time.March, events.DayTime(p[0]).Month())
	assert.Contains(t, s.playLabel(e), fmt.Sprintf("%d-03", y0+1), "the month played is named")
	assert.Less(t, len(sel), len(e.layer.Selection())/6, "a month shows fewer events than all")
	e.playStep = ""
	assert.Len(t, playPeriods(e), y1-y0+1)
}
