package geo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"sort"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	kml "github.com/twpayne/go-kml/v3"
)

// KMLStyle is a shared style of a KML document, in map terms.
type KMLStyle struct {
	ID    string
	Line  color.NRGBA // line and outline colour; transparent: no outline
	Width float64     // line width in pixels
	Fill  color.NRGBA // polygon fill; transparent: no fill
	Icon  color.NRGBA // point icon colour
	Scale float64     // icon scale (1 is Google Earth's default size)
}

// KMLFolder is a Folder of Placemarks and sub-folders.
type KMLFolder struct {
	Name, Description string
	Folders           []KMLFolder
	Placemarks        []KMLPlacemark
}

// KMLPlacemark is one feature.
type KMLPlacemark struct {
	Name, Description string
	StyleID           string
	Geometry          orb.Geometry
	// Data is written as ExtendedData, sorted by key (objects and lists as
	// JSON text).
	Data geojson.Properties
}

// KMLDocument is a whole KML document.
type KMLDocument struct {
	Name, Description string
	Styles            []KMLStyle
	Folders           []KMLFolder
	Placemarks        []KMLPlacemark // outside any folder
}

// Element builds the document with github.com/twpayne/go-kml.
func (d *KMLDocument) Element() (*kml.KMLElement, error) {
	doc := kml.Document()
	if d.Name != "" {
		doc.Append(kml.Name(d.Name))
	}
	if d.Description != "" {
		doc.Append(kml.Description(d.Description))
	}
	for _, s := range d.Styles {
		st := kml.SharedStyle(s.ID)
		scale := s.Scale
		if scale == 0 {
			scale = 1
		}
		st.Append(
			kml.IconStyle(kml.Color(straight(s.Icon)), kml.Scale(scale),
				kml.Icon(kml.Href("http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"))),
			kml.LineStyle(kml.Color(straight(s.Line)), kml.Width(s.Width)),
			kml.PolyStyle(kml.Color(straight(s.Fill)), kml.Fill(s.Fill.A > 0), kml.Outline(s.Line.A > 0 && s.Width > 0)),
		)
		doc.Append(st)
	}
	for _, f := range d.Folders {
		el, err := f.element()
		if err != nil {
			return nil, err
		}
		doc.Append(el)
	}
	if len(d.Placemarks) > 0 {
		top := KMLFolder{Placemarks: d.Placemarks}
		el, err := top.element()
		if err != nil {
			return nil, err
		}
		doc.Append(el.Children[1:]...) // the placemarks, without the folder's <name>
	}
	return kml.KML(doc), nil
}

func (f *KMLFolder) element() (*kml.FolderElement, error) {
	el := kml.Folder(kml.Name(f.Name))
	if f.Description != "" {
		el.Append(kml.Description(f.Description))
	}
	for _, sub := range f.Folders {
		s, err := sub.element()
		if err != nil {
			return nil, err
		}
		el.Append(s)
	}
	for _, p := range f.Placemarks {
		g, err := kmlGeometry(p.Geometry)
		if err != nil {
			return nil, fmt.Errorf("placemark %q: %w", p.Name, err)
		}
		pm := kml.Placemark(kml.Name(p.Name))
		if p.Description != "" {
			pm.Append(kml.Description(p.Description))
		}
		if p.StyleID != "" {
			pm.Append(kml.StyleURL("#" + p.StyleID))
		}
		if len(p.Data) > 0 {
			keys := make([]string, 0, len(p.Data))
			for k := range p.Data {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			ed := kml.ExtendedData()
			for _, k := range keys {
				ed.Append(kml.Data(k, kml.Value(PropertyText(p.Data[k]))))
			}
			pm.Append(ed)
		}
		pm.Append(g)
		el.Append(pm)
	}
	return el, nil
}

// PropertyText is a property value as text: strings as they are, numbers
// in the shortest form, objects and lists as JSON, null as "".
func PropertyText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func kmlCoords(ps []orb.Point) kml.CoordinatesElement {
	cs := make([]kml.Coordinate, len(ps))
	for i, p := range ps {
		cs[i] = kml.Coordinate{Lon: p[0], Lat: p[1]}
	}
	return kml.Coordinates(cs...)
}

func kmlRing(r orb.Ring) kml.Element {
	if len(r) > 0 && r[0] != r[len(r)-1] {
		r = append(r[:len(r):len(r)], r[0]) // KML rings repeat the first point
	}
	return kml.LinearRing(kmlCoords(r))
}

func kmlGeometry(g orb.Geometry) (kml.Element, error) {
	switch g := g.(type) {
	case orb.Point:
		return kml.Point(kmlCoords([]orb.Point{g})), nil
	case orb.LineString:
		return kml.LineString(kml.Tessellate(true), kmlCoords(g)), nil
	case orb.Ring:
		return kmlGeometry(orb.Polygon{g})
	case orb.Polygon:
		p := kml.Polygon()
		for i, r := range g {
			if i == 0 {
				p.Append(kml.OuterBoundaryIs(kmlRing(r)))
			} else {
				p.Append(kml.InnerBoundaryIs(kmlRing(r)))
			}
		}
		return p, nil
	case orb.MultiPoint:
		return kmlMulti(len(g), func(i int) orb.Geometry { return g[i] })
	case orb.MultiLineString:
		return kmlMulti(len(g), func(i int) orb.Geometry { return g[i] })
	case orb.MultiPolygon:
		return kmlMulti(len(g), func(i int) orb.Geometry { return g[i] })
	case orb.Collection:
		return kmlMulti(len(g), func(i int) orb.Geometry { return g[i] })
	}
	return nil, fmt.Errorf("KML cannot hold this geometry (%s)", geometryName(g))
}

func geometryName(g orb.Geometry) string {
	if g == nil {
		return "none"
	}
	return g.GeoJSONType()
}

func kmlMulti(n int, at func(int) orb.Geometry) (kml.Element, error) {
	m := kml.MultiGeometry()
	for i := range n {
		e, err := kmlGeometry(at(i))
		if err != nil {
			return nil, err
		}
		m.Append(e)
	}
	return m, nil
}

// WriteKMLDocument writes d as KML 2.2.
func WriteKMLDocument(w io.Writer, d *KMLDocument) error {
	el, err := d.Element()
	if err != nil {
		return err
	}
	return el.WriteIndent(w, "", " ")
}

// WriteKMZDocument writes d as a KMZ: a zip holding doc.kml.
func WriteKMZDocument(w io.Writer, d *KMLDocument) error {
	var buf bytes.Buffer
	if err := WriteKMLDocument(&buf, d); err != nil {
		return err
	}
	return kml.WriteKMZ(w, map[string]any{"doc.kml": buf.Bytes()})
}

// straight is a colour whose RGBA gives the channels not premultiplied by
// alpha: go-kml writes RGBA()'s values, and KML colours are straight
// aabbggrr, so a translucent fill keeps its hue.
type straight color.NRGBA

func (c straight) RGBA() (r, g, b, a uint32) {
	return uint32(c.R) * 0x101, uint32(c.G) * 0x101, uint32(c.B) * 0x101, uint32(c.A) * 0x101
}
