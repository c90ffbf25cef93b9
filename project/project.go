// Package project is what a user makes and keeps: the view, the layers and
// their state, the period, annotations, imported layers and briefings, saved
// as a versioned JSON file (.matlas). It has no dependency on Fyne.
package project

import "encoding/json"

// Schema names the file format; Version is the newest version this program
// reads and writes. A file with a newer version is refused, not half-read.
const (
	Schema  = "maliatlas-project"
	Version = 1
	Ext     = ".matlas"
)

// Project is the content of a .matlas file.
type Project struct {
	Schema  string `json:"schema"`
	Version int    `json:"version"`
	Title   string `json:"title,omitempty"`
	Lang    string `json:"lang"` // "en" | "fr"
	View    View   `json:"view"`
	// Layers holds the state of every layer the user changed or showed.
	Layers      []LayerState `json:"layers"`
	Period      Period       `json:"period"`
	Selected    string       `json:"selected,omitempty"` // feature id
	Annotations []Annotation `json:"annotations"`
	Imports     []Import     `json:"imports,omitempty"`
	Briefings   []Briefing   `json:"briefings,omitempty"`
	// Events are event files shown as layers and how (project/events.go).
	EventSources []EventSource `json:"event_sources,omitempty"`
	Events       []EventState  `json:"events,omitempty"`
	// Scenario is a fictional training exercise (scenario.go); nil in an
	// ordinary project.
	Scenario *Scenario `json:"scenario,omitempty"`
}

// View is where the map looks: centre and Web Mercator zoom.
type View struct {
	Lon  float64 `json:"lon"`
	Lat  float64 `json:"lat"`
	Zoom float64 `json:"zoom"`
}

// LayerState is one layer's visibility, opacity and hidden legend categories.
type LayerState struct {
	ID               string   `json:"id"`
	Visible          bool     `json:"visible"`
	Opacity          float64  `json:"opacity"` // 0..1
	HiddenCategories []string `json:"hidden_categories,omitempty"`
	// HiddenConfidence lists the confidences not shown ("confirmed",
	// "reported", "suspected"): e.g. only suspected routes.
	HiddenConfidence []string `json:"hidden_confidence,omitempty"`
}

// Period filters features by their years; the zero value is "all years".
type Period struct {
	From int `json:"from,omitempty"`
	To   int `json:"to,omitempty"`
}

// Annotation kinds.
const (
	KindText     = "text"     // a label: Points[0], Text, Size, Color, Halo
	KindArrow    = "arrow"    // Points[0] → Points[1] (more points: a curve through them), Color, Width
	KindMarker   = "marker"   // Points[0], Text (title), Note, Color
	KindFreehand = "freehand" // Points, Color, Width
	KindArea     = "area"     // Points (a ring), Color (outline), Fill, Hatch
	KindCircle   = "circle"   // Points[0] centre, RadiusKm, Color, Fill
)

// Annotation is a mark the user drew, anchored in map coordinates.
type Annotation struct {
	ID       string       `json:"id"`
	Kind     string       `json:"kind"`
	Points   [][2]float64 `json:"points"` // lon, lat
	Text     string       `json:"text,omitempty"`
	Note     string       `json:"note,omitempty"`
	Color    string       `json:"color,omitempty"` // "#rrggbb[aa]"
	Fill     string       `json:"fill,omitempty"`
	Width    float64      `json:"width,omitempty"` // px at scale 1
	Size     float64      `json:"size,omitempty"`  // text size, px at scale 1
	Halo     bool         `json:"halo,omitempty"`
	Hatch    bool         `json:"hatch,omitempty"`
	Curved   bool         `json:"curved,omitempty"`
	RadiusKm float64      `json:"radius_km,omitempty"`
	// Exercise fields (scenario.go): the Admiralty grade ("B2"), who drew
	// it, when (RFC 3339) and at which inject (its id).
	Grade  string `json:"grade,omitempty"`
	Author string `json:"author,omitempty"`
	Time   string `json:"time,omitempty"`
	Inject string `json:"inject,omitempty"`
}

// Import is a layer the user added from a GeoJSON file; the data is kept in
// the project so it opens on another machine.
type Import struct {
	ID      string          `json:"id"`
	Title   string          `json:"title"`
	Source  string          `json:"source,omitempty"` // the original file's name (no folder), for information
	GeoJSON json.RawMessage `json:"geojson"`          // compact; never changed in place

	// Problem is why the data could not be read on load (the layer is not
	// shown; the data are kept and saved back as they were).
	Problem error `json:"-"`
}

// Text in several languages.
type I18n map[string]string

// Briefing is an ordered list of steps told to an audience.
type Briefing struct {
	ID    string `json:"id"`
	Title I18n   `json:"title"`
	Steps []Step `json:"steps"`
}

// Step is one state of the map with a title and a caption (or a narrative).
type Step struct {
	Title       I18n         `json:"title"`
	Caption     I18n         `json:"caption,omitempty"`
	Narrative   string       `json:"narrative,omitempty"`
	View        View         `json:"view"`
	Layers      []LayerState `json:"layers"`
	Period      Period       `json:"period"`
	Selected    string       `json:"selected,omitempty"`
	Annotations []string     `json:"annotations,omitempty"` // ids of the annotations shown
	Events      []EventState `json:"events,omitempty"`      // event layers' styles and filters
}
