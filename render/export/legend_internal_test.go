package export

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/assets"
	"maliatlas/data"
	"maliatlas/layers"
	"maliatlas/render"
)

// TestLegendKeepsGroupsWholeAndFitsItsContent: each layer's heading and
// categories stay in one column, the columns are balanced (the panel is no
// wider than the fewest columns that fit), and no column runs past the map.
func TestLegendKeepsGroupsWholeAndFitsItsContent(t *testing.T) {
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	f := assets.MapFonts()
	sc := render.NewScene(cat, render.FontSet{Regular: f.Regular, Bold: f.Bold, Italic: f.Italic})
	var vis []string
	for _, l := range cat.Layers {
		vis = append(vis, l.Spec.ID)
	}
	for _, paper := range []string{"A4", "A3"} {
		for _, land := range []bool{true, false} {
			pg, err := PaperPage(paper, land, 100)
			require.NoError(t, err)
			m := &Map{Scene: sc, BBox: orb.Bound{Min: orb.Point{-12.5, 9.8}, Max: orb.Point{4.5, 25.2}},
				Options: render.Options{Lang: "fr", Visible: vis}, Legend: true, Attribution: true}
			fr := m.frame(pg)
			lb := fr.legend
			require.NotNil(t, lb)
			room := fr.mapArea.Dy()
			if lb.place == LegendBelow {
				room = lb.rect.Dy()
			}
			colOf := map[*layers.Layer]int{}
			var heights []float64
			for ci, col := range lb.cols {
				h := 0.0
				for _, r := range col {
					h += r.h
					if r.layer == nil {
						continue
					}
					if c, seen := colOf[r.layer]; seen {
						assert.Equal(t, c, ci, "%s %v: %s split across columns", paper, land, r.layer.Spec.ID)
					}
					colOf[r.layer] = ci
				}
				heights = append(heights, h)
				assert.LessOrEqual(t, lb.titleH+h, room+1, "%s %v: column %d runs past its panel", paper, land, ci)
			}
			// Balanced: no column is much emptier than the others (less
			// than the tallest group apart).
			tallest := 0.0
			for _, g := range lb.groups() {
				gh := 0.0
				for _, r := range g {
					gh += r.h
				}
				tallest = max(tallest, gh)
			}
			lo, hi := heights[0], heights[0]
			for _, h := range heights {
				lo, hi = min(lo, h), max(hi, h)
			}
			assert.LessOrEqual(t, hi-lo, tallest+1, "%s %v: columns %v are balanced", paper, land, heights)
			if lb.place == LegendSide {
				avail := fr.mapArea.Dy() - lb.titleH - 20*lb.k
				assert.Len(t, lb.cols, len(lb.pack(avail)), "%s %v: no more columns than needed", paper, land)
			}
		}
	}
}

func TestWrapLeavesNoWordAloneOnTheLastLine(t *testing.T) {
	f := assets.MapFonts().Regular
	text := "Exportations aériennes depuis Bamako"
	w := f.Measure("Exportations aériennes depuis", 10) + 1
	lines := wrap(text, f, 10, w)
	require.Len(t, lines, 2)
	assert.Equal(t, "depuis Bamako", lines[1])
	for _, l := range lines {
		assert.LessOrEqual(t, f.Measure(l, 10), w)
	}
	// A single long word stays as it is.
	assert.Equal(t, []string{"Tombouctou"}, wrap("Tombouctou", f, 10, 5))
}
