package render

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
)

// FontSet is the fonts a scene draws its text with.
type FontSet struct {
	Regular, Bold, Italic *Font
}

// Scene is a catalogue prepared for drawing: each feature's geometry is
// projected once to normalised Web Mercator, so a frame only scales and
// shifts. A Scene is safe for concurrent Draw calls.
type Scene struct {
	Catalog *layers.Catalog
	Fonts   FontSet
	// DataExtent is where the base data end (the shared geodata are clipped
	// to it); beyond it the map is drawn as "no data", not as sea. Zero: none.
	DataExtent orb.Bound

	mu       sync.Mutex
	prepared map[*layers.Layer]*prepEntry
}

// prepEntry is one layer's preparation, made once (layers are prepared in
// parallel: see prepAll).
type prepEntry struct {
	once sync.Once
	p    atomic.Pointer[prepLayer]
}

// NewScene prepares cat for drawing with fonts.
func NewScene(cat *layers.Catalog, fonts FontSet) *Scene {
	return &Scene{Catalog: cat, Fonts: fonts, prepared: map[*layers.Layer]*prepEntry{}}
}

type wpt struct{ x, y float64 }

// part is a ring or a line: pts[start:end]. poly numbers the polygon a ring
// belongs to within its feature (rings of one polygon are filled together).
type part struct {
	start, end int
	poly       int
}

type geomKind uint8

const (
	kindPoint geomKind = iota
	kindLine
	kindPolygon
)

type prepFeature struct {
	f *layers.Feature
	// The bounding box, rounded outwards to float32 (16 bytes less for
	// each of a big layer's features: issue #13).
	minX, minY, maxX, maxY float32
	pts                    []wpt
	parts                  []part         // read only: point features share onePointPart
	label                  wpt            // label anchor for polygons and points
	sym                    *layers.Symbol // the feature's symbol (fixed for a layer)
	kind                   geomKind
	hasLabel               bool
}

// onePointPart is the parts of every single-point feature.
var onePointPart = []part{{0, 1, 0}}

type prepLayer struct {
	layer *layers.Layer
	feats []prepFeature

	indexOnce sync.Once
	index     map[*layers.Feature]int // feature → place in feats (hit tests)

	lodMu sync.Mutex
	lod   map[int]*lodLevel // simplified outlines per zoom level (lod.go)

	ext      [4]float64 // the features' extent: min x, min y, max x, max y
	gridOnce sync.Once
	grid     *featGrid // the features by grid cell, for frames over a small part (lod.go)
	// unlabelled: no feature of the layer gives a label (no label spec,
	// no lines to say where they go off the map): collectLabels skips it.
	unlabelled bool

	namedOnce sync.Once
	namer     *prepLayer // the layer that names the same places (LayerSpec.NamedBy)
	named     []int32    // per feature, the namer's feature that is the same place, or -1
}

func (s *Scene) prep(l *layers.Layer) *prepLayer {
	s.mu.Lock()
	e := s.prepared[l]
	if e == nil {
		e = &prepEntry{}
		s.prepared[l] = e
	}
	s.mu.Unlock()
	e.once.Do(func() { e.p.Store(prepare(l)) })
	return e.p.Load()
}

// namedBy returns the layer that names pl's places better
// (LayerSpec.NamedBy, a zoom band's from its parent), prepared, and for each
// feature of pl the index in it of the feature that is the same place (-1:
// none); nil, nil when pl has no such layer. Worked out once per layer.
func (s *Scene) namedBy(pl *prepLayer) (*prepLayer, []int32) {
	pl.namedOnce.Do(func() {
		spec := &pl.layer.Spec
		id := spec.NamedBy
		if spec.Parent != "" {
			if p := s.Catalog.Layer(spec.Parent); p != nil {
				id = p.Spec.NamedBy
			}
		}
		nl := s.Catalog.Layer(id)
		if id == "" || nl == nil || nl == pl.layer {
			return
		}
		npl := s.prep(nl)
		feats := make([]*layers.Feature, len(pl.feats))
		for i := range pl.feats {
			feats[i] = pl.feats[i].f
		}
		namers := make([]*layers.Feature, len(npl.feats))
		for i := range npl.feats {
			namers[i] = npl.feats[i].f
		}
		named := layers.SamePlaces(feats, namers)
		if slices.ContainsFunc(named, func(i int32) bool { return i >= 0 }) {
			pl.namer, pl.named = npl, named
		}
	})
	return pl.namer, pl.named
}

// prepAll prepares the layers not yet prepared, on every core.
func (s *Scene) prepAll(ls []*layers.Layer) {
	var todo []*layers.Layer
	s.mu.Lock()
	for _, l := range ls {
		if e := s.prepared[l]; e == nil || e.p.Load() == nil {
			todo = append(todo, l)
		}
	}
	s.mu.Unlock()
	if len(todo) < 2 {
		return
	}
	var wg sync.WaitGroup
	next := make(chan *layers.Layer)
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for l := range next {
				s.prep(l)
			}
		})
	}
	for _, l := range todo {
		next <- l
	}
	close(next)
	wg.Wait()
}

