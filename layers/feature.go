package layers

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Confidence is how sure the sources are of a feature.
type Confidence uint8

const (
	Confirmed Confidence = iota
	Reported
	Suspected
)

// ParseConfidence maps the manifest word to a Confidence.
func ParseConfidence(s string) (Confidence, bool) {
	switch s {
	case "confirmed":
		return Confirmed, true
	case "reported":
		return Reported, true
	case "suspected":
		return Suspected, true
	}
	return Confirmed, false
}

func (c Confidence) String() string {
	switch c {
	case Reported:
		return "reported"
	case Suspected:
		return "suspected"
	}
	return "confirmed"
}

// Period is a span of years; To == 0 means open (still going on at the source's date).
type Period struct {
	From, To int
}

// Open reports whether the period has no end year.
func (p Period) Open() bool { return p.To == 0 }

// Overlaps reports whether p shares a year with q (zero periods match all).
func (p Period) Overlaps(q Period) bool {
	if p.From == 0 || q.From == 0 {
		return true
	}
	pe, qe := p.To, q.To
	if pe == 0 {
		pe = math.MaxInt32
	}
	if qe == 0 {
		qe = math.MaxInt32
	}
	return p.From <= qe && q.From <= pe
}

// SourceRef cites a source: a key of data/sources.json and the section, or a
// full reference to a public source outside the shared set.
type SourceRef struct {
	Key       string `json:"key,omitempty"`
	Section   string `json:"section,omitempty"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Year      int    `json:"year,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Feature is one map feature with its decoded overlay properties.
type Feature struct {
	ID    string
	Layer *Layer
	Geom  orb.Geometry
	Bound orb.Bound
	Props geojson.Properties

	Category    string
	Period      Period
	Confidence  Confidence
	Importance  int // 1..3, 0 when not given
	Sources     []SourceRef
	Narrative   string
	Approximate bool
}

// Name returns the feature's name in lang ("en" or "fr"), falling back to the
// other language and to "name".
func (f *Feature) Name(lang string) string {
	for _, k := range []string{"name_" + lang, "name", "name_en", "name_fr"} {
		if s, ok := f.Props[k].(string); ok && s != "" {
			return s
		}
	}
	return f.ID
}

// String returns a property as text ("" when absent).
func (f *Feature) String(prop string) string {
	switch v := f.Props[prop].(type) {
	case string:
		return v
	case float64:
		if v == math.Trunc(v) {
			return fmt.Sprintf("%d", int64(v))
		}
		return fmt.Sprintf("%g", v)
	case bool:
		return fmt.Sprintf("%t", v)
	}
	return ""
}

// I18nProp returns a property that is an {"en":…, "fr":…} object, in lang.
func (f *Feature) I18nProp(prop, lang string) string {
	m, ok := f.Props[prop].(map[string]any)
	if !ok {
		return ""
	}
	if s, ok := m[lang].(string); ok {
		return s
	}
	if s, ok := m["en"].(string); ok {
		return s
	}
	return ""
}

// decodeOverlay fills the typed fields from the properties; problems are
// reported by the checker, not here, so a feature always loads.
func (f *Feature) decodeOverlay(catProp string) {
	p := f.Props
	if catProp == "" {
		catProp = "category"
	}
	f.Category = f.String(catProp)
	if m, ok := p["period"].(map[string]any); ok {
		if v, ok := m["from"].(float64); ok {
			f.Period.From = int(v)
		}
		if v, ok := m["to"].(float64); ok {
			f.Period.To = int(v)
		}
	}
	if s, ok := p["confidence"].(string); ok {
		f.Confidence, _ = ParseConfidence(s)
	}
	if v, ok := p["importance"].(float64); ok {
		f.Importance = int(v)
	}
	if list, ok := p["sources"].([]any); ok {
		for _, it := range list {
			m, ok := it.(map[string]any)
			if !ok {
				continue
			}
			var r SourceRef
			r.Key, _ = m["key"].(string)
			r.Section, _ = m["section"].(string)
			r.Title, _ = m["title"].(string)
			r.Publisher, _ = m["publisher"].(string)
			r.URL, _ = m["url"].(string)
			if y, ok := m["year"].(float64); ok {
				r.Year = int(y)
			}
			f.Sources = append(f.Sources, r)
		}
	}
	f.Narrative, _ = p["narrative"].(string)
	f.Approximate, _ = p["approximate"].(bool)
}

// Lines are a line feature's parts (one for a LineString); nil for other
// features.
func (f *Feature) Lines() orb.MultiLineString {
	switch g := f.Geom.(type) {
	case orb.LineString:
		return orb.MultiLineString{g}
	case orb.MultiLineString:
		return g
	}
	return nil
}

// Route is a line feature's geometry as one line, its parts joined in
// order (a route digitised origin → destination); nil for other features.
func (f *Feature) Route() orb.LineString {
	switch g := f.Geom.(type) {
	case orb.LineString:
		return g
	case orb.MultiLineString:
		var line orb.LineString
		for _, ls := range g {
			line = append(line, ls...)
		}
		return line
	}
	return nil
}
