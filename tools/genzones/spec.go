package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"

	"maliatlas/geo"
)

// Source is one entry of a feature's sources: a key of data/sources.json and
// the section of the report, or a full citation of an outside public source.
type Source struct {
	Key       string `json:"key,omitempty"`
	Section   string `json:"section,omitempty"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Year      int    `json:"year,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Period is the span of years the sources attest; To nil is open.
type Period struct {
	From int  `json:"from"`
	To   *int `json:"to"`
}

// Around is a point buffer: a town held, drawn as a geodesic circle.
type Around struct {
	Lon      float64 `json:"lon"`
	Lat      float64 `json:"lat"`
	RadiusKm float64 `json:"radius_km"`
}

// Zone is one entry of the zone specification (data/src/zones.json): the
// feature's properties plus the recipe of its geometry (cercle and region
// P-codes to dissolve, or a point buffer).
// Props are a zone's overlay-feature properties, as written to the GeoJSON.
type Props struct {
	ID          string   `json:"id"`
	NameEn      string   `json:"name_en"`
	NameFr      string   `json:"name_fr"`
	Category    string   `json:"category"`
	Kind        string   `json:"kind"`
	Period      *Period  `json:"period"`
	Confidence  string   `json:"confidence"`
	Importance  int      `json:"importance"`
	Sources     []Source `json:"sources"`
	Narrative   string   `json:"narrative"`
	Approximate bool     `json:"approximate"`
}

type Zone struct {
	Props

	Cercles []string `json:"cercles,omitempty"`
	Regions []string `json:"regions,omitempty"`
	Around  *Around  `json:"around,omitempty"`

	// pos is the zone's index in the file, for error messages.
	pos int
}

// Spec is the whole specification file.
type Spec struct {
	Zones []Zone `json:"zones"`
}

var (
	idRe         = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	categories   = map[string]bool{"jnim": true, "is-sahel": true, "fla-cma": true, "aqim-2012": true, "state": true, "militia": true}
	kinds        = map[string]bool{"control": true, "influence": true}
	confidences  = map[string]bool{"confirmed": true, "reported": true, "suspected": true}
	minLon       = -18.0
	maxLon       = 10.0
	minLat       = 4.0
	maxLat       = 27.0
	maxRadiusKm  = 200.0
	minPeriodYr  = 1990
	maxPeriodYr  = 2100
	errNoGeomFmt = "%s: zone %d (id %q): no geometry: give cercles, regions or around"
)

// LoadSpec reads and checks the zone specification at path. JSON syntax
// errors are reported as file:line:col; semantic errors name the zone.
func LoadSpec(path string) (*Spec, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseSpec(path, b)
}

// ParseSpec parses and checks a specification held in b (name is the file
// name used in error messages).
func ParseSpec(name string, b []byte) (*Spec, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s Spec
	if err := dec.Decode(&s); err != nil {
		return nil, jsonError(name, b, err)
	}
	seen := map[string]bool{}
	for i := range s.Zones {
		z := &s.Zones[i]
		z.pos = i
		if err := z.check(); err != nil {
			return nil, fmt.Errorf("%s: zone %d (id %q): %w", name, i, z.ID, err)
		}
		if seen[z.ID] {
			return nil, fmt.Errorf("%s: zone %d (id %q): duplicate id", name, i, z.ID)
		}
		seen[z.ID] = true
		if len(z.Cercles) == 0 && len(z.Regions) == 0 && z.Around == nil {
			return nil, fmt.Errorf(errNoGeomFmt, name, i, z.ID)
		}
	}
	sort.SliceStable(s.Zones, func(i, j int) bool { return s.Zones[i].ID < s.Zones[j].ID })
	return &s, nil
}

func (z *Zone) check() error {
	switch {
	case !idRe.MatchString(z.ID):
		return errors.New("id must be lower-case words joined by dashes")
	case z.NameEn == "" || z.NameFr == "":
		return errors.New("name_en and name_fr are both required")
	case !categories[z.Category]:
		return fmt.Errorf("unknown category %q", z.Category)
	case !kinds[z.Kind]:
		return fmt.Errorf("kind %q: want control or influence", z.Kind)
	case z.Period == nil:
		return errors.New("period is required")
	case z.Period.From < minPeriodYr || z.Period.From > maxPeriodYr:
		return fmt.Errorf("period.from %d out of range", z.Period.From)
	case z.Period.To != nil && *z.Period.To < z.Period.From:
		return fmt.Errorf("period.to %d before period.from %d", *z.Period.To, z.Period.From)
	case !confidences[z.Confidence]:
		return fmt.Errorf("confidence %q: want confirmed, reported or suspected", z.Confidence)
	case z.Importance < 1 || z.Importance > 3:
		return fmt.Errorf("importance %d: want 1..3", z.Importance)
	case len(z.Sources) == 0:
		return errors.New("at least one source is required")
	case z.Narrative == "":
		return errors.New("narrative is required")
	case !z.Approximate:
		return errors.New("approximate must be true: every zone is approximate")
	case z.Around != nil && (len(z.Cercles) > 0 || len(z.Regions) > 0):
		return errors.New("around cannot be combined with cercles or regions")
	}
	for k, src := range z.Sources {
		if src.Key == "" && (src.Title == "" || src.URL == "") {
			return fmt.Errorf("sources[%d]: want a key, or a title and url", k)
		}
		if src.Key != "" && src.Section == "" {
			return fmt.Errorf("sources[%d] (key %q): section is required", k, src.Key)
		}
	}
	if a := z.Around; a != nil {
		if a.Lon < minLon || a.Lon > maxLon || a.Lat < minLat || a.Lat > maxLat {
			return fmt.Errorf("around (%g, %g) is outside lon %g..%g, lat %g..%g", a.Lon, a.Lat, minLon, maxLon, minLat, maxLat)
		}
		if a.RadiusKm <= 0 || a.RadiusKm > maxRadiusKm {
			return fmt.Errorf("around.radius_km %g: want 0 < r <= %g", a.RadiusKm, maxRadiusKm)
		}
	}
	return nil
}

// jsonError turns a decoding error into "file:line:col: message".
func jsonError(name string, b []byte, err error) error { return geo.JSONError(name, b, err) }
