// Package exchange hands the atlas's layers to other GIS tools: it gathers
// built-in overlays, imported layers, annotations and any other features
// (hotspot cells) into one model, with each feature's symbol as the map
// draws it and its narrative and sources, and writes that model as GeoJSON,
// KML, KMZ, GeoPackage or CSV. It knows nothing of Fyne or of drawing.
package exchange

import (
	"fmt"
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/layers"
)

// Feature is one feature to export.
type Feature struct {
	ID       string
	Name     string
	Geometry orb.Geometry
	// Props are the feature's properties as the atlas keeps them; they
	// become ExtendedData, columns or GeoJSON properties.
	Props geojson.Properties
	// Category is the legend category's value and title ("" for none).
	Category, CategoryTitle string
	// Symbol is how the map draws it (nil: the writer's default).
	Symbol *layers.Symbol
	// Description is HTML for Google Earth's balloon: the narrative and the
	// sources cited.
	Description string
}

// Layer is a layer to export.
type Layer struct {
	ID, Title   string
	Description string
	Features    []Feature
}

// FromCatalog gathers the layers ids of cat (in the catalogue's draw
// order) with the features keep accepts (nil: all), named and described
// in lang. An unknown id is an error.
func FromCatalog(cat *layers.Catalog, ids []string, keep func(*layers.Feature) bool, lang string) ([]Layer, error) {
	want := map[string]bool{}
	for _, id := range ids {
		if cat.Layer(id) == nil {
			return nil, fmt.Errorf("no layer %q (see maliatlas layers)", id)
		}
		want[id] = true
	}
	var out []Layer
	for _, l := range cat.Layers {
		if !want[l.Spec.ID] {
			continue
		}
		el := Layer{ID: l.Spec.ID, Title: l.Title(lang), Description: narrativeHTML(cat, l.Spec.Narrative, nil, lang)}
		for _, f := range l.Features {
			if keep != nil && !keep(f) {
				continue
			}
			ef := Feature{ID: f.ID, Name: f.Name(lang), Geometry: f.Geom, Props: f.Props, Category: f.Category, Symbol: l.Symbol(f)}
			if c := l.Category(f.Category); c != nil {
				ef.CategoryTitle = c.Title.In(lang)
			} else if f.Category != "" {
				ef.CategoryTitle = f.Category
			}
			ef.Description = featureHTML(cat, f, lang)
			el.Features = append(el.Features, ef)
		}
		out = append(out, el)
	}
	return out, nil
}

// FromCollection makes a layer of any features, drawn with style (laid
// over a default for their geometry). Other parts of the atlas call it to
// export what is not in the catalogue, e.g. hotspot cells:
//
//	exchange.FromCollection("hotspots", "Hotspots 2023–2025", cells, layers.Style{Fill: "#d7301f80", Stroke: "#b30000", Width: 1})
//
// Each feature's "name" (or "name_<lang>") property names it; its
// "category" property, if any, files it in a sub-folder.
func FromCollection(id, title string, fc *geojson.FeatureCollection, style layers.Style) Layer {
	spec := layers.LayerSpec{ID: id, Title: layers.I18n{"en": title}, Style: style}
	l := layers.NewLayer(spec, fc)
	el := Layer{ID: id, Title: title}
	for _, f := range l.Features {
		el.Features = append(el.Features, Feature{ID: f.ID, Name: f.Name("en"), Geometry: f.Geom, Props: f.Props,
			Category: f.String("category"), CategoryTitle: f.String("category"), Symbol: l.Symbol(f)})
	}
	return el
}

// featureHTML is a feature's balloon text: its narrative and its sources.
func featureHTML(cat *layers.Catalog, f *layers.Feature, lang string) string {
	return narrativeHTML(cat, f.Narrative, f.Sources, lang)
}

func narrativeHTML(cat *layers.Catalog, narrative string, refs []layers.SourceRef, lang string) string {
	var b strings.Builder
	if cat.Narratives != nil && narrative != "" {
		if n := cat.Narratives.Get(lang, narrative); n != nil {
			if n.Title != "" {
				fmt.Fprintf(&b, "<h3>%s</h3>", html.EscapeString(n.Title))
			}
			for _, para := range strings.Split(strings.TrimSpace(n.Body), "\n\n") {
				b.WriteString(markdownHTML(para))
			}
			if len(refs) == 0 {
				for _, k := range n.Sources {
					refs = append(refs, layers.SourceRef{Key: k})
				}
			}
		}
	}
	if len(refs) > 0 {
		b.WriteString("<p><b>Sources</b></p><ul>") // the same word in French
		for _, r := range refs {
			b.WriteString("<li>")
			b.WriteString(html.EscapeString(citation(cat, r)))
			b.WriteString("</li>")
		}
		b.WriteString("</ul>")
	}
	return b.String()
}

// citation is a source reference in one line, with its key.
func citation(cat *layers.Catalog, r layers.SourceRef) string {
	var s string
	if r.Key != "" {
		if src, ok := cat.Source(r.Key); ok {
			s = src.Citation() + " [" + r.Key + "]"
		} else {
			s = "[" + r.Key + "]"
		}
	} else {
		s = r.Title
		if r.Publisher != "" {
			s += ", " + r.Publisher
		}
		if r.Year != 0 {
			s += fmt.Sprintf(", %d", r.Year)
		}
		if r.URL != "" {
			s += ", " + r.URL
		}
	}
	if r.Section != "" {
		s += " — " + r.Section
	}
	return s
}

// Sources lists the citations of every source the features cite, sorted.
func Sources(cat *layers.Catalog, ls []Layer) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range ls {
		for _, f := range l.Features {
			lf := cat.Feature(f.ID)
			if lf == nil {
				continue
			}
			for _, r := range lf.Sources {
				c := citation(cat, layers.SourceRef{Key: r.Key, Title: r.Title, Publisher: r.Publisher, Year: r.Year, URL: r.URL})
				if !seen[c] {
					seen[c] = true
					out = append(out, c)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func htmlEscape(s string) string { return html.EscapeString(s) }

var (
	mdBold   = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdItalic = regexp.MustCompile(`\*([^*]+)\*`)
	mdHead   = regexp.MustCompile(`^#{1,6}\s+`)
)

// markdownHTML renders a paragraph of the narratives' Markdown for a
// Google Earth balloon: **bold**, *italic*, "- " lists and headings.
func markdownHTML(para string) string {
	para = strings.TrimSpace(para)
	if para == "" {
		return ""
	}
	inline := func(s string) string {
		s = html.EscapeString(strings.Join(strings.Fields(s), " "))
		s = mdBold.ReplaceAllString(s, "<b>$1</b>")
		return mdItalic.ReplaceAllString(s, "<i>$1</i>")
	}
	lines := strings.Split(para, "\n")
	list := true
	for _, l := range lines {
		l = strings.TrimSpace(l)
		list = list && (strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* "))
	}
	if list {
		var b strings.Builder
		b.WriteString("<ul>")
		for _, l := range lines {
			b.WriteString("<li>" + inline(strings.TrimSpace(l)[2:]) + "</li>")
		}
		b.WriteString("</ul>")
		return b.String()
	}
	if len(lines) == 1 && mdHead.MatchString(para) {
		return "<h4>" + inline(mdHead.ReplaceAllString(para, "")) + "</h4>"
	}
	return "<p>" + inline(para) + "</p>"
}
