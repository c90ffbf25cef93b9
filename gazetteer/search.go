package gazetteer

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
)

// Searcher searches the gazetteer and the catalogue's features together.
type Searcher struct {
	Index   *Index
	Cat     *layers.Catalog
	Regions *Regions

	mu     sync.Mutex
	labels map[*layers.Feature]orb.Point
}

// NewSearcher searches ix (nil: features only) and cat.
func NewSearcher(ix *Index, cat *layers.Catalog) *Searcher {
	if ix == nil {
		ix = NewIndex(nil)
	}
	return &Searcher{Index: ix, Cat: cat, Regions: NewRegions(cat)}
}

// Query is a search: the text typed, the language of the names shown, the
// number of results wanted, and the view the user looks at.
type Query struct {
	Text  string
	Lang  string
	Limit int // ≤ 0: all
	// Near is the centre of the view and NearKm its half-diagonal: places
	// close to it rank higher. NearKm 0: no preference.
	Near   orb.Point
	NearKm float64
}

// Result is a place or a feature found.
type Result struct {
	Name    string // in the query's language for features
	Matched string // the other name that matched ("" when Name did)
	Kind    string // a gazetteer kind keyword; "" for a feature (see Layer)
	Point   orb.Point
	Bound   orb.Bound // a point's bound for places
	Region  string    // region or country code (see Regions.Name)

	Entry   *Entry          // the gazetteer entry, when it is one
	Feature *layers.Feature // the catalogue's feature, when it is one
	Layer   *layers.Layer

	Score float64
}

// KindLabel is what the result is, in lang: its gazetteer kind, or its
// layer's title for a feature.
func (r *Result) KindLabel(lang string) string {
	if r.Kind != "" {
		return KindLabel(r.Kind, lang)
	}
	if r.Layer != nil {
		return r.Layer.Title(lang)
	}
	return ""
}

// Ranking: match quality, then importance (0..100), then closeness to the
// view.
var qualWeight = [...]float64{QualSubstring: 0, QualWordPrefix: 30, QualPrefix: 40, QualExact: 60}

const (
	nearWeight = 25 // a place at the view's centre
	sameKm     = 5  // a feature and a place of one name this close are one
	variantPen = 5  // a match through a known variant, not the name itself
)

// layerImportance ranks the catalogue's features like gazetteer entries.
func layerImportance(l *layers.Layer) float64 {
	switch {
	case l.Spec.ID == "regions":
		return 85
	case l.Spec.ID == "towns":
		return 60
	case l.Spec.ID == "cercles":
		return 50
	case l.Spec.Group == "base":
		return 45
	case l.Spec.Group == "user":
		return 60
	}
	return 50
}

