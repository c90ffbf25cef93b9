// Package layers describes what the map shows: layers with their styles,
// legend categories, narratives and periods. It knows nothing of Fyne or of
// any drawing backend.
package layers

// Manifest is data/layers.json: every layer the atlas ships, base and overlay.
type Manifest struct {
	Version int         `json:"version"`
	Layers  []LayerSpec `json:"layers"`
}

// I18n is a text in several languages, keyed "en" and "fr".
type I18n map[string]string

// LayerSpec is one entry of the manifest.
type LayerSpec struct {
	ID    string `json:"id"`    // stable, lower-case, e.g. "regions", "cocaine"
	Title I18n   `json:"title"` // {"en": ..., "fr": ...}
	// Kind is the geometry the layer holds: "polygon", "line" or "point".
	Kind string `json:"kind"`
	// Group is "base" or "overlay".
	Group string `json:"group"`
	// File is the GeoJSON file, relative to data/ (e.g. "base/regions.geojson").
	File    string `json:"file"`
	Visible bool   `json:"visible"` // visible by default
	Order   int    `json:"order"`   // draw order, low first
	Style   Style  `json:"style"`
	// CategoryProp is the feature property the categories match (default "category").
	CategoryProp string     `json:"category_prop,omitempty"`
	Categories   []Category `json:"categories,omitempty"`
	Label        *Label     `json:"label,omitempty"`
	// Context layers (the neighbouring countries) are drawn for orientation
	// only: not listed in the legend, not picked by a tap.
	Context bool `json:"context,omitempty"`
	// NamedBy is the id of a point layer that names the same places better
	// (the towns for OpenStreetMap's places): while that layer is shown, a
	// point of this one that is the same place as one of its features
	// (SamePlace) is neither drawn nor labelled, so a place is not named
	// twice side by side in two spellings. Zoom bands follow their parent's.
	NamedBy string `json:"named_by,omitempty"`
	// Sensitive layers are left out of a sensitive export.
	Sensitive bool `json:"sensitive,omitempty"`
	// Narrative is the id of the layer's overview narrative.
	Narrative string `json:"narrative,omitempty"`

	// Basemap level of detail (see basemap.go): a layer is drawn only at
	// zooms in [MinZoom, MaxZoom) (zero: no bound); a layer with a Parent is
	// a zoom band of that layer, shown when it is and not listed on its own.
	MinZoom float64 `json:"min_zoom,omitempty"`
	MaxZoom float64 `json:"max_zoom,omitempty"`
	Parent  string  `json:"parent,omitempty"`
	// Raster makes the layer an image (the relief) instead of features.
	Raster *RasterSpec `json:"raster,omitempty"`
}

// Category is a legend entry: features whose CategoryProp equals Value are drawn
// with Style laid over the layer style (only the fields it sets).
type Category struct {
	Value string `json:"value"`
	Title I18n   `json:"title"`
	Style Style  `json:"style"`
}

// Style is a symbol in map terms. Colours are "#rrggbb" or "#rrggbbaa".
// Widths and sizes are in pixels at a device scale of 1.
type Style struct {
	Fill   string    `json:"fill,omitempty"`
	Stroke string    `json:"stroke,omitempty"`
	Width  float64   `json:"width,omitempty"`
	Dash   []float64 `json:"dash,omitempty"`
	Cap    string    `json:"cap,omitempty"`  // butt|round|square
	Join   string    `json:"join,omitempty"` // miter|round|bevel
	// Casing is a wider line drawn under the stroke (roads, rivers, borders).
	Casing      string  `json:"casing,omitempty"`
	CasingWidth float64 `json:"casing_width,omitempty"`
	// Marker is the point symbol: circle|square|triangle|diamond.
	Marker       string  `json:"marker,omitempty"`
	Size         float64 `json:"size,omitempty"`
	MarkerStroke string  `json:"marker_stroke,omitempty"`
	Hatch        *Hatch  `json:"hatch,omitempty"`
	// Arrows draws arrowheads along lines in the direction of digitising.
	Arrows bool `json:"arrows,omitempty"`
	// WidthByImportance scales line width (or marker size) by the feature's
	// importance 1..3: [w1, w2, w3] replace Width (or Size).
	WidthByImportance []float64 `json:"width_by_importance,omitempty"`
	// ByConfidence: suspected features are dashed, and reported/suspected
	// fills and hatches are drawn more transparent.
	ByConfidence bool `json:"by_confidence,omitempty"`
}

// Hatch fills a polygon with parallel lines.
type Hatch struct {
	Color   string  `json:"color"`
	Angle   float64 `json:"angle"`   // degrees from horizontal, counter-clockwise
	Spacing float64 `json:"spacing"` // pixels between lines
	Width   float64 `json:"width"`   // pixels
}

// Label says how features are labelled.
type Label struct {
	// Prop is the property holding the text; "{lang}" in it is replaced by the
	// language ("name_{lang}" → "name_fr").
	Prop     string  `json:"prop"`
	Size     float64 `json:"size"`
	Color    string  `json:"color,omitempty"`
	Halo     string  `json:"halo,omitempty"`
	Bold     bool    `json:"bold,omitempty"`
	Italic   bool    `json:"italic,omitempty"`
	Upper    bool    `json:"upper,omitempty"`
	Priority int     `json:"priority,omitempty"` // higher wins label collisions
	// PriorityProp/PriorityMap: per-feature priority from a property value
	// (e.g. towns' "kind": capital 30, regional_capital 20, town 10).
	PriorityProp string         `json:"priority_prop,omitempty"`
	PriorityMap  map[string]int `json:"priority_map,omitempty"`
	// MinZoom hides labels below this Web Mercator zoom.
	MinZoom float64 `json:"min_zoom,omitempty"`
	// SizeMap: per-feature text size from the PriorityProp value (places:
	// cities larger than villages).
	SizeMap map[string]float64 `json:"size_map,omitempty"`
	// Spacing labels lines along their length, one label every Spacing
	// pixels (road refs, river names) instead of once at the middle.
	Spacing float64 `json:"spacing,omitempty"`
	// Shield draws the label in a box of this colour (road refs: RN16).
	Shield string `json:"shield,omitempty"`
}
