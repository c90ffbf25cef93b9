// Package events holds imported event data (ACLED, UCDP GED or any table of
// dated points) in columns, and computes hotspots from it: counts by area,
// hex bins, kernel density, clusters and profiles along a route. It never
// imports Fyne.
//
// A Table stores one slice per attribute (struct of arrays), not a map of
// properties per event: a million events take about 60 MB.
package events

import (
	"math"

	"github.com/paulmach/orb"
)

// Format is the kind of file the events came from.
type Format uint8

const (
	Generic Format = iota
	ACLED
	UCDP
)

func (f Format) String() string {
	switch f {
	case ACLED:
		return "ACLED"
	case UCDP:
		return "UCDP GED"
	}
	return "table"
}

// Dict interns strings (categories, actors, places) as small integers.
type Dict struct {
	Values []string
	index  map[string]uint32
}

// ID returns the number of s, adding it when new.
func (d *Dict) ID(s []byte) uint32 {
	if id, ok := d.index[string(s)]; ok {
		return id
	}
	if d.index == nil {
		d.index = map[string]uint32{}
	}
	id := uint32(len(d.Values))
	v := string(s)
	d.Values = append(d.Values, v)
	d.index[v] = id
	return id
}

// Lookup returns the number of s and whether it is known.
func (d *Dict) Lookup(s string) (uint32, bool) {
	id, ok := d.index[s]
	return id, ok
}

// Len is the number of distinct values.
func (d *Dict) Len() int { return len(d.Values) }

// Table is a set of events in columns; event i is the i-th entry of each.
type Table struct {
	Name    string  // the file's base name, for legends and messages
	Format  Format  // what the header was recognised as
	Mapping Mapping // the column mapping used
	// Synthetic is true when the file says it is synthetic test data (a
	// "synthetic" column or property): legends then say so.
	Synthetic bool

	Lon, Lat []float64
	X, Y     []float64 // normalised Web Mercator (geo.Project)
	DayFrom  []int32   // first day, days since 1970-01-01
	DayTo    []int32   // last day (equal to DayFrom for one-day events)
	Prec     []uint8   // geographic precision as the source codes it; 0 unknown
	Weight   []float32 // the weight column (fatalities, best, …); 1 without one
	Category []uint32  // into Categories
	Actor    []uint32  // into Actors
	Place    []uint32  // into Places
	Line     []int32   // line of the event in its file

	Categories, Actors, Places Dict

	ids    []byte   // event ids, concatenated
	idEnds []uint32 // end of id i in ids

	bound orb.Bound
}

// Len is the number of events.
func (t *Table) Len() int { return len(t.Lon) }

// ID is the id of event i as the file gives it ("" when none).
func (t *Table) ID(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.idEnds[i-1]
	}
	return string(t.ids[start:t.idEnds[i]])
}

// Bound is the extent of the events' points (zero for no events).
func (t *Table) Bound() orb.Bound { return t.bound }

// DaySpan is the first and last day of the events (0, 0 for no events).
func (t *Table) DaySpan() (from, to int32) {
	if t.Len() == 0 {
		return 0, 0
	}
	from, to = t.DayFrom[0], t.DayTo[0]
	for i := range t.Len() {
		from, to = min(from, t.DayFrom[i]), max(to, t.DayTo[i])
	}
	return from, to
}

// Precise reports whether event i has a precise location: ACLED
// geo_precision 1, UCDP where_prec 1–2, or for other tables a precision of
// at most Mapping.PreciseMax (any precision when the table has none).
func (t *Table) Precise(i int) bool {
	p := t.Prec[i]
	switch t.Format {
	case ACLED:
		return p == 1
	case UCDP:
		return p == 1 || p == 2
	}
	if t.Mapping.Precision == "" || p == 0 {
		return true
	}
	return int(p) <= max(t.Mapping.PreciseMax, 1)
}

// HasWeight reports whether the table has a weight column.
func (t *Table) HasWeight() bool { return t.Mapping.Weight != "" }

// WeightName is the name of the weight column, or "" when events count 1.
func (t *Table) WeightName() string { return t.Mapping.Weight }

// add appends one event (the caller has checked its values).
func (t *Table) add(lon, lat float64, from, to int32, prec uint8, w float32, cat, actor, place uint32, line int32, id []byte) {
	if len(t.Lon) == 0 {
		t.bound = orb.Bound{Min: orb.Point{lon, lat}, Max: orb.Point{lon, lat}}
	} else {
		t.bound = t.bound.Extend(orb.Point{lon, lat})
	}
	t.Lon = append(t.Lon, lon)
	t.Lat = append(t.Lat, lat)
	x, y := project(lon, lat)
	t.X = append(t.X, x)
	t.Y = append(t.Y, y)
	t.DayFrom = append(t.DayFrom, from)
	t.DayTo = append(t.DayTo, to)
	t.Prec = append(t.Prec, prec)
	t.Weight = append(t.Weight, w)
	t.Category = append(t.Category, cat)
	t.Actor = append(t.Actor, actor)
	t.Place = append(t.Place, place)
	t.Line = append(t.Line, line)
	t.ids = append(t.ids, id...)
	t.idEnds = append(t.idEnds, uint32(len(t.ids)))
}

// grow reserves room for n more events.
func (t *Table) grow(n int) {
	if n <= 0 {
		return
	}
	c := len(t.Lon) + n
	t.Lon = growF(t.Lon, c)
	t.Lat = growF(t.Lat, c)
	t.X = growF(t.X, c)
	t.Y = growF(t.Y, c)
	t.DayFrom = growT(t.DayFrom, c)
	t.DayTo = growT(t.DayTo, c)
	t.Prec = growT(t.Prec, c)
	t.Weight = growT(t.Weight, c)
	t.Category = growT(t.Category, c)
	t.Actor = growT(t.Actor, c)
	t.Place = growT(t.Place, c)
	t.Line = growT(t.Line, c)
	t.idEnds = growT(t.idEnds, c)
}

func growF(s []float64, c int) []float64 { return growT(s, c) }

func growT[T any](s []T, c int) []T {
	if cap(s) >= c {
		return s
	}
	n := make([]T, len(s), c)
	copy(n, s)
	return n
}

// project is geo.Project without the orb.Point (inlined in the hot loop).
func project(lon, lat float64) (x, y float64) {
	const maxLat = 85.05112878
	lat = math.Max(-maxLat, math.Min(maxLat, lat))
	x = (lon + 180) / 360
	s := math.Sin(lat * math.Pi / 180)
	y = 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	return x, y
}

// MemoryBytes estimates the memory the table's columns hold.
func (t *Table) MemoryBytes() int {
	n := cap(t.Lon)
	b := n * (8*4 + 4*2 + 1 + 4 + 4*3 + 4 + 4)
	b += cap(t.ids)
	for _, d := range []*Dict{&t.Categories, &t.Actors, &t.Places} {
		for _, v := range d.Values {
			b += 2*len(v) + 48
		}
	}
	return b
}
