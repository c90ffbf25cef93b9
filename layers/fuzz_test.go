package layers

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzParsePeriod: no panic; an accepted period is within 1900..2100, its
// end not before its start; its label (as the period control shows it)
// reads back as the same period.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"all", "", "2012", "2017-2018", "2017–2018", "2023-", " 2020 ", "2018-2017", "1899", "2101",
		"+2012", "-2012", "2012--2013", "all years", "toutes les années", "2012-2100", "٢٠١٢", "2012-+2013"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "period ") {
				t.Fatalf("%q: error %v", s, err)
			}
			return
		}
		if !p.IsZero() && (p.From < 1900 || p.From > 2100 || p.To != 0 && (p.To < p.From || p.To > 2100)) {
			t.Fatalf("%q: accepted %+v", s, p)
		}
		for _, lang := range Languages {
			q, err := ParsePeriod(p.Label(lang))
			if err != nil || q != p {
				t.Fatalf("%q: %+v labelled %q reads as %+v (%v)", s, p, p.Label(lang), q, err)
			}
		}
	})
}

// plain reports whether a front matter value can be written back as it was
// read: one line, no quotes, no " #" comment.
func plain(s string) bool {
	return !strings.ContainsAny(s, "\"'\r\n") && !strings.Contains(s, " #") && strings.TrimSpace(s) == s && !strings.HasPrefix(s, "#")
}

// formatNarrative writes a narrative back as a file.
func formatNarrative(n *Narrative) string {
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("id: " + n.ID + "\n")
	b.WriteString("title: " + n.Title + "\n")
	if n.Kind != "" {
		b.WriteString("kind: " + n.Kind + "\n")
	}
	if n.Layer != "" {
		b.WriteString("layer: " + n.Layer + "\n")
	}
	for _, l := range []struct {
		k string
		v []string
	}{{"sources", n.Sources}, {"features", n.Features}, {"related", n.Related}} {
		if l.v != nil {
			b.WriteString(l.k + ": [" + strings.Join(l.v, ", ") + "]\n")
		}
	}
	b.WriteString("---\n")
	b.WriteString(n.Body + "\n")
	return b.String()
}

// FuzzParseNarrative: no panic; errors name the file (and the line where
// there is one); an accepted narrative has an id and a title, and written
// back it reads as the same narrative.
func FuzzParseNarrative(f *testing.F) {
	files, _ := filepath.Glob("../data/narratives/*/*.md")
	for _, fn := range files[:min(len(files), 8)] {
		data, err := os.ReadFile(fn)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	for _, s := range []string{"---\nid: a\ntitle: A\n---\nbody", "---\nid: a\n", "", "---\r\nid: a\r\ntitle: \"A: b\"\r\nsources: [x, 'y']\r\n---\r\n\r\nB\r\n",
		"---\nid: a\ntitle: A # c\nrelated: []\n---\n", "---\nfoo: 1\n---\n", "---\nsources: x\n---\n"} {
		f.Add(s)
	}
	place := regexp.MustCompile(`^n\.md(:\d+)?: `)
	f.Fuzz(func(t *testing.T, text string) {
		n, err := ParseNarrative("n.md", text)
		if err != nil {
			if !place.MatchString(err.Error()) {
				t.Fatalf("%q: error %v does not name the file", text, err)
			}
			return
		}
		if n.ID == "" || n.Title == "" {
			t.Fatalf("%q: accepted without id or title: %+v", text, n)
		}
		for _, v := range append([]string{n.ID, n.Title, n.Kind, n.Layer}, append(append(append([]string{}, n.Sources...), n.Features...), n.Related...)...) {
			if !plain(v) || strings.ContainsAny(v, ",[]") && v != n.Title {
				return // not written back as it stands
			}
		}
		m, err := ParseNarrative("n.md", formatNarrative(n))
		if err != nil {
			t.Fatalf("%q: read as %+v, written back as %q: %v", text, n, formatNarrative(n), err)
		}
		m.BodyLine, n.BodyLine = 0, 0
		if !reflect.DeepEqual(m, n) {
			t.Fatalf("%q: read as\n%+v\nwritten back and read as\n%+v", text, n, m)
		}
	})
}

// FuzzReadManifest: no panic; a refused manifest names the file and no Go
// type; an accepted one encodes to a manifest that reads back the same.
func FuzzReadManifest(f *testing.F) {
	files, _ := filepath.Glob("../data/overlays/*.layer.json")
	for _, fn := range files {
		data, err := os.ReadFile(fn)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{`[]`, `[{"id":"x","title":{"en":"X"}}]`, `[{"id":1}]`, `[{"idx":"x"}]`, `{}`, `[{"style":{"width":"3"}}]`, `[{"style":{"width":1e400}}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"x.layer.json": {Data: data}}
		var specs []LayerSpec
		if err := readJSON(fsys, "x.layer.json", &specs); err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "data/x.layer.json") {
				t.Fatalf("%q: error does not name the file: %v", data, err)
			}
			if strings.Contains(msg, "Go ") || strings.Contains(msg, "layers.") || strings.Contains(msg, "map[") || strings.Contains(msg, "float64") {
				t.Fatalf("%q: error names Go types: %v", data, err)
			}
			return
		}
		out, err := json.Marshal(specs)
		if err != nil {
			t.Fatalf("%q: accepted, cannot be written: %v", data, err)
		}
		var again []LayerSpec
		if err := readJSON(fstest.MapFS{"x.layer.json": {Data: out}}, "x.layer.json", &again); err != nil {
			t.Fatalf("%q: accepted, written as %s, refused: %v", data, out, err)
		}
		out2, _ := json.Marshal(again)
		if !bytes.Equal(out, out2) {
			t.Fatalf("%q: written as\n%s\nthen as\n%s", data, out, out2)
		}
	})
}
