package layers_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"

	"maliatlas/layers"
)

func nearest(line orb.LineString, p orb.Point) float64 {
	best := math.Inf(1)
	for _, q := range line {
		best = math.Min(best, orbgeo.Distance(p, q))
	}
	return best / 1000
}

// Gao to Kidal by the road is the RN18 through Bourem and Anéfis: longer
// than the straight line, by a plausible factor.
func TestRoadDistanceGaoKidalByTheRN18(t *testing.T) {
	c := catalog(t)
	gao, kidal := orb.Point{-0.04124, 16.27883}, orb.Point{1.40754, 18.44086}
	p, err := c.Roads().Path(gao, kidal)
	if err != nil {
		t.Fatal(err)
	}
	straight := orbgeo.Distance(gao, kidal) / 1000
	km := p.Length / 1000
	t.Logf("Gao–Kidal: %.0f km by road (%v), %.0f km straight; snapped %.1f and %.1f km", km, p.Refs, straight, p.SnapA/1000, p.SnapB/1000)
	if km < straight*1.1 || km > straight*1.6 {
		t.Errorf("%.0f km by road for %.0f km straight", km, straight)
	}
	for _, town := range []struct {
		name string
		at   orb.Point
	}{{"Bourem", orb.Point{-0.34682, 16.95753}}, {"Anéfis", orb.Point{0.6029, 18.04591}}} {
		if d := nearest(p.Line, town.at); d > 3 {
			t.Errorf("the way passes %.1f km from %s", d, town.name)
		}
	}
	hasRN18 := false
	for _, r := range p.Refs {
		hasRN18 = hasRN18 || r == "RN18"
	}
	if !hasRN18 {
		t.Errorf("the way follows %v, not the RN18", p.Refs)
	}
	if p.SnapA > 3000 || p.SnapB > 3000 {
		t.Errorf("Gao and Kidal are %.0f and %.0f m from the road", p.SnapA, p.SnapB)
	}
	// The way back is as long.
	q, err := c.Roads().Path(kidal, gao)
	if err != nil || math.Abs(q.Length-p.Length) > 1 {
		t.Errorf("back: %.0f m (%v), there: %.0f m", q.Length, err, p.Length)
	}
}

// A place far from every road has no road distance.
func TestRoadDistanceNeedsARoad(t *testing.T) {
	c := catalog(t)
	// The middle of the Atlantic, west of the extent.
	if _, err := c.Roads().Path(orb.Point{-30, 15}, orb.Point{-0.04, 16.28}); err != layers.ErrNoRoad {
		t.Errorf("error %v, want ErrNoRoad", err)
	}
}

// Path's search towards the goal finds ways as short as a plain Dijkstra
// over the whole network, and says at once when none exists.
func TestRoadPathIsTheShortest(t *testing.T) {
	n := catalog(t).Roads()
	places := map[string]orb.Point{
		"Gao": {-0.04124, 16.27883}, "Kidal": {1.40754, 18.44086}, "Mopti": {-4.18927, 14.48775},
		"Kayes": {-11.43, 14.45}, "Tombouctou": {-3.00873, 16.77192}, "Bamako": {-8.0, 12.65},
		"Sikasso": {-5.67, 11.32}, "Ménaka": {2.40, 15.92}, "Taoudénit": {-3.98, 22.68},
	}
	pairs := [][2]string{{"Gao", "Kidal"}, {"Mopti", "Gao"}, {"Kayes", "Tombouctou"}, {"Bamako", "Sikasso"},
		{"Kayes", "Ménaka"}, {"Sikasso", "Kidal"}, {"Taoudénit", "Tombouctou"}}
	for _, pr := range pairs {
		a, b := places[pr[0]], places[pr[1]]
		want := n.ShortestByDijkstra(a, b)
		p, err := n.Path(a, b)
		if math.IsInf(want, 1) {
			if err != layers.ErrNoRoad {
				t.Errorf("%s–%s: no way by Dijkstra, Path gives %.0f m (%v)", pr[0], pr[1], p.Length, err)
			}
			continue
		}
		if err != nil || math.Abs(p.Length-want) > 1 {
			t.Errorf("%s–%s: Path %.0f m (%v), Dijkstra %.0f m", pr[0], pr[1], p.Length, err, want)
		}
		// The line is as long as the length given.
		if l := orbgeo.Length(p.Line); math.Abs(l-p.Length) > 0.001*p.Length+1 {
			t.Errorf("%s–%s: line %.0f m, length %.0f m", pr[0], pr[1], l, p.Length)
		}
	}
}
