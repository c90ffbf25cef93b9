package events

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/events/synth"
	"maliatlas/geo"
)

func TestHexBinCellsHoldTheirEvents(t *testing.T) {
	tab, _ := mustRead(t, "s.csv", gen(t, synth.Options{Format: synth.ACLED, N: 3000, Seed: seed(t)}), Options{})
	sel := All(tab)
	h, err := HexBin(tab, sel, 25)
	if err != nil {
		t.Fatal(err)
	}
	total, weight := 0, 0.0
	for c := 0; c < h.Len(); c++ {
		total += int(h.Count[c])
		weight += h.Weight[c]
		ring := h.Ring(c)
		for _, e := range h.Members[h.Start[c]:h.Start[c+1]] {
			p := orb.Point{tab.Lon[e], tab.Lat[e]}
			// The ring's edges are straight in lon/lat, curved on the
			// plane: allow points within 1 m of the edge.
			if !geo.Contains(ring, p) && !geo.Contains(ring, orb.Point{p[0] + 1e-5, p[1]}) && !geo.Contains(ring, orb.Point{p[0] - 1e-5, p[1]}) {
				t.Fatalf("event %d at %v is not in its cell %d %v", e, p, c, ring)
			}
		}
	}
	for _, e := range []int32{0, 7, 99} {
		c := h.CellAt(tab.Lon[e], tab.Lat[e])
		if c < 0 || !slicesContains(h.Members[h.Start[c]:h.Start[c+1]], e) {
			t.Fatalf("CellAt(event %d) = %d", e, c)
		}
	}
	if h.CellAt(100, 60) != -1 {
		t.Error("a cell far from every event")
	}
	want := 0.0
	for _, w := range tab.Weight {
		want += float64(w)
	}
	if total != len(sel) || math.Abs(weight-want) > 1e-6*want {
		t.Fatalf("cells hold %d events (weight %g), want %d (%g)", total, weight, len(sel), want)
	}
	// Neighbouring centres are CellKm apart.
	h2 := &HexBins{CellKm: 25, Q: []int32{0, 1, 0}, R: []int32{0, 0, 1}}
	x0, y0 := h2.CentreKm(0)
	for c := 1; c < 3; c++ {
		x, y := h2.CentreKm(c)
		if d := math.Hypot(x-x0, y-y0); math.Abs(d-25) > 1e-9 {
			t.Errorf("neighbour %d at %g km", c, d)
		}
	}
	if _, err := HexBin(tab, sel, 0.01); err == nil {
		t.Error("a 10 m cell was accepted")
	}
}

func TestClasses(t *testing.T) {
	v := []float64{1, 1, 2, 2, 10, 11, 12, 50, 52}
	nb := NaturalBreaks(v, 3)
	if want := []float64{1, 2, 12, 52}; !equal(nb.Limits, want) {
		t.Errorf("natural breaks %v, want %v", nb.Limits, want)
	}
	q := Quantiles(v, 3)
	if want := []float64{1, 2, 11, 52}; !equal(q.Limits, want) {
		t.Errorf("quantiles %v, want %v", q.Limits, want)
	}
	for _, tc := range []struct {
		v    float64
		want int
	}{{1, 0}, {2, 0}, {2.5, 1}, {12, 1}, {13, 2}, {52, 2}, {99, 2}} {
		if got := nb.Of(tc.v); got != tc.want {
			t.Errorf("class of %g: %d, want %d", tc.v, got, tc.want)
		}
	}
	if c := Quantiles([]float64{3, 3, 3}, 5); !equal(c.Limits, []float64{3, 3}) || c.Of(3) != 0 {
		t.Errorf("ties: %v", c.Limits)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// pointTable is a table of events at the given points (weight 1, one day).
func pointTable(pts []orb.Point) *Table {
	t := &Table{Name: "t"}
	for i, p := range pts {
		t.add(p[0], p[1], 1, 1, 1, 1, 0, 0, 0, int32(i+2), nil)
	}
	return t
}

// TestKDEKeepsTheMass: the density integrated over the grid is the number
// of events (per 1,000 km²), and the peak is at the events.
func TestKDEKeepsTheMass(t *testing.T) {
	r := rand.New(rand.NewPCG(seed(t), 3))
	var pts []orb.Point
	for range 2000 {
		pts = append(pts, orb.Point{-2 + 0.3*r.NormFloat64(), 16 + 0.3*r.NormFloat64()})
	}
	tab := pointTable(pts)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-6, 12}, Max: orb.Point{2, 20}}, 800, 600, 1, 0)
	d, err := KDE(tab, All(tab), v, 20, 4, true)
	if err != nil {
		t.Fatal(err)
	}
	mass := 0.0
	for j := 0; j < d.H; j++ {
		la := geo.Unproject(0, (float64(d.Y0+j)+0.5)*d.Cell)[1] * math.Pi / 180
		side := d.Cell * kmPerWorld * math.Cos(la)
		for i := 0; i < d.W; i++ {
			mass += float64(d.Values[j*d.W+i]) * side * side / 1000
		}
	}
	if math.Abs(mass-2000) > 20 {
		t.Fatalf("integrated density %g, want 2000", mass)
	}
	cx, cy := geo.Project(orb.Point{-2, 16})
	fx, fy := geo.Project(orb.Point{1, 13})
	if d.At(cx, cy) < 0.5*d.Max || d.At(fx, fy) > 1e-3*d.Max {
		t.Fatalf("density at the centre %g, far away %g, max %g", d.At(cx, cy), d.At(fx, fy), d.Max)
	}
	if !d.Covers(v.Pan(100, 50)) || d.Covers(v.ZoomAround(400, 300, 2)) {
		t.Error("Covers: a pan must reuse the grid, a zoom must not")
	}
}

