package geo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGeoPackageRoundTrip writes two tables and reads them back: all of
// them, one by "file.gpkg:table", and the list of tables.
func TestGeoPackageRoundTrip(t *testing.T) {
	pts := geojson.NewFeatureCollection()
	a := geojson.NewFeature(orb.Point{-8, 12.6})
	a.Properties = geojson.Properties{"name": "Synthetic A", "n": 2.5, "ok": true, "tags": []any{"x", "y"}}
	pts.Append(a)
	zones := geojson.NewFeatureCollection()
	z := geojson.NewFeature(orb.Polygon{{{0, 10}, {4, 10}, {4, 14}, {0, 14}, {0, 10}}, {{1, 11}, {1, 12}, {2, 11}, {1, 11}}})
	z.Properties = geojson.Properties{"name": "Zone"}
	zones.Append(z)
	path := filepath.Join(t.TempDir(), "x.gpkg")
	require.NoError(t, WriteGeoPackage(path, []GeoPackageLayer{{Table: "sites", Title: "Sites", Features: pts}, {Table: "zones", Features: zones}}))

	tabs, err := GeoPackageTables(path)
	require.NoError(t, err)
	require.Len(t, tabs, 2)
	assert.Equal(t, GeoPackageTable{Name: "sites", Title: "Sites", SRS: "WGS 84 geodetic", Count: 1}, tabs[0])

	fc, err := ReadFile(path)
	require.NoError(t, err)
	require.Len(t, fc.Features, 2)
	assert.Equal(t, geojson.Properties{"name": "Synthetic A", "n": 2.5, "ok": true, "tags": `["x","y"]`, PropFolder: "sites"}, fc.Features[0].Properties)
	assert.Equal(t, z.Geometry, fc.Features[1].Geometry)

	fc, err = ReadFile(path + ":zones")
	require.NoError(t, err)
	require.Len(t, fc.Features, 1)
	assert.Equal(t, "Zone", fc.Features[0].Properties["name"])
	assert.Nil(t, fc.Features[0].Properties[PropFolder], "one table: no folder")

	_, err = ReadFile(path + ":roads")
	assert.ErrorContains(t, err, `x.gpkg: no feature table "roads" (it has: sites, zones)`)

	bad := filepath.Join(t.TempDir(), "bad.gpkg")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Repeat("x", 200)), 0o644))
	_, err = ReadFile(bad)
	assert.ErrorContains(t, err, "bad.gpkg: not a GeoPackage (not an SQLite database)")
}

func TestReadGeoJSONSeq(t *testing.T) {
	text := "{\"type\":\"Feature\",\"id\":\"a\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-8,12]}}\n" +
		"\x1e{\"type\":\"Feature\",\"properties\":{\"n\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-7,13]}}\n\n"
	fc, err := ReadGeoJSONSeq("a.geojsons", strings.NewReader(text))
	require.NoError(t, err)
	require.Len(t, fc.Features, 2)
	assert.Equal(t, orb.Point{-7, 13}, fc.Features[1].Geometry)

	bad := "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-8,12]}}\n" +
		"{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-8,95]}}\n"
	_, err = ReadGeoJSONSeq("b.geojsonl", strings.NewReader(bad))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "b.geojsonl:2:")
	assert.Contains(t, err.Error(), "feature 1")
	assert.Contains(t, err.Error(), "latitude 95")
}
