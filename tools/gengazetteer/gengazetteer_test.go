package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/gazetteer"
)

const dataDir = "../../data"

// point is a GeoJSON point feature with properties (a JSON object body).
func point(lon, lat float64, props string) string {
	return fmt.Sprintf(`{"type":"Feature","properties":{%s},"geometry":{"type":"Point","coordinates":[%g,%g]}}`, props, lon, lat)
}

func collection(fs ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(fs, ",") + `]}`
}

// syntheticSources writes made-up sources (the names are invented; the
// positions lie in real regions so that the region lookup is exercised).
func syntheticSources(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"osm_places_mali.geojson": collection(
			point(-3.0, 16.77, `"name":"Alphaville","class":"town","rank":2,"src":"osm-mali"`),
			point(0.29208, 15.22558, `"name":"Gammatown","class":"town","rank":2,"src":"osm-mali"`),
			point(1.52755, 15.86862, `"name":"Epsilon","class":"village","rank":3,"src":"osm-mali"`),
			point(-0.04124, 16.27883, `"name":"Gao","class":"city","rank":1,"src":"osm-mali"`),
			point(2.9, 19.9, `"name":"Betaburg بيتا","class":"town","rank":2,"src":"osm-mali"`),
			point(-8.36, 14.5, `"name":".","class":"village","rank":3,"src":"osm-mali"`),
		),
		"osm_places_neighbours.geojson": collection(
			point(-3.01, 16.78, `"name":"Alphaville","class":"village","rank":3,"src":"osm-niger"`),
			point(8.4, 12.13, `"name":"Deltaton","class":"village","rank":3,"src":"osm-nigeria"`),
		),
		"geonames_places.geojson": collection(
			point(-3.005, 16.775, `"name":"Alphaville","fcode":"P.PPL","cc":"ML","geonameid":1,"alt":"Alfaville|Alpha-Ville"`),
			point(-0.3, 15.22, `"name":"Gammatown","fcode":"P.PPL","cc":"ML","geonameid":2,"alt":"Gamatown"`),
			point(-8.4, 12.13, `"name":"Deltaton","fcode":"P.PPL","cc":"ML","geonameid":3`),
		),
		"geonames_physical_waterpoints_mali.geojson": collection(
			point(1.5198, 15.8708, `"name":"I-n-Epsilon","fcode":"H.WLL","cc":"ML","geonameid":4,"admin1":"09","alt":"Epsilon|Epsilone"`),
			point(-3.9, 16.8, `"name":"Lac Zeta","fcode":"H.LK","cc":"ML","geonameid":5,"admin1":"08","alt":"Lake Zeta"`),
		),
		"ne_10m_geography_regions_mali.geojson": collection(),
		"ne_10m_elevation_points_mali.geojson":  collection(),
		"ne_10m_lakes_mali.geojson":             `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Lake Zeta","featurecla":"Lake","scalerank":7},"geometry":{"type":"Polygon","coordinates":[[[-4.0,16.7],[-3.8,16.7],[-3.8,16.9],[-4.0,16.9],[-4.0,16.7]]]}}]}`,
		"ne_10m_rivers_mali.geojson":            collection(),
	}
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	return dir
}

func generateEntries(t *testing.T, src string) ([]gazetteer.Entry, []string, []byte) {
	t.Helper()
	file, log, n, err := generate(src, dataDir, true)
	require.NoError(t, err)
	entries, err := gazetteer.Read("out", bytes.NewReader(file))
	require.NoError(t, err)
	require.Len(t, entries, n)
	return entries, log, file
}

func find(entries []gazetteer.Entry, name string) []gazetteer.Entry {
	var out []gazetteer.Entry
	for _, e := range entries {
		if e.Name == name {
			out = append(out, e)
		}
	}
	return out
}

func TestMergeRules(t *testing.T) {
	src := syntheticSources(t)
	entries, log, file := generateEntries(t, src)

	// Two OSM extracts and GeoNames: one place, the better OSM class, OSM's
	// point, GeoNames's spellings.
	a := find(entries, "Alphaville")
	require.Len(t, a, 1)
	assert.Equal(t, "town", a[0].Kind)
	assert.Equal(t, [2]float64{-3.0, 16.77}, [2]float64{a[0].Lon, a[0].Lat})
	assert.Equal(t, []string{"Alfaville"}, a[0].Alt, "Alpha-Ville folds like Alphaville")
	assert.Equal(t, "ML06", a[0].Region)

	// GeoNames's longitude with the wrong sign, caught when the flipped
	// point is on the settlement, in the country GeoNames says.
	g := find(entries, "Gammatown")
	require.Len(t, g, 1)
	assert.Equal(t, 0.29208, g[0].Lon)
	assert.Contains(t, g[0].Alt, "Gamatown")
	assert.Contains(t, strings.Join(log, "\n"), `GeoNames 2 "Gammatown" at -0.30000,15.22000: longitude sign flipped`)
	// …but not a namesake across the meridian in another country.
	d := find(entries, "Deltaton")
	require.Len(t, d, 2)
	assert.ElementsMatch(t, []float64{8.4, -8.4}, []float64{d[0].Lon, d[1].Lon})

	// A well of the village's name lends it its spellings and stays a well.
	e := find(entries, "Epsilon")
	require.Len(t, e, 1)
	assert.Equal(t, "village", e[0].Kind)
	assert.Equal(t, []string{"I-n-Epsilon", "Epsilone"}, e[0].Alt)
	w := find(entries, "I-n-Epsilon")
	require.Len(t, w, 1)
	assert.Equal(t, "well", w[0].Kind)
	assert.Equal(t, "ML10", w[0].Region)

	// Words in another script become an alternate name.
	b := find(entries, "Betaburg")
	require.Len(t, b, 1)
	assert.Equal(t, []string{"بيتا"}, b[0].Alt)

	// The regional capital of the regions layer.
	gao := find(entries, "Gao")
	require.Len(t, gao, 1)
	assert.Equal(t, 90, gao[0].Importance)
	assert.Equal(t, "ML07", gao[0].Region)

	// Natural Earth's lake and GeoNames's are one entry.
	z := find(entries, "Lac Zeta")
	require.Len(t, z, 1)
	assert.Equal(t, "lake", z[0].Kind)
	assert.Empty(t, find(entries, "Lake Zeta"))

	// No entry without a name.
	for _, e := range entries {
		assert.NotEmpty(t, gazetteer.Fold(e.Name))
	}

	// Same input, same bytes.
	_, _, again := generateEntries(t, src)
	assert.Equal(t, file, again)
}

func TestBadSourceNamesTheFile(t *testing.T) {
	src := syntheticSources(t)
	require.NoError(t, os.WriteFile(filepath.Join(src, "geonames_places.geojson"), []byte(`{"type":"FeatureCollection","features":[`), 0o644))
	_, _, _, err := generate(src, dataDir, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "geonames_places.geojson")
}

// The committed data/gazetteer.tsv.gz is what the generator makes from
// ../shared/geodata/basemap now, byte for byte.
func TestCommittedGazetteerIsUpToDate(t *testing.T) {
	const src = "../../../shared/geodata/basemap"
	if testing.Short() {
		t.Skip("regenerating the gazetteer takes a while")
	}
	if _, err := os.Stat(src); err != nil {
		t.Skip("no shared basemap sources:", err)
	}
	file, _, _, err := generate(src, dataDir, false)
	require.NoError(t, err)
	committed, err := os.ReadFile(filepath.Join(dataDir, "gazetteer.tsv.gz"))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(file, committed), "data/gazetteer.tsv.gz is stale: run make data")
}