func TestClustersSplitWithZoom(t *testing.T) {
	tab, _ := mustRead(t, "s.csv", gen(t, synth.Options{Format: synth.UCDP, N: 3000, Seed: seed(t)}), Options{})
	sel := All(tab)
	prev := 0
	for _, z := range []float64{4, 6, 8} {
		v := geo.Viewport{Center: orb.Point{-4, 17}, Zoom: z, Width: 1000, Height: 800}
		cs := Clusters(tab, sel, v, 60)
		n, precise := 0, 0
		for _, c := range cs {
			n += c.Count
			precise += c.Precise
		}
		if z == 4 && n != len(sel) {
			t.Fatalf("zoom 4: clusters hold %d of %d events", n, len(sel))
		}
		if len(cs) <= prev || precise > n {
			t.Fatalf("zoom %g: %d clusters after %d", z, len(cs), prev)
		}
		prev = len(cs)
	}
}

func TestProfile(t *testing.T) {
	// A route due east along 15°N, 300 km long; events placed by km.
	x0, y0 := ToKm(-4, 15)
	at := func(alongKm, offKm float64) orb.Point {
		lon, lat := FromKm(x0+alongKm, y0+offKm)
		return orb.Point{lon, lat}
	}
	lon1, _ := FromKm(x0+300, y0)
	route := orb.LineString{{-4, 15}, {(-4 + lon1) / 2, 15}, {lon1, 15}}
	tab := pointTable([]orb.Point{at(10, 5), at(120, -10), at(130, 19), at(140, 21), at(290, 0), at(-15, 0), at(299, 3)})
	tab.Weight[1] = 5
	segs := Profile(tab, All(tab), route, 20, 50)
	if len(segs) != 6 {
		t.Fatalf("%d stretches", len(segs))
	}
	want := []int{2, 0, 2, 0, 0, 2} // at(-15,0) is 15 km before the start: within the buffer
	for k, s := range segs {
		if s.Events != want[k] {
			t.Errorf("stretch %d (km %g–%g): %d events, want %d", k, s.FromKm, s.ToKm, s.Events, want[k])
		}
	}
	if w := Worst(segs); w != 2 || segs[2].Weight != 6 {
		t.Errorf("worst stretch %d (weight %g)", w, segs[2].Weight)
	}
}

func slicesContains(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// TestProfileOfNamesTheWorstStretch: the sentence gives the worst stretch's
// kilometres and the nearest place, "near" it within 75 km, else how far.
func TestProfileOfNamesTheWorstStretch(t *testing.T) {
	x0, y0 := ToKm(-4, 15)
	at := func(alongKm, offKm float64) orb.Point {
		lon, lat := FromKm(x0+alongKm, y0+offKm)
		return orb.Point{lon, lat}
	}
	lon1, _ := FromKm(x0+300, y0)
	route := orb.LineString{{-4, 15}, {lon1, 15}}
	tab := pointTable([]orb.Point{at(10, 5), at(120, -10), at(130, 12), at(140, 2), at(290, 0)})
	words := map[string]string{
		"events.profile.none":  "none within %s km",
		"events.profile.near":  "near %s",
		"events.profile.from":  "%s km from %s",
		"events.profile.count": "%d events",
		"events.profile.worst": "worst: km %s (%s within %s km)",
	}
	tr := func(k string) string { return words[k] }
	near := []Place{{"Far", at(150, 400)}, {"Close", at(128, 30)}}
	p := ProfileOf(tab, All(tab), route, 20, 50, near, tr)
	if p.Worst != 2 || p.Caption != "worst: km 100–150, near Close (3 events within 20 km)" {
		t.Errorf("worst %d, caption %q", p.Worst, p.Caption)
	}
	// Far is 400 km off the stretch's middle on the equal-area plane
	// (399 km on the ground, which the sentence gives).
	p = ProfileOf(tab, All(tab), route, 20, 50, near[:1], tr)
	if d := geo.Distance(near[0].At, p.Segs[2].Mid) / 1000; d < 395 || d > 405 ||
		p.Caption != fmt.Sprintf("worst: km 100–150, %.0f km from Far (3 events within 20 km)", d) {
		t.Errorf("caption %q", p.Caption)
	}
	p = ProfileOf(tab, nil, route, 20, 50, near, tr)
	if p.Worst != -1 || p.Caption != "none within 20 km" {
		t.Errorf("no events: worst %d, caption %q", p.Worst, p.Caption)
	}
}
