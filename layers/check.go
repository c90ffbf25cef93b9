package layers

import (
	"fmt"
	"io/fs"
	"regexp"
	"sort"

	"github.com/paulmach/orb"

	"maliatlas/geo"
)

// MapExtent is the area every overlay vertex must lie in.
var MapExtent = orb.Bound{Min: orb.Point{-18, 4}, Max: orb.Point{10, 27}}

var (
	confidences = map[string]bool{"confirmed": true, "reported": true, "suspected": true}
	// citation matches an inline source key such as [ocindex-2025].
	citation = regexp.MustCompile(`\[([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\]`)
)

// CheckFS loads the catalogue in fsys and checks it; it returns one line per
// problem (none when the data are sound).
func CheckFS(fsys fs.FS) []string {
	c, err := Load(fsys)
	if err != nil {
		return []string{err.Error()}
	}
	return c.Check()
}

// Check returns one line per problem of the catalogue: missing or malformed
// overlay properties, unknown categories and source keys, narrative links
// that do not resolve both ways, vertices off the map, inverted periods and
// missing translations.
func (c *Catalog) Check() []string {
	ck := &checker{c: c}
	ids := map[string]string{}
	for _, l := range c.Layers {
		ck.layer(l)
		if err := l.Load(); err != nil {
			ck.addf("%v", err)
		}
		file := "data/" + l.Spec.File
		for i, f := range l.Features {
			if prev, dup := ids[f.ID]; dup {
				ck.addf("%s: feature %d (id %q): id already used in %s", file, i, f.ID, prev)
			}
			ids[f.ID] = file
			if l.Spec.Group == "overlay" {
				ck.feature(l, i, f)
			}
		}
	}
	ck.narratives()
	return ck.out
}

type checker struct {
	c   *Catalog
	out []string
}

func (ck *checker) addf(format string, a ...any) { ck.out = append(ck.out, fmt.Sprintf(format, a...)) }

func (ck *checker) i18n(where, what string, t I18n) {
	for _, lang := range Languages {
		if t[lang] == "" {
			ck.addf("%s: %s has no %s translation", where, what, lang)
		}
	}
}

func (ck *checker) layer(l *Layer) {
	where := fmt.Sprintf("layer %q", l.Spec.ID)
	ck.i18n(where, "title", l.Spec.Title)
	for _, cat := range l.Spec.Categories {
		ck.i18n(where, fmt.Sprintf("category %q", cat.Value), cat.Title)
	}
	for _, s := range []struct{ what, v string }{{"fill", l.Spec.Style.Fill}, {"stroke", l.Spec.Style.Stroke}} {
		if _, err := ParseColor(s.v); err != nil {
			ck.addf("%s: style %s: %v", where, s.what, err)
		}
	}
	if id := l.Spec.NamedBy; id != "" {
		if n := ck.c.Layer(id); n == nil || n.Spec.Kind != "point" || l.Spec.Kind != "point" {
			ck.addf("%s: named_by %q: must be the id of a point layer, for a point layer", where, id)
		}
	}
	if l.Spec.Group == "overlay" && l.Spec.Narrative != "" {
		for _, lang := range Languages {
			if ck.c.Narratives.Get(lang, l.Spec.Narrative) == nil {
				ck.addf("%s: overview narrative %q has no %s text (data/narratives/%s/%s.md)", where, l.Spec.Narrative, lang, lang, l.Spec.Narrative)
			}
		}
	}
}

