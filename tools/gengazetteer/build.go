package main

import (
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/gazetteer"
	"maliatlas/geo"
	"maliatlas/layers"
)

// Merge distances.
const (
	dupKm       = 5  // two OSM places of one name closer than this are one place
	gnMatchKm   = 10 // a GeoNames place this close to an OSM settlement of its name is that settlement
	signFixKm   = 3  // GeoNames's point with the longitude's sign flipped lands this close to it
	namesakeKm  = 3  // a well or marsh of a settlement's name this close lends it its names
	physMatchKm = 150
)

// place is an entry being built.
type place struct {
	name    string
	alt     []string
	folded  map[string]bool // folded forms of name and alt
	kind    string
	pt      orb.Point
	rank    int    // settlements: 1 city, 2 town, 3 village, 4 hamlet, 5 GeoNames-only
	src     string // "osm", "geonames", "ne"
	fcode   string // GeoNames feature code
	country string // ISO alpha-3 from the source, when the point is in no polygon
	pop     int
	imp     int
	dead    bool // merged into another
}

func (p *place) addName(s string) {
	s = strings.TrimSpace(s)
	f := layers.Fold(s)
	if f == "" || p.folded[f] {
		return
	}
	if p.folded == nil {
		p.folded = map[string]bool{}
	}
	p.folded[f] = true
	if p.name == "" {
		p.name = s
		return
	}
	p.alt = append(p.alt, strings.ReplaceAll(s, "|", "/"))
}

type builder struct {
	regions  *gazetteer.Regions
	capitals map[string]string
	places   []*place
	byName   map[string][]*place // settlements by folded name (and known variants)
	log      []string
	verbose  bool
}

func newBuilder(r *gazetteer.Regions, capitals map[string]string) *builder {
	return &builder{regions: r, capitals: capitals, byName: map[string][]*place{}}
}

func (b *builder) logf(format string, a ...any) {
	if b.verbose {
		b.log = append(b.log, fmt.Sprintf(format, a...))
	}
}

func (b *builder) readAll(dir string) error {
	read := func(name string) (*geojson.FeatureCollection, error) {
		return geo.ReadFile(filepath.Join(dir, name))
	}
	for _, f := range []string{"osm_places_mali.geojson", "osm_places_neighbours.geojson"} {
		fc, err := read(f)
		if err != nil {
			return err
		}
		b.addOSM(fc)
	}
	b.mergeOSMDuplicates()
	b.indexSettlements()
	fc, err := read("geonames_places.geojson")
	if err != nil {
		return err
	}
	b.addGeoNamesPlaces(fc)
	if fc, err = read("geonames_physical_waterpoints_mali.geojson"); err != nil {
		return err
	}
	b.addGeoNamesPhysical(fc)
	for _, f := range []string{"ne_10m_geography_regions_mali.geojson", "ne_10m_elevation_points_mali.geojson", "ne_10m_lakes_mali.geojson", "ne_10m_rivers_mali.geojson"} {
		fc, err := read(f)
		if err != nil {
			return err
		}
		b.addNaturalEarth(fc)
	}
	return nil
}

func str(f *geojson.Feature, k string) string {
	s, _ := f.Properties[k].(string)
	return s
}

func num(f *geojson.Feature, k string) float64 {
	v, _ := f.Properties[k].(float64)
	return v
}

// splitScripts separates the Latin words of an OSM name from words in other
// scripts ("Tin Zaouatine تين ظواتين"): the Latin part is the name, the rest
// an alternate name. A name with no Latin word stays whole.
func splitScripts(s string) (latin string, other []string) {
	var lw, ow []string
	for _, w := range strings.Fields(s) {
		if hasLatin(w) || !hasLetter(w) {
			if len(ow) > 0 {
				other = append(other, strings.Join(ow, " "))
				ow = nil
			}
			lw = append(lw, w)
		} else {
			ow = append(ow, w)
		}
	}
	if len(ow) > 0 {
		other = append(other, strings.Join(ow, " "))
	}
	if len(lw) == 0 {
		return s, nil
	}
	return strings.Join(lw, " "), other
}

