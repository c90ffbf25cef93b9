package geo

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// This file reads the GeoJSON structure in one pass with the scanner of
// geojson_scan.go: it builds the orb values that geojson.UnmarshalFeatureCollection
// would build and collects the problems ReadFeatureCollection reports, each
// at the byte offset where it is found.

// problem is a Problem before its line and column are worked out.
type problem struct {
	off, feature int
	id, msg      string
}

// pending is a problem found inside a feature, before the feature's id is
// known.
type pending struct {
	off int
	msg string
}

type reader struct {
	s        scanner
	problems []problem
	// needOrb is set where the input is valid for the validation but orb's
	// decoder may read it differently or refuse it (numbers out of range in
	// properties, a malformed bbox, member names of a geometry in other
	// letter cases, "geometries" beside coordinates, ...): then orb's decoder
	// has the last word.
	needOrb bool

	features     []geojson.Feature // allocated in blocks of growing size
	featureBlock int
	// props shares one map among the features whose properties are the
	// same text (see sharedProperties).
	props                map[string]map[string]any
	propsTried, propsHit int
	points               []orb.Point // allocated in blocks, handed out in slices
	scratch              []orb.Point
}

// readGeoJSON reads a FeatureCollection from data: the collection, or the
// problems found in it.
func readGeoJSON(data []byte) (fc *geojson.FeatureCollection, problems []problem) {
	r := &reader{s: scanner{data: data}}
	defer func() {
		if e := recover(); e != nil {
			se, ok := e.(syntaxError)
			if !ok {
				panic(e)
			}
			fc, problems = nil, []problem{syntaxProblem(data, se)}
		}
	}()
	fc = r.root()
	r.s.end()
	if len(r.problems) > 0 {
		return nil, r.problems
	}
	if r.s.overflow { // encoding/json refuses it too
		return nil, []problem{{off: r.s.overflowAt, feature: -1, msg: "number " + short(r.numberText(r.s.overflowAt)) + " is out of range"}}
	}
	if r.needOrb {
		fc, err := geojson.UnmarshalFeatureCollection(data)
		if err != nil {
			return nil, []problem{{off: 0, feature: -1, msg: PlainJSON(err)}}
		}
		return fc, nil
	}
	return fc, nil
}

// syntaxProblem reports invalid JSON with encoding/json's words and place.
func syntaxProblem(data []byte, se syntaxError) problem {
	if !json.Valid(data) {
		var x any
		err := json.Unmarshal(data, &x)
		var jse *json.SyntaxError
		if errors.As(err, &jse) {
			return problem{off: int(jse.Offset) - 1, feature: -1, msg: "invalid JSON: " + jse.Error()}
		}
		if err != nil {
			return problem{off: 0, feature: -1, msg: "invalid JSON: " + err.Error()}
		}
	}
	return problem{off: se.off, feature: -1, msg: "invalid JSON: " + se.msg}
}

func (r *reader) add(off, feature int, id, msg string) {
	r.problems = append(r.problems, problem{off: off, feature: feature, id: id, msg: msg})
}

// root reads the top-level value: a FeatureCollection, or (RFC 7946 §2) a
// single Feature or a bare geometry, read as a collection of that one
// feature. The first "type" member of the top-level object tells which.
func (r *reader) root() *geojson.FeatureCollection {
	s := &r.s
	if s.need() != '{' {
		return r.collection()
	}
	switch typ := r.rootType(); {
	case typ == "Feature":
		f := r.feature(0)
		return &geojson.FeatureCollection{Type: "FeatureCollection", Features: []*geojson.Feature{f}}
	case coordDepth(typ) > 0 || typ == "GeometryCollection":
		g := r.geometry()
		for _, p := range g.problems {
			r.add(p.off, -1, "", p.msg)
		}
		f := geojson.NewFeature(g.g)
		return &geojson.FeatureCollection{Type: "FeatureCollection", Features: []*geojson.Feature{f}}
	}
	return r.collection()
}

// rootType is the value of the first "type" member of the object at pos when
// it is a string, else "", leaving pos where it is.
func (r *reader) rootType() string {
	s := scanner{data: r.s.data, pos: r.s.pos}
	s.open()
	for first := true; s.more('}', first); first = false {
		name := s.member()
		if string(name) == "type" {
			if s.data[s.pos] == '"' {
				return s.typeName()
			}
			return ""
		}
		s.skip()
	}
	return ""
}

