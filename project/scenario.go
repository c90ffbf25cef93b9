package project

import (
	"fmt"
	"regexp"
	"strings"

	"maliatlas/layers"
)

// A Scenario is a fictional training exercise kept inside a project: its own
// layers of invented features, and injects (days or rounds) released one by
// one by the trainer. It is never part of the sourced overlays and never
// cites a source: Validate refuses text that looks like a source key.
type Scenario struct {
	ID    string `json:"id"`
	Title I18n   `json:"title"`
	// Setting is the situation handed out before the first inject.
	Setting I18n             `json:"setting,omitempty"`
	Layers  []FictionalLayer `json:"layers"`
	Injects []Inject         `json:"injects"`
	// Solution is the trainer's answer key, one step per inject; a group's
	// copy has none (GroupCopy strips it) and views hide it unless debriefing.
	Solution []SolutionStep `json:"solution,omitempty"`
	// Released is how many injects the trainer has released (0..len(Injects)).
	Released int `json:"released"`
	// Group is set in a group's copy: whose copy it is.
	Group *Group `json:"group,omitempty"`
	// Answers are a group's answers to the questions (in a group's copy).
	Answers []Answer `json:"answers,omitempty"`
	// Groups is the work of the groups imported back into the trainer's copy,
	// each import a version (merging never overwrites).
	Groups []GroupWork `json:"groups,omitempty"`
}

// FictionalLayer is one layer of invented features.
type FictionalLayer struct {
	ID    string `json:"id"`
	Title I18n   `json:"title"`
}

// Kinds of fictional features.
const (
	FictionalPoint = "point"
	FictionalLine  = "line"
	FictionalArea  = "area"
)

// FictionalFeature is an invented feature: a point, a line or an area.
type FictionalFeature struct {
	ID     string       `json:"id"`
	Layer  string       `json:"layer"`
	Kind   string       `json:"kind"`
	Points [][2]float64 `json:"points"` // lon, lat
	Name   I18n         `json:"name"`
	Note   I18n         `json:"note,omitempty"`
	// Grade is the Admiralty grade of what reported it ("B2"); Confidence is
	// the atlas's confirmed / reported / suspected.
	Grade      string `json:"grade,omitempty"`
	Confidence string `json:"confidence,omitempty"`
}

// Inject is one day or round of the exercise.
type Inject struct {
	ID    string `json:"id"`
	Title I18n   `json:"title"`
	// When is the exercise time it stands for ("Day 2").
	When      I18n               `json:"when,omitempty"`
	Features  []FictionalFeature `json:"features,omitempty"`
	Reports   []Report           `json:"reports,omitempty"`
	Questions []Question         `json:"questions,omitempty"`
	// Retracts lists ids of features, reports or questions of earlier
	// injects that this one withdraws (they were wrong or overtaken).
	Retracts []string `json:"retracts,omitempty"`
}

// Report is a short intelligence report of an inject.
type Report struct {
	ID         string   `json:"id"`
	Title      I18n     `json:"title"`
	Text       I18n     `json:"text"`
	Grade      string   `json:"grade"`
	Confidence string   `json:"confidence,omitempty"`
	Features   []string `json:"features,omitempty"` // the features it reports
}

// Question is a critical information requirement put to the groups.
type Question struct {
	ID   string `json:"id"`
	Text I18n   `json:"text"`
}

// SolutionStep is the trainer's solution at one inject.
type SolutionStep struct {
	Inject   string             `json:"inject"`
	Summary  I18n               `json:"summary,omitempty"`
	Features []FictionalFeature `json:"features,omitempty"`
	Answers  []SolutionAnswer   `json:"answers,omitempty"`
}

// SolutionAnswer is the expected answer to a question.
type SolutionAnswer struct {
	Question string `json:"question"`
	Text     I18n   `json:"text"`
}

// Group names whose copy a project is and its colour on the trainer's map.
type Group struct {
	Name  string `json:"name"`
	Color string `json:"color"`
}

