package events

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/geo"
)

// TestAreaIndexMatchesContains: the grid shortcut finds the same area as
// testing every area with geo.Contains, for random points and for points
// on and next to vertices of the cercles.
func TestAreaIndexMatchesContains(t *testing.T) {
	fc, err := geo.ReadFile("../data/base/cercles.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var areas []Area
	for _, f := range fc.Features {
		areas = append(areas, Area{Name: f.Properties.MustString("name_fr", ""), Geom: f.Geometry})
	}
	ai := NewAreaIndex(areas)
	brute := func(p orb.Point) int {
		for k, a := range areas {
			if geo.Contains(a.Geom, p) {
				return k
			}
		}
		return -1
	}
	s := seed(t)
	r := rand.New(rand.NewPCG(s, 1))
	var pts []orb.Point
	for range 6000 {
		pts = append(pts, orb.Point{-13 + 18*r.Float64(), 9 + 17*r.Float64()})
	}
	for _, a := range areas[:10] {
		ring := a.Geom.(orb.Polygon)[0]
		for i := 0; i < len(ring); i += 7 {
			pts = append(pts, ring[i], orb.Point{ring[i][0] + 1e-4, ring[i][1]}, orb.Point{ring[i][0], ring[i][1] - 3e-3})
		}
	}
	inside := 0
	for _, p := range pts {
		want := brute(p)
		if got := ai.Find(p); got != want {
			t.Fatalf("%v: area %d, want %d", p, got, want)
		}
		if want >= 0 {
			inside++
		}
	}
	if inside < 1500 {
		t.Fatalf("only %d points inside: the test proves little", inside)
	}
}

func TestFilterSelect(t *testing.T) {
	in := "event_id_cnty,event_date,event_type,actor1,location,latitude,longitude,geo_precision,fatalities\n" +
		"A1,2023-01-10,Battles,G1,Alpha,14,-4,1,1\n" +
		"A2,2023-02-10,Riots,G2,Beta,14,-4,2,2\n" +
		"A3,2023-03-10,Battles,G2,Gamma,14,-4,3,4\n"
	tab, _ := mustRead(t, "f.csv", []byte(in), Options{})
	for _, tc := range []struct {
		f    Filter
		want []int32
	}{
		{Filter{}, []int32{0, 1, 2}},
		{Filter{From: DayOf(2023, 2, 1)}, []int32{1, 2}},
		{Filter{To: DayOf(2023, 2, 10)}, []int32{0, 1}},
		{Filter{PreciseOnly: true}, []int32{0}},
		{Filter{Hidden: []string{"Battles"}}, []int32{1}},
		{Filter{Text: "gam"}, []int32{2}},
		{Filter{Text: "a2"}, []int32{1}},
		{Filter{Actor: "G2"}, []int32{1, 2}},
	} {
		got := tc.f.Select(tab)
		if len(got) != len(tc.want) {
			t.Errorf("%+v: %v, want %v", tc.f, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%+v: %v, want %v", tc.f, got, tc.want)
			}
		}
	}
}
