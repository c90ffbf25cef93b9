package data_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"testing"

	"maliatlas/assets"
	"maliatlas/data"
	"maliatlas/layers"
)

// frenchRules are the French typography the atlas follows in everything it
// writes in French: a narrow no-break space (U+202F) before ; : ! ? and
// inside « », a no-break space (U+00A0) between groups of thousands.
var frenchRules = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`[ \x{a0}][;:!?]`), "an ordinary or no-break space before ; : ! ? (use U+202F)"},
	{regexp.MustCompile(`[\p{L}\p{N})*_][;:!?](\s|$)`), "no space before ; : ! ? (use U+202F)"},
	{regexp.MustCompile(`«[^\x{202f}]|[^\x{202f}]»`), "« » without U+202F inside"},
	{regexp.MustCompile(`\d[ \x{202f}]\d{3}\b`), "thousands not separated by a no-break space (U+00A0)"},
	{regexp.MustCompile(`(^|[^\p{L}\p{N}.,\x{a0}])\d{5,}\b`), "a large number without thousands separators"},
}

// notFrench is what the rules skip: inline code, links, citation keys.
var notFrench = regexp.MustCompile("`[^`]*`|https?://\\S+|\\[[a-z][a-z0-9]*(?:-[a-z0-9]+)+\\]")

// frenchProblems returns the faults of s; titles (of works quoted in their
// own language) are cut out first.
func frenchProblems(s string, titles []string) []string {
	for _, t := range titles {
		s = strings.ReplaceAll(s, t, "·")
	}
	s = notFrench.ReplaceAllString(s, "·")
	var out []string
	for _, r := range frenchRules {
		for _, loc := range r.re.FindAllStringIndex(s, -1) {
			a, b := max(0, loc[0]-25), min(len(s), loc[1]+25)
			out = append(out, fmt.Sprintf("%s: %q", r.what, s[a:b]))
		}
	}
	return out
}

func sourceTitles(t *testing.T) []string {
	t.Helper()
	b, err := fs.ReadFile(data.FS, "sources.json")
	if err != nil {
		t.Fatal(err)
	}
	var reg struct{ Sources []struct{ Title string } }
	if err := json.Unmarshal(b, &reg); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, s := range reg.Sources {
		titles = append(titles, s.Title)
	}
	return titles
}

// frenchIn collects the French strings of a JSON document: values under a
// "fr" key or a "name_fr" key, with a path for messages.
func frenchIn(v any, path string, out map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && (k == "fr" || k == "name_fr") {
				out[path+"."+k] = s
				continue
			}
			frenchIn(x, path+"."+k, out)
		}
	case []any:
		for i, x := range v {
			frenchIn(x, fmt.Sprintf("%s[%d]", path, i), out)
		}
	}
}

// TestFrenchTypography checks the French narratives, briefings, layer and
// category titles, feature names and the interface's translations.
func TestFrenchTypography(t *testing.T) {
	titles := sourceTitles(t)
	texts := map[string]string{} // where → text
	ns, err := layers.LoadNarratives(data.FS, "narratives")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ns.IDs("fr") {
		n := ns.Get("fr", id)
		texts[n.File+": title"] = n.Title
		for i, l := range strings.Split(n.Body, "\n") {
			texts[fmt.Sprintf("%s:%d", n.File, n.BodyLine+i)] = l
		}
	}
	var files []string
	for _, pat := range []string{"layers.json", "briefings/*.json", "overlays/*.json", "overlays/*.geojson"} {
		m, _ := fs.Glob(data.FS, pat)
		files = append(files, m...)
	}
	for _, p := range files {
		b, err := fs.ReadFile(data.FS, p)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("data/%s: %v", p, err)
		}
		frenchIn(v, "data/"+p+": ", texts)
	}
	for _, k := range assets.TranslationKeys("fr") {
		texts["assets/translations/fr.json: "+k] = assets.T("fr", k)
	}
	if len(texts) < 500 {
		t.Fatalf("only %d French texts found", len(texts))
	}
	where := make([]string, 0, len(texts))
	for w := range texts {
		where = append(where, w)
	}
	sort.Strings(where)
	for _, w := range where {
		for _, p := range frenchProblems(texts[w], titles) {
			t.Errorf("%s: %s", w, p)
		}
	}
}

// The rules catch each fault and pass the correct forms.
func TestFrenchRules(t *testing.T) {
	for _, bad := range []string{
		"Période : 2023", "Limites: OCHA", "approximatifs ; voir", "quoi ?", "« coopétition »",
		"«\u202fcoopétition »", "24 478 595 habitants", "24\u202f478\u202f595", "de 5 000 francs", "Population 24478595",
	} {
		if len(frenchProblems(bad, nil)) == 0 {
			t.Errorf("%q passes", bad)
		}
	}
	for _, good := range []string{
		"Période\u202f: 2023–", "approximatifs\u202f; voir", "quoi\u202f?", "«\u202fcoopétition\u202f»",
		"24\u00a0478\u00a0595 habitants", "de 5\u00a0000 à 250\u00a0000 francs", "en 2012 et 2023", "6,125",
		"`ML0701` et https://example.org/a?b=c", "[ocindex-2025]", "*Warning Update: Threats*",
	} {
		if p := frenchProblems(good, []string{"Warning Update: Threats"}); len(p) != 0 {
			t.Errorf("%q: %v", good, p)
		}
	}
}
