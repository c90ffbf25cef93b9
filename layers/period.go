package layers

import (
	"fmt"
	"strconv"
	"strings"
)

// PeriodPreset is a named span of years the user can pick to filter the map:
// the moments the armed-groups layer describes, and "all years".
type PeriodPreset struct {
	ID     string
	Title  I18n
	Period Period
}

// PeriodPresets are the periods offered in the period picker, in order.
var PeriodPresets = []PeriodPreset{
	{ID: "all", Title: I18n{"en": "All years", "fr": "Toutes les années"}},
	{ID: "2012", Title: I18n{"en": "2012", "fr": "2012"}, Period: Period{From: 2012, To: 2012}},
	{ID: "2017-2018", Title: I18n{"en": "2017–2018", "fr": "2017–2018"}, Period: Period{From: 2017, To: 2018}},
	{ID: "2023-2025", Title: I18n{"en": "2023–2025", "fr": "2023–2025"}, Period: Period{From: 2023, To: 2025}},
}

// PresetByID returns the preset with the given id.
func PresetByID(id string) (PeriodPreset, bool) {
	for _, p := range PeriodPresets {
		if p.ID == id {
			return p, true
		}
	}
	return PeriodPreset{}, false
}

// PresetOf returns the preset whose period is p.
func PresetOf(p Period) (PeriodPreset, bool) {
	for _, q := range PeriodPresets {
		if q.Period == p {
			return q, true
		}
	}
	return PeriodPreset{}, false
}

// IsZero reports whether p is the zero period, "all years".
func (p Period) IsZero() bool { return p.From == 0 && p.To == 0 }

// PeriodFilter returns the filter that keeps the features whose own period
// overlaps p, for render.Options.Filter. Features without a period (the base
// layers) are always kept. The zero period filters nothing: the result is nil.
func PeriodFilter(p Period) func(*Feature) bool {
	if p.IsZero() {
		return nil
	}
	return func(f *Feature) bool { return f.Period.Overlaps(p) }
}

// Label is the period as shown to the user: "all years", "2012",
// "2017–2018", "2023–" when open.
func (p Period) Label(lang string) string {
	switch {
	case p.IsZero():
		if lang == "fr" {
			return "toutes les années"
		}
		return "all years"
	case p.Open():
		return fmt.Sprintf("%d–", p.From)
	case p.From == p.To:
		return fmt.Sprint(p.From)
	case p.From == 0:
		return fmt.Sprintf("–%d", p.To)
	}
	return fmt.Sprintf("%d–%d", p.From, p.To)
}

// CountKept is the number of the layer's features keep accepts (all of them
// when keep is nil): the count a layer list shows under a period filter.
func (l *Layer) CountKept(keep func(*Feature) bool) int {
	if keep == nil {
		return len(l.Features)
	}
	n := 0
	for _, f := range l.Features {
		if keep(f) {
			n++
		}
	}
	return n
}

// ParsePeriod reads a period as a user types it: "all", a year ("2012"), a
// span ("2017-2018", "2017–2018") or an open span ("2023-"); it reads
// every Label.
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "–", "-"))
	switch strings.ToLower(s) {
	case "", "all", "all years", "toutes les années": // and the labels of all years
		return Period{}, nil
	}
	from, to, span := strings.Cut(s, "-")
	f, err := strconv.Atoi(from)
	if err != nil || f < 1900 || f > 2100 {
		return Period{}, fmt.Errorf("period %q: not a year, a span of years (2017-2018) or all", s)
	}
	if !span {
		return Period{From: f, To: f}, nil
	}
	if to == "" {
		return Period{From: f}, nil
	}
	t, err := strconv.Atoi(to)
	if err != nil || t < f || t > 2100 {
		return Period{}, fmt.Errorf("period %q: the end year must follow the start year", s)
	}
	return Period{From: f, To: t}, nil
}

// And keeps the features both filters keep (nil filters keep all).
func And(a, b func(*Feature) bool) func(*Feature) bool {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return func(f *Feature) bool { return a(f) && b(f) }
}
