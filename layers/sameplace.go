package layers

import (
	"math"

	"github.com/paulmach/orb"

	"maliatlas/geo"
)

// SamePlaceKm is how far apart two points may stand and still be one place
// when their names agree (SamePlace): a town's point and the same town
// digitised elsewhere (OpenStreetMap's node, GeoNames') lie within a few
// kilometres.
const SamePlaceKm = 5

// PlaceNames returns f's names folded (Fold): its name properties
// (name, name_en, name_fr, name_ascii), its "variants" list, and the known
// variants of each (Variants), without repeats.
func PlaceNames(f *Feature) []string {
	var out []string
	add := func(s string) {
		if k := fold(s); k != "" && !hasString(out, k) {
			out = append(out, k)
		}
	}
	eachName(f, add)
	for _, k := range out[:len(out):len(out)] {
		for _, v := range knownVariantsOf(k) {
			add(v)
		}
	}
	return out
}

// SamePlace reports whether the point features a and b (names folded by
// PlaceNames: an, bn) are one place: within SamePlaceKm of each other and
// sharing a name, accents, case, punctuation and known variants aside
// (Aguelhok and OpenStreetMap's Aguelock, Taoudénit and Taoudeni).
func SamePlace(a orb.Point, an []string, b orb.Point, bn []string) bool {
	if !near(a, b) {
		return false
	}
	shared := false
	for _, n := range an {
		if hasString(bn, n) {
			shared = true
			break
		}
	}
	return shared && geo.Distance(a, b) <= SamePlaceKm*1000
}

// near is a cheap test that a and b may lie within SamePlaceKm: within a
// box of that half-side (a degree of latitude is 110.6 km or more).
func near(a, b orb.Point) bool {
	dlat := SamePlaceKm / 110.0
	dlon := dlat / math.Max(math.Cos(math.Max(math.Abs(a[1]), math.Abs(b[1]))*math.Pi/180), 0.01)
	return math.Abs(a[1]-b[1]) <= dlat && math.Abs(a[0]-b[0]) <= dlon
}

// SamePlaces returns, for each of the point features feats, the index in
// namers of a point feature that is the same place (SamePlace), or -1.
func SamePlaces(feats, namers []*Feature) []int32 {
	type namer struct {
		i     int
		p     orb.Point
		box   orb.Bound // where a point may be near (near) p, a little wider
		names []string
	}
	var ns []namer
	for i, f := range namers {
		if p, ok := f.Geom.(orb.Point); ok {
			dlat := SamePlaceKm / 110.0
			dlon := dlat / math.Max(math.Cos((math.Abs(p[1])+dlat)*math.Pi/180), 0.01)
			box := orb.Bound{Min: orb.Point{p[0] - dlon, p[1] - dlat}, Max: orb.Point{p[0] + dlon, p[1] + dlat}}
			ns = append(ns, namer{i, p, box.Pad(1e-6), PlaceNames(f)})
		}
	}
	out := make([]int32, len(feats))
	for i, f := range feats {
		out[i] = -1
		p, ok := f.Geom.(orb.Point)
		if !ok {
			continue
		}
		var names []string // made only for a point near a namer
		for _, n := range ns {
			if p[1] < n.box.Min[1] || p[1] > n.box.Max[1] || p[0] < n.box.Min[0] || p[0] > n.box.Max[0] {
				continue
			}
			if names == nil {
				names = PlaceNames(f)
			}
			if SamePlace(p, names, n.p, n.names) {
				out[i] = int32(n.i)
				break
			}
		}
	}
	return out
}
