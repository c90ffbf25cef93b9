package main

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// classRank orders settlements: lower is more important.
var classRank = map[string]int{"city": 1, "town": 2, "village": 3, "hamlet": 4}

type place struct {
	name  string
	class string
	rank  int
	at    orb.Point
}

// latinName drops the words in other scripts ("Tin Zaouatine تين ظواتين"):
// the map's font is Latin, and the Latin form is the one analysts search.
func latinName(s string) string {
	words := strings.Fields(s)
	kept := words[:0]
	for _, w := range words {
		ok := true
		for _, r := range w {
			if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// genPlaces writes the OpenStreetMap settlements in four bands by zoom, each
// thinned on a grid (the most important place of each cell is kept) so a band
// never shows more places than its scale can label. OSM gives the settlements'
// positions (GeoNames has Tessit at the wrong longitude, and Ber and
// In-Delimane only as a marsh and a well: see PROVENANCE.md). Places the
// atlas's towns layer already shows (nearTown) are left to it.
func genPlaces(src, bm string, put putFunc) error {
	towns, err := read(filepath.Join(src, "towns.geojson"))
	if err != nil {
		return err
	}
	var all []place
	for _, file := range []string{"osm_places_mali.geojson", "osm_places_neighbours.geojson"} {
		fc, err := read(filepath.Join(bm, file))
		if err != nil {
			return err
		}
		for _, f := range fc.Features {
			p, ok := f.Geometry.(orb.Point)
			if !ok {
				continue
			}
			name := latinName(str(f, "name"))
			cls := str(f, "class")
			r, ok := classRank[cls]
			if name == "" || !ok {
				continue
			}
			if nearTown(towns, name, p, r <= classRank["town"]) {
				continue
			}
			all = append(all, place{name, cls, r, p})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.name != b.name {
			return a.name < b.name
		}
		if a.at[0] != b.at[0] {
			return a.at[0] < b.at[0]
		}
		return a.at[1] < b.at[1]
	})
	bands := []struct {
		name    string
		maxRank int
		cell    float64 // degrees; 0 keeps all
	}{
		{"places.0.mab", 2, 0.5},
		{"places.1.mab", 3, 0.23},
		{"places.2.mab", 3, 0.058},
		{"places.3.mab", 4, 0},
	}
	for _, b := range bands {
		fc := geojson.NewFeatureCollection()
		taken := map[[2]int]bool{}
		for _, p := range all {
			if p.rank > b.maxRank {
				continue
			}
			// In the farthest band, only the towns of Mali and the cities
			// of the neighbours.
			if b.maxRank == 2 && p.rank == 2 && !inMali(p.at) {
				continue
			}
			if b.cell > 0 {
				k := [2]int{int(math.Floor(p.at[0] / b.cell)), int(math.Floor(p.at[1] / b.cell))}
				if taken[k] {
					continue
				}
				taken[k] = true
			}
			f := geojson.NewFeature(p.at)
			f.Properties = geojson.Properties{"name": p.name, "class": p.class}
			fc.Append(f)
		}
		if err := put(b.name, fc, 100000); err != nil {
			return fmt.Errorf("%s: %w", b.name, err)
		}
	}
	return nil
}

// inMali is a rough box test: the far band keeps the towns of Mali and its
// immediate borders only.
func inMali(p orb.Point) bool {
	return p[0] >= -12.3 && p[0] <= 4.3 && p[1] >= 10.1 && p[1] <= 25.0
}

// nearTown reports whether an atlas town stands for the place: one of the
// same name within 8 km, or, for a city or town (big), any within 4 km (the
// same settlement spelt otherwise: Tombouctou, Timbuktu).
func nearTown(towns *geojson.FeatureCollection, name string, p orb.Point, big bool) bool {
	for _, t := range towns.Features {
		tp, ok := t.Geometry.(orb.Point)
		if !ok {
			continue
		}
		d := kmBetween(tp, p)
		if big && d <= 4 {
			return true
		}
		if d > 8 {
			continue
		}
		for _, k := range []string{"name", "name_en", "name_fr"} {
			if s := str(t, k); s != "" && fold(s) == fold(name) {
				return true
			}
		}
	}
	return false
}

// fold lower-cases and drops accents, for comparing names.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'à', 'â', 'ä', 'á':
			r = 'a'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'î', 'ï', 'í':
			r = 'i'
		case 'ô', 'ö', 'ó':
			r = 'o'
		case 'ù', 'û', 'ü', 'ú':
			r = 'u'
		case 'ç':
			r = 'c'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Physical features: a few named on every view, the rest as one zooms in.
var majorPhysical = map[string]struct{ en string }{
	"Adrar des Ifôghas":     {"Adrar des Ifoghas"},
	"Falaise de Bandiagara": {"Bandiagara Escarpment"},
	"Gourma":                {"Gourma"},
	"Azaouâd":               {"Azawad"},
	"Vallée du Tilemsi":     {"Tilemsi Valley"},
	"Lac Faguibine":         {"Lake Faguibine"},
}

// physicalBand is the band (0 from zoom 5, 1 from 7.5, 2 from 9.5) at which
// a GeoNames feature code is named; -1 leaves it out.
func physicalBand(fcode string) int {
	switch fcode {
	case "L.RGN", "T.MTS":
		return 0
	case "T.ERG", "T.PLAT", "T.SCRP", "T.VAL", "H.LK", "H.LKI", "T.DPR", "H.SBKH", "L.AREA":
		return 1
	case "T.MT", "T.HLLS", "T.MESA", "T.RDGE", "H.WAD", "H.MRSH", "H.WTLD", "T.PASS", "T.PK", "H.PND", "H.PNDI", "H.LKS", "H.RSV", "H.WTLDI":
		return 2
	}
	return -1
}

func genPhysical(bm string, put putFunc) error {
	gn, err := read(filepath.Join(bm, "geonames_physical_waterpoints_mali.geojson"))
	if err != nil {
		return err
	}
	bands := [3]*geojson.FeatureCollection{geojson.NewFeatureCollection(), geojson.NewFeatureCollection(), geojson.NewFeatureCollection()}
	wells := geojson.NewFeatureCollection()
	for _, f := range gn.Features {
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			continue
		}
		name, fcode := str(f, "name"), str(f, "fcode")
		if fcode == "H.WLL" || fcode == "H.WTRH" {
			kind := "well"
			if fcode == "H.WTRH" {
				kind = "waterhole"
			}
			nf := geojson.NewFeature(p)
			nf.Properties = geojson.Properties{"name": name, "kind": kind}
			wells.Append(nf)
			continue
		}
		band := physicalBand(fcode)
		props := geojson.Properties{"name_fr": name, "name_en": name, "kind": "feature"}
		if m, ok := majorPhysical[name]; ok {
			band = 0
			props["name_en"] = m.en
			props["kind"] = "major"
		} else if band == 2 {
			props["kind"] = "minor"
		}
		if band < 0 {
			continue
		}
		// A band also holds the features of the bands before it.
		for b := band; b < 3; b++ {
			nf := geojson.NewFeature(p)
			nf.Properties = props
			bands[b].Append(nf)
		}
	}
	// Natural Earth spot heights (Hombori Tondo), named with their height.
	sp, err := read(filepath.Join(bm, "ne_10m_elevation_points_mali.geojson"))
	if err != nil {
		return err
	}
	for _, f := range sp.Features {
		p, ok := f.Geometry.(orb.Point)
		if !ok || str(f, "name") == "" {
			continue
		}
		label := fmt.Sprintf("%s %d m", str(f, "name"), int(num(f, "elevation")))
		for b := 1; b < 3; b++ {
			nf := geojson.NewFeature(p)
			nf.Properties = geojson.Properties{"name_fr": label, "name_en": label, "kind": "peak"}
			bands[b].Append(nf)
		}
	}
	for i, fc := range bands {
		if err := put(fmt.Sprintf("physical.%d.mab", i), fc, 100000); err != nil {
			return err
		}
	}
	return put("wells.mab", wells, 100000)
}
