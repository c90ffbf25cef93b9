// The original geojson.go (commit 545f4f7), renamed: the reference reader
// whose error messages the differential tests compare with.

package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb/geojson"
)

// refReadFeatureCollection is the original ReadFeatureCollection: it reads a GeoJSON FeatureCollection and validates it.
// On any problem it returns a nil collection and an *InputError listing
// every problem as "name:line:col: feature N (id "x"): what is wrong", where
// N is the index in the features array: invalid JSON, a top level that is
// not a FeatureCollection, a feature without geometry or with an unknown
// geometry type, wrongly nested coordinates, non-finite or out-of-range
// longitudes and latitudes, polygon rings that are unclosed or have fewer
// than 4 positions, lines with fewer than 2.
func refReadFeatureCollection(name string, r io.Reader) (*geojson.FeatureCollection, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	v := &refValidator{name: name, data: data}
	v.lines = refLineStarts(data)
	v.validate()
	if len(v.problems) > 0 {
		sort.SliceStable(v.problems, func(i, j int) bool {
			a, b := v.problems[i], v.problems[j]
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Col < b.Col
		})
		return nil, &InputError{Problems: v.problems}
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, &InputError{Problems: []Problem{v.problem(0, -1, "", err.Error())}}
	}
	return fc, nil
}

type refValidator struct {
	name     string
	data     []byte
	lines    []int
	problems []Problem
}

func refLineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func (v *refValidator) problem(off, feature int, id, msg string) Problem {
	off = max(0, min(off, len(v.data)))
	line := sort.Search(len(v.lines), func(i int) bool { return v.lines[i] > off }) - 1
	col := utf8.RuneCount(v.data[v.lines[line]:off]) + 1
	return Problem{File: v.name, Line: line + 1, Col: col, Feature: feature, ID: id, Msg: msg}
}

func (v *refValidator) add(off, feature int, id, format string, args ...any) {
	v.problems = append(v.problems, v.problem(off, feature, id, fmt.Sprintf(format, args...)))
}

// next returns the offset of the next token in data after the decoder's
// position (skipping white space and separators).
func refNext(data []byte, dec *json.Decoder, base int) int {
	off := int(dec.InputOffset())
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return base + off
}

func (v *refValidator) validate() {
	if !json.Valid(v.data) {
		var x any
		err := json.Unmarshal(v.data, &x)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			v.add(int(se.Offset)-1, -1, "", "invalid JSON: %v", se)
		} else {
			v.add(0, -1, "", "invalid JSON: %v", err)
		}
		return
	}
	dec := json.NewDecoder(bytes.NewReader(v.data))
	dec.UseNumber()
	start := refNext(v.data, dec, 0)
	tok, _ := dec.Token()
	if tok != json.Delim('{') {
		v.add(start, -1, "", "not a FeatureCollection: the top level is %s, not an object", refDescribe(tok))
		return
	}
	var typ string
	typeOff, sawFeatures := start, false
	for dec.More() {
		keyTok, _ := dec.Token()
		key, _ := keyTok.(string)
		valOff := refNext(v.data, dec, 0)
		switch key {
		case "type":
			var raw json.RawMessage
			_ = dec.Decode(&raw)
			typeOff = valOff
			if err := json.Unmarshal(raw, &typ); err != nil {
				typ = string(raw)
			}
		case "features":
			sawFeatures = true
			t, _ := dec.Token()
			if t != json.Delim('[') {
				v.add(valOff, -1, "", "features is %s, not an array", refDescribe(t))
				if _, isDelim := t.(json.Delim); isDelim {
					return // an object: cannot resynchronise cheaply
				}
				continue
			}
			for i := 0; dec.More(); i++ {
				off := refNext(v.data, dec, 0)
				var raw json.RawMessage
				_ = dec.Decode(&raw)
				v.feature(raw, off, i)
			}
			_, _ = dec.Token() // ]
		default:
			var raw json.RawMessage
			_ = dec.Decode(&raw)
		}
	}
	if typ != "FeatureCollection" {
		if typ == "" {
			v.add(start, -1, "", "not a FeatureCollection: no \"type\"")
		} else {
			v.add(typeOff, -1, "", "not a FeatureCollection: type is %q", typ)
		}
	}
	if !sawFeatures && typ == "FeatureCollection" {
		v.add(start, -1, "", "FeatureCollection has no \"features\" array")
	}
}

func refDescribe(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "an array"
		}
		return "an object"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", tok)
}

// coord is a parsed coordinates value: a number or an array, with the
// offset where it starts.
type refCoord struct {
	off   int
	isNum bool
	num   string
	kids  []refCoord
}

