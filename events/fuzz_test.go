package events

import (
	"context"
	"testing"

	"maliatlas/events/synth"
)

// FuzzRead: any input gives a table or an error, never a panic; every
// accepted event has coordinates in range, a date range in order, a
// precision the format allows, a weight ≥ 0, and the report's counts add up.
func FuzzRead(f *testing.F) {
	f.Add(gen(f, synth.Options{Format: synth.ACLED, N: 5, Seed: 1}))
	f.Add(gen(f, synth.Options{Format: synth.UCDP, N: 5, Seed: 2}))
	f.Add(gen(f, synth.Options{Format: synth.ACLED, N: 3, Seed: 3, GeoJSON: true}))
	f.Add([]byte("date,lon,lat\n2023-01-01,1,2\n\"x\"\"y\",3\n"))
	f.Add([]byte("date;wkt\n15 March 2023;POINT (1 2)\n"))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"date":"2023"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, rep, err := Read(context.Background(), "f", data, Options{})
		if err != nil {
			if tab != nil || rep != nil {
				t.Fatal("an error with a table")
			}
			return
		}
		if rep.Loaded != tab.Len() || rep.Skipped < 0 || len(rep.Problems) > MaxProblems {
			t.Fatalf("report %+v for %d events", rep, tab.Len())
		}
		hi := uint8(9)
		switch tab.Format {
		case ACLED:
			hi = 3
		case UCDP:
			hi = 7
		}
		for i := range tab.Len() {
			if !(tab.Lon[i] >= -180 && tab.Lon[i] <= 180 && tab.Lat[i] >= -90 && tab.Lat[i] <= 90) {
				t.Fatalf("event %d at %g,%g", i, tab.Lon[i], tab.Lat[i])
			}
			if tab.DayTo[i] < tab.DayFrom[i] || tab.Prec[i] > hi || !(tab.Weight[i] >= 0) {
				t.Fatalf("event %d: days %d..%d prec %d weight %g", i, tab.DayFrom[i], tab.DayTo[i], tab.Prec[i], tab.Weight[i])
			}
			if int(tab.Line[i]) < 1 {
				t.Fatalf("event %d on line %d", i, tab.Line[i])
			}
		}
		for _, p := range rep.Problems {
			if p.Line < 0 || p.Col < 0 || p.File != "f" {
				t.Fatalf("problem %+v", p)
			}
		}
	})
}

// FuzzParseDate: an accepted date written as YYYY-MM-DD reads back the same.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-03-15", "15 March 2023", "29 February 2024", "2023-03-15 00:00:00.000", "1 mai 2020", "2023"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate([]byte(s))
		if !ok {
			return
		}
		iso := FormatDay(d)
		d2, ok := ParseDate([]byte(iso))
		if !ok || d2 != d {
			t.Fatalf("%q → %s → %d, %v", s, iso, d2, ok)
		}
		if y := DayTime(d).Year(); y < 1800 || y > 2200 {
			t.Fatalf("%q: year %d", s, y)
		}
	})
}
