package exchange

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/layers"
	"maliatlas/project"
)

// AnnotationsID is the id of the layer of a project's annotations.
const AnnotationsID = "annotations"

// FromAnnotations makes a layer of a project's annotations: texts and
// markers as points, arrows and freehand lines as lines, areas as
// polygons and circles as polygons of 72 vertices on the sphere, each with
// its colour, fill and width, and its kind, text and note as properties.
func FromAnnotations(anns []project.Annotation) Layer {
	l := Layer{ID: AnnotationsID, Title: "Annotations"} // the same word in French
	for _, a := range anns {
		g := annotationGeometry(a)
		if g == nil {
			continue
		}
		props := geojson.Properties{"id": a.ID, "kind": a.Kind}
		if a.Text != "" {
			props["text"] = a.Text
		}
		if a.Note != "" {
			props["note"] = a.Note
		}
		if a.Color != "" {
			props["color"] = a.Color
		}
		if a.Fill != "" {
			props["fill"] = a.Fill
		}
		if a.RadiusKm > 0 {
			props["radius_km"] = a.RadiusKm
		}
		st := layers.Style{Stroke: a.Color, Width: a.Width, Fill: a.Fill, Marker: "circle", Size: 6}
		if st.Width == 0 {
			st.Width = 2
		}
		kind := "line"
		switch g.(type) {
		case orb.Point:
			kind = "point"
			st.Fill = a.Color
		case orb.Polygon:
			kind = "polygon"
		}
		if _, err := layers.ParseColor(st.Stroke); err != nil {
			st.Stroke = "#000000"
		}
		if _, err := layers.ParseColor(st.Fill); err != nil {
			st.Fill = ""
		}
		sym := layers.NewLayer(layers.LayerSpec{ID: AnnotationsID, Kind: kind, Style: st}, geojson.NewFeatureCollection()).CategorySymbol(nil)
		name := a.Text
		if name == "" {
			name = a.Kind
		}
		f := Feature{ID: a.ID, Name: name, Geometry: g, Props: props, Category: a.Kind, CategoryTitle: a.Kind, Symbol: sym}
		if a.Note != "" {
			f.Description = "<p>" + htmlEscape(a.Note) + "</p>"
		}
		l.Features = append(l.Features, f)
	}
	return l
}

func annotationGeometry(a project.Annotation) orb.Geometry {
	ps := make([]orb.Point, len(a.Points))
	for i, p := range a.Points {
		ps[i] = orb.Point{p[0], p[1]}
	}
	if len(ps) == 0 {
		return nil
	}
	switch a.Kind {
	case project.KindText, project.KindMarker:
		return ps[0]
	case project.KindArrow, project.KindFreehand:
		if len(ps) < 2 {
			return nil
		}
		return orb.LineString(ps)
	case project.KindArea:
		if len(ps) < 3 {
			return nil
		}
		r := orb.Ring(ps)
		if r[0] != r[len(r)-1] {
			r = append(r, r[0])
		}
		return orb.Polygon{r}
	case project.KindCircle:
		if a.RadiusKm <= 0 {
			return ps[0]
		}
		return orb.Polygon{circle(ps[0], a.RadiusKm)}
	}
	return nil
}

// circle is a ring of 72 points at radiusKm from c on a sphere of the
// Earth's mean radius.
func circle(c orb.Point, radiusKm float64) orb.Ring {
	const n = 72
	d := radiusKm / 6371.0088
	lat1, lon1 := c[1]*math.Pi/180, c[0]*math.Pi/180
	r := make(orb.Ring, 0, n+1)
	for i := range n {
		brg := 2 * math.Pi * float64(i) / n
		lat2 := math.Asin(math.Sin(lat1)*math.Cos(d) + math.Cos(lat1)*math.Sin(d)*math.Cos(brg))
		lon2 := lon1 + math.Atan2(math.Sin(brg)*math.Sin(d)*math.Cos(lat1), math.Cos(d)-math.Sin(lat1)*math.Sin(lat2))
		r = append(r, orb.Point{lon2 * 180 / math.Pi, lat2 * 180 / math.Pi})
	}
	return append(r, r[0])
}
