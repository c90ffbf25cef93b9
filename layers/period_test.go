package layers_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/layers"
)

// sharesYear says, year by year, whether a feature's span and a preset's span
// have a year in common (an open end runs to the last year checked).
func sharesYear(f, p layers.Period) bool {
	const last = 2100
	in := func(y int, q layers.Period) bool {
		to := q.To
		if to == 0 {
			to = last
		}
		return y >= q.From && y <= to
	}
	for y := 1900; y <= last; y++ {
		if in(y, f) && in(y, p) {
			return true
		}
	}
	return false
}

func TestPeriodFilterArmedGroups(t *testing.T) {
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	l := cat.Layer("armed_groups")
	require.NotNil(t, l)
	require.NotEmpty(t, l.Features)
	total := len(l.Features)

	counts := map[string]int{}
	for _, pr := range layers.PeriodPresets {
		keep := layers.PeriodFilter(pr.Period)
		if pr.Period.IsZero() {
			assert.Nil(t, keep, "preset %s", pr.ID)
			counts[pr.ID] = l.CountKept(keep)
			continue
		}
		require.NotNil(t, keep, "preset %s", pr.ID)
		kept := 0
		cats := map[string]bool{}
		for _, f := range l.Features {
			require.NotZero(t, f.Period.From, "%s has a period", f.ID)
			want := sharesYear(f.Period, pr.Period)
			assert.Equal(t, want, keep(f), "preset %s, feature %s (%v)", pr.ID, f.ID, f.Period)
			if want {
				kept++
				cats[f.Category] = true
			}
		}
		counts[pr.ID] = l.CountKept(keep)
		assert.Equal(t, kept, counts[pr.ID], "preset %s", pr.ID)
		assert.Positive(t, kept, "preset %s keeps some zones", pr.ID)
		assert.Less(t, kept, total, "preset %s drops some zones", pr.ID)
		// Only the legend categories of the kept zones remain.
		for _, c := range l.Spec.Categories {
			has := false
			for _, f := range l.Features {
				if f.Category == c.Value && keep(f) {
					has = true
				}
			}
			assert.Equal(t, cats[c.Value], has, "preset %s category %s", pr.ID, c.Value)
		}
	}
	assert.Equal(t, total, counts["all"])
	assert.Less(t, counts["2012"], counts["all"])
	// The presets are the layer's moments: every zone falls in one of them.
	for _, f := range l.Features {
		in := false
		for _, pr := range layers.PeriodPresets[1:] {
			in = in || layers.PeriodFilter(pr.Period)(f)
		}
		assert.True(t, in, "zone %s (%v) is in no preset", f.ID, f.Period)
	}
}

func TestPeriodFilterKeepsBaseLayers(t *testing.T) {
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	for _, id := range []string{"countries", "regions", "cercles", "rivers", "towns"} {
		l := cat.Layer(id)
		require.NotNil(t, l, id)
		for _, pr := range layers.PeriodPresets[1:] {
			assert.Equal(t, len(l.Features), l.CountKept(layers.PeriodFilter(pr.Period)), "%s under %s", id, pr.ID)
		}
	}
}

func TestPeriodFilterOpenEnded(t *testing.T) {
	open := &layers.Feature{Period: layers.Period{From: 2023}}
	closed := &layers.Feature{Period: layers.Period{From: 2012, To: 2013}}
	keep := layers.PeriodFilter(layers.Period{From: 2030, To: 2031})
	assert.True(t, keep(open), "an open period runs on")
	assert.False(t, keep(closed))
	keep = layers.PeriodFilter(layers.Period{From: 2013, To: 2013})
	assert.True(t, keep(closed), "the last year counts")
	assert.False(t, keep(open))
}

func TestPeriodLabel(t *testing.T) {
	for _, c := range []struct {
		p      layers.Period
		en, fr string
	}{
		{layers.Period{}, "all years", "toutes les années"},
		{layers.Period{From: 2012, To: 2012}, "2012", "2012"},
		{layers.Period{From: 2017, To: 2018}, "2017–2018", "2017–2018"},
		{layers.Period{From: 2023, To: 2025}, "2023–2025", "2023–2025"},
		{layers.Period{From: 2023}, "2023–", "2023–"},
	} {
		assert.Equal(t, c.en, c.p.Label("en"))
		assert.Equal(t, c.fr, c.p.Label("fr"))
	}
	for _, pr := range layers.PeriodPresets {
		got, ok := layers.PresetByID(pr.ID)
		require.True(t, ok)
		assert.Equal(t, pr.Period, got.Period)
		back, ok := layers.PresetOf(pr.Period)
		require.True(t, ok)
		assert.Equal(t, pr.ID, back.ID)
		assert.NotEmpty(t, pr.Title["en"])
		assert.NotEmpty(t, pr.Title["fr"])
	}
	_, ok := layers.PresetByID("1999")
	assert.False(t, ok)
}

func TestParsePeriod(t *testing.T) {
	for in, want := range map[string]layers.Period{
		"all": {}, "": {}, "2012": {2012, 2012}, "2017-2018": {2017, 2018}, "2017–2018": {2017, 2018}, "2023-": {From: 2023},
	} {
		got, err := layers.ParsePeriod(in)
		if err != nil || got != want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"soon", "2018-2017", "12", "2012-x"} {
		if _, err := layers.ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) should fail", bad)
		}
	}
}
