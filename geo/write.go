package geo

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
	"github.com/paulmach/orb/geojson"
)

// MarshalGeoJSON writes fc as RFC 7946 GeoJSON: longitude/latitude in WGS
// 84, polygon rings wound by the right-hand rule (outer rings
// anticlockwise, holes clockwise) and closed.
func MarshalGeoJSON(fc *geojson.FeatureCollection) ([]byte, error) {
	out := *fc
	out.Features = make([]*geojson.Feature, len(fc.Features))
	for i, f := range fc.Features {
		c := *f
		c.Geometry = rightHand(f.Geometry)
		out.Features[i] = &c
	}
	return out.MarshalJSON()
}

func rightHand(g orb.Geometry) orb.Geometry {
	wind := func(r orb.Ring, ccw bool) orb.Ring {
		r = append(orb.Ring(nil), r...)
		if len(r) > 0 && r[0] != r[len(r)-1] {
			r = append(r, r[0])
		}
		if (signedArea2(r) > 0) != ccw {
			for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
				r[i], r[j] = r[j], r[i]
			}
		}
		return r
	}
	poly := func(p orb.Polygon) orb.Polygon {
		q := make(orb.Polygon, len(p))
		for i, r := range p {
			q[i] = wind(r, i == 0)
		}
		return q
	}
	switch g := g.(type) {
	case orb.Ring:
		return poly(orb.Polygon{g})
	case orb.Polygon:
		return poly(g)
	case orb.MultiPolygon:
		m := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			m[i] = poly(p)
		}
		return m
	case orb.Collection:
		c := make(orb.Collection, len(g))
		for i, s := range g {
			c[i] = rightHand(s)
		}
		return c
	}
	return g
}

// MarshalCSV writes fc as CSV with the geometry as WKT: columns wkt, id
// (the feature id, when any feature has one and no property is called id),
// then every property (sorted; objects and lists as JSON text). ReadCSV
// reads it back.
func MarshalCSV(fc *geojson.FeatureCollection) ([]byte, error) {
	keys := map[string]bool{}
	hasID := false
	for _, f := range fc.Features {
		for k := range f.Properties {
			keys[k] = true
		}
		hasID = hasID || f.ID != nil
	}
	idCol := hasID && !keys["id"]
	cols := make([]string, 0, len(keys))
	for k := range keys {
		cols = append(cols, k)
	}
	sort.Strings(cols)
	header := []string{"wkt"}
	if idCol {
		header = append(header, "id")
	}
	header = append(header, cols...)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(header); err != nil {
		return nil, err
	}
	for i, f := range fc.Features {
		if f.Geometry == nil {
			return nil, fmt.Errorf("feature %d has no geometry", i)
		}
		row := []string{wkt.MarshalString(f.Geometry)}
		if idCol {
			row = append(row, PropertyText(f.ID))
		}
		for _, k := range cols {
			row = append(row, PropertyText(f.Properties[k]))
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
