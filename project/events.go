package project

import "maliatlas/events"

// EventSource is an event file (ACLED, UCDP GED or a mapped table) drawn
// as a layer. The project keeps its path and column mapping, not the rows:
// event files run to hundreds of megabytes and are the user's own.
type EventSource struct {
	ID      string          `json:"id"`
	Title   string          `json:"title"`
	Path    string          `json:"path"`
	Mapping *events.Mapping `json:"mapping,omitempty"` // nil: recognised from the header
	Weight  string          `json:"weight,omitempty"`  // a weight column override
}

// EventState is how an event layer is drawn: in a project and in each
// briefing step.
type EventState struct {
	ID          string        `json:"id"`
	Visible     bool          `json:"visible"`
	Style       string        `json:"style"` // points, density, hex or clusters
	CellKm      float64       `json:"cell_km,omitempty"`
	BandwidthKm float64       `json:"bandwidth_km,omitempty"`
	ByCount     bool          `json:"by_count,omitempty"`
	Ramp        string        `json:"ramp,omitempty"`
	Classes     string        `json:"classes,omitempty"`
	Opacity     float64       `json:"opacity,omitempty"`
	Filter      events.Filter `json:"filter"`
}
