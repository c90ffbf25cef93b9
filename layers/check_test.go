package layers_test

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/layers"
)

// copyData copies the embedded data into a writable in-memory FS.
func copyData(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(data.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.FS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	require.NoError(t, err)
	return m
}

// editFeature changes the first feature of an overlay file with edit.
func editFeature(t *testing.T, m fstest.MapFS, file string, edit func(f map[string]any)) {
	t.Helper()
	var fc map[string]any
	require.NoError(t, json.Unmarshal(m[file].Data, &fc))
	feats := fc["features"].([]any)
	edit(feats[0].(map[string]any))
	b, err := json.Marshal(fc)
	require.NoError(t, err)
	m[file] = &fstest.MapFile{Data: b}
}

func props(f map[string]any) map[string]any { return f["properties"].(map[string]any) }

func TestEmbeddedDataPassChecks(t *testing.T) {
	assert.Empty(t, layers.CheckFS(data.FS))
}

func TestCheckFindsEachProblem(t *testing.T) {
	const file = "overlays/cocaine.geojson"
	cases := []struct {
		name string
		edit func(m fstest.MapFS)
		want string
	}{
		{"missing property", func(m fstest.MapFS) {
			editFeature(t, m, file, func(f map[string]any) { delete(props(f), "confidence") })
		}, `data/overlays/cocaine.geojson: feature 0 (id "`},
		{"missing name", func(m fstest.MapFS) {
			editFeature(t, m, file, func(f map[string]any) { delete(props(f), "name_fr") })
		}, `no "name_fr"`},
		{"narrative does not resolve", func(m fstest.MapFS) {
			editFeature(t, m, file, func(f map[string]any) { props(f)["narrative"] = "no-such-text" })
		}, `narrative "no-such-text" does not exist in en`},
		{"unknown source key", func(m fstest.MapFS) {
			editFeature(t, m, file, func(f map[string]any) {
				props(f)["sources"] = []any{map[string]any{"key": "made-up-2030", "section": "x"}}
			})
		}, `unknown source key "made-up-2030"`},
		{"vertex off the map", func(m fstest.MapFS) {
			editFeature(t, m, file, func(f map[string]any) {
				c := f["geometry"].(map[string]any)["coordinates"].([]any)
				c[0] = []any{-30.0, 15.0}
			})
		}, `vertex -30.00000,15.00000 lies outside the map extent`},
		{"inverted period", func(m fstest.MapFS) {
			editFeature(t, m, file, func(f map[string]any) {
				props(f)["period"] = map[string]any{"from": 2020.0, "to": 2012.0}
			})
		}, `period is inverted (from 2020 to 2012)`},
		{"unknown category", func(m fstest.MapFS) {
			editFeature(t, m, file, func(f map[string]any) { props(f)["category"] = "teleport" })
		}, `category "teleport" is not one of layer "cocaine"'s categories`},
		{"missing translation", func(m fstest.MapFS) {
			delete(m, "narratives/fr/cocaine-overview.md")
		}, `data/narratives/fr/cocaine-overview.md: missing translation of narrative "cocaine-overview"`},
		{"narrative lists a feature that does not exist", func(m fstest.MapFS) {
			p := "narratives/en/cocaine-overview.md"
			s := strings.Replace(string(m[p].Data), "features: [", "features: [ghost-route, ", 1)
			m[p] = &fstest.MapFile{Data: []byte(s)}
		}, `data/narratives/en/cocaine-overview.md: feature "ghost-route" does not exist`},
		{"inline citation with unknown key", func(m fstest.MapFS) {
			p := "narratives/en/cocaine-overview.md"
			m[p] = &fstest.MapFile{Data: append(m[p].Data, []byte("\nAs said in [nobody-2099].\n")...)}
		}, `unknown source key [nobody-2099]`},
		{"layer title without French", func(m fstest.MapFS) {
			p := "overlays/cocaine.layer.json"
			var specs []map[string]any
			require.NoError(t, json.Unmarshal(m[p].Data, &specs))
			delete(specs[0]["title"].(map[string]any), "fr")
			b, _ := json.Marshal(specs)
			m[p] = &fstest.MapFile{Data: b}
		}, `layer "cocaine": title has no fr translation`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := copyData(t)
			tc.edit(m)
			got := layers.CheckFS(m)
			require.NotEmpty(t, got, "the broken copy should not pass")
			assert.True(t, anyContains(got, tc.want), "want a line with %q, got:\n%s", tc.want, strings.Join(got, "\n"))
		})
	}
}

func anyContains(lines []string, s string) bool {
	for _, l := range lines {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

func TestParseNarrativeErrorsNameTheLine(t *testing.T) {
	_, err := layers.ParseNarrative("x.md", "---\nid: a\ntitle: A\nsources: ocindex-2025\n---\nbody")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "x.md:4:")
	_, err = layers.ParseNarrative("y.md", "---\nid: a\ntitle: A\n")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not closed")
	n, err := layers.ParseNarrative("z.md", "---\nid: a\ntitle: \"A: b\"\nsources: [k-1, k-2]\n---\n\nHello [k-1].\n")
	require.NoError(t, err)
	assert.Equal(t, "A: b", n.Title)
	assert.Equal(t, []string{"k-1", "k-2"}, n.Sources)
	assert.Equal(t, "Hello [k-1].", n.Body)
	assert.Equal(t, 6, n.BodyLine)
}