// Answer is a group's answer to a question.
type Answer struct {
	Question string `json:"question"`
	Text     string `json:"text"`
	Grade    string `json:"grade,omitempty"`
	Author   string `json:"author,omitempty"`
	Time     string `json:"time,omitempty"` // RFC 3339
}

// GroupWork is one import of a group's file into the trainer's copy.
type GroupWork struct {
	Name    string `json:"name"`
	Color   string `json:"color"`
	Version int    `json:"version"` // 1, 2, … per group name
	File    string `json:"file,omitempty"`
	// Imported is when it was imported (RFC 3339).
	Imported string `json:"imported"`
	// Inject is how many injects the group's copy had when it was imported
	// (0: not known, files imported before it was recorded).
	Inject      int          `json:"inject,omitempty"`
	Annotations []Annotation `json:"annotations"`
	Answers     []Answer     `json:"answers,omitempty"`
	// Conflicts lists the ids of annotations that an earlier version of the
	// same group holds with other content: both are kept.
	Conflicts []string `json:"conflicts,omitempty"`
}

// sourceKeyLike matches words shaped like the atlas's source keys
// ("ocindex-2025", "unodc-centif-2017"): a scenario never cites a source.
var sourceKeyLike = regexp.MustCompile(`(?i)\b[a-z][a-z0-9]*(-[a-z0-9]+)*-(19|20)\d\d\b`)

// CitesSource reports the first word of s shaped like a source key, or "".
func CitesSource(s string) string { return sourceKeyLike.FindString(s) }

var fictionalMinPoints = map[string]int{FictionalPoint: 1, FictionalLine: 2, FictionalArea: 3}

// Validate checks the scenario. The error starts with the path below the
// scenario (".injects[2].reports[0].grade: ..."), so a caller can prefix it.
func (s *Scenario) Validate() error {
	if s.ID == "" {
		return fmt.Errorf(".id: empty")
	}
	if err := checkTexts("", text{"title", s.Title, true}, text{"setting", s.Setting, false}); err != nil {
		return err
	}
	lay := map[string]bool{}
	for i, l := range s.Layers {
		w := fmt.Sprintf(".layers[%d]", i)
		if err := claimID(lay, l.ID, w); err != nil {
			return err
		}
		if err := checkTexts(w, text{"title", l.Title, true}); err != nil {
			return err
		}
	}
	if len(s.Injects) == 0 {
		return fmt.Errorf(".injects: a scenario needs at least one inject")
	}
	if s.Released < 0 || s.Released > len(s.Injects) {
		return fmt.Errorf(".released: %d is outside 0..%d", s.Released, len(s.Injects))
	}
	ids := idIndex{} // every id → where it was defined
	if err := s.validateInjects(ids, lay); err != nil {
		return err
	}
	if err := s.validateSolution(ids, lay); err != nil {
		return err
	}
	return s.validateGroups()
}

// idIndex maps each id of a scenario's items to where it is defined.
type idIndex map[string]string

// claim records id as defined at where; an empty or taken id is an error.
func (ids idIndex) claim(id, where string) error {
	if id == "" {
		return fmt.Errorf("%s.id: empty", where)
	}
	if prev, dup := ids[id]; dup {
		return fmt.Errorf("%s.id: %q is already the id of %s", where, id, prev)
	}
	ids[id] = "scenario" + where
	return nil
}

// claimID records id in a set of ids of one kind (layers, injects).
func claimID(seen map[string]bool, id, where string) error {
	if id == "" {
		return fmt.Errorf("%s.id: empty", where)
	}
	if seen[id] {
		return fmt.Errorf("%s.id: %q appears twice", where, id)
	}
	seen[id] = true
	return nil
}

// text is one text field of a scenario item to check.
type text struct {
	name     string
	t        I18n
	required bool
}