func (r *reader) collection() *geojson.FeatureCollection {
	s := &r.s
	c := s.need()
	start := s.pos
	if c != '{' {
		s.skip()
		r.add(start, -1, "", fmt.Sprintf("not a FeatureCollection: the top level is %s, not an object", describe(c)))
		return nil
	}
	fc := &geojson.FeatureCollection{}
	var typ string
	typeOff, sawFeatures, stopped := start, false, false
	s.open()
	for first := true; s.more('}', first); first = false {
		nameOff := s.pos
		name := s.member()
		off := s.pos
		c := s.data[off]
		if stopped {
			s.skip()
			continue
		}
		if want := caseVariant(collectionMembers, name); want != "" {
			r.add(nameOff, -1, "", caseVariantMsg(name, want))
			s.skip()
			continue
		}
		switch string(name) {
		case "type":
			typeOff = off
			switch c {
			case '"':
				typ = s.typeName()
			case 'n': // leaves the type as it was; orb's decoder empties it
				s.skip()
				r.needOrb = true
			default:
				s.skip()
				typ = string(s.data[off:s.pos])
			}
		case "features":
			sawFeatures = true
			if c != '[' {
				r.add(off, -1, "", fmt.Sprintf("features is %s, not an array", describe(c)))
				stopped = c == '{'
				s.skip()
				continue
			}
			fc.Features = r.featureArray()
		case "bbox":
			var ps []pending
			fc.BBox, ps = r.bbox()
			for _, p := range ps {
				r.add(p.off, -1, "", p.msg)
			}
		default:
			if msg := r.extraMember(&fc.ExtraMembers, name); msg != "" {
				r.add(off, -1, "", msg)
			}
		}
	}
	if stopped {
		return nil
	}
	if typ != "FeatureCollection" {
		if typ == "" {
			r.add(start, -1, "", `not a FeatureCollection: no "type"`)
		} else {
			r.add(typeOff, -1, "", fmt.Sprintf("not a FeatureCollection: type is %q", short(typ)))
		}
	}
	if !sawFeatures && typ == "FeatureCollection" {
		r.add(start, -1, "", `FeatureCollection has no "features" array`)
	}
	fc.Type = typ
	return fc
}

func (r *reader) featureArray() []*geojson.Feature {
	s := &r.s
	s.open()
	features := []*geojson.Feature{}
	for i, first := 0, true; s.more(']', first); i, first = i+1, false {
		features = append(features, r.feature(i))
	}
	return features
}

func (r *reader) newFeature() *geojson.Feature {
	if len(r.features) == 0 {
		r.features = make([]geojson.Feature, min(max(2*r.featureBlock, 16), 256))
		r.featureBlock = len(r.features)
	}
	f := &r.features[0]
	r.features = r.features[1:]
	return f
}

// extraMember reads the value of a member GeoJSON does not define into
// *m (made when needed) under name; for a "crs" member it returns what is
// wrong with it, else "".
func (r *reader) extraMember(m *geojson.Properties, name []byte) string {
	s := &r.s
	if *m == nil {
		*m = geojson.Properties{}
	}
	v := s.value()
	(*m)[s.intern(name)] = v
	if string(name) == "crs" {
		return crsProblem(v)
	}
	return ""
}

