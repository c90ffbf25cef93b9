package events

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"
)

// TestParallelSameAsSequential: a file read in chunks at once gives the
// same table and report as read in one go, with quoted fields holding
// commas, quotes and line breaks around the cuts, and bad rows.
func TestParallelSameAsSequential(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one processor: never parallel")
	}
	r := rand.New(rand.NewPCG(seed(t), 9))
	var buf bytes.Buffer
	buf.WriteString("event_id_cnty,event_date,event_type,actor1,location,latitude,longitude,geo_precision,fatalities,notes\n")
	for i := range 4000 {
		note := "plain"
		switch r.IntN(5) {
		case 0:
			note = `"with, comma"`
		case 1:
			note = "\"two\nlines\""
		case 2:
			note = `"a ""quoted"" word"`
		}
		date := fmt.Sprintf("2023-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
		if r.IntN(50) == 0 {
			date = "soon"
		}
		fmt.Fprintf(&buf, "E%d,%s,Type%d,Actor%d,\"Place %d\",%.4f,%.4f,%d,%d,%s\n", i, date, r.IntN(4), r.IntN(7), r.IntN(30),
			10+15*r.Float64(), -12+16*r.Float64(), 1+r.IntN(3), r.IntN(9), note)
	}
	data := buf.Bytes()
	saved := minChunk
	defer func() { minChunk = saved }()
	read := func(chunk int) (*Table, *Report) {
		minChunk = chunk
		tab, rep, err := Read(context.Background(), "p.csv", data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return tab, rep
	}
	seq, seqRep := read(1 << 40)
	if cuts := splitBody(data, bytes.IndexByte(data, '\n')+1); len(cuts) < 3 {
		minChunk = 1 << 10
		if cuts = splitBody(data, bytes.IndexByte(data, '\n')+1); len(cuts) < 3 {
			t.Fatalf("no cut: %v", cuts)
		}
	}
	par, parRep := read(1 << 10)
	if seq.Len() == 0 || seqRep.Skipped == 0 {
		t.Fatalf("the test file has %d events, %d bad rows", seq.Len(), seqRep.Skipped)
	}
	if !reflect.DeepEqual(seqRep, parRep) {
		t.Fatalf("reports differ:\n%v\n%v", seqRep.Lines(), parRep.Lines())
	}
	if seq.Len() != par.Len() || seq.Bound() != par.Bound() {
		t.Fatalf("%d/%d events", seq.Len(), par.Len())
	}
	for i := range seq.Len() {
		if seq.Lon[i] != par.Lon[i] || seq.Lat[i] != par.Lat[i] || seq.DayFrom[i] != par.DayFrom[i] || seq.Line[i] != par.Line[i] ||
			seq.ID(i) != par.ID(i) || seq.Weight[i] != par.Weight[i] || seq.Prec[i] != par.Prec[i] ||
			seq.Categories.Values[seq.Category[i]] != par.Categories.Values[par.Category[i]] ||
			seq.Actors.Values[seq.Actor[i]] != par.Actors.Values[par.Actor[i]] ||
			seq.Places.Values[seq.Place[i]] != par.Places.Values[par.Place[i]] {
			t.Fatalf("event %d differs", i)
		}
	}
	// An unclosed quote: the whole file is read in one go, as before.
	bad := append(append([]byte(nil), data...), []byte("X,2023-01-01,T,A,\"never closed,1,1,1,1,x\n")...)
	minChunk = 1 << 10
	_, rep1, _ := Read(context.Background(), "p.csv", bad, Options{})
	minChunk = 1 << 40
	_, rep2, _ := Read(context.Background(), "p.csv", bad, Options{})
	if !reflect.DeepEqual(rep1, rep2) {
		t.Fatalf("unclosed quote: reports differ:\n%v\n%v", rep1.Lines(), rep2.Lines())
	}
}
