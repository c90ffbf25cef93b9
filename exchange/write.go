package exchange

import (
	"bytes"
	"fmt"
	"image/color"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/paulmach/orb/geojson"

	"maliatlas/geo"
	"maliatlas/layers"
)

// Formats lists the extensions Write knows.
var Formats = []string{".geojson", ".kml", ".kmz", ".gpkg", ".csv"}

// Meta is what a whole export says about itself.
type Meta struct {
	Title string
	// Credits and Sources are written in the KML document's description
	// (credits must travel with the data).
	Credits string
	Sources []string
}

// FormatOf checks path's extension.
func FormatOf(path string) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range Formats {
		if ext == f {
			return ext, nil
		}
	}
	return "", fmt.Errorf("%s: cannot write %q files: want %s", path, ext, strings.Join(Formats, ", "))
}

// Write writes ls to path in the format of its extension, atomically:
// .geojson one RFC 7946 FeatureCollection (with a "layer" property when
// there are several layers), .kml and .kmz a document with one Folder per
// layer and sub-folders per category, each feature styled as the map
// draws it and described by its narrative and sources, .gpkg one table
// per layer, .csv one row per feature with WKT geometry.
func Write(path string, ls []Layer, meta Meta) error {
	ext, err := FormatOf(path)
	if err != nil {
		return err
	}
	var data []byte
	switch ext {
	case ".geojson":
		data, err = geo.MarshalGeoJSON(merged(ls))
	case ".csv":
		data, err = geo.MarshalCSV(merged(ls))
	case ".kml", ".kmz":
		doc := KMLDocument(ls, meta)
		var buf bytes.Buffer
		if ext == ".kml" {
			err = geo.WriteKMLDocument(&buf, doc)
		} else {
			err = geo.WriteKMZDocument(&buf, doc)
		}
		data = buf.Bytes()
	case ".gpkg":
		var gl []geo.GeoPackageLayer
		used := map[string]bool{}
		for _, l := range ls {
			t := tableName(l.ID, used)
			gl = append(gl, geo.GeoPackageLayer{Table: t, Title: l.Title, Features: collection(l, false)})
		}
		return geo.WriteGeoPackage(path, gl)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return geo.WriteFileAtomic(path, data)
}

var notIdent = regexp.MustCompile(`[^A-Za-z0-9_]+`)

// tableName makes a layer id an SQL identifier, unique in used.
func tableName(id string, used map[string]bool) string {
	t := strings.Trim(notIdent.ReplaceAllString(id, "_"), "_")
	if t == "" || (t[0] >= '0' && t[0] <= '9') {
		t = "layer_" + t
	}
	base := t
	for i := 2; used[strings.ToLower(t)]; i++ {
		t = fmt.Sprintf("%s_%d", base, i)
	}
	used[strings.ToLower(t)] = true
	return t
}

// collection is a layer's features as GeoJSON (with a "layer" property
// when withLayer).
func collection(l Layer, withLayer bool) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, f := range l.Features {
		gf := geojson.NewFeature(f.Geometry)
		if f.ID != "" {
			gf.ID = f.ID
		}
		gf.Properties = geojson.Properties{}
		for k, v := range f.Props {
			gf.Properties[k] = v
		}
		if withLayer {
			if _, ok := gf.Properties["layer"]; !ok {
				gf.Properties["layer"] = l.ID
			}
		}
		fc.Append(gf)
	}
	return fc
}

func merged(ls []Layer) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, l := range ls {
		fc.Features = append(fc.Features, collection(l, len(ls) > 1).Features...)
	}
	return fc
}

// KMLDocument builds the KML of ls: a Folder per layer (its description
// the layer's narrative), a sub-folder per legend category, and a shared
// style per symbol the map draws.
func KMLDocument(ls []Layer, meta Meta) *geo.KMLDocument {
	doc := &geo.KMLDocument{Name: meta.Title}
	var desc strings.Builder
	if meta.Credits != "" {
		fmt.Fprintf(&desc, "<p>%s</p>", htmlEscape(meta.Credits))
	}
	if len(meta.Sources) > 0 {
		desc.WriteString("<p><b>Sources</b></p><ul>")
		for _, s := range meta.Sources {
			fmt.Fprintf(&desc, "<li>%s</li>", htmlEscape(s))
		}
		desc.WriteString("</ul>")
	}
	doc.Description = desc.String()
	styles := map[*layers.Symbol]string{}
	styleOf := func(l Layer, f Feature) string {
		if f.Symbol == nil {
			return ""
		}
		if id, ok := styles[f.Symbol]; ok {
			return id
		}
		id := fmt.Sprintf("s%d-%s", len(styles)+1, notIdent.ReplaceAllString(l.ID, "_"))
		styles[f.Symbol] = id
		doc.Styles = append(doc.Styles, kmlStyle(id, f.Symbol))
		return id
	}
	for _, l := range ls {
		folder := geo.KMLFolder{Name: l.Title, Description: l.Description}
		sub := map[string]int{}
		for _, f := range l.Features {
			pm := geo.KMLPlacemark{Name: f.Name, Description: f.Description, StyleID: styleOf(l, f), Geometry: f.Geometry, Data: f.Props}
			if f.CategoryTitle == "" {
				folder.Placemarks = append(folder.Placemarks, pm)
				continue
			}
			i, ok := sub[f.Category]
			if !ok {
				i = len(folder.Folders)
				sub[f.Category] = i
				folder.Folders = append(folder.Folders, geo.KMLFolder{Name: f.CategoryTitle})
			}
			folder.Folders[i].Placemarks = append(folder.Folders[i].Placemarks, pm)
		}
		doc.Folders = append(doc.Folders, folder)
	}
	return doc
}

// kmlStyle is a map symbol in KML terms: the stroke (or a hatch's colour)
// as the line, the fill (or a light hatch colour) as the polygon fill, the
// marker fill as the icon colour.
func kmlStyle(id string, s *layers.Symbol) geo.KMLStyle {
	fill := s.Fill
	if fill.A == 0 && s.Hatch != nil {
		fill = s.Hatch.Color
		fill.A = uint8(float64(fill.A) * 0.35)
	}
	line, width := s.Stroke, s.Width
	if line.A == 0 && s.Hatch != nil {
		line, width = s.Hatch.Color, 1
	}
	icon := s.Fill
	if icon.A == 0 {
		icon = s.Stroke
	}
	scale := 1.0
	if s.Size > 0 {
		scale = max(0.5, min(2, s.Size/8))
	}
	if icon.A == 0 {
		icon = color.NRGBA{A: 255}
	}
	return geo.KMLStyle{ID: id, Line: line, Width: width, Fill: fill, Icon: icon, Scale: scale}
}
