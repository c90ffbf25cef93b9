package mapframe

import (
	"image"
	"image/color"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/render"
)

// across lists the labels of ls (in a w×h view's pixels) whose box lies
// partly outside the view: cut at its edge.
func across(ls []render.PlacedLabel, w, h int) []string {
	var out []string
	for _, l := range ls {
		if acrossEdge(l.Box, image.Rect(0, 0, w, h)) {
			out = append(out, l.Text.S)
		}
	}
	return out
}

// No label is cut by the edge of a map at rest, as none is by the edge of an
// export: a frame drawn anew places none across the view's edges; a pan
// moves the labels with the map, across the edges too, and once the map is
// at rest (Settle) the next frame places those again, inside or nowhere,
// leaving the labels wholly in view where they were.
func TestLabelsAtRestAreNotCut(t *testing.T) {
	s := scene(t)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-6, 12}, Max: orb.Point{2, 18}}, 640, 400, 1, 0)
	w, h := v.DeviceSize()
	o := render.Options{View: v, Lang: "en", Background: color.NRGBA{214, 228, 236, 255}}
	var c Cache
	c.Frame(s, o, 1, nil)
	if cut := across(c.Labels(), w, h); len(cut) > 0 {
		t.Errorf("a frame drawn anew cuts %q at the view's edge", cut)
	}
	cutWhilePanning := 0
	for i, d := range [][2]float64{{37, 11}, {-13, 29}, {41, -17}, {-23, -31}, {19, 7}, {-52, 3}} {
		v = v.Pan(d[0], d[1])
		o.View = v
		c.Frame(s, o, 1, nil)
		if c.Placed {
			continue // placed again near the padded area's edge
		}
		before := c.Labels()
		cut := across(before, w, h)
		if len(cut) == 0 {
			continue
		}
		cutWhilePanning++
		c.Settle()
		c.Frame(s, o, 1, nil)
		if !c.Reused || !c.Placed {
			t.Errorf("pan %d: the frame at rest (reused %v) did not place again the labels across the edge %q", i, c.Reused, cut)
		}
		after := c.Labels()
		if cut := across(after, w, h); len(cut) > 0 {
			t.Errorf("pan %d: at rest, %q still cut at the view's edge", i, cut)
		}
		checkNoCollision(t, after)
		for _, b := range before {
			if acrossEdge(b.Box, image.Rect(0, 0, w, h)) {
				continue
			}
			if !labelAt(after, b.Text.S, b.Box.Min.X, b.Box.Min.Y) {
				t.Errorf("pan %d: %q, wholly in view, moved or went at rest", i, b.Text.S)
			}
		}
		// At rest already, with no label across the edges: nothing to do.
		c.Settle()
		c.Frame(s, o, 1, nil)
		if c.Placed {
			t.Errorf("pan %d: a second frame at rest placed the labels again", i)
		}
	}
	if cutWhilePanning == 0 {
		t.Error("no pan left a label across the view's edge: the test tests nothing")
	}
}
