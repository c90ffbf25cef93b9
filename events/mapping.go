package events

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"maliatlas/geo"
)

// Mapping says which columns (or GeoJSON properties) of a table hold what.
// Column names are compared without regard to case. It is saved as JSON so a
// table's mapping is chosen once.
type Mapping struct {
	Format string `json:"format,omitempty"` // "acled", "ucdp" or "" (generic)
	// Date is the event's date, or the first day of a range ending at DateEnd.
	Date    string `json:"date"`
	DateEnd string `json:"date_end,omitempty"`
	// Lon and Lat are the coordinate columns; WKT a POINT column instead.
	Lon string `json:"lon,omitempty"`
	Lat string `json:"lat,omitempty"`
	WKT string `json:"wkt,omitempty"`

	ID       string `json:"id,omitempty"`
	Category string `json:"category,omitempty"`
	Actor    string `json:"actor,omitempty"`
	Place    string `json:"place,omitempty"`
	// Weight is a numeric column (fatalities, best); empty: each event counts 1.
	Weight string `json:"weight,omitempty"`
	// Precision is a geographic precision code column (smaller is more
	// precise); PreciseMax is the largest code still "precise".
	Precision  string `json:"precision,omitempty"`
	PreciseMax int    `json:"precise_max,omitempty"`
}

// ACLEDMapping is the mapping of an ACLED export.
var ACLEDMapping = Mapping{
	Format: "acled", Date: "event_date", Lon: "longitude", Lat: "latitude",
	ID: "event_id_cnty", Category: "event_type", Actor: "actor1", Place: "location",
	Weight: "fatalities", Precision: "geo_precision", PreciseMax: 1,
}

// UCDPMapping is the mapping of the UCDP Georeferenced Event Dataset.
var UCDPMapping = Mapping{
	Format: "ucdp", Date: "date_start", DateEnd: "date_end", Lon: "longitude", Lat: "latitude",
	ID: "id", Category: "type_of_violence", Actor: "side_a", Place: "where_description",
	Weight: "best", Precision: "where_prec", PreciseMax: 2,
}

// ucdpViolence names UCDP's type_of_violence codes.
var ucdpViolence = map[string]string{
	"1": "State-based conflict",
	"2": "Non-state conflict",
	"3": "One-sided violence",
}

// FormatOf is the Format the mapping is for.
func (m Mapping) FormatOf() Format {
	switch m.Format {
	case "acled":
		return ACLED
	case "ucdp":
		return UCDP
	}
	return Generic
}

func has(lower []string, names ...string) bool {
	for _, n := range names {
		if !slices.Contains(lower, n) {
			return false
		}
	}
	return true
}

// Recognise returns the mapping for a header: ACLED when it has
// event_date, latitude, longitude and geo_precision with event_id_cnty or
// event_type; UCDP GED when it has date_start, latitude, longitude and
// where_prec; otherwise a generic mapping guessed from common names (date,
// lon/lat or wkt, category, actor, …). ok is false when no date or no
// location column could be found: the user must map the columns.
func Recognise(header []string) (m Mapping, ok bool) {
	lower := make([]string, len(header))
	for i, h := range header {
		lower[i] = strings.ToLower(strings.TrimSpace(h))
	}
	switch {
	case has(lower, "event_date", "latitude", "longitude", "geo_precision") && (has(lower, "event_id_cnty") || has(lower, "event_type")):
		m = ACLEDMapping
		m.keepPresent(lower)
		return m, true
	case has(lower, "date_start", "latitude", "longitude", "where_prec"):
		m = UCDPMapping
		m.keepPresent(lower)
		return m, true
	}
	pick := func(names ...string) string {
		for _, n := range names {
			if slices.Contains(lower, n) {
				return n
			}
		}
		return ""
	}
	m.Date = pick("date", "event_date", "date_start", "day", "start_date")
	m.DateEnd = pick("date_end", "end_date")
	m.WKT = pick(geoColumns("wkt")...)
	if m.WKT == "" {
		m.Lon = pick(geoColumns("lon")...)
		m.Lat = pick(geoColumns("lat")...)
	}
	m.ID = pick("id", "event_id", "event_id_cnty")
	m.Category = pick("category", "event_type", "type", "kind")
	m.Actor = pick("actor", "actor1", "side_a", "group")
	m.Place = pick("location", "place", "name", "where_description")
	m.Weight = pick("weight", "fatalities", "best", "count", "deaths")
	m.Precision = pick("precision", "geo_precision", "where_prec")
	if m.Precision != "" {
		m.PreciseMax = 1
	}
	return m, m.Check() == nil
}

// geoColumns lists the names geo.ReadCSV also accepts for a geometry column.
func geoColumns(kind string) []string {
	switch kind {
	case "wkt":
		return []string{"wkt", "geometry", "geom", "the_geom"}
	case "lon":
		return []string{"lon", "lng", "long", "longitude", "x"}
	}
	return []string{"lat", "latitude", "y"}
}

// keepPresent clears optional columns the header lacks (a trimmed export).
func (m *Mapping) keepPresent(lower []string) {
	for _, p := range []*string{&m.DateEnd, &m.ID, &m.Category, &m.Actor, &m.Place, &m.Weight} {
		if *p != "" && !slices.Contains(lower, *p) {
			*p = ""
		}
	}
}

// Check reports what a mapping lacks: a date column and a location (lon
// and lat, or WKT).
func (m Mapping) Check() error {
	if m.Date == "" {
		return fmt.Errorf("no date column: map one")
	}
	if m.WKT == "" && (m.Lon == "" || m.Lat == "") {
		return fmt.Errorf("no location columns (longitude and latitude, or WKT): map them")
	}
	return nil
}

// Save writes the mapping as JSON (atomically).
func (m Mapping) Save(path string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return geo.WriteFileAtomic(path, append(b, '\n'))
}

// LoadMapping reads a mapping saved by Save.
func LoadMapping(path string) (Mapping, error) {
	var m Mapping
	b, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, geo.JSONError(path, b, err)
	}
	return m, m.Check()
}

// IsEventFile reports whether the file at path looks like an ACLED or UCDP
// GED export: a CSV whose header Recognise takes for one of them, or a
// GeoJSON file whose first feature has their property names. Other tables
// and GeoJSON files are ordinary layers unless the user maps them.
func IsEventFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf"))
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		i := bytes.Index(t, []byte(`"properties"`))
		if i < 0 {
			return false
		}
		p := t[i:]
		return bytes.Contains(p, []byte(`"event_date"`)) && bytes.Contains(p, []byte(`"geo_precision"`)) ||
			bytes.Contains(p, []byte(`"date_start"`)) && bytes.Contains(p, []byte(`"where_prec"`))
	}
	line := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		line = head[:i]
	}
	sep := string(sniff(line))
	m, ok := Recognise(strings.Split(strings.TrimRight(string(line), "\r"), sep))
	return ok && m.FormatOf() != Generic
}
