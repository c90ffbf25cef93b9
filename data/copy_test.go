package data_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"maliatlas/data"
	"maliatlas/layers"
)

// copyRun is the length, in words, of the shortest run a text may not share
// with a source: the atlas carries over facts, not sentences.
const copyRun = 10

// exemptNames are names and titles that a text may repeat word for word,
// besides the titles, authors and publishers in sources.json. Each is a name
// of an organisation, programme or fund as the sources print it.
var exemptNames = []string{
	"Global Programme against Money Laundering, Proceeds of Crime and the Financing of Terrorism",
	"the Secretary-General's Peace and Security Sub-Fund",
	"United Nations Peace and Development Trust Fund",
	"United Nations Multidimensional Integrated Stabilization Mission in Mali",
	"United Nations Interregional Crime and Justice Research Institute",
	"Cellule Nationale de Traitement des Informations Financières",
	"Front National de Libération de l'Azawad",
}

// sourcesDir finds ../shared/sources beside the clone ($SHARED/sources when
// SHARED is set, as in the Makefile).
func sourcesDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "sources")
	if s := os.Getenv("SHARED"); s != "" {
		dir = filepath.Join(s, "sources")
		if !filepath.IsAbs(s) {
			dir = filepath.Join("..", s, "sources")
		}
	}
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the source texts are missing (%v): CI must have ../shared beside the clone", err)
		}
		t.Skipf("no source texts at %s: the copy check needs ../shared/sources beside the clone", dir)
	}
	return dir
}

// words splits s into lower-case words (letters and digits); apostrophes and
// hyphens split words, so "Mali’s" and "Mali's" give the same words.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

var (
	citeRe = regexp.MustCompile(`\[[a-z][a-z0-9]*(?:-[a-z0-9]+)+\]`)
)

// text is a narrative or caption to check: its words and, for each word, the
// line it is on.
type text struct {
	file  string
	words []string
	lines []int
}

func newText(file string, firstLine int, body string) text {
	t := text{file: file}
	for i, l := range strings.Split(body, "\n") {
		// A citation is not prose: it breaks a run like a masked word.
		for j, part := range citeRe.Split(l, -1) {
			if j > 0 {
				t.words = append(t.words, "")
				t.lines = append(t.lines, firstLine+i)
			}
			for _, w := range words(part) {
				t.words = append(t.words, w)
				t.lines = append(t.lines, firstLine+i)
			}
		}
	}
	return t
}

// mask blanks every occurrence of the exempt phrases in t, so that a run
// cannot go through a name or a title.
func (t *text) mask(exempt [][]string) {
	for _, ph := range exempt {
		if len(ph) == 0 {
			continue
		}
	scan:
		for i := 0; i+len(ph) <= len(t.words); i++ {
			for j, w := range ph {
				if t.words[i+j] != w {
					continue scan
				}
			}
			for j := range ph {
				t.words[i+j] = ""
			}
		}
	}
}

// shared returns the runs of at least copyRun words of t that occur in the
// source whose n-grams are in grams.
func (t *text) shared(grams map[string]string) []string {
	var out []string
	for i := 0; i+copyRun <= len(t.words); i++ {
		if hasMasked(t.words[i : i+copyRun]) {
			continue
		}
		src, ok := grams[strings.Join(t.words[i:i+copyRun], " ")]
		if !ok {
			continue
		}
		j := i + copyRun
		for j < len(t.words) && t.words[j] != "" {
			if _, ok := grams[strings.Join(t.words[j-copyRun+1:j+1], " ")]; !ok {
				break
			}
			j++
		}
		out = append(out, fmt.Sprintf("%s:%d: %d words shared with %s: %q", t.file, t.lines[i], j-i, src, strings.Join(t.words[i:j], " ")))
		i = j - 1
	}
	return out
}

func hasMasked(ws []string) bool {
	for _, w := range ws {
		if w == "" {
			return true
		}
	}
	return false
}

