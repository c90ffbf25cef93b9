package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/exchange"
	"maliatlas/geo"
	"maliatlas/project"
)

const droppedKML = `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Style id="red"><LineStyle><color>ff0000ff</color><width>4</width></LineStyle></Style>
<Folder><name>Synthetic</name>
<Placemark><name>Synthetic track</name><styleUrl>#red</styleUrl><LineString><coordinates>-4,16 -3,17</coordinates></LineString></Placemark>
</Folder></Document></kml>`

// TestDropAndExportData: a KML dropped on the window becomes a layer drawn
// with the file's style; Export data writes it with an annotation and the
// project keeps it as GeoJSON.
func TestDropAndExportData(t *testing.T) {
	s := newTestShell(t)
	dir := t.TempDir()
	kml := filepath.Join(dir, "drop.kml")
	require.NoError(t, os.WriteFile(kml, []byte(droppedKML), 0o644))
	s.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(kml)})

	p := s.Project()
	require.Len(t, p.Imports, 1)
	l := s.Cat.Layer(p.Imports[0].ID)
	require.NotNil(t, l)
	require.Len(t, l.Features, 1)
	sym := l.Symbol(l.Features[0])
	assert.Equal(t, uint8(255), sym.Stroke.R, "the KML's red line")
	assert.Equal(t, uint8(0), sym.Stroke.B)
	assert.Equal(t, 4.0, sym.Width)
	_, err := geo.ReadFeatureCollection("import", bytes.NewReader(p.Imports[0].GeoJSON))
	require.NoError(t, err, "the project keeps the import as GeoJSON")

	p.Annotations = append(p.Annotations, project.Annotation{ID: "n1", Kind: project.KindText, Points: [][2]float64{{-8, 12.6}}, Text: "synthetic note"})
	out := filepath.Join(dir, "out.gpkg")
	n, err := ExportData(s, out, []string{p.Imports[0].ID, exchange.AnnotationsID}, p)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	fc, err := geo.ReadGeoPackage(out, nil)
	require.NoError(t, err)
	require.Len(t, fc.Features, 2)
	assert.Equal(t, orb.Point{-8, 12.6}, fc.Features[1].Geometry)
	assert.Equal(t, geojson.Properties{"id": "n1", "kind": "text", "text": "synthetic note", geo.PropFolder: "annotations"}, fc.Features[1].Properties)

	_, err = ExportData(s, filepath.Join(dir, "out.shp"), []string{"regions"}, p)
	assert.ErrorContains(t, err, `cannot write ".shp" files`)
}
