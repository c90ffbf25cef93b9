package geo

import (
	"fmt"
	"io"

	"github.com/paulmach/orb/geojson"
)

// WriteKML writes fc as a KML 2.2 document (with github.com/twpayne/go-kml,
// through WriteKMLDocument): one Placemark per feature, named by the
// property nameProp (or the feature id), with the other properties and the
// feature id (as "id", unless a property has that name) as ExtendedData,
// sorted by key (objects and lists as JSON text). Unclosed polygon rings
// are closed.
func WriteKML(w io.Writer, fc *geojson.FeatureCollection, nameProp string) error {
	doc := &KMLDocument{}
	for _, f := range fc.Features {
		if f.Geometry == nil {
			continue
		}
		name, _ := f.Properties[nameProp].(string)
		if name == "" && f.ID != nil {
			name = fmt.Sprint(f.ID)
		}
		data := geojson.Properties{}
		for k, v := range f.Properties {
			if k != nameProp {
				data[k] = v
			}
		}
		if _, ok := data["id"]; !ok && f.ID != nil {
			data["id"] = fmt.Sprint(f.ID)
		}
		doc.Placemarks = append(doc.Placemarks, KMLPlacemark{Name: name, Geometry: f.Geometry, Data: data})
	}
	return WriteKMLDocument(w, doc)
}
