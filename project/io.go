package project

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb/geojson"

	"maliatlas/geo"

	"maliatlas/layers"
)

// New returns an empty project with the defaults: English, no layers
// changed, all years, no annotations.
func New() *Project {
	return &Project{
		Schema:      Schema,
		Version:     Version,
		Lang:        "en",
		View:        View{Lon: -4, Lat: 17, Zoom: 5},
		Layers:      []LayerState{},
		Annotations: []Annotation{},
	}
}

// Load reads and checks the project file at path. On any problem it returns
// nil and an error naming the file and the place.
func Load(path string) (*Project, error) {
	p, _, err := LoadFeatures(path)
	return p, err
}

// LoadFeatures is Load that also returns each import's features, as read
// by the check (nil for an import with a Problem), so that a large import
// is not read twice.
func LoadFeatures(path string) (*Project, []*geojson.FeatureCollection, error) {
	data, err := geo.ReadInputFile(path) // refuses a file too large to read
	if err != nil {
		return nil, nil, err
	}
	return decode(path, data)
}

// Decode parses and checks a project; name is the file name used in errors.
// It returns either a whole, valid project or nil and an error: never a
// project half read.
func Decode(name string, data []byte) (*Project, error) {
	p, _, err := decode(name, data)
	return p, err
}

func decode(name string, data []byte) (*Project, []*geojson.FeatureCollection, error) {
	data = geo.TrimBOM(data)
	// The header first: a file of another kind or of a newer version is
	// refused before its content is judged by this version's rules.
	var head struct {
		Schema  *string `json:"schema"`
		Version *int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, nil, geo.JSONError(name, data, err)
	}
	switch {
	case head.Schema == nil:
		return nil, nil, fmt.Errorf("%s: not a Mali Routes Atlas project (no \"schema\"; want %q)", name, Schema)
	case *head.Schema != Schema:
		return nil, nil, fmt.Errorf("%s: not a Mali Routes Atlas project (schema %q; want %q)", name, *head.Schema, Schema)
	case head.Version == nil:
		return nil, nil, fmt.Errorf("%s: no \"version\"", name)
	case *head.Version > Version:
		return nil, nil, fmt.Errorf("%s: made by a newer Mali Routes Atlas: version %d > %d", name, *head.Version, Version)
	case *head.Version < 1:
		return nil, nil, fmt.Errorf("%s: version %d is not a valid version (1..%d)", name, *head.Version, Version)
	}
	p := new(Project)
	if err := json.Unmarshal(data, p); err != nil {
		return nil, nil, geo.JSONError(name, data, err)
	}
	if p.Lang == "" {
		p.Lang = "en"
	}
	if p.Layers == nil {
		p.Layers = []LayerState{}
	}
	if p.Annotations == nil {
		p.Annotations = []Annotation{}
	}
	if err := p.Validate(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	// Each import is checked as on import: a bad one is kept (so that a
	// save writes it back unchanged) but marked, and the rest still opens.
	fcs := make([]*geojson.FeatureCollection, len(p.Imports))
	for i := range p.Imports {
		fcs[i] = p.Imports[i].check(fmt.Sprintf("%s: imports[%d] (%s)", name, i, p.Imports[i].Title))
	}
	p.Version = Version
	return p, fcs, nil
}

// Validate checks what JSON cannot: annotation kinds, coordinates, opacity,
// periods, languages. The error names the JSON path of the first problem
// (e.g. "annotations[3].points[1]").
func (p *Project) Validate() error {
	switch p.Lang {
	case "en", "fr":
	default:
		return fmt.Errorf("lang: %q is not en or fr", p.Lang)
	}
	if err := checkView("view", p.View); err != nil {
		return err
	}
	if err := checkLayers("layers", p.Layers); err != nil {
		return err
	}
	if err := checkPeriod("period", p.Period); err != nil {
		return err
	}
	ids := map[string]int{}
	for i := range p.Annotations {
		a := &p.Annotations[i]
		where := fmt.Sprintf("annotations[%d]", i)
		if err := a.Validate(); err != nil {
			return fmt.Errorf("%s%w", where, err)
		}
		if j, dup := ids[a.ID]; dup {
			return fmt.Errorf("%s.id: %q is already the id of annotations[%d]", where, a.ID, j)
		}
		ids[a.ID] = i
	}
	imports := map[string]bool{}
	for i, im := range p.Imports {
		where := fmt.Sprintf("imports[%d]", i)
		if im.ID == "" {
			return fmt.Errorf("%s.id: empty", where)
		}
		if imports[im.ID] {
			return fmt.Errorf("%s.id: %q appears twice", where, im.ID)
		}
		imports[im.ID] = true
		if len(bytes.TrimSpace(im.GeoJSON)) == 0 {
			return fmt.Errorf("%s.geojson: missing", where)
		}
	}
	for i, b := range p.Briefings {
		where := fmt.Sprintf("briefings[%d]", i)
		if b.ID == "" {
			return fmt.Errorf("%s.id: empty", where)
		}
		for j, s := range b.Steps {
			sw := fmt.Sprintf("%s.steps[%d]", where, j)
			if err := checkView(sw+".view", s.View); err != nil {
				return err
			}
			if err := checkLayers(sw+".layers", s.Layers); err != nil {
				return err
			}
			if err := checkPeriod(sw+".period", s.Period); err != nil {
				return err
			}
			for k, id := range s.Annotations {
				if _, ok := ids[id]; !ok {
					return fmt.Errorf("%s.annotations[%d]: no annotation %q", sw, k, id)
				}
			}
		}
	}
	return nil
}

func checkView(where string, v View) error {
	if !(v.Lon >= -180 && v.Lon <= 180) || !(v.Lat >= -90 && v.Lat <= 90) {
		return fmt.Errorf("%s: centre (%g, %g) is outside lon ±180 / lat ±90", where, v.Lon, v.Lat)
	}
	if !(v.Zoom >= 0 && v.Zoom <= 22) {
		return fmt.Errorf("%s.zoom: %g is outside 0..22", where, v.Zoom)
	}
	return nil
}

func checkLayers(where string, ls []LayerState) error {
	seen := map[string]bool{}
	for i, l := range ls {
		w := fmt.Sprintf("%s[%d]", where, i)
		if l.ID == "" {
			return fmt.Errorf("%s.id: empty", w)
		}
		if seen[l.ID] {
			return fmt.Errorf("%s.id: layer %q appears twice", w, l.ID)
		}
		seen[l.ID] = true
		if !(l.Opacity >= 0 && l.Opacity <= 1) {
			return fmt.Errorf("%s.opacity: %g is outside 0..1", w, l.Opacity)
		}
		for j, c := range l.HiddenConfidence {
			if _, ok := layers.ParseConfidence(c); !ok {
				return fmt.Errorf("%s.hidden_confidence[%d]: %q is not confirmed, reported or suspected", w, j, c)
			}
		}
	}
	return nil
}

func checkPeriod(where string, p Period) error {
	if p.From < 0 || p.To < 0 || p.From > 9999 || p.To > 9999 {
		return fmt.Errorf("%s: years must be 0 (open) or 1..9999, not %d..%d", where, p.From, p.To)
	}
	if p.From != 0 && p.To != 0 && p.From > p.To {
		return fmt.Errorf("%s: from %d is after to %d", where, p.From, p.To)
	}
	return nil
}

// minPoints is the fewest points each kind of annotation needs.
var minPoints = map[string]int{
	KindText: 1, KindArrow: 2, KindMarker: 1, KindFreehand: 2, KindArea: 3, KindCircle: 1,
}

// Validate checks one annotation. The error starts with the field path
// below the annotation (".points[1]: ..."), so a caller can prefix it.
func (a *Annotation) Validate() error {
	if a.ID == "" {
		return fmt.Errorf(".id: empty")
	}
	need, ok := minPoints[a.Kind]
	if !ok {
		return fmt.Errorf(".kind: unknown kind %q (text, arrow, marker, freehand, area or circle)", a.Kind)
	}
	if len(a.Points) < need {
		return fmt.Errorf(".points: a %s needs at least %d point(s), has %d", a.Kind, need, len(a.Points))
	}
	for i, pt := range a.Points {
		if !(pt[0] >= -180 && pt[0] <= 180) || !(pt[1] >= -90 && pt[1] <= 90) {
			return fmt.Errorf(".points[%d]: (%g, %g) is outside lon ±180 / lat ±90", i, pt[0], pt[1])
		}
	}
	for _, c := range []struct{ name, v string }{{"color", a.Color}, {"fill", a.Fill}} {
		if c.v != "" && !validColor(c.v) {
			return fmt.Errorf(".%s: %q is not #rrggbb or #rrggbbaa", c.name, c.v)
		}
	}
	if !(a.Width >= 0 && a.Width <= 100) {
		return fmt.Errorf(".width: %g is outside 0..100", a.Width)
	}
	if !(a.Size >= 0 && a.Size <= 400) {
		return fmt.Errorf(".size: %g is outside 0..400", a.Size)
	}
	if a.Kind == KindCircle && !(a.RadiusKm > 0 && a.RadiusKm <= 5000) {
		return fmt.Errorf(".radius_km: %g is outside 0..5000 (exclusive of 0)", a.RadiusKm)
	}
	if math.IsNaN(a.RadiusKm) || a.RadiusKm < 0 {
		return fmt.Errorf(".radius_km: %g is negative", a.RadiusKm)
	}
	return nil
}

func validColor(s string) bool {
	if !strings.HasPrefix(s, "#") || (len(s) != 4 && len(s) != 7 && len(s) != 9) {
		return false
	}
	for _, c := range s[1:] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
