package layers

import (
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/geo"
)

// Layer is a manifest entry with its features.
type Layer struct {
	Spec     LayerSpec
	Features []*Feature
	// Unplaced are the features without a geometry ("geometry": null in
	// GeoJSON): counted and listed, never drawn or hit.
	Unplaced []*Feature
	// Raster is the image of a raster layer (the relief), nil for others.
	Raster *Raster

	// The basemap's layers are decoded on first use (Load).
	loadOnce sync.Once
	loader   func() (*geojson.FeatureCollection, error)
	loadErr  error

	mu      sync.Mutex
	symbols map[symbolKey]*Symbol

	indexOnce sync.Once
	index     *geo.Index

	names layerNames // folded names for search, built on first use
}

type symbolKey struct {
	category   string
	importance int
	confidence Confidence
}

// Title returns the layer's title in lang.
func (l *Layer) Title(lang string) string { return l.Spec.Title.In(lang) }

// In returns the text in lang, else English, else any.
func (t I18n) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t["en"]; s != "" {
		return s
	}
	for _, s := range t {
		return s
	}
	return ""
}

// CategoryProp is the property the legend categories match.
func (l *Layer) CategoryProp() string {
	if l.Spec.CategoryProp != "" {
		return l.Spec.CategoryProp
	}
	return "category"
}

// Category returns the legend category of value v, or nil.
func (l *Layer) Category(v string) *Category {
	for i := range l.Spec.Categories {
		if l.Spec.Categories[i].Value == v {
			return &l.Spec.Categories[i]
		}
	}
	return nil
}

// Symbol returns the resolved symbol for f; symbols are shared between
// features with the same category, importance and confidence.
func (l *Layer) Symbol(f *Feature) *Symbol {
	k := symbolKey{f.Category, f.Importance, f.Confidence}
	l.mu.Lock()
	defer l.mu.Unlock()
	if s, ok := l.symbols[k]; ok {
		return s
	}
	st := l.Spec.Style
	if c := l.Category(f.Category); c != nil {
		st = st.Over(c.Style)
	}
	s := st.resolve(l.Spec.Kind, f.Importance, f.Confidence)
	if l.symbols == nil {
		l.symbols = map[symbolKey]*Symbol{}
	}
	l.symbols[k] = s
	return s
}

// HasCategory reports whether the layer has a feature of category v that keep
// accepts (nil accepts all): the legend lists only what the map can show.
func (l *Layer) HasCategory(v string, keep func(*Feature) bool) bool {
	if l.loader != nil {
		return true // a basemap layer: its categories are all there
	}
	for _, f := range l.Features {
		if f.Category == v && (keep == nil || keep(f)) {
			return true
		}
	}
	return false
}

// CategorySymbol returns the symbol a legend swatch of category c draws with
// (importance 2, confirmed); c may be nil for the layer's own style.
func (l *Layer) CategorySymbol(c *Category) *Symbol {
	st := l.Spec.Style
	if c != nil {
		st = st.Over(c.Style)
	}
	return st.resolve(l.Spec.Kind, 2, Confirmed)
}

// Search calls fn for each feature whose bound meets b, until fn returns
// false. The spatial index is built on first use.
func (l *Layer) Search(b orb.Bound, fn func(*Feature) bool) {
	l.indexOnce.Do(func() {
		_ = l.Load()
		bounds := make([]orb.Bound, len(l.Features))
		for i, f := range l.Features {
			bounds[i] = f.Bound
		}
		l.index = geo.BuildIndex(bounds)
	})
	l.index.Search(b, func(id int) bool { return fn(l.Features[id]) })
}
