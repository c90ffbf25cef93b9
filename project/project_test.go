package project

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/internal/testutil"
)

// sample is a project using every field: one annotation of each kind.
func sample() *Project {
	p := New()
	p.Title = "Gold and routes, Kayes"
	p.Lang = "fr"
	p.View = View{Lon: -9.5, Lat: 13.2, Zoom: 7.25}
	p.Layers = []LayerState{
		{ID: "gold_sites", Visible: true, Opacity: 0.8, HiddenCategories: []string{"industrial"}},
		{ID: "towns", Visible: false, Opacity: 1},
	}
	p.Period = Period{From: 2015, To: 2023}
	p.Selected = "gold-site-kenieba"
	p.Annotations = []Annotation{
		{ID: "a1", Kind: KindText, Points: [][2]float64{{-10, 13}}, Text: "Kéniéba", Size: 16, Color: "#202020", Halo: true},
		{ID: "a2", Kind: KindArrow, Points: [][2]float64{{-11, 12.5}, {-9, 13.5}, {-8, 13}}, Color: "#c62828", Width: 3, Curved: true},
		{ID: "a3", Kind: KindMarker, Points: [][2]float64{{-11.235, 12.835}}, Text: "Site", Note: "reported 2021", Color: "#1565c0"},
		{ID: "a4", Kind: KindFreehand, Points: [][2]float64{{-9, 12}, {-8.9, 12.1}, {-8.7, 12.05}}, Color: "#2e7d32", Width: 2},
		{ID: "a5", Kind: KindArea, Points: [][2]float64{{-10, 12}, {-9, 12}, {-9, 13}}, Color: "#6a1b9a", Fill: "#6a1b9a40", Hatch: true},
		{ID: "a6", Kind: KindCircle, Points: [][2]float64{{-8, 12.6}}, RadiusKm: 50, Color: "#ef6c00", Fill: "#ef6c0030"},
	}
	p.Imports = []Import{{ID: "mine", Title: "My points", Source: "mine.geojson",
		GeoJSON: json.RawMessage(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[-8,12.6]}}]}`)}}
	p.Briefings = []Briefing{{ID: "b1", Title: I18n{"en": "Gold", "fr": "Or"}, Steps: []Step{{
		Title: I18n{"en": "West", "fr": "Ouest"}, Caption: I18n{"en": "Sites", "fr": "Sites"},
		View: View{Lon: -10, Lat: 13, Zoom: 7}, Layers: []LayerState{{ID: "gold_sites", Visible: true, Opacity: 1}},
		Period: Period{From: 2012}, Annotations: []string{"a1", "a6"},
	}}}}
	return p
}

func TestSaveLoadRoundTrip(t *testing.T) {
	p := sample()
	path := filepath.Join(t.TempDir(), "kayes.matlas")
	require.NoError(t, Save(path, p))
	q, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, p, q)

	// A second save of what was loaded gives the same bytes.
	a, _ := os.ReadFile(path)
	require.NoError(t, Save(path, q))
	b, _ := os.ReadFile(path)
	assert.Equal(t, string(a), string(b))
}

func TestSaveWritesIndentedVersionedJSON(t *testing.T) {
	p := sample()
	p.Schema, p.Version = "", 0
	path := filepath.Join(t.TempDir(), "kayes.matlas")
	require.NoError(t, Save(path, p))
	assert.Equal(t, Schema, p.Schema)
	assert.Equal(t, Version, p.Version)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(got), "{\n  \"schema\": \"maliatlas-project\",\n  \"version\": 1,\n"), string(got[:80]))
	golden(t, "kayes.matlas", got)
	entries, _ := os.ReadDir(filepath.Dir(path))
	assert.Len(t, entries, 1, "no temporary file left")
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name), got)
}

func TestNewHasDefaults(t *testing.T) {
	p := New()
	assert.Equal(t, "en", p.Lang)
	assert.NotNil(t, p.Layers)
	assert.NotNil(t, p.Annotations)
	assert.Empty(t, p.Annotations)
	assert.NoError(t, p.Validate())
	data, err := Encode(p)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"annotations": []`)
}

func encodeSample(t *testing.T, edit func(p *Project)) string {
	p := sample()
	edit(p)
	data, err := json.MarshalIndent(p, "", "  ")
	require.NoError(t, err)
	return string(data)
}

