package app

import (
	"image"
	"os"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/cli"
	"maliatlas/render"
)

// TestMain makes maps draw their frames where they are asked for (see
// drawFramesInline); TestMapDrawsSnapshotsWhileTheyChange runs the drawing
// goroutine.
func TestMain(m *testing.M) {
	drawFramesInline = true
	os.Exit(m.Run())
}

var (
	sceneOnce sync.Once
	sceneErr  error
	shared    *render.Scene
)

// testScene is the embedded data's scene, loaded once for all tests: the
// window never changes a scene (imports make new ones), and what a scene
// prepares for drawing is kept between tests.
func testScene(t *testing.T) *render.Scene {
	t.Helper()
	sceneOnce.Do(func() { shared, sceneErr = cli.LoadScene() })
	require.NoError(t, sceneErr)
	return shared
}

func newTestShell(t *testing.T) *Shell {
	t.Helper()
	a := test.NewTempApp(t)
	scene := testScene(t)
	a.Preferences().SetString(PrefLang, "en")
	s := NewShell(a, scene, cli.MaliBound(scene.Catalog))
	s.autosaveEvery = 0
	s.AnimDuration = 0
	s.Window.Resize(fyne.NewSize(1500, 950))
	s.Window.Show()
	t.Cleanup(func() {
		if !s.closed {
			s.Window.Close()
		}
	})
	s.Map.WaitFrame()
	return s
}

// nonBackground counts the frame's pixels that are not the sea colour.
func nonBackground(img *image.RGBA) int {
	n := 0
	for i := 0; i < len(img.Pix); i += 4 {
		if img.Pix[i] != 214 || img.Pix[i+1] != 228 || img.Pix[i+2] != 236 {
			n++
		}
	}
	return n
}

func TestWindowOpensWithMap(t *testing.T) {
	s := newTestShell(t)
	assert.Equal(t, "Mali Routes Atlas", s.Window.Title())
	img, v := s.Map.Frame()
	require.NotNil(t, img)
	w, h := v.DeviceSize()
	assert.Equal(t, image.Rect(0, 0, w, h), img.Bounds())
	assert.Greater(t, nonBackground(img), w*h/2, "the map should cover most of the frame with land")
	// Mali is in view: Bamako and Gao project inside the frame.
	for _, p := range [][2]float64{{-8.0, 12.65}, {-0.04, 16.27}} {
		x, y := v.ToScreen([2]float64{p[0], p[1]})
		assert.True(t, x > 0 && y > 0 && x < float64(w) && y < float64(h), "%v at %.0f,%.0f", p, x, y)
	}
}

func TestDragMovesMap(t *testing.T) {
	s := newTestShell(t)
	before := s.Map.View()
	img0, _ := s.Map.Frame()
	// Drag 100 px right and 50 px down: what was under (300,300) is now under (400,350).
	geoBefore := s.Map.GeoAt(fyne.NewPos(300, 300))
	s.Map.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(100, 50)})
	s.Map.DragEnd()
	s.Map.WaitFrame()
	after := s.Map.View()
	assert.NotEqual(t, before.Center, after.Center)
	geoAfter := s.Map.GeoAt(fyne.NewPos(400, 350))
	assert.InDelta(t, geoBefore[0], geoAfter[0], 1e-6)
	assert.InDelta(t, geoBefore[1], geoAfter[1], 1e-6)
	// The new frame is the old one shifted: compare a pixel well inside.
	img1, _ := s.Map.Frame()
	sc := after.Scale
	if sc == 0 {
		sc = 1
	}
	x0, y0 := int(300*sc), int(300*sc)
	x1, y1 := int(400*sc), int(350*sc)
	assert.Equal(t, img0.RGBAAt(x0, y0), img1.RGBAAt(x1, y1))
}

func TestScrollZoomsAroundCursor(t *testing.T) {
	s := newTestShell(t)
	pos := fyne.NewPos(250, 200)
	g0 := s.Map.GeoAt(pos)
	z0 := s.Map.View().Zoom
	s.Map.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos}, Scrolled: fyne.NewDelta(0, 40)})
	s.Map.WaitFrame()
	assert.InDelta(t, z0+1, s.Map.View().Zoom, 1e-9)
	g1 := s.Map.GeoAt(pos)
	assert.InDelta(t, g0[0], g1[0], 1e-6)
	assert.InDelta(t, g0[1], g1[1], 1e-6)
}

func TestKeysZoomAndFit(t *testing.T) {
	s := newTestShell(t)
	z0 := s.Map.View().Zoom
	s.typedRune('+')
	assert.InDelta(t, z0+1, s.Map.View().Zoom, 1e-9)
	s.typedKey(&fyne.KeyEvent{Name: fyne.Key0})
	assert.InDelta(t, z0, s.Map.View().Zoom, 1e-9)
}

func TestFormatLonLat(t *testing.T) {
	assert.Equal(t, "-8.00000, 12.65000   12°39.000′N 8°00.000′W", FormatLonLat([2]float64{-8, 12.65}))
}
