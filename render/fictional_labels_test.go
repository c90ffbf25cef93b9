package render_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/data"
	"maliatlas/geo"
	"maliatlas/project"
	"maliatlas/render"
)

// crowdedGao is the built-in exercise at inject n with the solution and
// two groups' marks around Gao and Bourem, seen at the scale of a
// projected map.
func crowdedGao(t *testing.T, n int) *render.FictionalView {
	t.Helper()
	ss, err := project.LoadBuiltinScenarios(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	s := ss[0]
	st := s.StateAt(n)
	fv := &render.FictionalView{Lang: "fr", Features: st.Features, New: s.NewSince(n).Added,
		Retracted: s.NewSince(n).RetractedFeatures, Solution: s.SolutionFeaturesUpTo(n)}
	for gi, g := range []string{"Groupe A", "Groupe B"} {
		gm := render.GroupMarks{Name: g, Color: project.GroupColors[gi]}
		for j, at := range [][2]float64{{-0.03, 16.28}, {-0.33, 16.95}, {0.1, 17.45}, {-0.05, 16.3}} {
			gm.Annotations = append(gm.Annotations, project.Annotation{ID: fmt.Sprint(g, j), Kind: project.KindMarker,
				Points: [][2]float64{{at[0] + 0.02*float64(gi), at[1] - 0.01*float64(gi)}}, Text: "dépôt présumé", Grade: "C3"})
		}
		fv.Groups = append(fv.Groups, gm)
	}
	return fv
}

// Near Gao and Bourem the injects' labels, the solution's and the groups'
// do not overlap, and keep off the given obstacles and inset.
func TestFictionalLabelsDoNotOverlap(t *testing.T) {
	v := geo.FitBound(orb.Bound{Min: orb.Point{-0.8, 15.9}, Max: orb.Point{0.9, 18.2}}, 900, 700, 1, 8)
	for n := 1; n <= 5; n++ {
		fv := crowdedGao(t, n)
		var c labelBoxSink
		var placed []render.Rect
		obst := render.Rect{Min: render.Point{X: 0, Y: 600}, Max: render.Point{X: 300, Y: 700}}
		render.DrawFictionalLabels(&c, v, fv, fonts(), render.FictionalLabels{Obstacles: []render.Rect{obst},
			Inset: render.Inset{Top: 26}, Placed: &placed})
		if len(c.texts) < 8 {
			t.Fatalf("inject %d: only %d labels drawn: %q", n, len(c.texts), c.texts)
		}
		// What is new at the inject is always labelled.
		for _, f := range fv.Features {
			x, y := v.ToScreen(orb.Point{f.Points[0][0], f.Points[0][1]})
			if !fv.New[f.ID] || x < 0 || y < 26 || x > 900 || y > 700 {
				continue // not new, or off the map
			}
			found := false
			for _, tx := range c.texts {
				found = found || strings.Contains(tx, f.Name["fr"])
			}
			if !found {
				t.Errorf("inject %d: the new feature %s has no label", n, f.ID)
			}
		}
		want := len(fv.Features) + len(fv.Retracted) + len(fv.Solution) + 8
		t.Logf("inject %d: %d of %d labels placed", n, len(c.texts), want)
		if len(placed) != len(c.texts) {
			t.Errorf("inject %d: %d boxes reported for %d labels", n, len(placed), len(c.texts))
		}
		for i := range c.boxes {
			if boxRect(c.boxes[i]).Overlaps(obst) || boxRect(c.boxes[i]).Min.Y < 26 {
				t.Errorf("inject %d: %q over an obstacle or under the band: %v", n, c.texts[i], boxRect(c.boxes[i]))
			}
			for j := i + 1; j < len(c.boxes); j++ {
				if boxRect(c.boxes[i]).Overlaps(boxRect(c.boxes[j])) {
					t.Errorf("inject %d: %q overlaps %q", n, c.texts[i], c.texts[j])
				}
			}
		}
	}
}

// A label keeps off the map's own labels when it can (Avoid), and goes
// over them rather than nowhere when it cannot.
func TestFictionalLabelsAvoidTheMapsLabels(t *testing.T) {
	v := geo.FitBound(orb.Bound{Min: orb.Point{-1, 15}, Max: orb.Point{1, 17}}, 400, 400, 1, 8)
	fv := &render.FictionalView{Lang: "en", Features: []project.FictionalFeature{{ID: "p", Kind: project.FictionalPoint,
		Points: [][2]float64{{0, 16}}, Name: project.I18n{"en": "Depot"}}}}
	x, y := v.ToScreen(orb.Point{0, 16})
	right := render.Rect{Min: render.Point{X: x + 2, Y: y - 15}, Max: render.Point{X: x + 200, Y: y + 15}}
	var c labelBoxSink
	render.DrawFictionalLabels(&c, v, fv, fonts(), render.FictionalLabels{Avoid: []render.Rect{right}})
	if len(c.boxes) != 1 || boxRect(c.boxes[0]).Overlaps(right) || boxRect(c.boxes[0]).Max.X > x {
		t.Errorf("the label did not go left of the map's label on its right: %v", c.boxes)
	}
	all := render.Rect{Min: render.Point{X: 0, Y: 0}, Max: render.Point{X: 400, Y: 400}}
	c = labelBoxSink{}
	render.DrawFictionalLabels(&c, v, fv, fonts(), render.FictionalLabels{Avoid: []render.Rect{all}})
	if len(c.boxes) != 1 {
		t.Errorf("with no free room the label was dropped: %v", c.texts)
	}
}

// boxRect is the bounding box of a label's drawn box (scenario labels are
// never turned, so it is the box itself).
func boxRect(q [4]render.Point) render.Rect {
	r := render.Rect{Min: q[0], Max: q[0]}
	for _, p := range q[1:] {
		r.Min.X, r.Min.Y = min(r.Min.X, p.X), min(r.Min.Y, p.Y)
		r.Max.X, r.Max.Y = max(r.Max.X, p.X), max(r.Max.Y, p.Y)
	}
	return r
}