// checkTexts checks the texts of the item at where, in order.
func checkTexts(where string, ts ...text) error {
	for _, t := range ts {
		if err := checkFictionalText(where+"."+t.name, t.t, t.required); err != nil {
			return err
		}
	}
	return nil
}

// checkFeatures claims and checks features listed at where+".features".
func checkFeatures(ids idIndex, where string, fs []FictionalFeature, lay map[string]bool) error {
	for j := range fs {
		fw := fmt.Sprintf("%s.features[%d]", where, j)
		if err := ids.claim(fs[j].ID, fw); err != nil {
			return err
		}
		if err := fs[j].validate(fw, lay); err != nil {
			return err
		}
	}
	return nil
}

// validateInjects checks the injects in order: ids unique, retractions of
// earlier live items only, reports naming live features.
func (s *Scenario) validateInjects(ids idIndex, lay map[string]bool) error {
	live := map[string]bool{} // ids not retracted so far
	injects := map[string]bool{}
	for i := range s.Injects {
		in := &s.Injects[i]
		w := fmt.Sprintf(".injects[%d]", i)
		if err := claimID(injects, in.ID, w); err != nil {
			return err
		}
		if err := checkTexts(w, text{"title", in.Title, true}, text{"when", in.When, false}); err != nil {
			return err
		}
		if err := checkFeatures(ids, w, in.Features, lay); err != nil {
			return err
		}
		for j, r := range in.Reports {
			rw := fmt.Sprintf("%s.reports[%d]", w, j)
			if err := ids.claim(r.ID, rw); err != nil {
				return err
			}
			if err := checkTexts(rw, text{"title", r.Title, true}, text{"text", r.Text, true}); err != nil {
				return err
			}
			if _, err := ParseGrade(r.Grade); err != nil {
				return fmt.Errorf("%s.grade: %v", rw, err)
			}
			if err := checkConfidence(rw, r.Confidence); err != nil {
				return err
			}
		}
		for j, q := range in.Questions {
			qw := fmt.Sprintf("%s.questions[%d]", w, j)
			if err := ids.claim(q.ID, qw); err != nil {
				return err
			}
			if err := checkTexts(qw, text{"text", q.Text, true}); err != nil {
				return err
			}
		}
		for j, id := range in.Retracts {
			if !live[id] {
				if _, known := ids[id]; known {
					return fmt.Errorf("%s.retracts[%d]: %q is not from an earlier inject or is already retracted", w, j, id)
				}
				return fmt.Errorf("%s.retracts[%d]: no feature, report or question %q", w, j, id)
			}
			delete(live, id)
		}
		// Reports may name the features of this inject or earlier live ones.
		for j := range in.Features {
			live[in.Features[j].ID] = true
		}
		for j, r := range in.Reports {
			for k, fid := range r.Features {
				if !live[fid] {
					return fmt.Errorf("%s.reports[%d].features[%d]: no live feature %q at this inject", w, j, k, fid)
				}
			}
			live[r.ID] = true
		}
		for _, q := range in.Questions {
			live[q.ID] = true
		}
	}
	return nil
}

// validateSolution checks the trainer's solution steps.
func (s *Scenario) validateSolution(ids idIndex, lay map[string]bool) error {
	for i := range s.Solution {
		st := &s.Solution[i]
		w := fmt.Sprintf(".solution[%d]", i)
		if s.InjectIndex(st.Inject) == 0 {
			return fmt.Errorf("%s.inject: no inject %q", w, st.Inject)
		}
		if err := checkTexts(w, text{"summary", st.Summary, false}); err != nil {
			return err
		}
		if err := checkFeatures(ids, w, st.Features, lay); err != nil {
			return err
		}
		for j, a := range st.Answers {
			aw := fmt.Sprintf("%s.answers[%d]", w, j)
			if !strings.Contains(ids[a.Question], ".questions[") {
				return fmt.Errorf("%s.question: no question %q", aw, a.Question)
			}
			if err := checkTexts(aw, text{"text", a.Text, true}); err != nil {
				return err
			}
		}
	}
	return nil
}

