package project

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDecode: no panic; a refused project names the file and no Go type;
// an accepted one is valid, its places are in range, and it encodes to a
// file that decodes to the same encoding (what is accepted round-trips).
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.matlas")
	for _, fn := range files {
		data, err := os.ReadFile(fn)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	if data, err := Encode(sample()); err == nil {
		f.Add(data)
		f.Add(append([]byte("\xef\xbb\xbf"), data...))
	}
	for _, s := range []string{
		`{"schema":"maliatlas.project","version":1}`,
		`{"schema":"maliatlas.project","version":1,"view":{"lon":500,"lat":0,"zoom":5}}`,
		`{"schema":"maliatlas.project","version":1,"annotations":[{"id":"a","kind":"marker","points":[[1,2]]}]}`,
		`{"schema":"maliatlas.project","version":1,"imports":[{"id":"i","title":"t","geojson":{"type":"Point","coordinates":[1,2]}}]}`,
		`{"schema":"maliatlas.project","version":1,"period":{"from":2020,"to":2010}}`,
		`{"schema":"x"}`, `[]`, `{`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode("fuzz.matlas", data)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "fuzz.matlas") {
				t.Fatalf("input %q: error does not name the file: %v", data, err)
			}
			if strings.Contains(msg, "Go ") || strings.Contains(msg, "project.") || strings.Contains(msg, "[]") && strings.Contains(msg, "where") {
				t.Fatalf("input %q: error names Go types: %v", data, err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("input %q: accepted, but invalid: %v", data, err)
		}
		if v := p.View; !(v.Lon >= -180 && v.Lon <= 180 && v.Lat >= -90 && v.Lat <= 90) {
			t.Fatalf("input %q: accepted view %+v", data, v)
		}
		for i, a := range p.Annotations {
			for _, pt := range a.Points {
				if !(pt[0] >= -180 && pt[0] <= 180 && pt[1] >= -90 && pt[1] <= 90) {
					t.Fatalf("input %q: accepted annotation %d point %v", data, i, pt)
				}
			}
		}
		out, err := Encode(p)
		if err != nil {
			t.Fatalf("input %q: accepted, but cannot be saved: %v", data, err)
		}
		q, err := Decode("again.matlas", out)
		if err != nil {
			t.Fatalf("input %q: accepted, saved as\n%s\nrefused: %v", data, out, err)
		}
		again, err := Encode(q)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("input %q: saved as\n%s\nthen as\n%s (%v)", data, out, again, err)
		}
	})
}