// prepare projects l's features.
func prepare(l *layers.Layer) *prepLayer {
	_ = l.Load() // a basemap band is decoded when first drawn
	p := &prepLayer{layer: l, feats: make([]prepFeature, 0, len(l.Features))}
	var arena []wpt // single points, projected into blocks (not one allocation each)
	for i, f := range l.Features {
		pf := prepFeature{f: f, sym: l.Symbol(f)}
		if pt, ok := f.Geom.(orb.Point); ok {
			if len(arena) == cap(arena) {
				arena = make([]wpt, 0, min(4096, len(l.Features)-i))
			}
			arena = append(arena, project(pt))
			n := len(arena)
			pf.kind, pf.pts, pf.parts = kindPoint, arena[n-1:n:n], onePointPart
		} else {
			// Sized once: grown by append, the points would keep up to
			// twice their room (issue #13, export memory).
			np, nparts := geomSize(f.Geom)
			pf.pts, pf.parts = make([]wpt, 0, np), make([]part, 0, nparts)
			addGeometry(&pf, f.Geom)
		}
		if len(pf.pts) == 0 {
			continue
		}
		minX, minY, maxX, maxY := pf.pts[0].x, pf.pts[0].y, pf.pts[0].x, pf.pts[0].y
		for _, q := range pf.pts[1:] {
			minX, maxX = min(minX, q.x), max(maxX, q.x)
			minY, maxY = min(minY, q.y), max(maxY, q.y)
		}
		pf.minX, pf.minY, pf.maxX, pf.maxY = down32(minX), down32(minY), up32(maxX), up32(maxY)
		if l.Spec.Label != nil {
			pf.label, pf.hasLabel = labelAnchor(f, pf.kind)
		}
		p.feats = append(p.feats, pf)
	}
	p.ext = [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for i := range p.feats {
		f := &p.feats[i]
		p.ext = [4]float64{min(p.ext[0], float64(f.minX)), min(p.ext[1], float64(f.minY)), max(p.ext[2], float64(f.maxX)), max(p.ext[3], float64(f.maxY))}
	}
	p.unlabelled = l.Spec.Label == nil && !slices.ContainsFunc(p.feats, func(f prepFeature) bool { return f.kind == kindLine })
	return p
}

// down32 is the largest float32 not above x; up32 the smallest not below.
func down32(x float64) float32 {
	f := float32(x)
	if float64(f) > x {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

func up32(x float64) float32 {
	f := float32(x)
	if float64(f) < x {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

func project(p orb.Point) wpt {
	x, y := geo.Project(p)
	return wpt{x, y}
}

// geomSize is how many points and parts addGeometry makes of g, at most.
func geomSize(g orb.Geometry) (pts, parts int) {
	switch g := g.(type) {
	case orb.Point:
		return 1, 1
	case orb.MultiPoint:
		return len(g), len(g)
	case orb.LineString:
		return len(g), 1
	case orb.MultiLineString:
		for _, l := range g {
			pts += len(l)
		}
		return pts, len(g)
	case orb.Polygon:
		for _, r := range g {
			pts += len(r)
		}
		return pts, len(g)
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				pts += len(r)
			}
			parts += len(p)
		}
		return pts, parts
	case orb.Collection:
		for _, c := range g {
			a, b := geomSize(c)
			pts, parts = pts+a, parts+b
		}
	}
	return pts, parts
}

func addGeometry(pf *prepFeature, g orb.Geometry) {
	addRing := func(r []orb.Point, poly int) {
		start := len(pf.pts)
		for _, q := range r {
			pf.pts = append(pf.pts, project(q))
		}
		// Rings are stored without the closing point.
		if n := len(pf.pts); n-start > 1 && pf.pts[n-1] == pf.pts[start] {
			pf.pts = pf.pts[:n-1]
		}
		pf.parts = append(pf.parts, part{start, len(pf.pts), poly})
	}
	switch g := g.(type) {
	case orb.Point:
		pf.kind = kindPoint
		pf.pts = append(pf.pts, project(g))
		pf.parts = append(pf.parts, part{len(pf.pts) - 1, len(pf.pts), 0})
	case orb.MultiPoint:
		pf.kind = kindPoint
		for _, q := range g {
			pf.pts = append(pf.pts, project(q))
			pf.parts = append(pf.parts, part{len(pf.pts) - 1, len(pf.pts), 0})
		}
	case orb.LineString:
		pf.kind = kindLine
		addRing(g, 0)
		pf.parts[len(pf.parts)-1].end = len(pf.pts)
	case orb.MultiLineString:
		pf.kind = kindLine
		for i, ls := range g {
			start := len(pf.pts)
			for _, q := range ls {
				pf.pts = append(pf.pts, project(q))
			}
			pf.parts = append(pf.parts, part{start, len(pf.pts), i})
		}
	case orb.Polygon:
		pf.kind = kindPolygon
		for _, r := range g {
			addRing(r, 0)
		}
	case orb.MultiPolygon:
		pf.kind = kindPolygon
		for i, poly := range g {
			for _, r := range poly {
				addRing(r, i)
			}
		}
	case orb.Collection:
		for _, c := range g {
			addGeometry(pf, c)
		}
	}
}

// labelAnchor is where a feature's label goes: a polygon's pole of
// inaccessibility (or the label_lon/label_lat properties), a point itself.
func labelAnchor(f *layers.Feature, kind geomKind) (wpt, bool) {
	if lon, ok := f.Props["label_lon"].(float64); ok {
		if lat, ok := f.Props["label_lat"].(float64); ok {
			return project(orb.Point{lon, lat}), true
		}
	}
	switch g := f.Geom.(type) {
	case orb.Point:
		return project(g), true
	case orb.Polygon, orb.MultiPolygon:
		return project(geo.LabelPoint(g)), true
	}
	return wpt{}, false
}
