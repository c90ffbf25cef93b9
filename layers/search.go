package layers

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// SearchResult is a feature whose name matched a search.
type SearchResult struct {
	Feature *Feature
	Layer   *Layer
	Name    string // the feature's name in the language asked for
	Matched string // the name or variant that matched, as written
	Score   int    // higher is better
}

// Match qualities, from best to worst; a result's Score is quality·100 plus
// the layer's rank bonus, less aliasPenalty when the query was widened to a
// known variant.
const (
	qualSubstring  = 1 // the query is inside a word
	qualWordPrefix = 2 // a word of the name starts with the query
	qualPrefix     = 3 // the name starts with the query
	qualExact      = 4 // the name is the query

	aliasPenalty = 5
)

// knownVariants are spellings of the same place found in the sources
// (French, English, older transcriptions); names equal to one of a group
// (accents, case and punctuation aside) are also found by the others.
var knownVariants = [][]string{
	{"Tombouctou", "Timbuktu", "Timbuctoo", "Timbuctou", "Tumbutu"}, // Tumbutu: the Songhay name
	{"Ménaka", "Menaka"},
	{"Ségou", "Segou"},
	{"Intahaka", "N'Tahaka", "In Tahaka"},
	{"Taoudénit", "Taoudeni", "Taoudenni", "Taoudenit"},
	{"Djenné", "Jenné", "Jenne"},
	{"Aguelhok", "Aguelhoc", "Aguel'hoc", "Aguelock"}, // Aguelock: OpenStreetMap
	{"Araouane", "Arawan", "Araouan"},
	{"Tinzaouatène", "Tinzaouaten", "Tin Zaouatine", "Tin-Zaouatene"},
	{"Anéfis", "Anefif", "Anefis"},
	{"Niafunké", "Niafounké"},
	{"Tillabéri", "Tillabéry"},
	{"Tamanrasset", "Tamanghasset", "Tamenghest"},
}

// variantGroups maps each folded variant to the index of its group.
var variantGroups = func() map[string]int {
	m := map[string]int{}
	for i, g := range knownVariants {
		for _, v := range g {
			m[fold(v)] = i
		}
	}
	return m
}()

// Fold returns s in the form searches compare: lower case, accents removed,
// ligatures spelled out, and everything but letters and digits (spaces,
// apostrophes, hyphens, punctuation) left out.
func Fold(s string) string { return fold(s) }

func fold(s string) string {
	f, _ := foldWords(s, false)
	return f
}

// foldWords folds s; with starts, it also returns the byte offsets in the
// folded string where a word begins.
func foldWords(s string, starts bool) (string, []int32) {
	var b strings.Builder
	var ws []int32
	newWord := true
	it := norm.Iter{}
	it.InitString(norm.NFD, s)
	for !it.Done() {
		for _, r := range string(it.Next()) {
			if unicode.Is(unicode.Mn, r) {
				continue
			}
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				newWord = true
				continue
			}
			if newWord && starts {
				ws = append(ws, int32(b.Len()))
			}
			newWord = false
			r = unicode.ToLower(r)
			switch r {
			case 'œ':
				b.WriteString("oe")
			case 'æ':
				b.WriteString("ae")
			case 'ß':
				b.WriteString("ss")
			case 'ø':
				b.WriteByte('o')
			case 'đ':
				b.WriteByte('d')
			case 'ł':
				b.WriteByte('l')
			default:
				b.WriteRune(r)
			}
		}
	}
	return b.String(), ws
}

// nameEntry is one searchable name of a feature.
type nameEntry struct {
	f      *Feature
	orig   string
	folded string
	starts []int32
}

// layerNames is the folded names of one layer, built on first search.
type layerNames struct {
	once    sync.Once
	entries []nameEntry
}

func namesOf(l *Layer) *layerNames {
	l.names.once.Do(func() { l.names.entries = buildNames(l) })
	return &l.names
}

// searchProps are the properties that hold names; "variants" is a list.
var searchProps = []string{"name_en", "name_fr", "name", "name_ascii"}

