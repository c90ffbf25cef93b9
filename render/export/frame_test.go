package export_test

import (
	"fmt"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
	"maliatlas/render"
	"maliatlas/render/export"
)

// busyLayers is a map with many legend entries and many labels.
var busyLayers = []string{"countries", "regions", "rivers", "towns", "armed_groups", "cigarettes", "migrants", "cocaine", "gold_flows", "gold_sites", "places"}

func layoutCases(t *testing.T) map[string]export.Page {
	a4l, err := export.PaperPage("A4", true, 100)
	require.NoError(t, err)
	a4p, err := export.PaperPage("A4", false, 100)
	require.NoError(t, err)
	a3l, err := export.PaperPage("A3", true, 72)
	require.NoError(t, err)
	return map[string]export.Page{
		"A4 landscape": a4l, "A4 portrait": a4p, "A3 landscape": a3l,
		"slide": export.SizePage(1920, 1080), "1600x1200": export.SizePage(1600, 1200),
	}
}

func within(outer, r render.Rect) bool {
	const eps = 0.5
	return r.Min.X >= outer.Min.X-eps && r.Min.Y >= outer.Min.Y-eps && r.Max.X <= outer.Max.X+eps && r.Max.Y <= outer.Max.Y+eps
}

// checkBoxes: every element ticked is drawn, on the page, and no two overlap;
// the north arrow and the scale bar cover no label.
func checkBoxes(t *testing.T, name string, m *export.Map, pg export.Page, labels []render.Rect, boxes []export.Box) {
	t.Helper()
	page := render.Rect{Max: render.Point{X: float64(pg.W), Y: float64(pg.H)}}
	got := map[string]render.Rect{}
	for _, b := range boxes {
		got[b.Name] = b.Rect
		assert.True(t, within(page, b.Rect), "%s: %s %v is on the page %v", name, b.Name, b.Rect, page)
		assert.Positive(t, b.Dx(), "%s: %s has a size", name, b.Name)
	}
	for el, on := range map[string]bool{"legend": m.Legend, "scalebar": m.ScaleBar, "north": m.North, "inset": m.Inset, "attribution": m.Attribution, "title": m.Title != ""} {
		_, drawn := got[el]
		assert.Equal(t, on, drawn, "%s: %s ticked %v, drawn %v", name, el, on, drawn)
	}
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			assert.False(t, a.Overlaps(b.Rect), "%s: %s %v overlaps %s %v", name, a.Name, a.Rect, b.Name, b.Rect)
		}
	}
	for _, el := range []string{"north", "scalebar"} {
		r, ok := got[el]
		if !ok {
			continue
		}
		for _, l := range labels {
			assert.False(t, r.Overlaps(l), "%s: the %s %v covers a label at %v", name, el, r, l)
		}
	}
}

func TestLayoutBoxesDoNotOverlap(t *testing.T) {
	for name, pg := range layoutCases(t) {
		for _, lang := range []string{"en", "fr"} {
			m := goldMap(t)
			m.Options.Visible = busyLayers
			m.Options.Lang = lang
			m.Inset = true
			m.Subtitle = "2026-11-30"
			var labels []render.Rect
			m.Options.PlacedLabels = &labels
			var c calls
			boxes := m.Layout(&c, pg)
			require.NotEmpty(t, labels, name)
			checkBoxes(t, fmt.Sprintf("%s %s", name, lang), m, pg, labels, boxes)
			// The elements found room where no label is: the map keeps
			// the labels it has without them.
			bare := *m
			bare.Inset, bare.North, bare.ScaleBar = false, false, false
			var bareLabels []render.Rect
			bare.Options.PlacedLabels = &bareLabels
			bare.Layout(&calls{}, pg)
			assert.GreaterOrEqual(t, len(labels), len(bareLabels)-1, "%s %s: labels lost to the layout", name, lang)
		}
	}
}

func TestLayoutSmallLegendAndFewElements(t *testing.T) {
	m := goldMap(t)
	m.Options.Visible = []string{"countries", "regions", "cocaine"}
	m.Inset = true
	pg := export.SizePage(1200, 900)
	var labels []render.Rect
	m.Options.PlacedLabels = &labels
	var c calls
	boxes := m.Layout(&c, pg)
	checkBoxes(t, "small legend", m, pg, labels, boxes)
	m = goldMap(t)
	m.Legend, m.North = false, false
	labels = nil
	m.Options.PlacedLabels = &labels
	boxes = m.Layout(&c, pg)
	checkBoxes(t, "scale bar only", m, pg, labels, boxes)
}

// TestFitToViewKeepsTheMapArea: "Current view" is the window's map at its
// size and scale, with the legend beside or below it, nothing over it.
func TestFitToViewKeepsTheMapArea(t *testing.T) {
	for _, size := range [][2]int{{611, 645}, {900, 560}, {1280, 700}, {420, 700}} {
		for _, vis := range [][]string{busyLayers, {"countries", "regions", "cocaine"}} {
			m := goldMap(t)
			m.Options.Visible = vis
			m.Inset = true
			box := orb.Bound{Min: orb.Point{-12, 13}, Max: orb.Point{3, 24}}
			w, h := size[0], size[1]
			view := fitView(box, w, h)
			m.BBox = view.Bound()
			pg := m.FitToView(w, h)
			assert.GreaterOrEqual(t, pg.W, w)
			assert.GreaterOrEqual(t, pg.H, h)
			v := m.Viewport(pg)
			assert.InDelta(t, view.Zoom, v.Zoom, 1e-6, "%v: the map keeps the window's scale", size)
			var labels []render.Rect
			m.Options.PlacedLabels = &labels
			var c calls
			boxes := m.Layout(&c, pg)
			name := fmt.Sprintf("view %dx%d %d layers", w, h, len(vis))
			checkBoxes(t, name, m, pg, labels, boxes)
			// The legend lies outside the map's w×h area when it is a panel.
			for _, b := range boxes {
				if b.Name == "legend" && m.LegendAt != export.LegendOver {
					a, z := v.ToScreen(m.BBox.Min)
					bx, by := v.ToScreen(m.BBox.Max)
					mapRect := render.Rect{Min: render.Point{X: a, Y: by}, Max: render.Point{X: bx, Y: z}}
					assert.False(t, b.Overlaps(shrink(mapRect, 1)), "%s: legend %v over the map %v", name, b.Rect, mapRect)
				}
			}
		}
	}
}

func shrink(r render.Rect, d float64) render.Rect {
	return render.Rect{Min: render.Point{X: r.Min.X + d, Y: r.Min.Y + d}, Max: render.Point{X: r.Max.X - d, Y: r.Max.Y - d}}
}

// fitView is a window's view of w×h logical pixels showing box.
func fitView(box orb.Bound, w, h int) geo.Viewport { return geo.FitBound(box, w, h, 1, 0) }