func (ck *checker) feature(l *Layer, i int, f *Feature) {
	pre := fmt.Sprintf("data/%s: feature %d (id %q)", l.Spec.File, i, f.ID)
	p := f.Props
	if s, _ := p["id"].(string); s == "" {
		ck.addf("%s: no \"id\" property", pre)
	}
	for _, k := range []string{"name_en", "name_fr"} {
		if s, _ := p[k].(string); s == "" {
			ck.addf("%s: no %q (a name in each language)", pre, k)
		}
	}
	if f.Category == "" {
		ck.addf("%s: no %q", pre, l.CategoryProp())
	} else if len(l.Spec.Categories) > 0 && l.Category(f.Category) == nil {
		ck.addf("%s: category %q is not one of layer %q's categories", pre, f.Category, l.Spec.ID)
	}
	if m, ok := p["period"].(map[string]any); !ok {
		ck.addf("%s: no \"period\" {from, to}", pre)
	} else {
		from, okf := m["from"].(float64)
		if !okf {
			ck.addf("%s: period has no \"from\" year", pre)
		} else if from < 1900 || from > 2100 {
			ck.addf("%s: period from %g is not a year", pre, from)
		}
		switch to := m["to"].(type) {
		case nil:
		case float64:
			if okf && to < from {
				ck.addf("%s: period is inverted (from %g to %g)", pre, from, to)
			}
		default:
			ck.addf("%s: period \"to\" must be a year or null", pre)
		}
	}
	if s, _ := p["confidence"].(string); !confidences[s] {
		ck.addf("%s: confidence %q is not confirmed, reported or suspected", pre, s)
	}
	if v, ok := p["importance"].(float64); !ok || v < 1 || v > 3 || v != float64(int(v)) {
		ck.addf("%s: importance must be 1, 2 or 3", pre)
	}
	if _, ok := p["approximate"].(bool); !ok {
		ck.addf("%s: no \"approximate\" (true or false)", pre)
	}
	if len(f.Sources) == 0 {
		ck.addf("%s: no sources", pre)
	}
	for j, r := range f.Sources {
		switch {
		case r.Key != "":
			if _, ok := ck.c.Source(r.Key); !ok {
				ck.addf("%s: source %d: unknown source key %q (see data/sources.json)", pre, j, r.Key)
			}
		case r.Title == "" || r.Publisher == "" || r.Year == 0 || r.URL == "":
			ck.addf("%s: source %d: a source outside data/sources.json needs title, publisher, year and url", pre, j)
		}
	}
	if f.Narrative == "" {
		ck.addf("%s: no \"narrative\"", pre)
	} else {
		for _, lang := range Languages {
			n := ck.c.Narratives.Get(lang, f.Narrative)
			if n == nil {
				ck.addf("%s: narrative %q does not exist in %s", pre, f.Narrative, lang)
			} else if !contains(n.Features, f.ID) && n.Kind != "overview" {
				ck.addf("%s: narrative %q (%s) does not list the feature back", pre, f.Narrative, n.File)
			}
		}
	}
	if t, ok := p["offmap"]; ok {
		m, _ := t.(map[string]any)
		for _, lang := range Languages {
			if s, _ := m[lang].(string); s == "" {
				ck.addf("%s: offmap label has no %s translation", pre, lang)
			}
		}
	}
	n := 0
	geo.EachVertex(f.Geom, func(pt orb.Point) {
		if !MapExtent.Contains(pt) {
			if n == 0 {
				ck.addf("%s: vertex %.5f,%.5f lies outside the map extent lon -18..10, lat 4..27", pre, pt[0], pt[1])
			}
			n++
		}
	})
}

func (ck *checker) narratives() {
	ns := ck.c.Narratives
	all := map[string]bool{}
	for _, lang := range Languages {
		for _, id := range ns.IDs(lang) {
			all[id] = true
		}
	}
	ids := make([]string, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, lang := range Languages {
			n := ns.Get(lang, id)
			if n == nil {
				ck.addf("data/narratives/%s/%s.md: missing translation of narrative %q", lang, id, id)
				continue
			}
			ck.narrative(n)
		}
	}
}

func (ck *checker) narrative(n *Narrative) {
	for _, key := range n.Sources {
		if _, ok := ck.c.Source(key); !ok {
			ck.addf("%s: unknown source key %q in front matter", n.File, key)
		}
	}
	for _, m := range citation.FindAllStringSubmatchIndex(n.Body, -1) {
		key := n.Body[m[2]:m[3]]
		if _, ok := ck.c.Source(key); !ok {
			line := n.BodyLine + countLines(n.Body[:m[0]])
			ck.addf("%s:%d: unknown source key [%s]", n.File, line, key)
		}
	}
	for _, fid := range n.Features {
		f := ck.c.Feature(fid)
		if f == nil {
			ck.addf("%s: feature %q does not exist", n.File, fid)
		} else if f.Narrative != n.ID {
			ck.addf("%s: feature %q names narrative %q, not this one", n.File, fid, f.Narrative)
		}
	}
	for _, rid := range n.Related {
		if ck.c.Narratives.Get(n.Lang, rid) == nil && ck.c.Feature(rid) == nil {
			ck.addf("%s: related %q is neither a narrative nor a feature", n.File, rid)
		}
	}
	if n.Layer != "" && ck.c.Layer(n.Layer) == nil {
		ck.addf("%s: layer %q does not exist", n.File, n.Layer)
	}
}

func countLines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
