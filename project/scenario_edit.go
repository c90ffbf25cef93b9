package project

import (
	"fmt"
	"slices"
	"strings"
)

// Clone returns a deep copy of s (nil for nil).
func (s *Scenario) Clone() *Scenario {
	if s == nil {
		return nil
	}
	return jsonClone(s)
}

// DefaultFictionalLayer is the layer a new scenario's features go to.
const DefaultFictionalLayer = "fictional"

// NewScenario is an empty scenario for a trainer to write: one fictional
// layer and one inject, titled in both languages.
func NewScenario(id string, title, layerTitle, injectTitle I18n) *Scenario {
	return &Scenario{
		ID:      id,
		Title:   title,
		Layers:  []FictionalLayer{{ID: DefaultFictionalLayer, Title: layerTitle}},
		Injects: []Inject{{ID: "inject1", Title: injectTitle}},
	}
}

// ids returns every id the scenario uses: layers, injects, features,
// reports, questions, solution features.
func (s *Scenario) ids() map[string]bool {
	seen := map[string]bool{}
	for _, l := range s.Layers {
		seen[l.ID] = true
	}
	for i := range s.Injects {
		in := &s.Injects[i]
		seen[in.ID] = true
		for _, f := range in.Features {
			seen[f.ID] = true
		}
		for _, r := range in.Reports {
			seen[r.ID] = true
		}
		for _, q := range in.Questions {
			seen[q.ID] = true
		}
	}
	for _, st := range s.Solution {
		for _, f := range st.Features {
			seen[f.ID] = true
		}
	}
	return seen
}

// NewID returns prefix followed by the smallest number not yet an id of
// the scenario ("f1", "f2", …).
func (s *Scenario) NewID(prefix string) string {
	seen := s.ids()
	for n := 1; ; n++ {
		if id := fmt.Sprintf("%s%d", prefix, n); !seen[id] {
			return id
		}
	}
}

// AddInject appends an inject with a new id and returns its index.
func (s *Scenario) AddInject(title, when I18n) int {
	s.Injects = append(s.Injects, Inject{ID: s.NewID("inject"), Title: title, When: when})
	return len(s.Injects) - 1
}

// MoveInject moves inject i to position j (both 0-based). Retractions and
// reports that now name later items make the scenario invalid: Validate
// says where.
func (s *Scenario) MoveInject(i, j int) {
	if i == j || i < 0 || j < 0 || i >= len(s.Injects) || j >= len(s.Injects) {
		return
	}
	in := s.Injects[i]
	s.Injects = slices.Delete(s.Injects, i, i+1)
	s.Injects = slices.Insert(s.Injects, j, in)
}

// RemoveInject removes inject i with its solution step; the released count
// is kept within range.
func (s *Scenario) RemoveInject(i int) {
	if i < 0 || i >= len(s.Injects) {
		return
	}
	id := s.Injects[i].ID
	s.Injects = slices.Delete(s.Injects, i, i+1)
	s.Solution = slices.DeleteFunc(s.Solution, func(st SolutionStep) bool { return st.Inject == id })
	s.Released = min(s.Released, len(s.Injects))
}

// SolutionStepFor returns the solution step of inject id, adding an empty
// one when there is none.
func (s *Scenario) SolutionStepFor(id string) *SolutionStep {
	for i := range s.Solution {
		if s.Solution[i].Inject == id {
			return &s.Solution[i]
		}
	}
	s.Solution = append(s.Solution, SolutionStep{Inject: id})
	return &s.Solution[len(s.Solution)-1]
}

// RetractableAt lists what inject i (0-based) may withdraw: the features,
// reports and questions of earlier injects still live before it, with
// their names in lang.
func (s *Scenario) RetractableAt(i int, lang string) []Item {
	st := s.StateAt(i)
	var out []Item
	for _, f := range st.Features {
		out = append(out, Item{f.ID, f.Name.In(lang)})
	}
	for _, r := range st.Reports {
		out = append(out, Item{r.ID, r.Title.In(lang)})
	}
	for _, q := range st.Questions {
		out = append(out, Item{q.ID, q.Text.In(lang)})
	}
	return out
}

// Item is an id with its name.
type Item struct{ ID, Name string }

// SetRetracted adds id to or removes it from inject i's retractions.
func (s *Scenario) SetRetracted(i int, id string, on bool) {
	in := &s.Injects[i]
	has := slices.Contains(in.Retracts, id)
	switch {
	case on && !has:
		in.Retracts = append(in.Retracts, id)
	case !on && has:
		in.Retracts = slices.DeleteFunc(in.Retracts, func(x string) bool { return x == id })
	}
}

// PruneSolution drops the solution's answers with no text and the steps
// left with nothing (the editor makes them as the trainer types).
func (s *Scenario) PruneSolution() {
	for i := range s.Solution {
		st := &s.Solution[i]
		st.Answers = slices.DeleteFunc(st.Answers, func(a SolutionAnswer) bool { return emptyText(a.Text) })
		if len(st.Answers) == 0 {
			st.Answers = nil
		}
		if emptyText(st.Summary) {
			st.Summary = nil
		}
	}
	s.Solution = slices.DeleteFunc(s.Solution, func(st SolutionStep) bool {
		return st.Summary == nil && len(st.Features) == 0 && len(st.Answers) == 0
	})
	if len(s.Solution) == 0 {
		s.Solution = nil
	}
}

func emptyText(t I18n) bool {
	for _, v := range t {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