// feature reads the feature with index idx in the features array.
func (r *reader) feature(idx int) *geojson.Feature {
	s := &r.s
	base := s.pos
	if c := s.data[base]; c != '{' {
		s.skip()
		r.add(base, idx, "", fmt.Sprintf("feature is %s, not an object", describe(c)))
		return nil
	}
	f := r.newFeature()
	var (
		typ, id, propID string
		badProps        = -1
		geom            geometryRead
		hasGeom         bool
		badID           = -1
		badIDKind       string
		fprobs          []pending // problems of the feature's own members
	)
	s.open()
	for first := true; s.more('}', first); first = false {
		nameOff := s.pos
		name := s.member()
		off := s.pos
		c := s.data[off]
		if want := caseVariant(featureMembers, name); want != "" {
			fprobs = append(fprobs, pending{nameOff, caseVariantMsg(name, want)})
			s.skip()
			continue
		}
		switch string(name) {
		case "type":
			typ = ""
			if c == '"' {
				typ = s.typeName()
			} else {
				s.skip()
			}
		case "id":
			f.ID = s.value()
			badID = -1
			switch v := f.ID.(type) {
			case string:
				id = v
			case float64:
				id = string(s.data[off:s.pos])
			case nil: // as if absent
			default:
				badID, badIDKind = off, describe(c)
			}
		case "properties":
			switch c {
			case '{':
				m := r.properties()
				f.Properties = m
				propID, _ = m["id"].(string)
			case 'n':
				s.skip()
				f.Properties = nil
			default:
				badProps = off
				s.skip()
			}
		case "geometry":
			geom, hasGeom = r.geometry(), true
		case "bbox":
			var ps []pending
			f.BBox, ps = r.bbox()
			fprobs = append(fprobs, ps...)
		default:
			if msg := r.extraMember(&f.ExtraMembers, name); msg != "" {
				fprobs = append(fprobs, pending{off, msg})
			}
		}
	}
	f.Type = typ
	if id == "" {
		id = propID
	}
	for _, p := range fprobs {
		r.add(p.off, idx, id, p.msg)
	}
	if badID >= 0 {
		r.add(badID, idx, id, "id is "+badIDKind+": a feature id is a string or a number")
	}
	if badProps >= 0 {
		r.add(badProps, idx, id, "properties must be an object or null")
	}
	if typ != "Feature" {
		r.add(base, idx, id, fmt.Sprintf("type is %q, not \"Feature\"", short(typ)))
	}
	if !hasGeom {
		r.add(base, idx, id, "missing geometry")
		return f
	}
	if geom.null { // valid: kept, not drawn (see Unplaced)
		return f
	}
	for _, p := range geom.problems {
		r.add(p.off, idx, id, p.msg)
	}
	f.Geometry = geom.g
	return f
}

// bbox reads a bbox member as orb's decoder does when it is null or an
// array of numbers; anything else is left to orb's decoder.
func (r *reader) bbox() (geojson.BBox, []pending) {
	s := &r.s
	switch c := s.data[s.pos]; c {
	case 'n':
		s.skip()
		return nil, nil
	case '[':
		s.open()
		bb := geojson.BBox{}
		var ps []pending
		for first := true; s.more(']', first); first = false {
			off := s.pos
			if c := s.data[off]; c == 'n' {
				r.needOrb = true // orb's decoder reads null as it does
				s.skip()
				continue
			} else if c != '-' && !isDigit(c) {
				s.skip()
				ps = append(ps, pending{off, "bbox holds " + describe(c) + ", not a number"})
				continue
			}
			f, err := s.float()
			if err != nil {
				ps = append(ps, pending{off, "bbox number " + short(r.numberText(off)) + " is out of range"})
			}
			bb = append(bb, f)
		}
		return bb, ps
	default:
		off := s.pos
		s.skip()
		return nil, []pending{{off, "bbox is " + describe(c) + ", not an array of numbers"}}
	}
}

// geometryRead is a geometry object read, with its problems.
type geometryRead struct {
	off      int
	null     bool
	g        orb.Geometry
	problems []pending
}

func (g *geometryRead) add(off int, msg string) {
	g.problems = append(g.problems, pending{off, msg})
}

// coordDepth is the depth of the coordinates array of each geometry type:
// 1 is a position.
func coordDepth(typ string) int {
	switch typ {
	case "Point":
		return 1
	case "MultiPoint", "LineString":
		return 2
	case "MultiLineString", "Polygon":
		return 3
	case "MultiPolygon":
		return 4
	}
	return 0
}

var nestingHint = map[string]string{
	"Point":           "[lon, lat]",
	"MultiPoint":      "[[lon, lat], ...]",
	"LineString":      "[[lon, lat], ...]",
	"MultiLineString": "[[[lon, lat], ...], ...]",
	"Polygon":         "[[[lon, lat], ...], ...] (rings)",
	"MultiPolygon":    "[[[[lon, lat], ...], ...], ...] (polygons of rings)",
}

