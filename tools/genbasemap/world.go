package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/geojson"

	"maliatlas/geo"
)

// worldSource is Natural Earth 1:50m admin-0 countries as TopoJSON, from the
// npm package world-atlas 2.0.2 (ISC; the data are public domain).
const worldSource = "world_countries_50m.topo.json"

// beyond are the four strips around the map extent where the world layer is
// drawn; the polygons reach pad degrees into the extent, under the detailed
// countries, so no seam shows at the edge.
func beyond(pad float64) []orb.Bound {
	e := extent
	return []orb.Bound{
		{Min: orb.Point{-180, -85}, Max: orb.Point{e.Min[0] + pad, 85}},
		{Min: orb.Point{e.Max[0] - pad, -85}, Max: orb.Point{180, 85}},
		{Min: orb.Point{e.Min[0], e.Max[1] - pad}, Max: orb.Point{e.Max[0], 85}},
		{Min: orb.Point{e.Min[0], -85}, Max: orb.Point{e.Max[0], e.Min[1] + pad}},
	}
}

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			Arcs       json.RawMessage `json:"arcs"`
			ID         string          `json:"id"`
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
	Arcs [][][2]float64 `json:"arcs"`
}

// decodeArcs turns the quantised, delta-coded arcs into lon/lat lines.
func (t *topology) decodeArcs() []orb.LineString {
	out := make([]orb.LineString, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		ls := make(orb.LineString, len(a))
		for j, d := range a {
			x += d[0]
			y += d[1]
			ls[j] = orb.Point{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		out[i] = ls
	}
	return out
}

func ringOf(arcs []orb.LineString, idx []int) (orb.Ring, error) {
	var r orb.Ring
	for _, i := range idx {
		rev := i < 0
		if rev {
			i = ^i
		}
		if i >= len(arcs) {
			return nil, fmt.Errorf("arc %d of %d", i, len(arcs))
		}
		a := arcs[i]
		pts := make([]orb.Point, len(a))
		copy(pts, a)
		if rev {
			for l, h := 0, len(pts)-1; l < h; l, h = l+1, h-1 {
				pts[l], pts[h] = pts[h], pts[l]
			}
		}
		if len(r) > 0 {
			pts = pts[1:]
		}
		r = append(r, pts...)
	}
	return r, nil
}

// genWorld writes the world beyond the extent (countries' fill, their
// borders and coasts, and the names of countries not already named by the
// atlas's own countries layer) and the borders inside the extent from the
// 1:10m countries without the extent's clip edges.
func genWorld(src, dataSrc string, put putFunc) error {
	b, err := os.ReadFile(filepath.Join(dataSrc, worldSource))
	if err != nil {
		return err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return fmt.Errorf("%s: %w", worldSource, err)
	}
	arcs := t.decodeArcs()
	inBox, err := read(filepath.Join(src, "countries_context_ne10m.geojson"))
	if err != nil {
		return err
	}
	named := map[string]bool{}
	for _, f := range inBox.Features {
		named[str(f, "name_en")] = true
	}
	fill := geojson.NewFeatureCollection()
	names := geojson.NewFeatureCollection()
	for _, g := range t.Objects["countries"].Geometries {
		var mp orb.MultiPolygon
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return err
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return err
			}
		default:
			continue
		}
		for _, p := range polys {
			var poly orb.Polygon
			for _, ri := range p {
				r, err := ringOf(arcs, ri)
				if err != nil {
					return fmt.Errorf("%s: %s: %w", worldSource, g.Properties.Name, err)
				}
				poly = append(poly, r)
			}
			mp = append(mp, poly)
		}
		mp, _ = dp(mp, 0.02).(orb.MultiPolygon)
		var out orb.MultiPolygon
		for _, strip := range beyond(0.05) {
			for _, p := range mp {
				c, _ := cleanPolys(clip.Polygon(strip, orb.Clone(p).(orb.Polygon))).(orb.Polygon)
				if c != nil {
					out = append(out, c)
				}
			}
		}
		if len(out) == 0 {
			continue
		}
		en := g.Properties.Name
		f := geojson.NewFeature(out)
		f.Properties = geojson.Properties{"name_en": en, "name_fr": countryFR(en)}
		fill.Append(f)
		if !named[en] && !named[aliasEN(en)] {
			lp := geo.LabelPoint(largest(out))
			nf := geojson.NewFeature(lp)
			nf.Properties = geojson.Properties{"name_en": en, "name_fr": countryFR(en)}
			names.Append(nf)
		}
	}
	if err := put("world.mab", fill, 1000); err != nil {
		return err
	}
	if err := put("worldnames.mab", names, 1000); err != nil {
		return err
	}
	lines := geojson.NewFeatureCollection()
	for _, a := range arcs {
		s, _ := dp(a, 0.02).(orb.LineString)
		if len(s) < 2 {
			continue
		}
		for _, strip := range beyond(0) {
			for _, part := range clip.LineString(strip, s) {
				if len(part) >= 2 {
					lines.Append(geojson.NewFeature(part))
				}
			}
		}
	}
	if err := put("worldlines.mab", lines, 1000); err != nil {
		return err
	}
	return put("borders.mab", bordersInBox(inBox), scaleHigh)
}

