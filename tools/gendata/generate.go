package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/geo"
)

// Input file names in the source folder.
const (
	inRegions   = "mali_admin1_ocha2021.geojson"
	inCercles   = "mali_admin2_ocha2021.geojson"
	inCountries = "countries_context_ne10m.geojson"
	inRivers    = "rivers_niger_senegal_ne50m.geojson"
	inTowns     = "towns.geojson"
)

// mapExtent is the atlas's extent (DEVELOPERS.md).
var mapExtent = orb.Bound{Min: orb.Point{-18, 4}, Max: orb.Point{10, 27}}

// feature is one output feature; properties are written with sorted keys.
type feature struct {
	id    string
	props map[string]any
	geom  orb.Geometry
}

// generate reads the inputs in src and returns the output files by name.
func generate(src string) (map[string][]byte, error) {
	read := func(name string) (*geojson.FeatureCollection, error) {
		f, err := os.Open(filepath.Join(src, name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return geo.ReadFeatureCollection(filepath.Join(src, name), f)
	}
	var in [5]*geojson.FeatureCollection
	for i, name := range []string{inRegions, inCercles, inCountries, inRivers, inTowns} {
		fc, err := read(name)
		if err != nil {
			return nil, err
		}
		in[i] = fc
	}
	regions, err := makeRegions(in[0])
	if err != nil {
		return nil, err
	}
	cercles, err := makeCercles(in[1], regions)
	if err != nil {
		return nil, err
	}
	countries, err := makeCountries(in[2])
	if err != nil {
		return nil, err
	}
	rivers, err := makeRivers(in[3])
	if err != nil {
		return nil, err
	}
	towns, err := makeTowns(in[4], regions)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for name, fs := range map[string][]feature{
		"regions.geojson":   regions,
		"cercles.geojson":   cercles,
		"countries.geojson": countries,
		"rivers.geojson":    rivers,
		"towns.geojson":     towns,
	} {
		b, err := encode(fs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = b
	}
	return out, nil
}

func str(f *geojson.Feature, key string) string {
	s, _ := f.Properties[key].(string)
	return s
}

func makeRegions(fc *geojson.FeatureCollection) ([]feature, error) {
	var out []feature
	for i, f := range fc.Features {
		pcode := str(f, "pcode")
		capital, ok := regionCapital[pcode]
		if !ok {
			return nil, fmt.Errorf("%s: feature %d: unknown region P-code %q", inRegions, i, pcode)
		}
		en := str(f, "name_en")
		if fix, ok := regionNameEN[pcode]; ok {
			en = fix
		}
		out = append(out, feature{
			id: pcode,
			props: map[string]any{
				"id": pcode, "pcode": pcode, "iso_3166_2": str(f, "iso_3166_2"),
				"name_fr": str(f, "name_fr"), "name_en": en, "capital": capital,
			},
			geom: f.Geometry,
		})
	}
	if len(out) != len(regionCapital) {
		return nil, fmt.Errorf("%s: %d regions, want %d", inRegions, len(out), len(regionCapital))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

func makeCercles(fc *geojson.FeatureCollection, regions []feature) ([]feature, error) {
	regionFR := map[string]string{}
	for _, r := range regions {
		regionFR[r.id] = r.props["name_fr"].(string)
	}
	var out []feature
	for i, f := range fc.Features {
		pcode, rp := str(f, "ADM2_PCODE"), str(f, "ADM1_PCODE")
		if _, ok := regionFR[rp]; !ok || !strings.HasPrefix(pcode, rp) {
			return nil, fmt.Errorf("%s: feature %d: cercle %q in unknown region %q", inCercles, i, pcode, rp)
		}
		name := str(f, "ADM2_FR")
		if fix, ok := cercleName[ascii(name)]; ok {
			name = fix
		}
		out = append(out, feature{
			id: pcode,
			props: map[string]any{
				"id": pcode, "pcode": pcode, "name_fr": name, "name_ascii": ascii(name),
				"region_pcode": rp, "region_fr": regionFR[rp],
			},
			geom: f.Geometry,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

func makeCountries(fc *geojson.FeatureCollection) ([]feature, error) {
	var out []feature
	for i, f := range fc.Features {
		iso := str(f, "ISO_A3")
		if len(iso) != 3 {
			return nil, fmt.Errorf("%s: feature %d: bad ISO_A3 %q", inCountries, i, iso)
		}
		lx, _ := f.Properties["LABEL_X"].(float64)
		ly, _ := f.Properties["LABEL_Y"].(float64)
		label := orb.Point{lx, ly}
		// Natural Earth's label point is for the whole country; the input is
		// clipped to the map, so put the label inside what is left.
		if !geo.Contains(f.Geometry, label) || !mapExtent.Contains(label) {
			label = geo.LabelPoint(f.Geometry)
		}
		props := map[string]any{
			"id": iso, "name_fr": str(f, "NAME_FR"), "name_en": str(f, "NAME_EN"),
			"label_lon": round5(label[0]), "label_lat": round5(label[1]),
		}
		if iso == "MLI" {
			// Mali's own regions are labelled; its name would sit on Tombouctou.
			props["no_label"] = true
		}
		out = append(out, feature{id: iso, props: props, geom: f.Geometry})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

func makeRivers(fc *geojson.FeatureCollection) ([]feature, error) {
	var out []feature
	for _, f := range fc.Features {
		en := str(f, "name_en")
		if fix, ok := riverNameEN[en]; ok {
			en = fix
		}
		id := "river-" + slug(en)
		out = append(out, feature{
			id:    id,
			props: map[string]any{"id": id, "name_fr": str(f, "name_fr"), "name_en": en},
			geom:  f.Geometry,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

var townKind = map[string]string{
	"national capital": "capital",
	"regional capital": "regional_capital",
	"economic capital": "town",
	"town":             "town",
}

func makeTowns(fc *geojson.FeatureCollection, regions []feature) ([]feature, error) {
	var out []feature
	seen := map[string]bool{}
	for i, f := range fc.Features {
		src := str(f, "name")
		name, en := src, src
		if fix, ok := townName[src]; ok {
			name, en = fix.name, fix.en
		}
		kind, ok := townKind[str(f, "kind")]
		if !ok {
			return nil, fmt.Errorf("%s: feature %d (%s): unknown kind %q", inTowns, i, src, str(f, "kind"))
		}
		country := str(f, "country")
		id := "town-" + slug(name)
		if seen[id] {
			id += "-" + strings.ToLower(country)
		}
		seen[id] = true
		props := map[string]any{
			"id": id, "name": name, "name_fr": name, "name_en": en,
			"country": country, "kind": kind,
		}
		// Variants: every other known spelling, for search.
		vs := map[string]bool{en: true, ascii(name): true, ascii(en): true}
		if alt := str(f, "alt_name"); alt != "" {
			vs[alt] = true
			vs[ascii(alt)] = true
		}
		for _, v := range townVariants[name] {
			vs[v] = true
		}
		delete(vs, name)
		if len(vs) > 0 {
			list := make([]string, 0, len(vs))
			for v := range vs {
				list = append(list, v)
			}
			sort.Strings(list)
			props["variants"] = list
		}
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			return nil, fmt.Errorf("%s: feature %d (%s): geometry %s, want Point", inTowns, i, src, f.Geometry.GeoJSONType())
		}
		if country == "ML" {
			for _, r := range regions {
				if geo.Contains(r.geom, p) {
					props["region_pcode"] = r.id
					break
				}
			}
			if props["region_pcode"] == nil {
				return nil, fmt.Errorf("%s: feature %d (%s): Mali town %v in no region", inTowns, i, src, p)
			}
		}
		out = append(out, feature{id: id, props: props, geom: p})
	}
	return out, nil
}

func round5(v float64) float64 { return math.Round(v*1e5) / 1e5 }

func roundGeom(g orb.Geometry) orb.Geometry {
	return orb.Round(orb.Clone(g), 100000) // 5 decimals
}

// encode writes a FeatureCollection with one feature per line, properties
// before geometry, keys sorted.
func encode(fs []feature) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		id, err := json.Marshal(f.id)
		if err != nil {
			return nil, err
		}
		props, err := json.Marshal(f.props)
		if err != nil {
			return nil, err
		}
		geom, err := json.Marshal(geojson.NewGeometry(roundGeom(f.geom)))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "\n{\"type\":\"Feature\",\"id\":%s,\"properties\":%s,\"geometry\":%s}", id, props, geom)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

// write stores the files atomically in dir.
func write(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := geo.WriteFileAtomic(filepath.Join(dir, n), files[n]); err != nil {
			return err
		}
	}
	return nil
}