// geometry reads a geometry value (an object or null).
func (r *reader) geometry() geometryRead {
	s := &r.s
	g := geometryRead{off: s.pos}
	switch c := s.data[s.pos]; c {
	case 'n':
		s.skip()
		g.null = true
		return g
	case '{':
	default:
		s.skip()
		g.add(g.off, fmt.Sprintf("geometry is %s, not an object", describe(c)))
		return g
	}
	var (
		typ       string
		hasType   bool
		coordsOff = -1 // where the (last) coordinates are
		parsedAs  string
		coords    orb.Geometry
		cprobs    []pending
		geomsOff  = -1   // where the (last) geometries are
		geomsNot  string // what they are when not an array
		subs      []geometryRead
	)
	s.open()
	for first := true; s.more('}', first); first = false {
		nameOff := s.pos
		name := s.member()
		off := s.pos
		c := s.data[off]
		if want := caseVariant(geometryMembers, name); want != "" {
			g.add(nameOff, caseVariantMsg(name, want))
			s.skip()
			continue
		}
		switch string(name) {
		case "type":
			hasType, typ = true, ""
			if c == '"' {
				typ = s.typeName()
			} else {
				s.skip()
				r.needOrb = true
			}
		case "coordinates":
			coordsOff, parsedAs = off, ""
			if coordDepth(typ) > 0 {
				coords, cprobs = r.coordinates(typ)
				parsedAs = typ
			} else {
				s.skip() // read when the type is known
			}
		case "geometries":
			geomsOff, geomsNot, subs = off, "", nil
			if c != '[' {
				geomsNot = describe(c)
				s.skip()
				continue
			}
			s.open()
			for first := true; s.more(']', first); first = false {
				subs = append(subs, r.geometry())
			}
		case "crs":
			if msg := crsProblem(s.value()); msg != "" {
				g.add(off, msg)
			}
		default:
			s.skip()
		}
	}
	if !hasType || typ == "" {
		g.add(g.off, "geometry has no type")
		return g
	}
	if typ == "GeometryCollection" {
		switch {
		case geomsOff < 0:
			g.add(g.off, `GeometryCollection has no "geometries" array`)
		case geomsNot == "an object":
			g.add(geomsOff, `GeometryCollection "geometries" is an object, not an array`)
		case geomsNot != "":
			g.add(geomsOff, fmt.Sprintf("geometry is %s, not an object", geomsNot))
		}
		if geomsOff >= 0 && geomsNot == "" && len(subs) == 0 {
			g.add(geomsOff, "GeometryCollection has no geometries")
		}
		col := make(orb.Collection, 0, len(subs))
		for _, sub := range subs {
			if sub.null {
				g.add(sub.off, "null geometry in a GeometryCollection")
				continue
			}
			g.problems = append(g.problems, sub.problems...)
			col = append(col, sub.g)
		}
		g.g = col
		return g
	}
	if geomsOff >= 0 && geomsNot != "null" {
		r.needOrb = true // orb's decoder reads them, and may refuse them
	}
	if coordDepth(typ) == 0 {
		g.add(g.off, fmt.Sprintf("unknown geometry type %q", short(typ)))
		return g
	}
	if coordsOff < 0 {
		g.add(g.off, typ+" has no coordinates")
		return g
	}
	if parsedAs != typ {
		end := s.pos
		s.pos = coordsOff
		coords, cprobs = r.coordinates(typ)
		s.pos = end
	}
	g.g = coords
	g.problems = append(g.problems, cprobs...)
	return g
}

// coords holds the problems of one geometry's coordinates: once a
// nesting problem is found, it is the only one.
type coords struct {
	typ      string
	nested   bool
	problems []pending
}

func (c *coords) add(off int, msg string) {
	if !c.nested {
		c.problems = append(c.problems, pending{off, msg})
	}
}

// nesting records a nesting problem: found is what was found.
func (c *coords) nesting(off int, found string) {
	if c.nested {
		return
	}
	c.nested = true
	c.problems = append(c.problems[:0], pending{off,
		fmt.Sprintf("wrong coordinate nesting for %s: found %s; want %s", c.typ, found, nestingHint[c.typ])})
}

// notArray records that the value at pos, which is skipped, is not the
// array it should be.
func (r *reader) notArray(c *coords) {
	s := &r.s
	c.nesting(s.pos, describe(s.data[s.pos])+" where an array belongs")
	s.skip()
}