func TestDecodeRefusesBadFiles(t *testing.T) {
	good := encodeSample(t, func(*Project) {})
	cut := good[:len(good)/2]
	cases := []struct {
		name, text string
		want       []string
	}{
		{"syntax", "{\n  \"schema\": \"maliatlas-project\",\n  \"version\": 1,\n  \"lang\" \"en\"\n}", []string{"bad.matlas:4:", "invalid JSON"}},
		{"truncated", cut, []string{"bad.matlas: file ends early at line " + itoa(strings.Count(cut, "\n")+1)}},
		{"empty", "", []string{"bad.matlas: file ends early at line 1"}},
		{"schema", `{"schema": "geojson", "version": 1}`, []string{"bad.matlas", `not a Mali Routes Atlas project (schema "geojson"`}},
		{"no schema", `{"type": "FeatureCollection"}`, []string{"bad.matlas", "not a Mali Routes Atlas project"}},
		{"newer", strings.Replace(good, `"version": 1`, `"version": 2`, 1), []string{"bad.matlas: made by a newer Mali Routes Atlas: version 2 > 1"}},
		{"type", strings.Replace(good, `"zoom": 7.25`, `"zoom": "near"`, 1), []string{"bad.matlas:", "view.zoom", "string"}},
		{"kind", encodeSample(t, func(p *Project) { p.Annotations[3].Kind = "spiral" }), []string{"bad.matlas: annotations[3].kind", `"spiral"`}},
		{"point", encodeSample(t, func(p *Project) { p.Annotations[3].Points[1] = [2]float64{200, 12} }), []string{"bad.matlas: annotations[3].points[1]", "outside lon ±180"}},
		{"lat", encodeSample(t, func(p *Project) { p.Annotations[0].Points[0] = [2]float64{-8, -91} }), []string{"annotations[0].points[0]", "lat ±90"}},
		{"opacity", encodeSample(t, func(p *Project) { p.Layers[1].Opacity = 1.5 }), []string{"bad.matlas: layers[1].opacity: 1.5 is outside 0..1"}},
		{"period", encodeSample(t, func(p *Project) { p.Period = Period{From: 2020, To: 2010} }), []string{"bad.matlas: period: from 2020 is after to 2010"}},
		{"lang", encodeSample(t, func(p *Project) { p.Lang = "de" }), []string{"bad.matlas: lang", `"de"`}},
		{"few points", encodeSample(t, func(p *Project) { p.Annotations[1].Points = p.Annotations[1].Points[:1] }), []string{"annotations[1].points: a arrow needs at least 2"}},
		{"dup id", encodeSample(t, func(p *Project) { p.Annotations[2].ID = "a1" }), []string{"annotations[2].id", "already"}},
		{"colour", encodeSample(t, func(p *Project) { p.Annotations[2].Color = "blue" }), []string{"annotations[2].color"}},
		{"radius", encodeSample(t, func(p *Project) { p.Annotations[5].RadiusKm = 0 }), []string{"annotations[5].radius_km"}},
		{"step", encodeSample(t, func(p *Project) { p.Briefings[0].Steps[0].Annotations[1] = "zz" }), []string{"briefings[0].steps[0].annotations[1]", `"zz"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Decode("bad.matlas", []byte(c.text))
			assert.Nil(t, p, "nothing half-loaded")
			require.Error(t, err)
			for _, w := range c.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestDecodeKeepsABadImportAndTheRest(t *testing.T) {
	text := encodeSample(t, func(p *Project) {
		p.Imports = append(p.Imports, p.Imports[0])
		p.Imports[0].ID = "bad"
		p.Imports[0].GeoJSON = json.RawMessage(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-8,95]}}]}`)
	})
	p, err := Decode("bad.matlas", []byte(text))
	require.NoError(t, err, "one bad import does not keep the project from opening")
	require.Len(t, p.Imports, 2)
	require.Error(t, p.Imports[0].Problem)
	assert.Contains(t, p.Imports[0].Problem.Error(), "bad.matlas: imports[0] (My points)")
	assert.Contains(t, p.Imports[0].Problem.Error(), "95")
	assert.NoError(t, p.Imports[1].Problem)
	want := sample()
	assert.Equal(t, want.Annotations, p.Annotations)
	assert.Equal(t, want.Briefings, p.Briefings)
	// Saved again, the bad import's data are kept as they were.
	data, err := Encode(p)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"coordinates":[-8,95]`)
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestFailedLoadLeavesLoadedProjectUntouched(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.matlas")
	require.NoError(t, Save(good, sample()))
	p, err := Load(good)
	require.NoError(t, err)
	before := sample()
	before.Schema, before.Version = Schema, Version

	bad := filepath.Join(dir, "bad.matlas")
	data, _ := os.ReadFile(good)
	require.NoError(t, os.WriteFile(bad, data[:len(data)-40], 0o644))
	q, err := Load(bad)
	assert.Nil(t, q)
	require.Error(t, err)
	assert.Contains(t, err.Error(), bad+": file ends early")
	assert.Equal(t, before, p)

	_, err = Load(filepath.Join(dir, "missing.matlas"))
	assert.ErrorContains(t, err, "missing.matlas")
}

func TestSaveRefusesInvalidProjectAndKeepsOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.matlas")
	require.NoError(t, Save(path, sample()))
	old, _ := os.ReadFile(path)
	p := sample()
	p.Annotations[0].Kind = "blob"
	err := Save(path, p)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "annotations[0].kind")
	now, _ := os.ReadFile(path)
	assert.Equal(t, old, now)
}
