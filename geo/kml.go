package geo

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// WriteKML writes fc as a KML 2.2 document: one Placemark per feature, named
// by the property nameProp (or the feature id), with the other properties as
// ExtendedData (sorted by key; objects and lists as JSON text).
//
// go-geom's encoding/kml needs the module github.com/twpayne/go-kml/v3,
// which the project does not require; the KML written here is the same
// subset (Point, LineString, Polygon with inner rings, MultiGeometry).
func WriteKML(w io.Writer, fc *geojson.FeatureCollection, nameProp string) error {
	bw := bufio.NewWriter(w)
	e := &kmlWriter{w: bw}
	e.str(xml.Header)
	e.str(`<kml xmlns="http://www.opengis.net/kml/2.2">` + "\n<Document>\n")
	for i, f := range fc.Features {
		if f.Geometry == nil {
			continue
		}
		e.str("<Placemark")
		if f.ID != nil {
			e.str(` id="`)
			e.text(fmt.Sprint(f.ID))
			e.str(`"`)
		}
		e.str(">")
		name, _ := f.Properties[nameProp].(string)
		if name == "" && f.ID != nil {
			name = fmt.Sprint(f.ID)
		}
		if name != "" {
			e.str("<name>")
			e.text(name)
			e.str("</name>")
		}
		e.extendedData(f.Properties, nameProp)
		if err := e.geometry(f.Geometry); err != nil {
			return fmt.Errorf("feature %d: %w", i, err)
		}
		e.str("</Placemark>\n")
	}
	e.str("</Document>\n</kml>\n")
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

type kmlWriter struct {
	w   *bufio.Writer
	err error
}

func (e *kmlWriter) str(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *kmlWriter) text(s string) {
	if e.err == nil {
		e.err = xml.EscapeText(e.w, []byte(s))
	}
}

func (e *kmlWriter) extendedData(props geojson.Properties, skip string) {
	keys := make([]string, 0, len(props))
	for k := range props {
		if k != skip {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return
	}
	sort.Strings(keys)
	e.str("<ExtendedData>")
	for _, k := range keys {
		var v string
		switch x := props[k].(type) {
		case string:
			v = x
		case float64:
			v = strconv.FormatFloat(x, 'f', -1, 64)
		case bool:
			v = strconv.FormatBool(x)
		case nil:
			v = ""
		default:
			b, _ := json.Marshal(x)
			v = string(b)
		}
		e.str(`<Data name="`)
		e.text(k)
		e.str(`"><value>`)
		e.text(v)
		e.str("</value></Data>")
	}
	e.str("</ExtendedData>")
}

func (e *kmlWriter) coords(ps []orb.Point) {
	e.str("<coordinates>")
	for i, p := range ps {
		if i > 0 {
			e.str(" ")
		}
		e.str(strconv.FormatFloat(p[0], 'f', -1, 64))
		e.str(",")
		e.str(strconv.FormatFloat(p[1], 'f', -1, 64))
	}
	e.str("</coordinates>")
}

func (e *kmlWriter) ring(r orb.Ring) {
	e.str("<LinearRing>")
	if len(r) > 0 && r[0] != r[len(r)-1] {
		r = append(r[:len(r):len(r)], r[0]) // KML rings repeat the first point
	}
	e.coords(r)
	e.str("</LinearRing>")
}

func (e *kmlWriter) geometry(g orb.Geometry) error {
	switch g := g.(type) {
	case orb.Point:
		e.str("<Point>")
		e.coords([]orb.Point{g})
		e.str("</Point>")
	case orb.LineString:
		e.str("<LineString>")
		e.coords(g)
		e.str("</LineString>")
	case orb.Polygon:
		e.str("<Polygon>")
		for i, r := range g {
			if i == 0 {
				e.str("<outerBoundaryIs>")
			} else {
				e.str("<innerBoundaryIs>")
			}
			e.ring(r)
			if i == 0 {
				e.str("</outerBoundaryIs>")
			} else {
				e.str("</innerBoundaryIs>")
			}
		}
		e.str("</Polygon>")
	case orb.MultiPoint:
		return e.multi(len(g), func(i int) orb.Geometry { return g[i] })
	case orb.MultiLineString:
		return e.multi(len(g), func(i int) orb.Geometry { return g[i] })
	case orb.MultiPolygon:
		return e.multi(len(g), func(i int) orb.Geometry { return g[i] })
	case orb.Collection:
		return e.multi(len(g), func(i int) orb.Geometry { return g[i] })
	default:
		return fmt.Errorf("KML: unsupported geometry %T", g)
	}
	return nil
}

func (e *kmlWriter) multi(n int, at func(int) orb.Geometry) error {
	e.str("<MultiGeometry>")
	for i := 0; i < n; i++ {
		if err := e.geometry(at(i)); err != nil {
			return err
		}
	}
	e.str("</MultiGeometry>")
	return nil
}