func hasLatin(w string) bool {
	for _, r := range w {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

var osmRank = map[string]int{"city": 1, "town": 2, "village": 3, "hamlet": 4}

// osmCountry is the country of each OSM extract.
var osmCountry = map[string]string{
	"osm-mali": "MLI", "osm-niger": "NER", "osm-burkina-faso": "BFA", "osm-mauritania": "MRT",
	"osm-algeria": "DZA", "osm-senegal-and-gambia": "SEN", "osm-guinea": "GIN",
	"osm-ivory-coast": "CIV", "osm-ghana": "GHA", "osm-togo": "TGO", "osm-benin": "BEN",
	"osm-nigeria": "NGA", "osm-guinea-bissau": "GNB", "osm-liberia": "LBR", "osm-morocco": "ESH",
}

// iso3 maps GeoNames's alpha-2 country codes to alpha-3.
var iso3 = map[string]string{
	"ML": "MLI", "NE": "NER", "BF": "BFA", "MR": "MRT", "DZ": "DZA", "SN": "SEN", "GM": "GMB",
	"GN": "GIN", "CI": "CIV", "GH": "GHA", "TG": "TGO", "BJ": "BEN", "NG": "NGA", "GW": "GNB",
	"LR": "LBR", "SL": "SLE", "EH": "ESH", "MA": "MAR", "LY": "LBY", "TD": "TCD", "CM": "CMR",
}

func (b *builder) addOSM(fc *geojson.FeatureCollection) {
	for _, f := range fc.Features {
		pt, ok := f.Geometry.(orb.Point)
		name := str(f, "name")
		class := str(f, "class")
		if !ok || name == "" || osmRank[class] == 0 {
			continue
		}
		p := &place{kind: class, pt: pt, rank: osmRank[class], src: "osm", country: osmCountry[str(f, "src")]}
		latin, other := splitScripts(name)
		p.addName(latin)
		for _, o := range other {
			p.addName(o)
		}
		if p.name == "" {
			continue // no letter or digit: "." in a few OSM nodes
		}
		b.places = append(b.places, p)
	}
}

// mergeOSMDuplicates folds places of one name closer than dupKm into the
// best-ranked of them (extracts overlap at borders; a town is sometimes also
// mapped as a village node).
func (b *builder) mergeOSMDuplicates() {
	groups := map[string][]*place{}
	for _, p := range b.places {
		f := layers.Fold(p.name)
		groups[f] = append(groups[f], p)
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		slices.SortStableFunc(g, func(a, c *place) int { return cmp.Compare(a.rank, c.rank) })
		for i, p := range g {
			if p.dead {
				continue
			}
			for _, q := range g[i+1:] {
				if !q.dead && km(p.pt, q.pt) < dupKm {
					q.dead = true
					for _, a := range q.alt {
						p.addName(a)
					}
				}
			}
		}
	}
	b.compact()
}

func (b *builder) compact() {
	b.places = slices.DeleteFunc(b.places, func(p *place) bool { return p.dead })
}

// indexSettlements indexes the settlements by folded name and by the folded
// known variants of their names (Tombouctou is also found as Timbuktu).
func (b *builder) indexSettlements() {
	b.byName = map[string][]*place{}
	for _, p := range b.places {
		if gazetteer.Settlement(p.kind) {
			b.indexPlace(p)
		}
	}
}

func (b *builder) indexPlace(p *place) {
	keys := map[string]bool{}
	for f := range p.folded {
		keys[f] = true
	}
	for _, v := range layers.Variants(p.name) {
		keys[layers.Fold(v)] = true
	}
	for k := range keys {
		b.byName[k] = append(b.byName[k], p)
	}
}

// nearestNamed is the settlement nearest to pt, within maxKm, that has one of
// names.
func (b *builder) nearestNamed(names []string, pt orb.Point, maxKm float64) *place {
	var best *place
	bestD := maxKm
	for _, n := range names {
		for _, p := range b.byName[layers.Fold(n)] {
			if p.dead {
				continue
			}
			if d := km(p.pt, pt); d < bestD {
				best, bestD = p, d
			}
		}
	}
	return best
}

// inCountry reports whether pt lies in the country of GeoNames code cc.
func (b *builder) inCountry(pt orb.Point, cc string) bool {
	r := b.regions.Of(pt)
	if cc == "ML" {
		return strings.HasPrefix(r, "ML")
	}
	return r != "" && r == iso3[cc]
}

func gnNames(f *geojson.Feature) []string {
	names := []string{str(f, "name")}
	if a := str(f, "asciiname"); a != "" {
		names = append(names, a)
	}
	if a := str(f, "alt"); a != "" {
		names = append(names, strings.Split(a, "|")...)
	}
	return names
}

var gnSettlementKind = map[string]string{
	"P.PPLC": "capital", "P.PPLA": "town", "P.PPLA2": "town", "P.PPLA3": "village", "P.PPLA4": "village",
}

func (b *builder) addGeoNamesPlaces(fc *geojson.FeatureCollection) {
	for _, f := range fc.Features {
		pt, ok := f.Geometry.(orb.Point)
		names := gnNames(f)
		if !ok || names[0] == "" {
			continue
		}
		fcode := str(f, "fcode")
		target := b.nearestNamed(names, pt, gnMatchKm)
		if target == nil {
			// A longitude with the wrong sign (GeoNames 10343856 "Tessit" at
			// −0.3 for 0.29 E): the flipped point lands on the settlement.
			flipped := orb.Point{-pt[0], pt[1]}
			if target = b.nearestNamed(names, flipped, signFixKm); target != nil && !b.inCountry(flipped, str(f, "cc")) {
				target = nil // a namesake across the meridian, in another country
			}
			if target != nil {
				b.logf("GeoNames %.0f %q at %.5f,%.5f: longitude sign flipped; the place is OSM's %q at %.5f,%.5f",
					num(f, "geonameid"), names[0], pt[0], pt[1], target.name, target.pt[0], target.pt[1])
			}
		}
		if target != nil {
			for _, n := range names {
				target.addName(n)
			}
			if fcode == "P.PPLC" {
				target.kind = "capital"
			}
			target.pop = max(target.pop, int(num(f, "pop")))
			if target.fcode == "" {
				target.fcode = fcode
			}
			continue
		}
		p := &place{pt: pt, rank: 5, src: "geonames", fcode: fcode, pop: int(num(f, "pop")), country: iso3[str(f, "cc")]}
		p.kind = gnSettlementKind[fcode]
		if p.kind == "" {
			p.kind = "place"
		}
		for _, n := range names {
			p.addName(n)
		}
		if p.name == "" {
			continue
		}
		b.places = append(b.places, p)
		b.indexPlace(p)
	}
}

// gnPhysical maps GeoNames feature codes to kinds and base importance.
var gnPhysical = map[string]struct {
	kind string
	imp  int
}{
	"L.RGN": {"region", 70}, "L.AREA": {"area", 40},
	"T.MTS": {"massif", 65}, "T.MT": {"mountain", 40}, "T.PK": {"mountain", 45}, "T.HLLS": {"hills", 30},
	"T.SCRP": {"escarpment", 55}, "T.PLAT": {"plateau", 45}, "T.MESA": {"mesa", 30}, "T.RDGE": {"ridge", 30},
	"T.ERG": {"erg", 40}, "T.DPR": {"depression", 30}, "T.VAL": {"valley", 40}, "T.PASS": {"pass", 35},
	"H.WAD": {"wadi", 35}, "H.STM": {"river", 40}, "H.LK": {"lake", 45}, "H.LKI": {"lake", 35}, "H.LKS": {"lake", 35},
	"H.RSV": {"reservoir", 40}, "H.MRSH": {"marsh", 25}, "H.WTLD": {"wetland", 25}, "H.WTLDI": {"wetland", 20},
	"H.PND": {"pond", 20}, "H.PNDI": {"pond", 20}, "H.SBKH": {"salt flat", 30}, "H.WLL": {"well", 25},
	"H.WTRH": {"waterhole", 25},
}

// namesakeKinds are point features that share their name with the settlement
// they sit in (In-Delimane's well, Ber's marsh): they lend it their spellings.
var namesakeKinds = map[string]bool{"well": true, "waterhole": true, "marsh": true, "pond": true}

func (b *builder) addGeoNamesPhysical(fc *geojson.FeatureCollection) {
	for _, f := range fc.Features {
		pt, ok := f.Geometry.(orb.Point)
		names := gnNames(f)
		k, known := gnPhysical[str(f, "fcode")]
		if !ok || names[0] == "" || !known {
			continue
		}
		p := &place{kind: k.kind, imp: k.imp, pt: pt, src: "geonames", fcode: str(f, "fcode"), country: iso3[str(f, "cc")]}
		for _, n := range names {
			p.addName(n)
		}
		if p.name == "" {
			continue
		}
		if len(names) >= 4 {
			p.imp += 10 // many spellings: a feature people write about
		}
		if namesakeKinds[k.kind] {
			if s := b.nearestNamed(names, pt, namesakeKm); s != nil {
				for _, n := range names {
					s.addName(n)
				}
			}
		}
		b.places = append(b.places, p)
	}
}

var neKinds = map[string]string{
	"Range/mtn": "massif", "Plateau": "plateau", "Desert": "desert", "Depression": "depression",
	"Plain": "region", "Delta": "region", "mountain": "mountain", "depression": "depression",
	"Lake": "lake", "Reservoir": "reservoir", "River": "river", "Lake Centerline": "river",
}

// addNaturalEarth adds the named Natural Earth features at their label
// points; features of one name whose shapes touch (a river and its lake
// centreline) are one entry, and a GeoNames feature of the same name nearby
// takes the Natural Earth one's importance instead of a second entry.
func (b *builder) addNaturalEarth(fc *geojson.FeatureCollection) {
	type group struct {
		name, alt, kind string
		bound           orb.Bound
		geoms           []orb.Geometry
		rank            float64
	}
	var groups []*group
	for _, f := range fc.Features {
		name := str(f, "name")
		kind := neKinds[str(f, "featurecla")]
		if name == "" || kind == "" || f.Geometry == nil {
			continue
		}
		if strings.ToUpper(name) == name {
			name = titleCase(name) // "AÏR MTS." → "Aïr Mts."
		}
		bd := f.Geometry.Bound()
		var g *group
		for _, c := range groups {
			if c.name == name && c.bound.Pad(0.1).Intersects(bd) {
				g = c
				break
			}
		}
		if g == nil {
			g = &group{name: name, kind: kind, bound: bd, rank: num(f, "scalerank")}
			groups = append(groups, g)
		}
		g.bound = g.bound.Union(bd)
		g.geoms = append(g.geoms, f.Geometry)
		g.rank = math.Min(g.rank, num(f, "scalerank"))
		if a := str(f, "name_alt"); a != "" {
			g.alt = a
		}
	}
	for _, g := range groups {
		pt := labelPoint(g.geoms)
		imp := int(math.Max(40, math.Min(85, 90-6*g.rank)))
		names := []string{g.name}
		if g.alt != "" {
			names = append(names, g.alt)
		}
		if q := b.nearestPhysical(names, pt, physMatchKm); q != nil {
			q.imp = max(q.imp, imp)
			for _, n := range names {
				q.addName(n)
			}
			continue
		}
		p := &place{kind: g.kind, imp: imp, pt: pt, src: "ne"}
		for _, n := range names {
			p.addName(n)
		}
		b.places = append(b.places, p)
	}
}

func (b *builder) nearestPhysical(names []string, pt orb.Point, maxKm float64) *place {
	var best *place
	bestD := maxKm
	for _, p := range b.places {
		if gazetteer.Settlement(p.kind) {
			continue
		}
		for _, n := range names {
			if p.folded[layers.Fold(n)] {
				if d := km(p.pt, pt); d < bestD {
					best, bestD = p, d
				}
			}
		}
	}
	return best
}

// labelPoint is a point on the largest of geoms: for lines the middle vertex
// of the longest part, for areas geo.LabelPoint.
func labelPoint(geoms []orb.Geometry) orb.Point {
	var best orb.LineString
	var bestLen float64
	var area orb.Geometry
	for _, g := range geoms {
		switch g := g.(type) {
		case orb.Point:
			return g
		case orb.LineString:
			if l := geo.LineLength(g); l > bestLen {
				best, bestLen = g, l
			}
		case orb.MultiLineString:
			for _, ls := range g {
				if l := geo.LineLength(ls); l > bestLen {
					best, bestLen = ls, l
				}
			}
		default:
			if area == nil {
				area = g
			}
		}
	}
	if len(best) > 0 {
		return best[len(best)/2]
	}
	if area != nil {
		return geo.LabelPoint(area)
	}
	return orb.Point{}
}

func titleCase(s string) string {
	var b strings.Builder
	up := true
	for _, r := range strings.ToLower(s) {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(r)
		}
		up = !unicode.IsLetter(r)
	}
	return b.String()
}

// km is the distance in km between two points (equirectangular: ample for
// the few-km merge thresholds).
func km(a, b orb.Point) float64 {
	const r = math.Pi / 180
	x := (b[0] - a[0]) * r * math.Cos((a[1]+b[1])/2*r)
	y := (b[1] - a[1]) * r
	return 6371 * math.Hypot(x, y)
}

var settlementImp = map[string]int{"capital": 85, "city": 75, "town": 55, "village": 30, "hamlet": 15, "place": 20}

// entries finishes the places (region, importance, regional capitals, known
// variants) and returns them sorted, most important first.
func (b *builder) entries() []gazetteer.Entry {
	for _, p := range b.places {
		p.country = cmp.Or(b.regions.Of(p.pt), p.country)
		if !gazetteer.Settlement(p.kind) {
			continue
		}
		p.imp = settlementImp[p.kind]
		if p.src == "geonames" {
			switch p.fcode {
			case "P.PPLA":
				p.imp = 60
			case "P.PPLA2":
				p.imp = 45
			case "P.PPLA3", "P.PPLA4":
				p.imp = 35
			case "P.PPLQ", "P.PPLX", "P.PPLW", "P.PPLL":
				p.imp = 10
			}
		}
		switch {
		case p.pop >= 100000:
			p.imp += 10
		case p.pop >= 20000:
			p.imp += 5
		}
		if !strings.HasPrefix(p.country, "ML") {
			p.imp -= 5 // at equal rank, Mali before its neighbours
		}
		for _, v := range layers.Variants(p.name) {
			p.addName(v)
		}
	}
	b.markCapitals()
	out := make([]gazetteer.Entry, 0, len(b.places))
	for _, p := range b.places {
		out = append(out, gazetteer.Entry{
			Name: p.name, Alt: p.alt, Kind: p.kind,
			Lon: round5(p.pt[0]), Lat: round5(p.pt[1]),
			Importance: max(0, min(100, p.imp)), Region: p.country,
		})
	}
	slices.SortFunc(out, func(a, c gazetteer.Entry) int {
		return cmp.Or(cmp.Compare(c.Importance, a.Importance), strings.Compare(a.Name, c.Name),
			cmp.Compare(a.Lon, c.Lon), cmp.Compare(a.Lat, c.Lat), strings.Compare(a.Kind, c.Kind))
	})
	return out
}

// markCapitals gives each region's capital (the regions layer's "capital")
// importance 90, and Bamako, the national capital, 100.
func (b *builder) markCapitals() {
	for code, name := range b.capitals {
		var best *place
		for _, p := range b.byName[layers.Fold(name)] {
			if p.dead || p.country != code {
				continue
			}
			if best == nil || p.rank < best.rank {
				best = p
			}
		}
		if best == nil {
			b.log = append(b.log, fmt.Sprintf("warning: no settlement %q in region %s", name, code))
			continue
		}
		best.imp = 90
		if best.kind == "capital" {
			best.imp = 100
		}
	}
}

func round5(v float64) float64 { return math.Round(v*1e5) / 1e5 }
