package project

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"maliatlas/geo"
)

// ScenarioDir is the folder of the built-in scenarios in the data tree.
const ScenarioDir = "scenarios"

// DecodeScenario reads one scenario (a JSON object, unknown fields
// refused) and validates it; where names it in errors.
func DecodeScenario(where string, raw []byte) (*Scenario, error) {
	raw = geo.TrimBOM(raw)
	var s Scenario
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, geo.JSONError(where, raw, err)
	}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("%s: scenario%w", where, err)
	}
	return &s, nil
}

// LoadBuiltinScenarios reads scenarios/*.json from fsys laid out as data/,
// sorted by file name.
func LoadBuiltinScenarios(fsys fs.FS) ([]*Scenario, error) {
	names, err := fs.Glob(fsys, ScenarioDir+"/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []*Scenario
	ids := map[string]string{}
	for _, name := range names {
		where := path.Join("data", name)
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		s, err := DecodeScenario(where, raw)
		if err != nil {
			return nil, err
		}
		if ids[s.ID] != "" {
			return nil, fmt.Errorf("%s: scenario id %q is also used by %s", where, s.ID, ids[s.ID])
		}
		ids[s.ID] = where
		out = append(out, s)
	}
	return out, nil
}

// NewExercise returns the trainer's project for scenario s in lang: no
// inject released yet, the view on the scenario's features.
func NewExercise(s *Scenario, lang string) *Project {
	p := New()
	if lang == "fr" || lang == "en" {
		p.Lang = lang
	}
	p.Scenario = s.Clone()
	p.Scenario.Released = 0
	p.Title = s.Title.In(p.Lang)
	if b, ok := s.Bound(); ok {
		p.View = View{Lon: (b[0] + b[2]) / 2, Lat: (b[1] + b[3]) / 2, Zoom: 7}
	}
	return p
}

// Bound is the lon/lat box of all the scenario's features (injects and
// solution): minLon, minLat, maxLon, maxLat.
func (s *Scenario) Bound() ([4]float64, bool) {
	b := [4]float64{180, 90, -180, -90}
	ok := false
	add := func(fs []FictionalFeature) {
		for _, f := range fs {
			for _, p := range f.Points {
				b[0], b[1] = min(b[0], p[0]), min(b[1], p[1])
				b[2], b[3] = max(b[2], p[0]), max(b[3], p[1])
				ok = true
			}
		}
	}
	for i := range s.Injects {
		add(s.Injects[i].Features)
	}
	for i := range s.Solution {
		add(s.Solution[i].Features)
	}
	return b, ok
}