// TestNoCopiedSentences fails when a narrative or a briefing caption shares
// a run of copyRun or more words with one of the source texts, names and
// titles excepted.
func TestNoCopiedSentences(t *testing.T) {
	dir := sourcesDir(t)
	var reg struct {
		Sources []struct {
			Key, Title, Authors, Publisher, File string
		}
	}
	b, err := fs.ReadFile(data.FS, "sources.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &reg); err != nil {
		t.Fatal(err)
	}
	var exempt [][]string
	for _, n := range exemptNames {
		exempt = append(exempt, words(n))
	}
	for _, s := range reg.Sources {
		for _, n := range []string{s.Title, s.Authors, s.Publisher} {
			exempt = append(exempt, words(n))
		}
	}
	grams := map[string]string{}
	for _, s := range reg.Sources {
		raw, err := os.ReadFile(filepath.Join(dir, s.File))
		if err != nil {
			t.Fatalf("source %s: %v", s.Key, err)
		}
		src := text{words: words(string(raw))}
		src.mask(exempt)
		for i := 0; i+copyRun <= len(src.words); i++ {
			g := strings.Join(src.words[i:i+copyRun], " ")
			if _, ok := grams[g]; !ok {
				grams[g] = s.Key
			}
		}
	}
	if len(grams) < 1000 {
		t.Fatalf("only %d word runs read from %s: are the source texts there?", len(grams), dir)
	}

	var texts []text
	ns, err := layers.LoadNarratives(data.FS, "narratives")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range ns.Langs() {
		for _, id := range ns.IDs(lang) {
			n := ns.Get(lang, id)
			texts = append(texts, newText(n.File, n.BodyLine, n.Body))
		}
	}
	briefings, _ := fs.Glob(data.FS, "briefings/*.json")
	for _, p := range briefings {
		b, err := fs.ReadFile(data.FS, p)
		if err != nil {
			t.Fatal(err)
		}
		var br struct {
			Steps []struct {
				Caption map[string]string `json:"caption"`
			} `json:"steps"`
		}
		if err := json.Unmarshal(b, &br); err != nil {
			t.Fatalf("data/%s: %v", p, err)
		}
		for i, st := range br.Steps {
			for lang, c := range st.Caption {
				texts = append(texts, newText(fmt.Sprintf("data/%s: step %d caption (%s), line", p, i+1, lang), 1, c))
			}
		}
	}
	for _, tx := range texts {
		tx.mask(exempt)
		for _, m := range tx.shared(grams) {
			t.Error(m)
		}
	}
}

// The check itself: a copied run is found, a shorter one and a name are not.
func TestCopyCheckFindsRuns(t *testing.T) {
	src := text{words: words("Cattle theft is a widespread phenomenon that particularly affects herders and represents a lucrative activity.")}
	grams := map[string]string{}
	for i := 0; i+copyRun <= len(src.words); i++ {
		grams[strings.Join(src.words[i:i+copyRun], " ")] = "src"
	}
	copied := newText("a.md", 1, "As the study says, cattle theft is a widespread phenomenon that particularly affects herders [unodc-unicri-2025].")
	if got := copied.shared(grams); len(got) != 1 || !strings.Contains(got[0], "10 words") {
		t.Errorf("copied run: %v", got)
	}
	short := newText("b.md", 1, "Cattle theft is a widespread phenomenon that particularly hits herders.")
	if got := short.shared(grams); len(got) != 0 {
		t.Errorf("nine shared words reported: %v", got)
	}
	cited := newText("c.md", 1, "Cattle theft is a widespread phenomenon [x-1] that particularly affects herders and represents a lucrative activity.")
	if got := cited.shared(grams); len(got) != 0 {
		t.Errorf("a citation joined two runs: %v", got)
	}
	named := newText("d.md", 1, "Cattle theft is a widespread phenomenon that particularly affects herders.")
	named.mask([][]string{words("widespread phenomenon")})
	if got := named.shared(grams); len(got) != 0 {
		t.Errorf("a run through a name was reported: %v", got)
	}
}