// Search finds the places and features whose names or alternate names
// contain the query (accents, case and punctuation aside), best first. Text
// that reads as coordinates (geo.ParseCoordinates) gives a first result of
// kind "coordinates" at that position.
func (s *Searcher) Search(q Query) []Result {
	var out []Result
	if p, err := geo.ParseCoordinates(q.Text); err == nil {
		out = append(out, Result{
			Name: fmt.Sprintf("%.5f, %.5f", p[1], p[0]), Matched: geo.FormatDMS(p), Kind: "coordinates",
			Point: p, Bound: orb.Bound{Min: p, Max: p}, Region: s.Regions.Of(p), Score: math.Inf(1),
		})
	}
	fq := Fold(q.Text)
	if fq == "" {
		return out
	}
	near := func(p orb.Point) float64 {
		if q.NearKm <= 0 {
			return 0
		}
		r := math.Max(q.NearKm, 25)
		return nearWeight / (1 + approxKm(p, q.Near)/r)
	}

	// Gazetteer entries: the best-matching name of each.
	ix := s.Index
	pm := ix.getMarks()
	defer ix.putMarks(pm)
	marks := *pm
	var cands []cand
	ix.match(fq, func(k, qual int) {
		e := ix.owner[k]
		if j := marks[e]; j > 0 {
			c := &cands[j-1]
			if qual > c.qual || qual == c.qual && ix.which[k] < ix.which[c.name] {
				c.qual, c.name = qual, int32(k)
			}
			return
		}
		cands = append(cands, cand{entry: e, name: int32(k), qual: qual, feature: -1})
		marks[e] = int32(len(cands))
	})
	defer func() {
		for _, c := range cands {
			if c.entry >= 0 {
				marks[c.entry] = 0
			}
		}
	}()
	for i := range cands {
		c := &cands[i]
		e := &ix.Entries[c.entry]
		c.score = qualWeight[c.qual] + float64(e.Importance) + near(e.Point())
	}

	// The catalogue's features (regions, cercles, routes, sites, imported
	// layers); a town drawn on the map and its gazetteer entry are one result.
	var feats []layers.SearchResult
	if s.Cat != nil {
		feats = s.Cat.Search(q.Text, q.Lang, 0)
	}
	for i, fr := range feats {
		qual := min(max((fr.Score+variantPen)/100, QualSubstring), QualExact)
		pt := s.labelPoint(fr.Feature)
		score := qualWeight[qual] + layerImportance(fr.Layer) + near(pt)
		if _, isPt := fr.Feature.Geom.(orb.Point); isPt {
			if c := s.sameEntry(fr.Feature, pt, cands, marks); c != nil {
				c.feature = int32(i)
				c.score = math.Max(c.score, score)
				continue
			}
		}
		cands = append(cands, cand{entry: -1, feature: int32(i), score: score})
	}

	name := func(c *cand) string {
		if c.entry >= 0 {
			return ix.Entries[c.entry].Name
		}
		return feats[c.feature].Name
	}
	less := func(a, b *cand) bool { // a ranks before b
		if a.score != b.score {
			return a.score > b.score
		}
		na, nb := name(a), name(b)
		if len(na) != len(nb) {
			return len(na) < len(nb)
		}
		if na != nb {
			return na < nb
		}
		return a.entry < b.entry || a.entry == b.entry && a.feature < b.feature
	}
	k := q.Limit - len(out)
	if q.Limit > 0 && k <= 0 {
		return out[:q.Limit]
	}
	top := topK(cands, k, less)
	for _, c := range top {
		var r Result
		if c.entry >= 0 {
			e := &ix.Entries[c.entry]
			r = Result{Name: e.Name, Kind: e.Kind, Point: e.Point(), Region: e.Region, Entry: e}
			r.Bound = orb.Bound{Min: r.Point, Max: r.Point}
			if ix.which[c.name] != 0 {
				r.Matched = ix.nameOf(int(c.name))
			}
		}
		if c.feature >= 0 {
			fr := feats[c.feature]
			r.Feature, r.Layer, r.Name = fr.Feature, fr.Layer, fr.Name
			if c.entry < 0 {
				r.Point, r.Bound = s.labelPoint(fr.Feature), fr.Feature.Bound
				if fr.Matched != fr.Name {
					r.Matched = fr.Matched
				}
				r.Region = s.Regions.Of(r.Point)
				if fr.Layer.Spec.ID == "regions" || fr.Layer.Spec.ID == "countries" {
					r.Region = fr.Feature.ID
				}
			}
		}
		r.Score = c.score
		out = append(out, r)
	}
	return out
}

// featureNames are the properties that name a feature.
var featureNames = []string{"name_fr", "name_en", "name"}

// sameEntry is the candidate entry that is the point feature f at pt: one of
// its names is one of the entry's, and it lies within sameKm.
func (s *Searcher) sameEntry(f *layers.Feature, pt orb.Point, cands []cand, marks []int32) *cand {
	ix := s.Index
	for _, p := range featureNames {
		n := f.String(p)
		if n == "" {
			continue
		}
		for _, e := range ix.exact[Fold(n)] {
			if j := marks[e]; j > 0 && cands[j-1].feature < 0 && approxKm(ix.Entries[e].Point(), pt) < sameKm {
				return &cands[j-1]
			}
		}
	}
	return nil
}

// cand is a candidate result: a gazetteer entry (entry ≥ 0), a feature of
// the catalogue (feature ≥ 0), or both.
type cand struct {
	entry   int32
	name    int32 // the entry's best-matching name
	qual    int
	feature int32
	score   float64
}

// topK returns the k best of cs (all when k ≤ 0), best first.
func topK(cs []cand, k int, less func(a, b *cand) bool) []cand {
	if k <= 0 || k >= len(cs) {
		slices.SortFunc(cs, func(a, b cand) int {
			if less(&a, &b) {
				return -1
			}
			if less(&b, &a) {
				return 1
			}
			return 0
		})
		return cs
	}
	top := make([]cand, 0, k+1)
	for i := range cs {
		c := &cs[i]
		if len(top) == k && !less(c, &top[k-1]) {
			continue
		}
		j := sort.Search(len(top), func(j int) bool { return less(c, &top[j]) })
		top = slices.Insert(top, j, *c)
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// labelPoint is where a feature is (cached: polygons need a search).
func (s *Searcher) labelPoint(f *layers.Feature) orb.Point {
	if p, ok := f.Geom.(orb.Point); ok {
		return p
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.labels[f]; ok {
		return p
	}
	if s.labels == nil {
		s.labels = map[*layers.Feature]orb.Point{}
	}
	p := geo.LabelPoint(f.Geom)
	s.labels[f] = p
	return p
}

// approxKm is the distance in km between two points (equirectangular: good
// enough for ranking).
func approxKm(a, b orb.Point) float64 {
	const r = math.Pi / 180
	x := (b[0] - a[0]) * r * math.Cos((a[1]+b[1])/2*r)
	y := (b[1] - a[1]) * r
	return 6371 * math.Hypot(x, y)
}