func refParseCoord(dec *json.Decoder, raw []byte, base int) refCoord {
	c := refCoord{off: refNext(raw, dec, base)}
	tok, err := dec.Token()
	if err != nil {
		return c
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			for dec.More() {
				c.kids = append(c.kids, refParseCoord(dec, raw, base))
			}
			_, _ = dec.Token()
			if c.kids == nil {
				c.kids = []refCoord{}
			}
			return c
		}
		// An object: skip it.
		depth := 1
		for depth > 0 {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			if d, ok := tok.(json.Delim); ok {
				if d == '{' || d == '[' {
					depth++
				} else {
					depth--
				}
			}
		}
		c.num = "an object"
	case json.Number:
		c.isNum, c.num = true, string(t)
	default:
		c.num = refDescribe(tok)
	}
	return c
}

type refGeometry struct {
	off        int
	typ        string
	hasType    bool
	coords     *refCoord
	geometries []refGeometry
	isNull     bool
	notObject  string
}

func refParseGeometry(dec *json.Decoder, raw []byte, base int) refGeometry {
	g := refGeometry{off: refNext(raw, dec, base)}
	tok, err := dec.Token()
	if err != nil {
		return g
	}
	if tok == nil {
		g.isNull = true
		return g
	}
	if tok != json.Delim('{') {
		g.notObject = refDescribe(tok)
		if d, ok := tok.(json.Delim); ok && d == '[' {
			for dec.More() {
				var r json.RawMessage
				_ = dec.Decode(&r)
			}
			_, _ = dec.Token()
		}
		return g
	}
	for dec.More() {
		kt, _ := dec.Token()
		switch kt {
		case "type":
			var s any
			_ = dec.Decode(&s)
			g.typ, _ = s.(string)
			g.hasType = true
		case "coordinates":
			c := refParseCoord(dec, raw, base)
			g.coords = &c
		case "geometries":
			off := refNext(raw, dec, base)
			t, _ := dec.Token()
			if t != json.Delim('[') {
				g.geometries = []refGeometry{{off: off, notObject: refDescribe(t)}}
				continue
			}
			g.geometries = []refGeometry{}
			for dec.More() {
				g.geometries = append(g.geometries, refParseGeometry(dec, raw, base))
			}
			_, _ = dec.Token()
		default:
			var r json.RawMessage
			_ = dec.Decode(&r)
		}
	}
	_, _ = dec.Token()
	return g
}

func (v *refValidator) feature(raw []byte, base, idx int) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, _ := dec.Token()
	if tok != json.Delim('{') {
		v.add(base, idx, "", "feature is %s, not an object", refDescribe(tok))
		return
	}
	var (
		typ, id, propID string
		geom            *refGeometry
		badProps        = -1
	)
	for dec.More() {
		kt, _ := dec.Token()
		switch kt {
		case "type":
			var s any
			_ = dec.Decode(&s)
			typ, _ = s.(string)
		case "id":
			var s any
			_ = dec.Decode(&s)
			switch s := s.(type) {
			case string:
				id = s
			case json.Number:
				id = string(s)
			}
		case "properties":
			off := refNext(raw, dec, base)
			var p any
			_ = dec.Decode(&p)
			switch p := p.(type) {
			case map[string]any:
				propID, _ = p["id"].(string)
			case nil:
			default:
				badProps = off
			}
		case "geometry":
			g := refParseGeometry(dec, raw, base)
			geom = &g
		default:
			var r json.RawMessage
			_ = dec.Decode(&r)
		}
	}
	if id == "" {
		id = propID
	}
	if badProps >= 0 {
		v.add(badProps, idx, id, "properties must be an object or null")
	}
	if typ != "Feature" {
		v.add(base, idx, id, "type is %q, not \"Feature\"", typ)
	}
	if geom == nil || geom.isNull {
		v.add(base, idx, id, "missing geometry")
		return
	}
	v.geometry(*geom, idx, id)
}

// depth of the coordinates array of each geometry type: 1 is a position.
var refCoordDepth = map[string]int{
	"Point": 1, "MultiPoint": 2, "LineString": 2,
	"MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4,
}

var refNestingHint = map[string]string{
	"Point":           "[lon, lat]",
	"MultiPoint":      "[[lon, lat], ...]",
	"LineString":      "[[lon, lat], ...]",
	"MultiLineString": "[[[lon, lat], ...], ...]",
	"Polygon":         "[[[lon, lat], ...], ...] (rings)",
	"MultiPolygon":    "[[[[lon, lat], ...], ...], ...] (polygons of rings)",
}