// validateGroups checks a group's copy's group and answers, and the groups'
// work imported into the trainer's copy.
func (s *Scenario) validateGroups() error {
	if s.Group != nil {
		if err := checkGroup(".group", s.Group.Name, s.Group.Color); err != nil {
			return err
		}
	}
	if err := checkAnswers(".answers", s.Answers); err != nil {
		return err
	}
	for i := range s.Groups {
		g := &s.Groups[i]
		w := fmt.Sprintf(".groups[%d]", i)
		if err := checkGroup(w, g.Name, g.Color); err != nil {
			return err
		}
		if g.Inject < 0 || g.Inject > len(s.Injects) {
			return fmt.Errorf("%s.inject: %d is outside 0..%d", w, g.Inject, len(s.Injects))
		}
		for j := range g.Annotations {
			a := &g.Annotations[j]
			for _, check := range []func() error{a.Validate, a.ValidateExercise} {
				if err := check(); err != nil {
					return fmt.Errorf("%s.annotations[%d]%w", w, j, err)
				}
			}
		}
		if err := checkAnswers(w+".answers", g.Answers); err != nil {
			return err
		}
	}
	return nil
}

func checkGroup(where, name, color string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("%s.name: empty", where)
	}
	if !validColor(color) {
		return fmt.Errorf("%s.color: %q is not #rrggbb or #rrggbbaa", where, color)
	}
	return nil
}

func checkAnswers(where string, as []Answer) error {
	for i := range as {
		if err := as[i].validate(fmt.Sprintf("%s[%d]", where, i)); err != nil {
			return err
		}
	}
	return nil
}

func (a *Answer) validate(where string) error {
	if a.Question == "" {
		return fmt.Errorf("%s.question: empty", where)
	}
	if a.Grade != "" {
		if _, err := ParseGrade(a.Grade); err != nil {
			return fmt.Errorf("%s.grade: %v", where, err)
		}
	}
	return nil
}

func (f *FictionalFeature) validate(where string, lay map[string]bool) error {
	if !lay[f.Layer] {
		return fmt.Errorf("%s.layer: no fictional layer %q", where, f.Layer)
	}
	need, ok := fictionalMinPoints[f.Kind]
	if !ok {
		return fmt.Errorf("%s.kind: %q is not point, line or area", where, f.Kind)
	}
	if len(f.Points) < need {
		return fmt.Errorf("%s.points: a %s needs at least %d point(s), has %d", where, f.Kind, need, len(f.Points))
	}
	for i, pt := range f.Points {
		if !(pt[0] >= -180 && pt[0] <= 180) || !(pt[1] >= -90 && pt[1] <= 90) {
			return fmt.Errorf("%s.points[%d]: (%g, %g) is outside lon ±180 / lat ±90", where, i, pt[0], pt[1])
		}
	}
	if err := checkFictionalText(where+".name", f.Name, true); err != nil {
		return err
	}
	if err := checkFictionalText(where+".note", f.Note, false); err != nil {
		return err
	}
	if f.Grade != "" {
		if _, err := ParseGrade(f.Grade); err != nil {
			return fmt.Errorf("%s.grade: %v", where, err)
		}
	}
	return checkConfidence(where, f.Confidence)
}

func checkConfidence(where, c string) error {
	if c == "" {
		return nil
	}
	if _, ok := layers.ParseConfidence(c); !ok {
		return fmt.Errorf("%s.confidence: %q is not confirmed, reported or suspected", where, c)
	}
	return nil
}

