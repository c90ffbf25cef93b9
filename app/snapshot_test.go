package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/cli"
	"maliatlas/project"
)

func TestTheRendererAndExportsGetTheirOwnAnnotations(t *testing.T) {
	s := newTestShell(t)
	s.AddAnnotation(project.Annotation{Kind: project.KindMarker, Points: [][2]float64{{-3, 17}}, Text: "Camp"})
	s.Map.mu.Lock()
	drawn := s.Map.anns
	s.Map.mu.Unlock()
	m, _, err := s.ExportMap(s.DefaultExportSettings())
	require.NoError(t, err)

	// Dragging the marker changes the project's points in place…
	start := screenOf(s, orb.Point{-3, 17})
	s.Map.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.Add(fyne.NewPos(30, 0))}, Dragged: fyne.NewDelta(30, 0)})
	require.Greater(t, s.Annotations()[0].Points[0][0], -3.0)
	// …but not what a frame or an export being drawn reads.
	assert.Equal(t, -3.0, drawn[0].Points[0][0], "the frame's annotations changed under the renderer")
	assert.Equal(t, -3.0, m.Annotations[0].Points[0][0], "the export's annotations changed under it")
	s.Map.DragEnd()
}

func TestAnImportDoesNotChangeTheCatalogueBeingDrawn(t *testing.T) {
	s := newTestShell(t)
	old := s.Scene
	n := len(old.Catalog.Layers)
	path := writeText(t, filepath.Join(t.TempDir(), "p.geojson"), pointsGeoJSON("synthetic-p", -4, 14))
	require.NoError(t, s.AddGeoJSON(path))
	assert.Len(t, old.Catalog.Layers, n, "the import was appended to the catalogue a frame may be drawing")
	assert.NotSame(t, old, s.Scene)
	assert.Len(t, s.Scene.Catalog.Layers, n+1)
	s.Map.mu.Lock()
	assert.Same(t, s.Scene, s.Map.scene)
	s.Map.mu.Unlock()
}

// TestMapDrawsSnapshotsWhileTheyChange runs the map's drawing goroutine
// (no inline drawing) while annotations are edited in place and the scene
// replaced: with -race it fails if the renderer reads what the caller changes.
func TestMapDrawsSnapshotsWhileTheyChange(t *testing.T) {
	scene := testScene(t)
	m := NewMapView(scene, cli.MaliBound(scene.Catalog), "en")
	m.drawInline = false
	m.resize(fyne.NewSize(200, 150), 1)
	anns := []project.Annotation{{ID: "a", Kind: project.KindFreehand, Points: [][2]float64{{-3, 17}, {-2, 16}}, Width: 2}}
	for i := 0; i < 30; i++ {
		m.SetAnnotations(anns, "a")
		anns[0].Points[0][0] += 0.01 // a drag changes points in place
		if i%10 == 0 {
			m.SetScene(scene.WithCatalog(scene.Catalog.WithUserLayers()))
		}
		m.requestFrame()
	}
	m.WaitFrame()
}