// largest is the polygon of mp with the largest bound (where the name goes).
func largest(mp orb.MultiPolygon) orb.Polygon {
	sort.SliceStable(mp, func(i, j int) bool {
		bi, bj := mp[i].Bound(), mp[j].Bound()
		return (bi.Max[0]-bi.Min[0])*(bi.Max[1]-bi.Min[1]) > (bj.Max[0]-bj.Min[0])*(bj.Max[1]-bj.Min[1])
	})
	return mp[0]
}

// bordersInBox turns the clipped 1:10m countries into lines: their rings
// less the edges along the map extent (where they were cut), so the edge of
// the data never shows as a border.
func bordersInBox(fc *geojson.FeatureCollection) *geojson.FeatureCollection {
	onEdge := func(a, b orb.Point) bool {
		const eps = 1e-6
		for _, v := range []float64{extent.Min[0], extent.Max[0]} {
			if abs(a[0]-v) < eps && abs(b[0]-v) < eps {
				return true
			}
		}
		for _, v := range []float64{extent.Min[1], extent.Max[1]} {
			if abs(a[1]-v) < eps && abs(b[1]-v) < eps {
				return true
			}
		}
		return false
	}
	out := geojson.NewFeatureCollection()
	for _, f := range fc.Features {
		var rings []orb.Ring
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			rings = g
		case orb.MultiPolygon:
			for _, p := range g {
				rings = append(rings, p...)
			}
		}
		var ml orb.MultiLineString
		for _, r := range rings {
			var cur orb.LineString
			for i := 1; i < len(r); i++ {
				if onEdge(r[i-1], r[i]) {
					if len(cur) >= 2 {
						ml = append(ml, cur)
					}
					cur = nil
					continue
				}
				if len(cur) == 0 {
					cur = append(cur, r[i-1])
				}
				cur = append(cur, r[i])
			}
			if len(cur) >= 2 {
				ml = append(ml, cur)
			}
		}
		if len(ml) > 0 {
			nf := geojson.NewFeature(ml)
			nf.Properties = geojson.Properties{"name_en": str(f, "name_en")}
			out.Append(nf)
		}
	}
	return out
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// aliasEN maps world-atlas names to the atlas's countries layer names.
func aliasEN(s string) string {
	switch s {
	case "Côte d'Ivoire":
		return "Ivory Coast"
	case "W. Sahara":
		return "Western Sahara"
	case "Gambia":
		return "The Gambia"
	case "Guinea-Bissau":
		return "Guinea-Bissau"
	}
	return s
}

// countryFR names in French the countries a route out of Mali may reach.
func countryFR(en string) string {
	if s, ok := frenchCountries[en]; ok {
		return s
	}
	return en
}

var frenchCountries = map[string]string{
	"Algeria": "Algérie", "Libya": "Libye", "Chad": "Tchad", "Niger": "Niger", "Nigeria": "Nigeria",
	"Egypt": "Égypte", "Sudan": "Soudan", "S. Sudan": "Soudan du Sud", "Tunisia": "Tunisie",
	"Morocco": "Maroc", "W. Sahara": "Sahara occidental", "Mauritania": "Mauritanie",
	"Senegal": "Sénégal", "Gambia": "Gambie", "Guinea": "Guinée", "Guinea-Bissau": "Guinée-Bissau",
	"Sierra Leone": "Sierra Leone", "Liberia": "Liberia", "Côte d'Ivoire": "Côte d'Ivoire",
	"Ghana": "Ghana", "Togo": "Togo", "Benin": "Bénin", "Burkina Faso": "Burkina Faso",
	"Cameroon": "Cameroun", "Central African Rep.": "Centrafrique", "Eq. Guinea": "Guinée équatoriale",
	"Gabon": "Gabon", "Congo": "Congo", "Dem. Rep. Congo": "RD Congo", "Ethiopia": "Éthiopie",
	"Eritrea": "Érythrée", "Spain": "Espagne", "Portugal": "Portugal", "France": "France",
	"Italy": "Italie", "Greece": "Grèce", "Malta": "Malte", "Germany": "Allemagne",
	"Switzerland": "Suisse", "Belgium": "Belgique", "Netherlands": "Pays-Bas",
	"United Kingdom": "Royaume-Uni", "Ireland": "Irlande", "Austria": "Autriche",
	"Turkey": "Turquie", "Saudi Arabia": "Arabie saoudite", "Israel": "Israël", "Jordan": "Jordanie",
	"Lebanon": "Liban", "Syria": "Syrie", "Cyprus": "Chypre", "Brazil": "Brésil",
	"Cabo Verde": "Cap-Vert", "Croatia": "Croatie", "Slovenia": "Slovénie", "Albania": "Albanie",
	"Angola": "Angola", "Kenya": "Kenya", "Somalia": "Somalie", "Yemen": "Yémen",
}
