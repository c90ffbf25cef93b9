package events

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"maliatlas/events/synth"
)

// seed is the random seed of generated test files: SEED overrides it.
func seed(t testing.TB) uint64 {
	s := uint64(time.Now().UnixNano())
	if v := os.Getenv("SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("SEED=%q: %v", v, err)
		}
		s = n
	}
	t.Logf("seed %d (set SEED to repeat)", s)
	return s
}

func gen(t testing.TB, o synth.Options) []byte {
	var buf bytes.Buffer
	if err := synth.Write(&buf, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustRead(t testing.TB, name string, data []byte, opt Options) (*Table, *Report) {
	t.Helper()
	tab, rep, err := Read(context.Background(), name, data, opt)
	if err != nil {
		t.Fatal(err)
	}
	return tab, rep
}

// TestACLEDAgainstEncodingCSV compares every imported event with the same
// row read by encoding/csv and parsed with the time package.
func TestACLEDAgainstEncodingCSV(t *testing.T) {
	for _, iso := range []bool{false, true} {
		data := gen(t, synth.Options{Format: synth.ACLED, N: 3000, Seed: seed(t), ISODates: iso})
		tab, rep := mustRead(t, "synthetic-acled.csv", data, Options{})
		if tab.Format != ACLED || rep.Skipped != 0 || len(rep.Problems) != 0 || !tab.Synthetic {
			t.Fatalf("format %v, report %+v, synthetic %v", tab.Format, rep, tab.Synthetic)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		recs = recs[1:]
		if tab.Len() != len(recs) {
			t.Fatalf("%d events, %d rows", tab.Len(), len(recs))
		}
		layout := "2 January 2006"
		if iso {
			layout = "2006-01-02"
		}
		for i, r := range recs {
			lat, _ := strconv.ParseFloat(r[col["latitude"]], 64)
			lon, _ := strconv.ParseFloat(r[col["longitude"]], 64)
			d, err := time.Parse(layout, r[col["event_date"]])
			if err != nil {
				t.Fatal(err)
			}
			day := Day(d.Unix() / 86400)
			fat, _ := strconv.ParseFloat(r[col["fatalities"]], 64)
			prec, _ := strconv.Atoi(r[col["geo_precision"]])
			if tab.Lat[i] != lat || tab.Lon[i] != lon || tab.DayFrom[i] != day || tab.DayTo[i] != day ||
				float64(tab.Weight[i]) != fat || int(tab.Prec[i]) != prec ||
				tab.Categories.Values[tab.Category[i]] != r[col["event_type"]] ||
				tab.Actors.Values[tab.Actor[i]] != r[col["actor1"]] || tab.ID(i) != r[col["event_id_cnty"]] ||
				tab.Precise(i) != (prec == 1) || int(tab.Line[i]) != i+2 {
				t.Fatalf("row %d: %v: got lon %g lat %g day %d..%d w %g prec %d", i, r, tab.Lon[i], tab.Lat[i], tab.DayFrom[i], tab.DayTo[i], tab.Weight[i], tab.Prec[i])
			}
		}
	}
}

func TestUCDPRangesAndPrecision(t *testing.T) {
	data := gen(t, synth.Options{Format: synth.UCDP, N: 2000, Seed: seed(t)})
	tab, rep := mustRead(t, "synthetic-ged.csv", data, Options{})
	if tab.Format != UCDP || rep.Skipped != 0 || tab.Len() != 2000 {
		t.Fatalf("format %v, %d events, report %+v", tab.Format, tab.Len(), rep)
	}
	recs, _ := csv.NewReader(bytes.NewReader(data)).ReadAll()
	ranges := 0
	for i, r := range recs[1:] {
		s, _ := time.Parse("2006-01-02", r[13][:10])
		e, _ := time.Parse("2006-01-02", r[14][:10])
		wp, _ := strconv.Atoi(r[6])
		best, _ := strconv.ParseFloat(r[15], 64)
		if tab.DayFrom[i] != Day(s.Unix()/86400) || tab.DayTo[i] != Day(e.Unix()/86400) ||
			tab.Precise(i) != (wp <= 2) || float64(tab.Weight[i]) != best {
			t.Fatalf("row %d %v: %d..%d precise %v", i, r, tab.DayFrom[i], tab.DayTo[i], tab.Precise(i))
		}
		if !s.Equal(e) {
			ranges++
		}
		want := map[string]string{"1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"}[r[2]]
		if got := tab.Categories.Values[tab.Category[i]]; got != want {
			t.Fatalf("row %d: category %q, want %q", i, got, want)
		}
	}
	if ranges == 0 {
		t.Fatal("the generated file has no date ranges")
	}
}

// TestGeoJSONSameAsCSV: the GeoJSON export of the same events gives the same table.
func TestGeoJSONSameAsCSV(t *testing.T) {
	for _, f := range []synth.Format{synth.ACLED, synth.UCDP} {
		s := seed(t)
		a, _ := mustRead(t, "a.csv", gen(t, synth.Options{Format: f, N: 500, Seed: s}), Options{})
		b, rep := mustRead(t, "a.geojson", gen(t, synth.Options{Format: f, N: 500, Seed: s, GeoJSON: true}), Options{})
		if rep.Skipped != 0 || a.Format != b.Format || a.Len() != b.Len() || !b.Synthetic {
			t.Fatalf("format %v/%v, %d/%d events, %+v", a.Format, b.Format, a.Len(), b.Len(), rep)
		}
		for i := range a.Len() {
			if a.Lon[i] != b.Lon[i] || a.Lat[i] != b.Lat[i] || a.DayFrom[i] != b.DayFrom[i] || a.DayTo[i] != b.DayTo[i] ||
				a.Prec[i] != b.Prec[i] || a.Weight[i] != b.Weight[i] || a.ID(i) != b.ID(i) ||
				a.Categories.Values[a.Category[i]] != b.Categories.Values[b.Category[i]] {
				t.Fatalf("event %d differs", i)
			}
		}
	}
}

func TestBadRowsReportedGoodRowsLoad(t *testing.T) {
	in := strings.Join([]string{
		"event_id_cnty,event_date,event_type,actor1,location,latitude,longitude,geo_precision,fatalities",
		"A1,15 March 2023,Battles,X,Here,14.5,-4.2,1,3",
		"A2,31 February 2023,Battles,X,Here,14.5,-4.2,1,3",
		"A3,2023-03-15,Battles,X,Here,95,-4.2,1,3",
		"A4,2023-03-15,Battles,X,Here,14.5,east,1,3",
		`A5,2023-03-16,"Violence against civilians","Group ""Z""","Place, with comma",14.6,-4.3,2,0`,
		"A6,2023-03-15,Battles,X,Here,14.5,-4.2,4,3",
		"A7,2023-03-15,Battles,X,Here,14.5,-4.2,1",
		"A8,2023-03-15,Battles,X,Here,14.5,-4.2,1,-2",
		"",
		"A9,16 mar 2023,Riots,Y,There,15,-3,3,0",
	}, "\r\n")
	tab, rep := mustRead(t, "mine.csv", []byte(in), Options{})
	if tab.Len() != 3 || rep.Loaded != 3 || rep.Skipped != 6 {
		t.Fatalf("%d loaded, report %+v", tab.Len(), rep)
	}
	want := []string{
		`mine.csv:3:4: column "event_date": not a date: "31 February 2023" (2023-03-15 or 15 March 2023)`,
		`mine.csv:4:30: column "latitude": latitude "95" out of range (−90 to 90)`,
		`mine.csv:5:35: column "longitude": not a number: "east"`,
		`mine.csv:7:40: column "geo_precision": precision must be a whole number 1–3, not "4"`,
		`mine.csv:8: the row has 8 cells, the header 9`,
		`mine.csv:9:42: column "fatalities": negative weight "-2"`,
	}
	if len(rep.Problems) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(rep.Lines(), "\n"))
	}
	for i, p := range rep.Problems {
		if p.String() != want[i] {
			t.Errorf("problem %d:\n got %s\nwant %s", i, p, want[i])
		}
	}
	if got := tab.Actors.Values[tab.Actor[1]]; got != `Group "Z"` {
		t.Errorf("actor %q", got)
	}
	if got := tab.Places.Values[tab.Place[1]]; got != "Place, with comma" {
		t.Errorf("place %q", got)
	}
	if tab.Line[2] != 11 || tab.DayFrom[2] != DayOf(2023, 3, 16) || tab.Precise(2) {
		t.Errorf("last event: line %d day %s precise %v", tab.Line[2], FormatDay(tab.DayFrom[2]), tab.Precise(2))
	}
	if s := rep.Summary(); s != "mine.csv: 3 events loaded, 6 rows skipped" {
		t.Errorf("summary %q", s)
	}
}

func TestGeoJSONBadFeatures(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[-4,14]},"properties":{"date":"2023-03-15","category":"a"}},
{"type":"Feature","geometry":{"type":"LineString","coordinates":[[-4,14],[-3,14]]},"properties":{"date":"2023-03-15"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[-4,14]},"properties":{"date":"soon"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[-4,99]},"properties":{"date":"2023-03-15"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[-5,15]},"properties":{"date":"1 April 2024","category":"b"}}
]}`
	tab, rep := mustRead(t, "g.geojson", []byte(in), Options{})
	if tab.Len() != 2 || rep.Skipped != 3 {
		t.Fatalf("%d events, %s", tab.Len(), strings.Join(rep.Lines(), "\n"))
	}
	want := []string{
		`g.geojson:3:1: feature 1: a LineString, not a Point`,
		`g.geojson:4:1: column "date": not a date: "soon" (2023-03-15 or 15 March 2023)`,
		`g.geojson:5:1: feature 3: position [-4, 99] out of range`,
	}
	for i, p := range rep.Problems {
		if p.String() != want[i] {
			t.Errorf("problem %d:\n got %s\nwant %s", i, p, want[i])
		}
	}
	// Invalid JSON: the place is given, nothing is loaded.
	_, _, err := Read(context.Background(), "g.geojson", []byte(in[:200]), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "g.geojson:") {
		t.Fatalf("truncated: %v", err)
	}
}

func TestParseDate(t *testing.T) {
	cases := map[string]string{
		"2023-03-15": "2023-03-15", "15 March 2023": "2023-03-15", "2023-03-15 00:00:00.000": "2023-03-15",
		"2023/03/15": "2023-03-15", "5 mar 2023": "2023-03-05", "15-March-2023": "2023-03-15",
		"1 février 2020": "2020-02-01", "29 February 2024": "2024-02-29", "2023": "2023-01-01",
		" 1 January 1990 ": "1990-01-01", "2023-03-15T10:00:00Z": "2023-03-15",
		"29 February 2023": "", "2023-13-01": "", "March 2023": "", "15 Marsh 2023": "", "": "", "2023-3-15": "",
		"32 January 2020": "", "15/03/2023": "", "2023-03-15x": "",
	}
	for in, want := range cases {
		d, ok := ParseDate([]byte(in))
		got := ""
		if ok {
			got = FormatDay(d)
		}
		if got != want {
			t.Errorf("ParseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGenericMappingSavedAndWKT(t *testing.T) {
	in := "when;where;what;who;killed\n2024-01-02;POINT (-3.5 16.2);ambush;G1;2\n2024-01-03;POINT(-3,5 16.2);raid;G2;0\n"
	_, _, err := Read(context.Background(), "x.csv", []byte(in), Options{})
	var me *MappingError
	if !errors.As(err, &me) || len(me.Header) != 5 {
		t.Fatalf("unrecognised columns: %v", err)
	}
	m := Mapping{Date: "when", WKT: "where", Category: "what", Actor: "who", Weight: "killed"}
	path := filepath.Join(t.TempDir(), "mapping.json")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	m2, err := LoadMapping(path)
	if err != nil || m2 != m {
		t.Fatalf("saved %+v, loaded %+v (%v)", m, m2, err)
	}
	tab, rep := mustRead(t, "x.csv", []byte(in), Options{Mapping: &m2})
	if tab.Len() != 1 || rep.Skipped != 1 || tab.Lon[0] != -3.5 || tab.Lat[0] != 16.2 || tab.Weight[0] != 2 || !tab.Precise(0) {
		t.Fatalf("%d events %v; %s", tab.Len(), tab.Lon, strings.Join(rep.Lines(), "\n"))
	}
	if p := rep.Problems[0].String(); p != `x.csv:3:12: column "where": not a number in "POINT(-3,5 16.2)"` {
		// ";" separates, so "-3,5" is read as a number and fails: the error names the cell.
		t.Errorf("problem %s", p)
	}
	// A weight override: count instead of the column.
	tab, _ = mustRead(t, "x.csv", []byte(in), Options{Mapping: &m2, Weight: "count"})
	if tab.Weight[0] != 1 || tab.HasWeight() {
		t.Errorf("count weight %g", tab.Weight[0])
	}
}

func TestCancelAndProgress(t *testing.T) {
	data := gen(t, synth.Options{Format: synth.ACLED, N: 100_000, Seed: 1})
	var calls int
	var last int64
	_, _, err := Read(context.Background(), "s.csv", data, Options{Progress: func(done, total int64) {
		if done < last || total != int64(len(data)) {
			t.Fatalf("progress %d/%d after %d", done, total, last)
		}
		last = done
		calls++
	}})
	if err != nil || calls < 3 || last != int64(len(data)) {
		t.Fatalf("err %v, %d progress calls, last %d", err, calls, last)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, _, err = Read(ctx, "s.csv", data, Options{Progress: func(done, total int64) { cancel() }})
	if !errors.Is(err, context.Canceled) || err.Error() != "s.csv: import cancelled" {
		t.Fatalf("cancelled import: %v", err)
	}
}

func TestMemoryPerEvent(t *testing.T) {
	tab, _ := mustRead(t, "s.csv", gen(t, synth.Options{Format: synth.ACLED, N: 50_000, Seed: 3}), Options{})
	// 300 MB for a million events is 300 bytes each.
	if per := float64(tab.MemoryBytes()) / float64(tab.Len()); per > 300 || math.IsNaN(per) {
		t.Fatalf("%.0f bytes per event", per)
	}
}
