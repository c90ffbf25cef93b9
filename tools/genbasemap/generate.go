package main

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"

	"maliatlas/geo"
)

// The map extent the shared inputs are clipped to.
var extent = orb.Bound{Min: orb.Point{-18, 4}, Max: orb.Point{10, 27}}

// Quantisation of coordinates per band: 1/scale degree.
const (
	scaleLow  = 2000   // 0.0005° ≈ 55 m: zoom < 7
	scaleMid  = 20000  // 0.00005° ≈ 5.5 m: zoom 7–9
	scaleHigh = 100000 // the inputs' own 5 decimals
)

// generate returns every file of data/basemap by name.
func generate(src, dataSrc string) (map[string][]byte, error) {
	bm := filepath.Join(src, "basemap")
	out := map[string][]byte{}
	put := func(name string, fc *geojson.FeatureCollection, scale int) error {
		b, err := geo.EncodeMAB(fc, scale)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		out[name] = b
		return nil
	}
	steps := []func() error{
		func() error { return genRoads(bm, put) },
		func() error { return genTracks(bm, put) },
		func() error { return genWater(bm, put) },
		func() error { return genNaturalEarth(bm, put) },
		func() error { return genPlaces(src, bm, put) },
		func() error { return genPhysical(bm, put) },
		func() error { return genWorld(src, dataSrc, put) },
		func() error { return genRelief(bm, out) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

type putFunc func(name string, fc *geojson.FeatureCollection, scale int) error

func read(path string) (*geojson.FeatureCollection, error) {
	return geo.ReadFile(path)
}

func str(f *geojson.Feature, k string) string {
	s, _ := f.Properties[k].(string)
	return s
}

func num(f *geojson.Feature, k string) float64 {
	v, _ := f.Properties[k].(float64)
	return v
}

// dp simplifies g with the Douglas–Peucker tolerance tol (degrees); a line
// shorter than minLen degrees after it is dropped (nil).
func dp(g orb.Geometry, tol float64) orb.Geometry {
	if tol <= 0 {
		return g
	}
	return simplify.DouglasPeucker(tol).Simplify(orb.Clone(g))
}

func lineLen(ls orb.LineString) float64 {
	d := 0.0
	for i := 1; i < len(ls); i++ {
		d += math.Hypot(ls[i][0]-ls[i-1][0], ls[i][1]-ls[i-1][1])
	}
	return d
}

// groupLines merges lines that share key into one MultiLineString per key and
// grid cell (cell degrees), so a frame makes few draw calls while culling
// still works. Each line is simplified with tol; lines shorter than minLen
// (degrees) are dropped. The output is sorted for determinism.
func groupLines(feats []*geojson.Feature, key func(*geojson.Feature) (string, geojson.Properties, bool), tol, minLen, cell float64) *geojson.FeatureCollection {
	type group struct {
		props geojson.Properties
		ml    orb.MultiLineString
	}
	groups := map[string]*group{}
	for _, f := range feats {
		k, props, ok := key(f)
		if !ok {
			continue
		}
		ls, ok := f.Geometry.(orb.LineString)
		if !ok || len(ls) < 2 {
			continue
		}
		if lineLen(ls) < minLen {
			continue
		}
		s, _ := dp(ls, tol).(orb.LineString)
		if len(s) < 2 {
			continue
		}
		c := ls[len(ls)/2]
		gk := fmt.Sprintf("%s|%d|%d", k, int(math.Floor(c[0]/cell)), int(math.Floor(c[1]/cell)))
		g := groups[gk]
		if g == nil {
			g = &group{props: props}
			groups[gk] = g
		}
		g.ml = append(g.ml, s)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fc := geojson.NewFeatureCollection()
	for _, k := range keys {
		g := groups[k]
		f := geojson.NewFeature(chain(g.ml))
		f.Properties = g.props
		fc.Append(f)
	}
	return fc
}

// chain joins lines whose ends meet, so labels and dashes run along whole
// roads rather than pieces.
func chain(ml orb.MultiLineString) orb.Geometry {
	used := make([]bool, len(ml))
	starts := map[orb.Point][]int{}
	for i, ls := range ml {
		starts[ls[0]] = append(starts[ls[0]], i)
	}
	// Chains start at the lines no other line leads into, then at whatever
	// is left (loops).
	endsAt := map[orb.Point]int{}
	for _, ls := range ml {
		endsAt[ls[len(ls)-1]]++
	}
	order := make([]int, 0, len(ml))
	for i, ls := range ml {
		if endsAt[ls[0]] == 0 {
			order = append(order, i)
		}
	}
	for i := range ml {
		order = append(order, i)
	}
	var out orb.MultiLineString
	for _, i := range order {
		if used[i] {
			continue
		}
		used[i] = true
		cur := append(orb.LineString(nil), ml[i]...)
		for {
			end := cur[len(cur)-1]
			next := -1
			for _, j := range starts[end] {
				if !used[j] {
					next = j
					break
				}
			}
			if next < 0 {
				break
			}
			used[next] = true
			cur = append(cur, ml[next][1:]...)
		}
		out = append(out, cur)
	}
	if len(out) == 1 {
		return out[0]
	}
	return out
}

// normRef writes a road reference the way the map labels it: "RN 16" and
// "RN16;N16" become "RN16".
func normRef(s string) string {
	if i := strings.IndexAny(s, ";,"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ' '); i > 0 && i < len(s)-1 && s[i+1] >= '0' && s[i+1] <= '9' {
		s = s[:i] + s[i+1:]
	}
	return s
}

func genRoads(bm string, put putFunc) error {
	main, err := read(filepath.Join(bm, "osm_roads_main.geojson"))
	if err != nil {
		return err
	}
	key := func(maxRank float64, maliMaxRank float64) func(f *geojson.Feature) (string, geojson.Properties, bool) {
		return func(f *geojson.Feature) (string, geojson.Properties, bool) {
			r := num(f, "rank")
			lim := maxRank
			if str(f, "src") == "osm-mali" {
				lim = maliMaxRank
			}
			if r > lim {
				return "", nil, false
			}
			cls, ref := str(f, "class"), normRef(str(f, "ref"))
			p := geojson.Properties{"class": cls}
			if ref != "" {
				p["ref"] = ref
			}
			return cls + "|" + ref, p, true
		}
	}
	bands := []struct {
		name              string
		rank, maliRank    float64
		tol, minLen, cell float64
		scale             int
	}{
		{"roads.0.mab", 2, 3, 0.006, 0.02, 4, scaleLow},
		{"roads.1.mab", 4, 4, 0.0012, 0, 1, scaleMid},
		{"roads.2.mab", 4, 4, 0, 0, 0.5, scaleHigh},
	}
	for _, b := range bands {
		if err := put(b.name, groupLines(main.Features, key(b.rank, b.maliRank), b.tol, b.minLen, b.cell), b.scale); err != nil {
			return err
		}
	}
	ter, err := read(filepath.Join(bm, "osm_roads_tertiary.geojson"))
	if err != nil {
		return err
	}
	tkey := func(f *geojson.Feature) (string, geojson.Properties, bool) {
		p := geojson.Properties{"class": "tertiary"}
		ref := normRef(str(f, "ref"))
		if ref != "" {
			p["ref"] = ref
		}
		return ref, p, true
	}
	if err := put("minor.1.mab", groupLines(ter.Features, tkey, 0.0012, 0.01, 1), scaleMid); err != nil {
		return err
	}
	return put("minor.2.mab", groupLines(ter.Features, tkey, 0, 0, 0.5), scaleHigh)
}

func genTracks(bm string, put putFunc) error {
	tr, err := read(filepath.Join(bm, "osm_tracks_long.geojson"))
	if err != nil {
		return err
	}
	north := func(minKm float64) func(f *geojson.Feature) (string, geojson.Properties, bool) {
		return func(f *geojson.Feature) (string, geojson.Properties, bool) {
			ls, _ := f.Geometry.(orb.LineString)
			if len(ls) == 0 || num(f, "km") < minKm {
				return "", nil, false
			}
			// Desert tracks (north of 15° N) read from the whole extent; the
			// farm tracks of the south only close up.
			if minKm > 0 && ls.Bound().Center()[1] < 15 {
				return "", nil, false
			}
			return "track", geojson.Properties{"class": "track"}, true
		}
	}
	if err := put("tracks.0.mab", groupLines(tr.Features, north(10), 0.005, 0, 4), scaleLow); err != nil {
		return err
	}
	if err := put("tracks.1.mab", groupLines(tr.Features, north(0), 0.0012, 0, 1), scaleMid); err != nil {
		return err
	}
	return put("tracks.2.mab", groupLines(tr.Features, north(0), 0, 0, 0.5), scaleHigh)
}

// genWater writes the OSM water and wetland areas (fill only: they are cut at
// the source's tile edges) in three bands; small areas are dropped far out.
func genWater(bm string, put putFunc) error {
	w, err := read(filepath.Join(bm, "osm_water_wetlands.geojson"))
	if err != nil {
		return err
	}
	bands := []struct {
		name    string
		minArea float64 // square degrees
		tol     float64
		scale   int
	}{
		{"water.0.mab", 1e-3, 0.004, scaleLow},
		{"water.1.mab", 4e-6, 0.001, scaleMid},
		{"water.2.mab", 0, 0, scaleHigh},
	}
	for _, b := range bands {
		fc := geojson.NewFeatureCollection()
		for _, f := range w.Features {
			if planar.Area(f.Geometry) < b.minArea {
				continue
			}
			g := cleanPolys(dp(f.Geometry, b.tol))
			if g == nil {
				continue
			}
			nf := geojson.NewFeature(g)
			nf.Properties = geojson.Properties{"class": str(f, "class")}
			fc.Append(nf)
		}
		if err := put(b.name, fc, b.scale); err != nil {
			return err
		}
	}
	return nil
}

// genNaturalEarth writes the named rivers and lakes.
func genNaturalEarth(bm string, put putFunc) error {
	rv, err := read(filepath.Join(bm, "ne_10m_rivers_mali.geojson"))
	if err != nil {
		return err
	}
	fc := geojson.NewFeatureCollection()
	for _, f := range rv.Features {
		name := str(f, "name")
		nf := geojson.NewFeature(dp(f.Geometry, 0.002))
		nf.Properties = geojson.Properties{"name": name, "name_en": name, "name_fr": riverFR(name), "rank": math.Round(num(f, "scalerank"))}
		fc.Append(nf)
	}
	if err := put("rivers.mab", fc, scaleMid); err != nil {
		return err
	}
	lk, err := read(filepath.Join(bm, "ne_10m_lakes_mali.geojson"))
	if err != nil {
		return err
	}
	fc = geojson.NewFeatureCollection()
	for _, f := range lk.Features {
		name := str(f, "name")
		g := cleanPolys(dp(f.Geometry, 0.002))
		if g == nil {
			continue
		}
		nf := geojson.NewFeature(g)
		nf.Properties = geojson.Properties{"name_en": name, "name_fr": lakeFR(name)}
		fc.Append(nf)
	}
	return put("lakes.mab", fc, scaleMid)
}

// riverFR and lakeFR give the French names the map labels in French.
func riverFR(s string) string {
	switch s {
	case "Niger":
		return "Niger"
	case "Senegal", "Sénégal":
		return "Sénégal"
	case "Black Volta":
		return "Volta Noire"
	case "White Volta":
		return "Volta Blanche"
	}
	return s
}

func lakeFR(s string) string {
	if rest, ok := strings.CutPrefix(s, "Lake "); ok {
		return "Lac " + rest
	}
	return s
}

// degrees of a lon/lat distance in km at the equator, for grids and tests.
func kmBetween(a, b orb.Point) float64 { return orbgeo.Distance(a, b) / 1000 }

// cleanPolys drops the rings that simplification left with fewer than three
// distinct corners, and the polygons whose outer ring went; nil when nothing
// is left.
func cleanPolys(g orb.Geometry) orb.Geometry {
	ok := func(r orb.Ring) bool {
		n := len(r)
		if n > 1 && r[0] == r[n-1] {
			n--
		}
		return n >= 3
	}
	poly := func(p orb.Polygon) orb.Polygon {
		if len(p) == 0 || !ok(p[0]) {
			return nil
		}
		out := orb.Polygon{p[0]}
		for _, h := range p[1:] {
			if ok(h) {
				out = append(out, h)
			}
		}
		return out
	}
	switch g := g.(type) {
	case orb.Polygon:
		if p := poly(g); p != nil {
			return p
		}
	case orb.MultiPolygon:
		var out orb.MultiPolygon
		for _, p := range g {
			if q := poly(p); q != nil {
				out = append(out, q)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}
