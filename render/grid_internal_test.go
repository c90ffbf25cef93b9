package render

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/geo"
	"maliatlas/layers"
)

// record draws sc with o into a recording.
func record(sc *Scene, o *Options) *Recording {
	var rec Recording
	sc.Draw(&rec, o)
	return &rec
}

// TestCullGridSamePicture: frames over a small part of large layers (many
// points, lines, some of them long) walk only the features the grid gives
// and make the same drawing calls, in the same order, as walking them all
// (so the same picture); frames of
// the whole extent do not use the grid.
func TestCullGridSamePicture(t *testing.T) {
	rnd := rand.New(rand.NewSource(lodSeed(t)))
	pts := geojson.NewFeatureCollection()
	lines := geojson.NewFeatureCollection()
	for i := range 9000 {
		p := orb.Point{-12 + 16*rnd.Float64(), 10 + 15*rnd.Float64()}
		f := geojson.NewFeature(p)
		f.ID = fmt.Sprintf("p%d", i)
		pts.Append(f)
	}
	for i := range 5000 {
		var ls orb.LineString
		p := orb.Point{-12 + 16*rnd.Float64(), 10 + 15*rnd.Float64()}
		for range 6 {
			ls = append(ls, p)
			if i%10 == 0 { // some cross the map: too wide for the grid's cells
				p = orb.Point{-12 + 16*rnd.Float64(), 10 + 15*rnd.Float64()}
			} else {
				p = orb.Point{p[0] + 0.05*(rnd.Float64()-0.5), p[1] + 0.05*(rnd.Float64()-0.5)}
			}
		}
		f := geojson.NewFeature(ls)
		f.ID = fmt.Sprintf("l%d", i)
		lines.Append(f)
	}
	cat := layers.NewCatalog(nil, nil)
	cat.AddUserLayer("lines", "lines", lines, 0)
	cat.AddUserLayer("points", "points", pts, 1)
	visible := []string{"lines", "points"}

	whole := geo.FitBound(orb.Bound{Min: orb.Point{-12, 10}, Max: orb.Point{4, 25}}, 400, 300, 1, 0)
	views := []geo.Viewport{whole}
	for range 10 {
		v := whole.ZoomAround(400*rnd.Float64(), 300*rnd.Float64(), 4+8*rnd.Float64())
		views = append(views, v)
		strip := v
		strip.Width, strip.Height = 400, 7 // a strip a pan exposes
		views = append(views, strip)
	}
	for i, v := range views {
		o := &Options{View: v, Lang: "en", Visible: visible}
		withGrid := NewScene(cat, FontSet{})
		got := record(withGrid, o)
		usedGrid := false
		for _, l := range cat.Layers {
			if withGrid.prep(l).grid != nil {
				usedGrid = true
			}
		}
		if i == 0 && usedGrid {
			t.Errorf("the whole extent made a grid")
		}
		if i > 0 && !usedGrid {
			t.Errorf("view %d (a small part of the layers) did not use the grid", i)
		}
		noGrid := NewScene(cat, FontSet{})
		for _, l := range cat.Layers {
			noGrid.prep(l).gridOnce.Do(func() {}) // no grid: walk them all
		}
		want := record(noGrid, o)
		if got.Len() == 0 {
			t.Errorf("view %d: nothing drawn", i)
		}
		if !reflect.DeepEqual(got.ops, want.ops) {
			t.Errorf("view %d: the drawing with the grid (%d calls) differs from the one without (%d)", i, got.Len(), want.Len())
		}
	}
}