func buildNames(l *Layer) []nameEntry {
	var out []nameEntry
	for _, f := range l.Features {
		first := len(out)
		add := func(s string) {
			folded, starts := foldWords(s, true)
			if folded == "" {
				return
			}
			for _, e := range out[first:] {
				if e.folded == folded {
					return
				}
			}
			out = append(out, nameEntry{f: f, orig: s, folded: folded, starts: starts})
		}
		eachName(f, add)
		// Known variants of a name the feature already has.
		for _, e := range out[first:len(out):len(out)] {
			for _, v := range knownVariantsOf(e.folded) {
				add(v)
			}
		}
	}
	return out
}

// layerBonus ranks layers at equal match quality: regions and towns first,
// then other base layers, cercles, and overlay or user features.
func layerBonus(l *Layer) int {
	switch l.Spec.ID {
	case "regions":
		return 40
	case "towns":
		return 35
	case "cercles":
		return 10
	}
	if l.Spec.Group == "base" {
		return 20
	}
	return 0
}

// quality is how well the folded query q matches e (0: not at all).
func (e *nameEntry) quality(q string) int {
	i := strings.Index(e.folded, q)
	if i < 0 {
		return 0
	}
	if i == 0 {
		if len(e.folded) == len(q) {
			return qualExact
		}
		return qualPrefix
	}
	for {
		for _, s := range e.starts {
			if int(s) == i {
				return qualWordPrefix
			}
		}
		j := strings.Index(e.folded[i+1:], q)
		if j < 0 {
			return qualSubstring
		}
		i += 1 + j
	}
}

// Search finds the features whose names (English, French, local, ASCII and
// variants, plus known variants of place names) contain query, accents, case
// and punctuation aside; best first, at most limit results (limit ≤ 0: all).
// An exact name ranks above a name that starts with the query, above a word
// that does, above a match inside a word; at equal quality regions and towns
// come before other layers. Name is in lang.
func (c *Catalog) Search(query, lang string, limit int) []SearchResult {
	q := fold(query)
	if q == "" {
		return nil
	}
	queries := []string{q}
	for _, v := range knownVariantsOf(q) {
		if fv := fold(v); fv != q && !hasString(queries, fv) {
			queries = append(queries, fv)
		}
	}
	type cand struct {
		SearchResult
		order, mlen int
	}
	var cands []cand
	pos := map[*Feature]int{}
	for order, l := range c.Layers {
		if l.Spec.IsBasemap() {
			continue // the basemap's places are the gazetteer's
		}
		bonus := layerBonus(l)
		entries := namesOf(l).entries
		for i := range entries {
			e := &entries[i]
			for k, qq := range queries {
				qual := e.quality(qq)
				if qual == 0 {
					continue
				}
				score := qual*100 + bonus
				if k > 0 {
					score -= aliasPenalty
				}
				if j, ok := pos[e.f]; ok {
					if c := &cands[j]; score > c.Score || score == c.Score && len(e.folded) < c.mlen {
						c.Score, c.Matched, c.mlen = score, e.orig, len(e.folded)
					}
					continue
				}
				pos[e.f] = len(cands)
				cands = append(cands, cand{SearchResult{Feature: e.f, Layer: l, Matched: e.orig, Score: score}, order, len(e.folded)})
			}
		}
	}
	for i := range cands {
		cands[i].Name = cands[i].Feature.Name(lang)
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := &cands[i], &cands[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.mlen != b.mlen {
			return a.mlen < b.mlen
		}
		if a.order != b.order {
			return a.order < b.order
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Feature.ID < b.Feature.ID
	})
	if limit > 0 && len(cands) > limit {
		cands = cands[:limit]
	}
	out := make([]SearchResult, len(cands))
	for i := range cands {
		out[i] = cands[i].SearchResult
	}
	return out
}

func hasString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// eachName calls add with each name of f: its name properties (searchProps)
// and each string of its "variants" list.
func eachName(f *Feature, add func(string)) {
	for _, p := range searchProps {
		if s, ok := f.Props[p].(string); ok {
			add(s)
		}
	}
	if vs, ok := f.Props["variants"].([]any); ok {
		for _, v := range vs {
			if s, ok := v.(string); ok {
				add(s)
			}
		}
	}
}

// knownVariantsOf returns the known spellings (knownVariants) of the place
// whose folded name is folded, or nil.
func knownVariantsOf(folded string) []string {
	if g, ok := variantGroups[folded]; ok {
		return knownVariants[g]
	}
	return nil
}
