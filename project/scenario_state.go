package project

// ScenarioState is what the groups know after a number of injects: the
// features, reports and questions released and not retracted, in the order
// they came.
type ScenarioState struct {
	Inject    int // how many injects are counted
	Features  []FictionalFeature
	Reports   []Report
	Questions []Question
	// Retracted lists the ids withdrawn so far; the items themselves are
	// gone from the lists above.
	Retracted []string
}

// Diff is what inject n changed against inject n−1.
type Diff struct {
	Inject    int
	Added     map[string]bool // ids of features, reports, questions
	Retracted map[string]bool
	// RetractedFeatures are the features withdrawn by this inject, so a view
	// can show where they were.
	RetractedFeatures []FictionalFeature
}

// StateAt returns the state after the first n injects (clamped to 0..len).
func (s *Scenario) StateAt(n int) ScenarioState {
	n = max(0, min(n, len(s.Injects)))
	st := ScenarioState{Inject: n}
	gone := map[string]bool{}
	for i := 0; i < n; i++ {
		for _, id := range s.Injects[i].Retracts {
			gone[id] = true
		}
	}
	for i := 0; i < n; i++ {
		in := &s.Injects[i]
		for _, f := range in.Features {
			if !gone[f.ID] {
				st.Features = append(st.Features, f)
			}
		}
		for _, r := range in.Reports {
			if !gone[r.ID] {
				st.Reports = append(st.Reports, r)
			}
		}
		for _, q := range in.Questions {
			if !gone[q.ID] {
				st.Questions = append(st.Questions, q)
			}
		}
		st.Retracted = append(st.Retracted, in.Retracts...)
	}
	return st
}

// NewSince returns what inject n (1-based) added and retracted compared with
// the state after n−1 injects. n outside 1..len gives an empty diff.
func (s *Scenario) NewSince(n int) Diff {
	d := Diff{Inject: n, Added: map[string]bool{}, Retracted: map[string]bool{}}
	if n < 1 || n > len(s.Injects) {
		return d
	}
	in := &s.Injects[n-1]
	for _, f := range in.Features {
		d.Added[f.ID] = true
	}
	for _, r := range in.Reports {
		d.Added[r.ID] = true
	}
	for _, q := range in.Questions {
		d.Added[q.ID] = true
	}
	prev := s.StateAt(n - 1)
	for _, id := range in.Retracts {
		d.Retracted[id] = true
		for _, f := range prev.Features {
			if f.ID == id {
				d.RetractedFeatures = append(d.RetractedFeatures, f)
			}
		}
	}
	return d
}

// SolutionAt returns the trainer's solution step for inject n (1-based),
// or nil.
func (s *Scenario) SolutionAt(n int) *SolutionStep {
	if n < 1 || n > len(s.Injects) {
		return nil
	}
	id := s.Injects[n-1].ID
	for i := range s.Solution {
		if s.Solution[i].Inject == id {
			return &s.Solution[i]
		}
	}
	return nil
}

// SolutionFeaturesUpTo returns the solution features of injects 1..n.
func (s *Scenario) SolutionFeaturesUpTo(n int) []FictionalFeature {
	var out []FictionalFeature
	for i := 1; i <= n && i <= len(s.Injects); i++ {
		if st := s.SolutionAt(i); st != nil {
			out = append(out, st.Features...)
		}
	}
	return out
}

// InjectIndex returns the 1-based number of the inject with id, or 0.
func (s *Scenario) InjectIndex(id string) int {
	for i := range s.Injects {
		if s.Injects[i].ID == id {
			return i + 1
		}
	}
	return 0
}

// Question returns the question with id from any inject, or nil.
func (s *Scenario) Question(id string) *Question {
	for i := range s.Injects {
		for j := range s.Injects[i].Questions {
			if s.Injects[i].Questions[j].ID == id {
				return &s.Injects[i].Questions[j]
			}
		}
	}
	return nil
}

// ItemName names the feature, report or question with id from any inject
// in lang: a feature by its name, a report by its title and grade, a
// question by its text. ok is false when no item has that id.
func (s *Scenario) ItemName(id, lang string) (name, grade string, kind ItemKind, ok bool) {
	for i := range s.Injects {
		in := &s.Injects[i]
		for _, f := range in.Features {
			if f.ID == id {
				return f.Name.In(lang), "", FeatureItem, true
			}
		}
		for _, r := range in.Reports {
			if r.ID == id {
				return r.Title.In(lang), r.Grade, ReportItem, true
			}
		}
		for _, q := range in.Questions {
			if q.ID == id {
				return q.Text.In(lang), "", QuestionItem, true
			}
		}
	}
	return "", "", 0, false
}

// ItemKind is what an inject's item is: a fictional feature, a report or
// a question.
type ItemKind int

const (
	FeatureItem ItemKind = iota + 1
	ReportItem
	QuestionItem
)

// Layer returns the fictional layer with id, or nil.
func (s *Scenario) Layer(id string) *FictionalLayer {
	for i := range s.Layers {
		if s.Layers[i].ID == id {
			return &s.Layers[i]
		}
	}
	return nil
}

// HasQuestion reports whether the inject asks the question with id.
func (in *Inject) HasQuestion(id string) bool {
	for _, q := range in.Questions {
		if q.ID == id {
			return true
		}
	}
	return false
}
