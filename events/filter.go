package events

import (
	"slices"
	"strings"
)

// Filter selects events: a period, precise locations only, hidden
// categories and a text to find. The zero Filter keeps every event. It is a
// value kept in projects and briefing steps.
type Filter struct {
	From Day `json:"from,omitempty"` // first day kept; 0: no start
	To   Day `json:"to,omitempty"`   // last day kept; 0: no end
	// PreciseOnly keeps ACLED geo_precision 1 and UCDP where_prec 1–2.
	PreciseOnly bool     `json:"precise_only,omitempty"`
	Hidden      []string `json:"hidden,omitempty"` // categories left out
	// Text keeps events whose id, category, actor or place contains it
	// (without regard to case).
	Text string `json:"text,omitempty"`
	// Actor keeps only this actor, when set.
	Actor string `json:"actor,omitempty"`
}

// IsZero reports whether f keeps everything.
func (f Filter) IsZero() bool {
	return f.From == 0 && f.To == 0 && !f.PreciseOnly && len(f.Hidden) == 0 && f.Text == "" && f.Actor == ""
}

// Equal reports whether f and g select the same events.
func (f Filter) Equal(g Filter) bool {
	return f.From == g.From && f.To == g.To && f.PreciseOnly == g.PreciseOnly && slices.Equal(f.Hidden, g.Hidden) &&
		f.Text == g.Text && f.Actor == g.Actor
}

// dictMask marks the values of d that contain (or equal) s.
func dictMask(d *Dict, keep func(string) bool) []bool {
	m := make([]bool, d.Len())
	for i, v := range d.Values {
		m[i] = keep(v)
	}
	return m
}

// Select returns the indexes of the events f keeps, in table order. An
// event whose date range overlaps the period is kept.
func (f Filter) Select(t *Table) []int32 {
	n := t.Len()
	catOK := dictMask(&t.Categories, func(v string) bool { return !slices.Contains(f.Hidden, v) })
	var actorOK []bool
	if f.Actor != "" {
		actorOK = dictMask(&t.Actors, func(v string) bool { return v == f.Actor })
	}
	var textCat, textActor, textPlace []bool
	text := strings.ToLower(strings.TrimSpace(f.Text))
	if text != "" {
		has := func(v string) bool { return strings.Contains(strings.ToLower(v), text) }
		textCat, textActor, textPlace = dictMask(&t.Categories, has), dictMask(&t.Actors, has), dictMask(&t.Places, has)
	}
	from, to := f.From, f.To
	if to == 0 {
		to = 1 << 30
	}
	out := make([]int32, 0, n)
	for i := 0; i < n; i++ {
		if t.DayTo[i] < from || t.DayFrom[i] > to || !catOK[t.Category[i]] {
			continue
		}
		if f.PreciseOnly && !t.Precise(i) {
			continue
		}
		if actorOK != nil && !actorOK[t.Actor[i]] {
			continue
		}
		if text != "" && !textCat[t.Category[i]] && !textActor[t.Actor[i]] && !textPlace[t.Place[i]] &&
			!strings.Contains(strings.ToLower(t.ID(i)), text) {
			continue
		}
		out = append(out, int32(i))
	}
	return out
}

// All is every event's index.
func All(t *Table) []int32 {
	out := make([]int32, t.Len())
	for i := range out {
		out[i] = int32(i)
	}
	return out
}