// checkFictionalText refuses a missing required text and any text that
// cites a source key.
func checkFictionalText(where string, t I18n, required bool) error {
	if required && strings.TrimSpace(t["en"]) == "" && strings.TrimSpace(t["fr"]) == "" {
		return fmt.Errorf("%s: missing (give en and/or fr)", where)
	}
	for _, lang := range []string{"en", "fr"} {
		if k := CitesSource(t[lang]); k != "" {
			return fmt.Errorf("%s.%s: %q looks like a source key: a fictional scenario never cites a source", where, lang, k)
		}
	}
	for lang := range t {
		if lang != "en" && lang != "fr" {
			return fmt.Errorf("%s: language %q is not en or fr", where, lang)
		}
	}
	return nil
}

// ValidateExercise checks the exercise fields of an annotation (grade,
// time); its error starts with the field path like Validate's.
func (a *Annotation) ValidateExercise() error {
	if a.Grade != "" {
		if _, err := ParseGrade(a.Grade); err != nil {
			return fmt.Errorf(".grade: %v", err)
		}
	}
	return nil
}

// CheckNoSourceKeys refuses a scenario whose text names one of keys
// exactly (the catalogue's source keys), wherever it stands.
func (s *Scenario) CheckNoSourceKeys(keys []string) error {
	var hit string
	walkText(s, func(where, text string) bool {
		low := strings.ToLower(text)
		for _, k := range keys {
			if k != "" && strings.Contains(low, strings.ToLower(k)) {
				hit = fmt.Sprintf("%s: names the source %q: a fictional scenario never cites a source", where, k)
				return false
			}
		}
		return true
	})
	if hit != "" {
		return fmt.Errorf("%s", hit)
	}
	return nil
}

// walkText calls f with every text of the scenario and its path, until f
// returns false.
func walkText(s *Scenario, f func(where, text string) bool) {
	i18n := func(where string, t I18n) bool {
		for lang, v := range t {
			if !f(where+"."+lang, v) {
				return false
			}
		}
		return true
	}
	feat := func(where string, ff *FictionalFeature) bool {
		return i18n(where+".name", ff.Name) && i18n(where+".note", ff.Note)
	}
	if !i18n("scenario.title", s.Title) || !i18n("scenario.setting", s.Setting) {
		return
	}
	for i, l := range s.Layers {
		if !i18n(fmt.Sprintf("scenario.layers[%d].title", i), l.Title) {
			return
		}
	}
	for i := range s.Injects {
		in := &s.Injects[i]
		w := fmt.Sprintf("scenario.injects[%d]", i)
		if !i18n(w+".title", in.Title) || !i18n(w+".when", in.When) {
			return
		}
		for j := range in.Features {
			if !feat(fmt.Sprintf("%s.features[%d]", w, j), &in.Features[j]) {
				return
			}
		}
		for j, r := range in.Reports {
			rw := fmt.Sprintf("%s.reports[%d]", w, j)
			if !i18n(rw+".title", r.Title) || !i18n(rw+".text", r.Text) {
				return
			}
		}
		for j, q := range in.Questions {
			if !i18n(fmt.Sprintf("%s.questions[%d].text", w, j), q.Text) {
				return
			}
		}
	}
	for i := range s.Solution {
		st := &s.Solution[i]
		w := fmt.Sprintf("scenario.solution[%d]", i)
		if !i18n(w+".summary", st.Summary) {
			return
		}
		for j := range st.Features {
			if !feat(fmt.Sprintf("%s.features[%d]", w, j), &st.Features[j]) {
				return
			}
		}
		for j, a := range st.Answers {
			if !i18n(fmt.Sprintf("%s.answers[%d].text", w, j), a.Text) {
				return
			}
		}
	}
}

// validateExercise checks the scenario and the annotations' exercise fields
// (called by Project.Validate).
func (p *Project) validateExercise() error {
	for i := range p.Annotations {
		if err := p.Annotations[i].ValidateExercise(); err != nil {
			return fmt.Errorf("annotations[%d]%w", i, err)
		}
	}
	if p.Scenario != nil {
		if err := p.Scenario.Validate(); err != nil {
			return fmt.Errorf("scenario%w", err)
		}
	}
	return nil
}
