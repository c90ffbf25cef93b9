package geo

import (
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// checkGeometry describes the first thing wrong with g for the atlas (a
// coordinate not finite or out of range, a line of fewer than 2 positions,
// a ring of fewer than 4 or not closed, an empty geometry), or is "".
func checkGeometry(g orb.Geometry) string {
	switch g := g.(type) {
	case nil:
		return "no geometry"
	case orb.Point:
		return checkPoint(g)
	case orb.MultiPoint:
		if len(g) == 0 {
			return "empty MultiPoint"
		}
		return checkPoints(g)
	case orb.LineString:
		if len(g) < 2 {
			return fmt.Sprintf("a line needs at least 2 positions, not %d", len(g))
		}
		return checkPoints(g)
	case orb.MultiLineString:
		if len(g) == 0 {
			return "empty MultiLineString"
		}
		for _, l := range g {
			if msg := checkGeometry(l); msg != "" {
				return msg
			}
		}
	case orb.Ring:
		return checkRing(g)
	case orb.Polygon:
		if len(g) == 0 {
			return "empty Polygon"
		}
		for _, r := range g {
			if msg := checkRing(r); msg != "" {
				return msg
			}
		}
	case orb.MultiPolygon:
		if len(g) == 0 {
			return "empty MultiPolygon"
		}
		for _, p := range g {
			if msg := checkGeometry(p); msg != "" {
				return msg
			}
		}
	case orb.Collection:
		if len(g) == 0 {
			return "empty GeometryCollection"
		}
		for _, s := range g {
			if msg := checkGeometry(s); msg != "" {
				return msg
			}
		}
	case orb.Bound:
		return "a bounding box is not a geometry"
	}
	return ""
}

func checkRing(r orb.Ring) string {
	if len(r) < 4 {
		return fmt.Sprintf("a polygon ring needs at least 4 positions, not %d", len(r))
	}
	if r[0] != r[len(r)-1] {
		return "a polygon ring is not closed (its last position differs from its first)"
	}
	return checkPoints(r)
}

func checkPoints(ps []orb.Point) string {
	for _, p := range ps {
		if msg := checkPoint(p); msg != "" {
			return msg
		}
	}
	return ""
}

func checkPoint(p orb.Point) string {
	x, y := p[0], p[1]
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0):
		return fmt.Sprintf("non-finite coordinate (%g %g)", x, y)
	case x < -180 || x > 180:
		return fmt.Sprintf("longitude %s is outside -180..180", strconv.FormatFloat(x, 'g', -1, 64))
	case y < -90 || y > 90:
		return fmt.Sprintf("latitude %s is outside -90..90", strconv.FormatFloat(y, 'g', -1, 64))
	}
	return ""
}

// collectParts makes the simplest geometry holding parts: one part as it is,
// points as a MultiPoint, lines as a MultiLineString, polygons as a
// MultiPolygon, a mix as a GeometryCollection.
func collectParts(parts []orb.Geometry) orb.Geometry {
	if len(parts) == 1 {
		return parts[0]
	}
	var mp orb.MultiPoint
	var ml orb.MultiLineString
	var mpoly orb.MultiPolygon
	for _, g := range parts {
		switch g := g.(type) {
		case orb.Point:
			mp = append(mp, g)
		case orb.LineString:
			ml = append(ml, g)
		case orb.Polygon:
			mpoly = append(mpoly, g)
		}
	}
	switch len(parts) {
	case len(mp):
		return mp
	case len(ml):
		return ml
	case len(mpoly):
		return mpoly
	}
	return orb.Collection(parts)
}
