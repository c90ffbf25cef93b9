package layers_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/layers"
)

func ids(rs []layers.SearchResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Feature.ID)
	}
	return out
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Ménaka":         "menaka",
		"MÉNAKA":         "menaka",
		"N’Tahaka":       "ntahaka",
		"N'Tahaka":       "ntahaka",
		"Nioro du Sahel": "niorodusahel",
		"Porto-Novo":     "portonovo",
		"Abeïbara":       "abeibara",
		"Œuvre":          "oeuvre",
		"  ":             "",
	} {
		assert.Equal(t, want, layers.Fold(in), in)
	}
}

func TestSearchRegionsAndTowns(t *testing.T) {
	c := embedded(t)
	for _, q := range []string{"tombouctou", "Timbuktu", "TIMBUCTOO", "timbuktu "} {
		rs := c.Search(q, "en", 5)
		require.GreaterOrEqual(t, len(rs), 2, q)
		assert.ElementsMatch(t, []string{"ML06", "town-tombouctou"}, ids(rs[:2]), q)
		assert.Equal(t, "ML06", rs[0].Feature.ID, "%s: the region first", q)
	}
	for _, q := range []string{"menaka", "MÉNAKA", "Ménaka", "ménaka"} {
		rs := c.Search(q, "fr", 3)
		require.NotEmpty(t, rs, q)
		assert.Equal(t, "ML10", rs[0].Feature.ID, q)
		assert.Equal(t, "Ménaka", rs[0].Name)
	}
	rs := c.Search("segou", "fr", 3)
	require.NotEmpty(t, rs)
	assert.Equal(t, "ML04", rs[0].Feature.ID)
	assert.Equal(t, "Ségou", rs[0].Name)
	// The name in the language asked for, the variant that matched.
	rs = c.Search("Timbuctoo", "fr", 2)
	require.NotEmpty(t, rs)
	assert.Equal(t, "Tombouctou", rs[0].Name)
	assert.Equal(t, "Timbuctoo", rs[0].Matched)
	// Variants from the towns' own lists.
	rs = c.Search("taoudenni", "en", 1)
	require.Len(t, rs, 1)
	assert.Equal(t, "town-taoudenit", rs[0].Feature.ID)
	// Cercles by their ASCII name.
	rs = c.Search("Bafoulabe", "fr", 1)
	require.Len(t, rs, 1)
	assert.Equal(t, "ML0101", rs[0].Feature.ID)
}

func TestSearchRanking(t *testing.T) {
	c := embedded(t)
	rs := c.Search("gao", "en", 0)
	require.NotEmpty(t, rs)
	// Exact: the region, the town, the cercle; then overlay features whose
	// name has the word Gao; "Ansongo"-like substrings last.
	assert.Equal(t, []string{"ML07", "town-gao"}, ids(rs[:2]))
	pos := map[string]int{}
	for i, r := range rs {
		pos[r.Feature.ID] = i
		if i > 0 {
			assert.GreaterOrEqual(t, rs[i-1].Score, r.Score, "sorted by score")
		}
	}
	require.Contains(t, pos, "migrants-hub-gao")
	assert.Less(t, pos["town-gao"], pos["migrants-hub-gao"], "exact town before an overlay prefix match")
	// At equal quality, regions and towns before cercles: "Kidal" is a
	// region, a town and a cercle.
	rs = c.Search("kidal", "fr", 0)
	require.GreaterOrEqual(t, len(rs), 3)
	assert.Equal(t, []string{"ML08", "town-kidal"}, ids(rs[:2]))
	assert.Equal(t, "cercles", rs[2].Layer.Spec.ID)
}

// TestSearchOrder checks, for several queries, that each result's quality
// (Score / 100) is what an independent reading of the matched name gives,
// and that better matches come first and, at equal quality, regions and
// towns before cercles and overlay features.
func TestSearchOrder(t *testing.T) {
	c := embedded(t)
	rank := map[string]int{"regions": 2, "towns": 2, "cercles": 0}
	for _, q := range []string{"a", "ga", "gao", "tim", "ko", "sahel", "ali", "mopti", "kayes", "o"} {
		fq := layers.Fold(q)
		rs := c.Search(q, "en", 0)
		require.NotEmpty(t, rs, q)
		for i, r := range rs {
			name := layers.Fold(r.Matched)
			want := 1
			switch {
			case name == fq:
				want = 4
			case strings.HasPrefix(name, fq):
				want = 3
			default:
				for _, w := range strings.FieldsFunc(r.Matched, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
					if strings.HasPrefix(layers.Fold(w), fq) {
						want = 2
					}
				}
			}
			require.Contains(t, name, fq, "%q: %s matched %q", q, r.Feature.ID, r.Matched)
			assert.Equal(t, want, r.Score/100, "%q: %s matched %q", q, r.Feature.ID, r.Matched)
			if i == 0 {
				continue
			}
			p := rs[i-1]
			assert.GreaterOrEqual(t, p.Score, r.Score, q)
			if p.Score/100 == r.Score/100 {
				rp, ok := rank[p.Layer.Spec.ID]
				if !ok && p.Layer.Spec.Group == "base" {
					rp = 1
				}
				rr, ok := rank[r.Layer.Spec.ID]
				if !ok && r.Layer.Spec.Group == "base" {
					rr = 1
				}
				assert.GreaterOrEqual(t, rp, rr, "%q: %s (%s) before %s (%s)", q, p.Feature.ID, p.Layer.Spec.ID, r.Feature.ID, r.Layer.Spec.ID)
			}
		}
	}
}

func TestSearchOverlayVariants(t *testing.T) {
	c := embedded(t)
	// Intahaka (also N'Tahaka), the gold field near Gao, when the overlays
	// name it.
	var found bool
	for _, l := range c.Layers {
		if l.Spec.Group != "overlay" {
			continue
		}
		for _, f := range l.Features {
			for _, k := range []string{"name_en", "name_fr"} {
				if n := layers.Fold(f.String(k)); len(n) > 0 && (strings.Contains(n, "intahaka") || strings.Contains(n, "ntahaka")) {
					found = true
				}
			}
		}
	}
	if !found {
		t.Skip("no overlay feature names Intahaka")
	}
	for _, q := range []string{"intahaka", "ntahaka", "N'Tahaka"} {
		rs := c.Search(q, "en", 5)
		require.NotEmpty(t, rs, q)
		assert.Equal(t, "overlay", rs[0].Layer.Spec.Group, q)
	}
}

func TestSearchEmptyAndLimit(t *testing.T) {
	c := embedded(t)
	assert.Empty(t, c.Search("", "en", 10))
	assert.Empty(t, c.Search("  -' ", "en", 10))
	assert.Empty(t, c.Search("zzzzqx", "en", 10))
	assert.Len(t, c.Search("a", "en", 7), 7)
	assert.Greater(t, len(c.Search("a", "en", 0)), 7)
}

func BenchmarkSearch(b *testing.B) {
	c := embedded(b)
	c.Search("x", "en", 10) // build the index
	for _, q := range []string{"g", "ga", "tim", "menaka"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				c.Search(q, "en", 20)
			}
		})
	}
}