func (v *refValidator) geometry(g refGeometry, idx int, id string) {
	if g.notObject != "" {
		v.add(g.off, idx, id, "geometry is %s, not an object", g.notObject)
		return
	}
	if !g.hasType || g.typ == "" {
		v.add(g.off, idx, id, "geometry has no type")
		return
	}
	if g.typ == "GeometryCollection" {
		if g.geometries == nil {
			v.add(g.off, idx, id, "GeometryCollection has no \"geometries\" array")
		}
		for _, sub := range g.geometries {
			if sub.isNull {
				v.add(sub.off, idx, id, "null geometry in a GeometryCollection")
				continue
			}
			v.geometry(sub, idx, id)
		}
		return
	}
	depth, ok := refCoordDepth[g.typ]
	if !ok {
		v.add(g.off, idx, id, "unknown geometry type %q", g.typ)
		return
	}
	if g.coords == nil {
		v.add(g.off, idx, id, "%s has no coordinates", g.typ)
		return
	}
	if !v.nesting(*g.coords, depth, g.typ, idx, id) {
		return
	}
	c := *g.coords
	switch g.typ {
	case "Point":
		v.position(c, idx, id)
	case "MultiPoint":
		v.positions(c, idx, id)
	case "LineString":
		v.line(c, g.typ, idx, id)
	case "MultiLineString":
		for _, l := range c.kids {
			v.line(l, g.typ, idx, id)
		}
	case "Polygon":
		v.polygon(c, "", idx, id)
	case "MultiPolygon":
		for i, p := range c.kids {
			v.polygon(p, fmt.Sprintf("polygon %d ", i), idx, id)
		}
	}
}

// nesting checks that c is an array nested depth deep (1 = a position) and
// reports the first place where it is not.
func (v *refValidator) nesting(c refCoord, depth int, typ string, idx int, id string) bool {
	var walk func(c refCoord, d int) bool
	walk = func(c refCoord, d int) bool {
		if d == 0 {
			if c.isNum {
				return true
			}
			v.add(c.off, idx, id, "wrong coordinate nesting for %s: found an array or %s where a number belongs; want %s", typ, refOrArray(c), refNestingHint[typ])
			return false
		}
		if c.kids == nil {
			what := "a number"
			if !c.isNum {
				what = c.num
			}
			v.add(c.off, idx, id, "wrong coordinate nesting for %s: found %s where an array belongs; want %s", typ, what, refNestingHint[typ])
			return false
		}
		for _, k := range c.kids {
			if !walk(k, d-1) {
				return false
			}
		}
		return true
	}
	return walk(c, depth)
}

func refOrArray(c refCoord) string {
	if c.num == "" {
		return "array"
	}
	return c.num
}

func (v *refValidator) position(c refCoord, idx int, id string) {
	if len(c.kids) < 2 {
		v.add(c.off, idx, id, "position has %d numbers, want [lon, lat]", len(c.kids))
		return
	}
	for i, k := range c.kids[:2] {
		f, err := strconv.ParseFloat(k.num, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			v.add(k.off, idx, id, "non-finite coordinate %s", k.num)
			continue
		}
		if i == 0 && (f < -180 || f > 180) {
			v.add(k.off, idx, id, "longitude %s out of range [-180, 180]", k.num)
		}
		if i == 1 && (f < -90 || f > 90) {
			v.add(k.off, idx, id, "latitude %s out of range [-90, 90]", k.num)
		}
	}
}

func (v *refValidator) positions(c refCoord, idx int, id string) {
	for _, p := range c.kids {
		v.position(p, idx, id)
	}
}

func (v *refValidator) line(c refCoord, typ string, idx int, id string) {
	if len(c.kids) < 2 {
		v.add(c.off, idx, id, "%s line has %d positions, needs at least 2", typ, len(c.kids))
	}
	v.positions(c, idx, id)
}

func (v *refValidator) polygon(c refCoord, which string, idx int, id string) {
	if len(c.kids) == 0 {
		v.add(c.off, idx, id, "%spolygon has no rings", which)
	}
	for i, ring := range c.kids {
		v.positions(ring, idx, id)
		n := len(ring.kids)
		if n < 4 {
			v.add(ring.off, idx, id, "%sring %d has %d positions, needs at least 4", which, i, n)
			continue
		}
		first, last := ring.kids[0], ring.kids[n-1]
		if !refSamePosition(first, last) {
			v.add(ring.off, idx, id, "%sring %d is not closed: first position %s, last %s", which, i, refPosText(first), refPosText(last))
		}
	}
}

func refSamePosition(a, b refCoord) bool {
	if len(a.kids) < 2 || len(b.kids) < 2 {
		return true // reported elsewhere
	}
	for i := 0; i < 2; i++ {
		x, _ := strconv.ParseFloat(a.kids[i].num, 64)
		y, _ := strconv.ParseFloat(b.kids[i].num, 64)
		if x != y {
			return false
		}
	}
	return true
}

func refPosText(c refCoord) string {
	parts := make([]string, len(c.kids))
	for i, k := range c.kids {
		parts[i] = k.num
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
