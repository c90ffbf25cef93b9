package layers

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Languages the atlas is written in.
var Languages = []string{"en", "fr"}

// Narrative is one Markdown text of data/narratives/{lang}/ID.md.
type Narrative struct {
	ID       string
	Lang     string
	Title    string
	Kind     string // overview | feature | factsheet | bibliography
	Layer    string
	Sources  []string
	Features []string
	Related  []string
	Body     string // Markdown after the front matter
	File     string // path for messages, e.g. data/narratives/en/gold-overview.md
	BodyLine int    // line number of the body's first line in File
}

// Narratives holds every narrative by language and id.
type Narratives struct {
	byLang map[string]map[string]*Narrative
}

// Get returns the narrative id in lang, or nil.
func (n *Narratives) Get(lang, id string) *Narrative {
	if n == nil {
		return nil
	}
	return n.byLang[lang][id]
}

// IDs returns the narrative ids in lang, sorted.
func (n *Narratives) IDs(lang string) []string {
	if n == nil {
		return nil
	}
	ids := make([]string, 0, len(n.byLang[lang]))
	for id := range n.byLang[lang] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Langs returns the languages present, sorted.
func (n *Narratives) Langs() []string {
	var l []string
	for k := range n.byLang {
		l = append(l, k)
	}
	sort.Strings(l)
	return l
}

// LoadNarratives reads dir/{lang}/*.md for every language folder present. A
// missing dir is an empty set.
func LoadNarratives(fsys fs.FS, dir string) (*Narratives, error) {
	n := &Narratives{byLang: map[string]map[string]*Narrative{}}
	langs, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return n, nil
	}
	for _, ld := range langs {
		if !ld.IsDir() {
			continue
		}
		lang := ld.Name()
		files, err := fs.ReadDir(fsys, path.Join(dir, lang))
		if err != nil {
			return nil, err
		}
		for _, fe := range files {
			if fe.IsDir() || !strings.HasSuffix(fe.Name(), ".md") {
				continue
			}
			p := path.Join(dir, lang, fe.Name())
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil, err
			}
			nar, err := ParseNarrative("data/"+p, string(data))
			if err != nil {
				return nil, err
			}
			nar.Lang = lang
			if want := strings.TrimSuffix(fe.Name(), ".md"); nar.ID != want {
				return nil, fmt.Errorf("data/%s:2: id %q differs from the file name %q", p, nar.ID, want)
			}
			if n.byLang[lang] == nil {
				n.byLang[lang] = map[string]*Narrative{}
			}
			n.byLang[lang][nar.ID] = nar
		}
	}
	return n, nil
}

// ParseNarrative reads a front matter block between "---" lines (keys id,
// title, kind, layer, sources, features, related; lists as [a, b]) and the
// Markdown body.
// A line longer than MaxNarrativeLine is an error.
func ParseNarrative(file, text string) (nar *Narrative, err error) {
	nar = &Narrative{File: file}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, MaxNarrativeLine)
	line := 0
	defer func() {
		if errors.Is(sc.Err(), bufio.ErrTooLong) {
			nar, err = nil, fmt.Errorf("%s:%d: line is longer than %d KiB: break it into shorter lines", file, line+1, MaxNarrativeLine>>10)
		}
	}()
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return strings.TrimRight(sc.Text(), "\r"), true
	}
	first, ok := next()
	if !ok || strings.TrimSpace(first) != "---" {
		return nil, fmt.Errorf("%s:1: a narrative starts with a front matter line \"---\"", file)
	}
	closed := false
	for {
		l, ok := next()
		if !ok {
			break
		}
		if strings.TrimSpace(l) == "---" {
			closed = true
			break
		}
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		k, v, found := strings.Cut(l, ":")
		if !found {
			return nil, fmt.Errorf("%s:%d: front matter line is not \"key: value\"", file, line)
		}
		k = strings.TrimSpace(k)
		v = strings.TrimSpace(v)
		if i := strings.Index(v, " #"); i >= 0 && !strings.HasPrefix(v, "\"") {
			v = strings.TrimSpace(v[:i])
		}
		switch k {
		case "id":
			nar.ID = unquote(v)
		case "title":
			nar.Title = unquote(v)
		case "kind":
			nar.Kind = unquote(v)
		case "layer":
			nar.Layer = unquote(v)
		case "sources", "features", "related":
			list, err := parseList(v)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s: %v", file, line, k, err)
			}
			switch k {
			case "sources":
				nar.Sources = list
			case "features":
				nar.Features = list
			default:
				nar.Related = list
			}
		default:
			return nil, fmt.Errorf("%s:%d: unknown front matter key %q", file, line, k)
		}
	}
	if !closed {
		return nil, fmt.Errorf("%s:%d: front matter is not closed by \"---\"", file, line)
	}
	if nar.ID == "" {
		return nil, fmt.Errorf("%s: front matter has no id", file)
	}
	if nar.Title == "" {
		return nil, fmt.Errorf("%s: front matter has no title", file)
	}
	nar.BodyLine = line + 1
	var body strings.Builder
	for {
		l, ok := next()
		if !ok {
			break
		}
		body.WriteString(l)
		body.WriteByte('\n')
	}
	nar.Body = strings.TrimSpace(body.String())
	return nar, nil
}

// MaxNarrativeLine is the longest line of a narrative, in bytes.
const MaxNarrativeLine = 1 << 20

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

func parseList(v string) ([]string, error) {
	if v == "" || v == "[]" {
		return nil, nil
	}
	if !strings.HasPrefix(v, "[") || !strings.HasSuffix(v, "]") {
		return nil, fmt.Errorf("a list is written [a, b, c]")
	}
	var out []string
	for _, it := range strings.Split(v[1:len(v)-1], ",") {
		if it = unquote(strings.TrimSpace(it)); it != "" {
			out = append(out, it)
		}
	}
	return out, nil
}