// coordinates reads the coordinates of a geometry of type typ.
func (r *reader) coordinates(typ string) (orb.Geometry, []pending) {
	c := &coords{typ: typ}
	var g orb.Geometry
	switch typ {
	case "Point":
		p, _ := r.position(c)
		g = p
	case "MultiPoint":
		pr := r.positions(c)
		if pr.ok && len(pr.points) == 0 {
			c.add(pr.off, "MultiPoint has no positions")
		}
		g = orb.MultiPoint(pr.points)
	case "LineString":
		g = orb.LineString(r.line(c, -1))
	case "MultiLineString":
		mls := orb.MultiLineString{}
		off, ok := r.array(c, func(i int) { mls = append(mls, r.line(c, i)) })
		if ok && len(mls) == 0 {
			c.add(off, "MultiLineString has no lines")
		}
		g = mls
	case "Polygon":
		g = r.polygon(c, -1)
	case "MultiPolygon":
		mp := orb.MultiPolygon{}
		off, ok := r.array(c, func(i int) { mp = append(mp, r.polygon(c, i)) })
		if ok && len(mp) == 0 {
			c.add(off, "MultiPolygon has no polygons")
		}
		g = mp
	}
	return g, c.problems
}

// array reads an array at pos, calling elem for each element, and returns
// where it starts; ok is false (and the value skipped) when it is not an
// array.
func (r *reader) array(c *coords, elem func(i int)) (off int, ok bool) {
	s := &r.s
	off = s.pos
	if s.data[off] != '[' {
		r.notArray(c)
		return off, false
	}
	s.open()
	for i, first := 0, true; s.more(']', first); i, first = i+1, false {
		elem(i)
	}
	return off, true
}

// position reads [lon, lat, ...] and checks it; n is how many numbers it
// has.
func (r *reader) position(c *coords) (p orb.Point, n int) {
	s := &r.s
	off := s.pos
	if s.data[off] != '[' {
		r.notArray(c)
		return p, 0
	}
	var numOff [2]int
	var bad [2]bool
	s.open()
	for first := true; s.more(']', first); first = false {
		if ch := s.data[s.pos]; ch != '-' && !isDigit(ch) {
			what := "array"
			if ch != '[' {
				what = describe(ch)
			}
			c.nesting(s.pos, "an array or "+what+" where a number belongs")
			s.skip()
			continue
		}
		if n < 2 {
			numOff[n] = s.pos
			f, err := s.float()
			p[n] = f
			bad[n] = err != nil || math.IsInf(f, 0) || math.IsNaN(f)
		} else {
			s.number()
		}
		n++
	}
	if c.nested {
		return p, n
	}
	if n < 2 {
		c.add(off, fmt.Sprintf("position has %d numbers, want [lon, lat]", n))
		return p, n
	}
	for i := range 2 {
		switch {
		case bad[i]:
			c.add(numOff[i], "non-finite coordinate "+r.numberText(numOff[i]))
		case i == 0 && (p[0] < -180 || p[0] > 180):
			c.add(numOff[i], fmt.Sprintf("longitude %s out of range [-180, 180]", r.numberText(numOff[i])))
		case i == 1 && (p[1] < -90 || p[1] > 90):
			c.add(numOff[i], fmt.Sprintf("latitude %s out of range [-90, 90]", r.numberText(numOff[i])))
		}
	}
	return p, n
}

// numberText is the text of the number at off.
func (r *reader) numberText(off int) string {
	s := scanner{data: r.s.data, pos: off}
	return string(s.number())
}

