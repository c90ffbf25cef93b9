package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/project"
)

func pointsGeoJSON(name string, lon, lat float64) string {
	return fmt.Sprintf(`{"type":"FeatureCollection","features":[{"type":"Feature","id":%q,"properties":{"name":%q},"geometry":{"type":"Point","coordinates":[%g,%g]}}]}`, name, name, lon, lat)
}

func writeText(t *testing.T, path, text string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

func TestImportsBelongToTheirProject(t *testing.T) {
	dir := t.TempDir()
	s := newTestShell(t)
	require.NoError(t, s.AddGeoJSON(writeText(t, filepath.Join(dir, "a", "points.geojson"), pointsGeoJSON("synthetic-a", -8, 12.6))))
	require.Len(t, s.Cat.UserLayers(), 1)
	idA := s.proj.Imports[0].ID
	pa := filepath.Join(dir, "a.matlas")
	require.NoError(t, s.SaveTo(pa))

	// Another file with the same name but other data, in a second project.
	s2 := newTestShell(t)
	require.NoError(t, s2.AddGeoJSON(writeText(t, filepath.Join(dir, "b", "points.geojson"), pointsGeoJSON("synthetic-b", 2, 16))))
	idB := s2.proj.Imports[0].ID
	assert.NotEqual(t, idA, idB, "two different imports got the same id")
	pb := filepath.Join(dir, "b.matlas")
	require.NoError(t, s2.SaveTo(pb))

	// Opening b after a: a's layer goes, b's data are shown.
	require.NoError(t, s.OpenFile(pb))
	require.Len(t, s.Cat.UserLayers(), 1, "the previous project's import stayed")
	l := s.Cat.UserLayers()[0]
	assert.Equal(t, idB, l.Spec.ID)
	require.Len(t, l.Features, 1)
	assert.Equal(t, "synthetic-b", l.Features[0].ID)
	assert.Nil(t, s.Cat.Feature("synthetic-a"))

	// New: no import left.
	s.NewProject()
	assert.Empty(t, s.Cat.UserLayers())

	// Ids are stable: reopened, the same id.
	require.NoError(t, s.OpenFile(pa))
	assert.Equal(t, idA, s.Cat.UserLayers()[0].Spec.ID)
	// The same file imported twice gets two ids.
	require.NoError(t, s.AddGeoJSON(filepath.Join(dir, "a", "points.geojson")))
	require.Len(t, s.proj.Imports, 2)
	assert.NotEqual(t, s.proj.Imports[0].ID, s.proj.Imports[1].ID)
	// The project keeps the file's name, not where it was on this machine.
	data, _ := json.Marshal(s.Project().Imports)
	assert.NotContains(t, string(data), dir)
	assert.Equal(t, "points.geojson", s.proj.Imports[1].Source)
}

func TestWhatImportAcceptsOpensAgain(t *testing.T) {
	dir := t.TempDir()
	// A CSV whose WKT reads but whose GeoJSON form has an empty polygon.
	csv := writeText(t, filepath.Join(dir, "zones.csv"), "name,wkt\nzone,\"MULTIPOLYGON(EMPTY,((0 10,1 10,1 11,0 10)))\"\n")
	s := newTestShell(t)
	err := s.AddGeoJSON(csv)
	if err != nil {
		assert.Contains(t, err.Error(), "zones.csv")
		assert.Empty(t, s.proj.Imports)
		return
	}
	// Accepted: then the saved project must open, with the layer.
	path := filepath.Join(dir, "p.matlas")
	require.NoError(t, s.SaveTo(path))
	p, err := project.Load(path)
	require.NoError(t, err, "an import accepted from a CSV made a project that cannot be reopened")
	assert.NoError(t, p.Imports[0].Problem)
}

func TestAProjectWithABadImportStillOpens(t *testing.T) {
	dir := t.TempDir()
	p := project.New()
	p.Annotations = []project.Annotation{{ID: "a1", Kind: project.KindText, Points: [][2]float64{{-1, 16}}, Text: "kept"}}
	p.Imports = []project.Import{
		{ID: "good", Title: "good.geojson", GeoJSON: json.RawMessage(pointsGeoJSON("synthetic-good", -4, 14))},
		{ID: "bad", Title: "bad.geojson", GeoJSON: json.RawMessage(pointsGeoJSON("synthetic-bad", 500, 14))},
	}
	p.Briefings = []project.Briefing{{ID: "b1", Title: project.I18n{"en": "B"}, Steps: []project.Step{{Title: project.I18n{"en": "one"}, View: project.View{Lon: -4, Lat: 17, Zoom: 5}}}}}
	path := filepath.Join(dir, "p.matlas")
	require.NoError(t, project.Save(path, p))

	s := newTestShell(t)
	require.NoError(t, s.OpenFile(path), "one bad import kept the whole project from opening")
	assert.Len(t, s.Annotations(), 1)
	assert.Len(t, s.proj.Briefings, 1)
	require.Len(t, s.Cat.UserLayers(), 1)
	assert.Equal(t, "good", s.Cat.UserLayers()[0].Spec.ID)
	assert.Contains(t, s.lastImportProblem, "bad.geojson", "the bad layer was not reported")
	assert.NotNil(t, findButton(s, "OK"))

	// Saved again, the bad import's data are still there.
	tapButton(t, s, "OK")
	require.NoError(t, s.SaveTo(path))
	q, err := project.Load(path)
	require.NoError(t, err)
	require.Len(t, q.Imports, 2)
	assert.Error(t, q.Imports[1].Problem)
}

// TestOldImportIdsThatCollideShowTheirOwnData opens two projects of the
// former kind, whose imports share the id "import1-points" but not the data.
func TestOldImportIdsThatCollideShowTheirOwnData(t *testing.T) {
	dir := t.TempDir()
	save := func(name, fid string, lon float64) string {
		p := project.New()
		p.Imports = []project.Import{{ID: "import1-points", Title: "points.geojson", GeoJSON: json.RawMessage(pointsGeoJSON(fid, lon, 14))}}
		path := filepath.Join(dir, name)
		require.NoError(t, project.Save(path, p))
		return path
	}
	a, b := save("a.matlas", "synthetic-a", -4), save("b.matlas", "synthetic-b", 2)
	s := newTestShell(t)
	require.NoError(t, s.OpenFile(a))
	require.NotNil(t, s.Cat.Feature("synthetic-a"))
	require.NoError(t, s.OpenFile(b))
	assert.Nil(t, s.Cat.Feature("synthetic-a"), "the other project's data are shown")
	assert.NotNil(t, s.Cat.Feature("synthetic-b"))
}
