package layers

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Feature properties that style a user's layer: the simplestyle convention
// (geojson.io), which the KML and KMZ readers fill from the file's styles,
// and the folder and shared-style properties they set.
const (
	propStroke        = "stroke"
	propStrokeOpacity = "stroke-opacity"
	propStrokeWidth   = "stroke-width"
	propFill          = "fill"
	propFillOpacity   = "fill-opacity"
	propMarkerColor   = "marker-color"
	propFolder        = "folder"
	propStyleID       = "style"
)

// fileStyle is the style a feature's own properties give, as a Style over
// the layer's default, and a key to compare styles.
func fileStyle(kind string, f *geojson.Feature) (Style, string) {
	p := f.Properties
	var s Style
	col := func(c, op string) string {
		v, ok := p[c].(string)
		if !ok {
			return ""
		}
		if _, err := ParseColor(v); err != nil || len(v) != 7 {
			return ""
		}
		if a, ok := p[op].(float64); ok && a >= 0 && a <= 1 {
			return fmt.Sprintf("%s%02x", v, int(math.Round(a*255)))
		}
		return v
	}
	s.Stroke = col(propStroke, propStrokeOpacity)
	if w, ok := p[propStrokeWidth].(float64); ok && w >= 0 && w <= 50 {
		if w == 0 {
			s.Stroke = "#00000000"
		} else {
			s.Width = w
		}
	}
	switch kind {
	case "polygon":
		s.Fill = col(propFill, propFillOpacity)
		if a, ok := p[propFillOpacity].(float64); ok && a == 0 {
			s.Fill = "#00000000" // the file says: no fill
		}
		switch f.Geometry.(type) {
		case orb.LineString, orb.MultiLineString:
			if s.Stroke != "" {
				s.Fill = "#00000000" // a line among polygons: its legend swatch unfilled
			}
		}
	case "point":
		if c := col(propMarkerColor, ""); c != "" {
			s.Fill = c
		} else if c := col(propFill, propFillOpacity); c != "" {
			s.Fill = c
		}
	}
	if s.Stroke == "" && s.Width == 0 && s.Fill == "" {
		return s, ""
	}
	return s, fmt.Sprintf("%s|%g|%s", s.Stroke, s.Width, s.Fill)
}

// applyFileStyles gives a user's layer the styles its file carries (a KML's
// line colours and widths, polygon fills and icon colours; simplestyle
// properties in GeoJSON): one legend category per KML Folder when each
// folder has one style, else per shared style, else the one style of all
// features. Without styles in the file it leaves spec as it is.
func applyFileStyles(spec *LayerSpec, fc *geojson.FeatureCollection) {
	type group struct {
		keys  map[string]bool
		style Style
	}
	byProp := func(prop string) (map[string]*group, []string, bool) {
		gs := map[string]*group{}
		var order []string
		for _, f := range fc.Features {
			st, key := fileStyle(spec.Kind, f)
			v, _ := f.Properties[prop].(string)
			g := gs[v]
			if g == nil {
				g = &group{keys: map[string]bool{}}
				gs[v] = g
				order = append(order, v)
			}
			if key != "" && !g.keys[key] {
				g.keys[key] = true
				g.style = st
			}
		}
		for _, g := range gs {
			if len(g.keys) > 1 {
				return gs, order, false
			}
		}
		return gs, order, true
	}
	styled := false
	for _, f := range fc.Features {
		if _, key := fileStyle(spec.Kind, f); key != "" {
			styled = true
			break
		}
	}
	if !styled {
		return
	}
	for _, prop := range []string{"", propFolder, propStyleID} {
		gs, order, ok := byProp(prop)
		if !ok {
			continue
		}
		if prop == "" {
			spec.Style = spec.Style.Over(gs[""].style)
			return
		}
		spec.CategoryProp = prop
		titles := map[string]int{}
		for _, v := range order { // in the file's order
			title := v
			if prop == propStyleID {
				title = styleTitle(fc, v)
			}
			if title == "" {
				title = "—"
			}
			if titles[title]++; titles[title] > 1 {
				title = fmt.Sprintf("%s (%d)", title, titles[title])
			}
			spec.Categories = append(spec.Categories, Category{Value: v, Title: I18n{"en": title, "fr": title}, Style: gs[v].style})
		}
		return
	}
	// Styles differ within folders and shared styles alike (GDAL writes a
	// style inside each Placemark): a category per distinct style, named
	// after its first feature (and how many more share it), kept in the
	// features' style property.
	type sig struct {
		key, title string
		style      Style
		n          int
	}
	var sigs []*sig
	byKey := map[string]*sig{}
	for _, f := range fc.Features {
		st, key := fileStyle(spec.Kind, f)
		s := byKey[key]
		if s == nil {
			s = &sig{key: key, style: st}
			byKey[key] = s
			sigs = append(sigs, s)
			folder, _ := f.Properties[propFolder].(string)
			name, _ := f.Properties["name"].(string)
			s.title = name
			if folder != "" {
				s.title = folder + ": " + name
			}
		}
		s.n++
	}
	for i, s := range sigs {
		switch {
		case s.title == "":
			s.title = fmt.Sprintf("Style %d", i+1)
		case s.n > 1:
			s.title += fmt.Sprintf(" (+%d)", s.n-1)
		}
		s.key = fmt.Sprintf("style-%d", i+1)
		spec.Categories = append(spec.Categories, Category{Value: s.key, Title: I18n{"en": s.title, "fr": s.title}, Style: s.style})
	}
	for _, f := range fc.Features {
		_, key := fileStyle(spec.Kind, f)
		if f.Properties == nil {
			continue
		}
		f.Properties[propStyleID] = byKey[key].key
	}
	spec.CategoryProp = propStyleID
}

// styleTitle names a shared style by the folder (else the name) of the
// first feature drawn with it: the legend then reads as the file's author
// arranged it, not as style ids.
func styleTitle(fc *geojson.FeatureCollection, id string) string {
	for _, f := range fc.Features {
		if v, _ := f.Properties[propStyleID].(string); v != id {
			continue
		}
		if s, _ := f.Properties[propFolder].(string); s != "" {
			return s
		}
		if s, _ := f.Properties["name"].(string); s != "" {
			return s
		}
		break
	}
	return id
}
