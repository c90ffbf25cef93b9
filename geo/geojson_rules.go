package geo

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// This file holds the rules of RFC 7946 that the GeoJSON reader applies
// beyond the structure: member names are case-sensitive, a crs member may
// only name WGS 84 longitude/latitude, a geometry does not cross the
// antimeridian, a Multi* geometry is not empty.

// The names of the members GeoJSON defines, by the kind of object:
// encoding/json (and so orb's decoder) matches a struct field's name in any
// letter case, so a name that differs only in case is refused rather than
// read as one thing here and another there.
var (
	collectionMembers = []string{"type", "features", "bbox"}
	featureMembers    = []string{"type", "id", "geometry", "properties", "bbox"}
	geometryMembers   = []string{"type", "coordinates", "geometries", "bbox"}
)

// caseVariant is the member name of names that name spells in other letter
// case, or "".
func caseVariant(names []string, name []byte) string {
	for _, m := range names {
		if len(name) == len(m) && string(name) != m && strings.EqualFold(string(name), m) {
			return m
		}
	}
	return ""
}

func caseVariantMsg(name []byte, want string) string {
	return fmt.Sprintf("member %q differs from %q only in letter case: GeoJSON member names are case-sensitive", short(string(name)), want)
}

// wgs84 matches the names of WGS 84 longitude/latitude that a GeoJSON 2008
// crs member may give: OGC CRS84 and EPSG:4326 (which GeoJSON writers use
// in longitude/latitude order) in their URN, URL and short forms.
var wgs84 = regexp.MustCompile(`(?i)^(urn:ogc:def:crs:ogc:[0-9.]*:crs84|urn:ogc:def:crs:epsg:[0-9.]*:4326|` +
	`https?://www\.opengis\.net/def/crs/(ogc/1\.3/crs84|epsg/0/4326)|(ogc:)?crs84|epsg:4326)$`)

// crsProblem describes a crs member's value v that is not WGS 84
// longitude/latitude, or is "".
func crsProblem(v any) string {
	const hint = ": GeoJSON coordinates are longitude/latitude on WGS 84 (EPSG:4326); reproject the file first (e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson)"
	if v == nil {
		return ""
	}
	m, ok := v.(map[string]any)
	if !ok {
		return "crs is " + jsonKind(v) + ", not an object" + hint
	}
	typ, _ := m["type"].(string)
	props, _ := m["properties"].(map[string]any)
	switch typ {
	case "name":
		name, _ := props["name"].(string)
		if wgs84.MatchString(strings.TrimSpace(name)) {
			return ""
		}
		if name == "" {
			return "crs has no name" + hint
		}
		return fmt.Sprintf("crs %q is not WGS 84 longitude/latitude%s", short(name), hint)
	case "":
		return "crs has no type" + hint
	}
	return fmt.Sprintf("crs of type %q cannot be checked%s", short(typ), hint)
}

// jsonKind names the JSON kind of a value decoded into an any.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	}
	return "an object"
}

// crossing finds the first edge of a ring or line that spans more than 180°
// of longitude: it crosses the antimeridian (RFC 7946 §3.1.9), and drawn as
// it stands it would be a band around the world. i is the index of the
// edge's first point, or -1.
func crossing(pts []orb.Point) int {
	for i := 1; i < len(pts); i++ {
		if math.Abs(pts[i][0]-pts[i-1][0]) > 180 {
			return i - 1
		}
	}
	return -1
}

func crossingMsg(what string, pts []orb.Point, i int, split string) string {
	return fmt.Sprintf("%s crosses the antimeridian (longitude %s to %s): split it at ±180° into a %s (RFC 7946 §3.1.9)",
		what, fmtLon(pts[i][0]), fmtLon(pts[i+1][0]), split)
}

// crossingIn describes the first line or ring of g that crosses the
// antimeridian, or is "".
func crossingIn(g orb.Geometry) string {
	switch g := g.(type) {
	case orb.LineString:
		if i := crossing(g); i >= 0 {
			return crossingMsg("line", g, i, "MultiLineString")
		}
	case orb.MultiLineString:
		for k, l := range g {
			if i := crossing(l); i >= 0 {
				return crossingMsg(fmt.Sprintf("line %d", k), l, i, "MultiLineString")
			}
		}
	case orb.Polygon:
		for k, r := range g {
			if i := crossing(r); i >= 0 {
				return crossingMsg(fmt.Sprintf("ring %d", k), r, i, "MultiPolygon")
			}
		}
	case orb.MultiPolygon:
		for j, p := range g {
			for k, r := range p {
				if i := crossing(r); i >= 0 {
					return crossingMsg(fmt.Sprintf("polygon %d ring %d", j, k), r, i, "MultiPolygon")
				}
			}
		}
	case orb.Collection:
		for _, sub := range g {
			if msg := crossingIn(sub); msg != "" {
				return msg
			}
		}
	}
	return ""
}

func fmtLon(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// maxQuoted is the longest text from the input a message quotes.
const maxQuoted = 80

// short cuts a text from the input for a message: at most maxQuoted
// characters, then "…".
func short(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	n := 0
	for i := range s {
		if n == maxQuoted {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// Unplaced counts the features of fc without a geometry ("geometry": null):
// they are kept (in tables and counts) but not drawn.
func Unplaced(fc *geojson.FeatureCollection) int {
	n := 0
	for _, f := range fc.Features {
		if f != nil && f.Geometry == nil {
			n++
		}
	}
	return n
}
