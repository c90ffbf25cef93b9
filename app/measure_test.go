package app

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
)

// isMeasureRed reports whether c is (near) the measure line's colour.
func isMeasureRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r>>8 > 150 && g>>8 < 110 && b>>8 < 100
}

// redNear counts measure-coloured pixels within 3 px of logical position p
// in a capture of the window.
func redNear(s *Shell, img image.Image, p fyne.Position) int {
	off := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.Map)
	sc := float64(img.Bounds().Dx()) / float64(s.Window.Canvas().Size().Width)
	cx, cy := int(float64(p.X+off.X)*sc), int(float64(p.Y+off.Y)*sc)
	n := 0
	for y := cy - 3; y <= cy+3; y++ {
		for x := cx - 3; x <= cx+3; x++ {
			if isMeasureRed(img.At(x, y)) {
				n++
			}
		}
	}
	return n
}

// The measure tool draws its line with each segment's length and the total
// on the map, and Escape clears it.
func TestMeasureOverlayDrawsTheLineAndLengths(t *testing.T) {
	s := newTestShell(t)
	gao, kidal, anefis := orb.Point{-0.04, 16.27}, orb.Point{1.41, 18.44}, orb.Point{0.60, 18.05}
	s.ToggleMeasure()
	tapAt(s, screenOf(s, gao))
	tapAt(s, screenOf(s, anefis))
	tapAt(s, screenOf(s, kidal))
	require.Len(t, s.measurePts, 3)
	p := s.measurePts
	seg1, seg2 := geo.Distance(p[0], p[1])/1000, geo.Distance(p[1], p[2])/1000
	assert.InDelta(t, 200, seg1, 15, "Gao–Anéfis")
	assert.Equal(t, []string{
		formatKm(seg1) + " km", formatKm(seg2) + " km", "Total: " + formatKm(seg1+seg2) + " km",
	}, s.measureOv.Texts())

	// On the window: red along the line, not beside it.
	path := geodesicPath(p[0], p[1])
	mid := screenOf(s, path[len(path)/6]) // clear of the vertex and of the label at the middle
	img := s.Window.Canvas().Capture()
	assert.Greater(t, redNear(s, img, mid), 2, "the line is drawn at %v", mid)
	assert.Greater(t, redNear(s, img, screenOf(s, p[2])), 2, "the last vertex is drawn")
	away := screenOf(s, orb.Point{-6, 13})
	assert.Zero(t, redNear(s, img, away), "nothing drawn far from the line")

	// The line follows the map when it pans.
	s.Map.PanBy(40, 0)
	s.Map.WaitFrame() // tests draw frames when they are awaited (drawFramesInline)
	img = s.Window.Canvas().Capture()
	assert.Greater(t, redNear(s, img, screenOf(s, p[2])), 2, "the vertex moved with the map")

	// Backspace takes back the last point.
	s.typedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	require.Len(t, s.measurePts, 2)
	assert.Equal(t, []string{formatKm(seg1) + " km", "Total: " + formatKm(seg1) + " km"}, s.measureOv.Texts())
	s.typedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	s.typedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	assert.Empty(t, s.measurePts)
	assert.True(t, s.measureOv.Empty())
	assert.True(t, s.measuring, "still measuring")
	tapAt(s, screenOf(s, gao))
	tapAt(s, screenOf(s, kidal))

	// Escape leaves the tool and clears the line.
	s.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	assert.False(t, s.measuring)
	assert.True(t, s.measureOv.Empty())
	img = s.Window.Canvas().Capture()
	assert.Zero(t, redNear(s, img, screenOf(s, p[2])), "cleared")
}

func TestChoosingAnAnnotationToolEndsMeasuring(t *testing.T) {
	s := newTestShell(t)
	s.ToggleMeasure()
	tapAt(s, screenOf(s, orb.Point{-0.04, 16.27}))
	tapAt(s, screenOf(s, orb.Point{1.41, 18.44}))
	require.False(t, s.measureOv.Empty())
	s.SetTool(ToolArea)
	assert.False(t, s.measuring)
	assert.True(t, s.measureOv.Empty())
}

func TestGreatCircleEndsAndBends(t *testing.T) {
	a, b := orb.Point{-17, 14.7}, orb.Point{10, 26}
	path := greatCircle(a, b, 10)
	require.Len(t, path, 11)
	assert.Equal(t, a, path[0])
	assert.Equal(t, b, path[10])
	var sum float64
	for i := 1; i < len(path); i++ {
		sum += geo.Distance(path[i-1], path[i])
	}
	assert.InDelta(t, geo.Distance(a, b), sum, geo.Distance(a, b)*0.005, "the pieces add up to the geodesic")
	// A great circle between these bends north of the straight lon/lat line.
	assert.Greater(t, path[5][1], (a[1]+b[1])/2)
}
