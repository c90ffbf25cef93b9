package app

import (
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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

// distToLinesKm is the distance from p to the nearest of lines, in km (on a
// local flat projection: fine over a few km).
func distToLinesKm(p orb.Point, lines []orb.LineString) float64 {
	k := math.Cos(p[1] * math.Pi / 180)
	best := math.Inf(1)
	for _, l := range lines {
		for i := 1; i < len(l); i++ {
			ax, ay := (l[i-1][0]-p[0])*k, l[i-1][1]-p[1]
			bx, by := (l[i][0]-p[0])*k, l[i][1]-p[1]
			dx, dy := bx-ax, by-ay
			t := 0.0
			if d := dx*dx + dy*dy; d > 0 {
				t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/d))
			}
			best = math.Min(best, math.Hypot(ax+t*dx, ay+t*dy)*111.32)
		}
	}
	return best
}

// With "follow roads" on, Gao to Kidal is measured along the RN18: the line
// drawn stays on the road, its length is the road's, and the straight
// distance is given beside it.
func TestMeasureFollowsTheRoads(t *testing.T) {
	s := newTestShell(t)
	s.Map.SetView(geo.FitBound(orb.Bound{Min: orb.Point{-1, 15.8}, Max: orb.Point{2.2, 18.8}}, 1100, 800, 1, 0))
	s.Map.WaitFrame()
	gao, kidal := orb.Point{-0.04124, 16.27883}, orb.Point{1.40754, 18.44086}
	assert.False(t, s.measureRd.check.Visible(), "the box shows only while measuring")
	s.ToggleMeasure()
	require.True(t, s.measureRd.check.Visible())
	assert.Equal(t, "Follow roads", s.measureRd.check.Text)
	test.Tap(s.measureRd.check)
	require.True(t, s.measureRd.on)
	tapAt(s, screenOf(s, gao))
	tapAt(s, screenOf(s, kidal))
	require.Len(t, s.measurePts, 2)

	legs := s.measureLegs()
	require.Len(t, legs, 1)
	require.NotNil(t, legs[0].road, "a road joins Gao and Kidal")
	km := legs[0].roadKm()
	straight := geo.Distance(s.measurePts[0], s.measurePts[1]) / 1000
	assert.True(t, km > 350 && km < 450, "Gao–Kidal by road: %.0f km", km)
	texts := s.measureOv.Texts()
	require.Len(t, texts, 2)
	assert.Equal(t, formatKm(km)+" km · RN18", texts[0])
	assert.Equal(t, "Total: "+formatKm(km)+" km by road · "+formatKm(straight)+" km straight", texts[1])
	assert.Contains(t, s.measureLbl.Text, formatKm(km)+" km by road")

	// The line drawn keeps within 2 km of the RN18 (all of it but the two
	// clicked ends, which are where the user clicked).
	var rn18 []orb.LineString
	roads := s.Cat.Layer("roads@2")
	require.NoError(t, roads.Load())
	for _, f := range roads.Features {
		if f.String("ref") != "RN18" {
			continue
		}
		switch g := f.Geom.(type) {
		case orb.LineString:
			rn18 = append(rn18, g)
		case orb.MultiLineString:
			rn18 = append(rn18, g...)
		}
	}
	require.NotEmpty(t, rn18)
	path := s.measureOv.segs[0].path
	require.Greater(t, len(path), 10, "the line follows the road's bends")
	worst := 0.0
	for _, p := range path[1 : len(path)-1] {
		worst = math.Max(worst, distToLinesKm(p, rn18))
	}
	assert.Less(t, worst, 2.0, "the line drawn strays %.1f km from the RN18", worst)
	// Densely: halfway between the drawn vertices too.
	for i := 2; i < len(path)-1; i++ {
		mid := orb.Point{(path[i-1][0] + path[i][0]) / 2, (path[i-1][1] + path[i][1]) / 2}
		if d := distToLinesKm(mid, rn18); d > 2 {
			t.Errorf("between vertices %d and %d the line is %.1f km from the RN18", i-1, i, d)
			break
		}
	}

	// On the window: red along the road by Bourem, none on the straight
	// line's middle (some 50 km east of the road).
	img := s.Window.Canvas().Capture()
	bourem := orb.Point{-0.34682, 16.95753}
	nearBourem := path[1]
	for _, p := range path {
		if geo.Distance(p, bourem) < geo.Distance(nearBourem, bourem) {
			nearBourem = p
		}
	}
	assert.Greater(t, redNear(s, img, screenOf(s, nearBourem)), 2, "the line is drawn along the road at Bourem")
	straightMid := greatCircle(s.measurePts[0], s.measurePts[1], 2)[1]
	assert.Zero(t, redNear(s, img, screenOf(s, straightMid)), "no straight line drawn")

	// The rubber band to the pointer is straight: its length is given
	// beside the total by road of the legs placed, not added to it.
	tombouctou := orb.Point{-3.00742, 16.77348}
	s.measureCursor(tombouctou)
	rub := geo.Distance(kidal, tombouctou) / 1000
	assert.Equal(t, "+"+formatKm(rub)+" km straight · "+formatKm(km)+" km by road", s.measureOv.RubberText())

	// Off again: the same clicks measure straight.
	test.Tap(s.measureRd.check)
	assert.Equal(t, []string{formatKm(straight) + " km", "Total: " + formatKm(straight) + " km"}, s.measureOv.Texts())
	s.measureCursor(tombouctou)
	assert.Equal(t, "+"+formatKm(rub)+" km = "+formatKm(straight+rub)+" km", s.measureOv.RubberText())

	// In French.
	s.SetLang("fr")
	assert.Equal(t, "Suivre les routes", s.measureRd.check.Text)
}

// Where no road joins the points, the tool says so and keeps the straight
// segment.
func TestMeasureRoadsSaysWhenNoRoadJoins(t *testing.T) {
	s := newTestShell(t)
	s.ToggleMeasure()
	s.SetMeasureRoads(true)
	// Deep in the Tanezrouft, far from any road or track, to Gao.
	far, gao := orb.Point{-3.5, 22.5}, orb.Point{-0.04, 16.28}
	s.measurePts = []orb.Point{far, gao}
	s.showMeasure()
	legs := s.measureLegs()
	require.Len(t, legs, 1)
	if legs[0].road != nil {
		t.Skipf("a road passes within %.0f km of %v: pick another place", legs[0].road.SnapA/1000, far)
	}
	straight := geo.Distance(far, gao) / 1000
	texts := s.measureOv.Texts()
	require.Len(t, texts, 2)
	assert.Equal(t, formatKm(straight)+" km (no road)", texts[0])
	assert.Equal(t, "Total: "+formatKm(straight)+" km by road · "+formatKm(straight)+" km straight", texts[1])
	assert.Len(t, s.measureOv.segs[0].path, len(geodesicPath(far, gao)), "the straight segment is drawn")
}