// positionText is the text of the position at off: [a, b, ...].
func (r *reader) positionText(off int) string {
	s := scanner{data: r.s.data, pos: off}
	var parts []string
	s.open()
	for first := true; s.more(']', first); first = false {
		parts = append(parts, string(s.number()))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// positionsRead is an array of positions read.
type positionsRead struct {
	off, firstOff, lastOff int
	ok                     bool // it is an array
	firstN, lastN          int  // numbers in the first and last positions
	points                 []orb.Point
}

// positions reads an array of positions.
func (r *reader) positions(c *coords) positionsRead {
	s := &r.s
	pr := positionsRead{off: s.pos}
	if s.data[s.pos] != '[' {
		r.notArray(c)
		return pr
	}
	pr.ok = true
	start := len(r.scratch)
	s.open()
	for first := true; s.more(']', first); first = false {
		off := s.pos
		p, n := r.position(c)
		if first {
			pr.firstOff, pr.firstN = off, n
		}
		pr.lastOff, pr.lastN = off, n
		r.scratch = append(r.scratch, p)
	}
	pr.points = r.keep(r.scratch[start:])
	r.scratch = r.scratch[:start]
	return pr
}

// keep copies points into a block of points shared by the geometries.
func (r *reader) keep(pts []orb.Point) []orb.Point {
	n := len(pts)
	if n == 0 {
		return []orb.Point{}
	}
	if cap(r.points)-len(r.points) < n {
		r.points = make([]orb.Point, 0, max(n, min(2*cap(r.points), 4096), 256))
	}
	i := len(r.points)
	r.points = append(r.points, pts...)
	return r.points[i : i+n : i+n]
}

// line reads the positions of a LineString or of a line of a
// MultiLineString.
func (r *reader) line(c *coords, i int) []orb.Point {
	before := len(c.problems)
	pr := r.positions(c)
	if pr.ok && len(pr.points) < 2 {
		c.add(pr.off, fmt.Sprintf("%s line has %d positions, needs at least 2", c.typ, len(pr.points)))
	}
	if len(c.problems) == before && !c.nested {
		if k := crossing(pr.points); k >= 0 {
			what := "line"
			if i >= 0 {
				what = fmt.Sprintf("line %d", i)
			}
			c.add(pr.off, crossingMsg(what, pr.points, k, "MultiLineString"))
		}
	}
	return pr.points
}

// polygon reads the rings of a polygon, the one with index poly in a
// MultiPolygon or -1.
func (r *reader) polygon(c *coords, poly int) orb.Polygon {
	which := func() string {
		if poly < 0 {
			return ""
		}
		return fmt.Sprintf("polygon %d ", poly)
	}
	rings := orb.Polygon{}
	off, ok := r.array(c, func(i int) {
		before := len(c.problems)
		pr := r.positions(c)
		defer func() {
			if len(c.problems) == before && !c.nested {
				if k := crossing(pr.points); k >= 0 {
					c.add(pr.off, crossingMsg(fmt.Sprintf("%sring %d", which(), i), pr.points, k, "MultiPolygon"))
				}
			}
		}()
		rings = append(rings, orb.Ring(pr.points))
		if !pr.ok {
			return
		}
		n := len(pr.points)
		if n < 4 {
			c.add(pr.off, fmt.Sprintf("%sring %d has %d positions, needs at least 4", which(), i, n))
			return
		}
		first, last := pr.points[0], pr.points[n-1]
		if pr.firstN >= 2 && pr.lastN >= 2 && first != last {
			c.add(pr.off, fmt.Sprintf("%sring %d is not closed: first position %s, last %s",
				which(), i, r.positionText(pr.firstOff), r.positionText(pr.lastOff)))
		}
	})
	if ok && len(rings) == 0 {
		c.add(off, which()+"polygon has no rings")
	}
	return rings
}

// Sharing properties: a large file of events or routes repeats the same
// few properties ({"kind":"battle","year":2021,"fatalities":2}) on
// thousands of features, and a map per feature is most of the memory such
// a file takes once read. The features whose "properties" are the same
// short text of plain values (strings, numbers, booleans, null) get one
// map between them: the maps a reader returns are to be read, not changed
// (no code of the atlas changes the properties of a feature it has read).
const (
	maxSharedPropsText = 256   // bytes of a properties object worth looking up
	maxSharedProps     = 16384 // distinct properties kept for sharing
	sharedPropsProbe   = 2048  // features read before giving up when few repeat
)

// properties reads the properties object at pos: a map shared with the
// features before that had the same text, else a new one.
func (r *reader) properties() map[string]any {
	s := &r.s
	if r.propsTried >= sharedPropsProbe && r.propsHit*4 < r.propsTried {
		return s.object() // the properties hardly repeat: not worth the lookups
	}
	start := s.pos
	s.skip()
	raw := s.data[start:s.pos]
	if len(raw) > maxSharedPropsText {
		s.pos = start
		return s.object()
	}
	r.propsTried++
	if m, ok := r.props[string(raw)]; ok {
		r.propsHit++
		return m
	}
	s.pos = start
	m := s.object()
	if len(r.props) < maxSharedProps && plainValues(m) {
		if r.props == nil {
			r.props = make(map[string]map[string]any)
		}
		r.props[string(raw)] = m
	}
	return m
}

// plainValues reports whether every value of m is a string, a number, a
// boolean or null (nothing a caller could change inside).
func plainValues(m map[string]any) bool {
	for _, v := range m {
		switch v.(type) {
		case string, float64, bool, nil:
		default:
			return false
		}
	}
	return true
}
