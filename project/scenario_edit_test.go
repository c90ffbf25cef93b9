package project

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// A scenario written with the editor's operations validates, saves and
// reads back equal; each edit is undone and redone through History.
func TestScenarioEditUndoRoundTrip(t *testing.T) {
	p := New()
	var h History
	s := NewScenario("my-exercise", I18n{"en": "Dune", "fr": "Dune"}, I18n{"en": "Invented", "fr": "Inventé"}, I18n{"en": "Day 1", "fr": "Jour 1"})
	h.ApplyScenario(p, s)
	if err := p.Scenario.Validate(); err != nil {
		t.Fatalf("a new scenario is invalid: %v", err)
	}
	d := p.Scenario.Clone()
	d.Injects[0].Features = append(d.Injects[0].Features, FictionalFeature{ID: d.NewID("f"), Layer: DefaultFictionalLayer, Kind: FictionalPoint, Points: [][2]float64{{-0.04, 16.27}}, Name: I18n{"en": "Depot"}, Grade: "B2"})
	h.ApplyScenario(p, d)
	d = p.Scenario.Clone()
	i := d.AddInject(I18n{"en": "Day 2"}, nil)
	d.Injects[i].Reports = append(d.Injects[i].Reports, Report{ID: d.NewID("r"), Title: I18n{"en": "Patrol"}, Text: I18n{"en": "Seen"}, Grade: "C3", Features: []string{"f1"}})
	d.SetRetracted(i, "f1", true)
	if err := d.Validate(); err == nil || !strings.Contains(err.Error(), "no live feature \"f1\"") {
		t.Errorf("a report on a feature its inject withdraws: %v", err)
	}
	d.Injects[i].Reports[0].Features = nil
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	h.ApplyScenario(p, d)
	if d.Injects[i].ID != "inject2" || d.Injects[i].Reports[0].ID != "r1" {
		t.Errorf("new ids %q %q", d.Injects[i].ID, d.Injects[i].Reports[0].ID)
	}
	// Moving the retracting inject first makes it retract a later feature.
	m := p.Scenario.Clone()
	m.MoveInject(1, 0)
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "injects[0].retracts[0]") {
		t.Errorf("moved retraction: %v", err)
	}
	// Undo, redo.
	want := p.Scenario.Clone()
	if !h.Undo(p) || len(p.Scenario.Injects) != 1 {
		t.Fatalf("undo: %d injects", len(p.Scenario.Injects))
	}
	if !h.Redo(p) || !reflect.DeepEqual(p.Scenario, want) {
		t.Fatal("redo did not give the scenario back")
	}
	// The edit did not change what a snapshot took.
	snap := p.Clone()
	e := p.Scenario.Clone()
	e.Injects[0].Title["en"] = "Changed"
	h.ApplyScenario(p, e)
	if snap.Scenario.Injects[0].Title["en"] != "Day 1" {
		t.Error("ApplyScenario changed the old scenario in place")
	}
	h.Undo(p)
	data, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Decode("x.matlas", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(q.Scenario, want) {
		t.Errorf("read back %+v\nwant %+v", q.Scenario, want)
	}
	// Typing in one field is one step of Undo.
	n := len(h.undo)
	for _, t := range []string{"D", "Du", "Dun"} {
		e := p.Scenario.Clone()
		e.Title["en"] = t
		h.ApplyScenarioAs(p, e, "title.en")
	}
	e2 := p.Scenario.Clone()
	e2.Title["fr"] = "x"
	h.ApplyScenarioAs(p, e2, "title.fr")
	if len(h.undo) != n+2 || p.Scenario.Title["en"] != "Dun" {
		t.Errorf("%d steps for two fields typed", len(h.undo)-n)
	}
	h.Undo(p)
	h.Undo(p)
	if !reflect.DeepEqual(p.Scenario, want) {
		t.Error("two undos did not take back two fields typed")
	}
	// Removing an inject removes its solution step.
	r := want.Clone()
	r.SolutionStepFor("inject2").Summary = I18n{"en": "x"}
	r.RemoveInject(1)
	if len(r.Solution) != 0 || len(r.Injects) != 1 {
		t.Errorf("after RemoveInject: %d steps, %d injects", len(r.Solution), len(r.Injects))
	}
	if got := want.RetractableAt(1, "en"); len(got) != 1 || got[0].ID != "f1" {
		t.Errorf("RetractableAt(1) = %v", got)
	}
}

// The groups' marks shown at an inject are those made up to it, from the
// version imported at that inject when there is one.
func TestGroupsAsOf(t *testing.T) {
	tr := NewExercise(builtinScenario(t), "en")
	s := tr.Scenario
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	mark := func(id, inject string) Annotation {
		return Annotation{ID: id, Kind: KindMarker, Points: [][2]float64{{0, 16.5}}, Text: id, Inject: inject}
	}
	merge := func(released int, anns ...Annotation) {
		t.Helper()
		s.Released = released
		g, err := GroupCopy(tr, "A", GroupColors[0])
		if err != nil {
			t.Fatal(err)
		}
		g.Annotations = append(g.Annotations, anns...)
		if _, err := MergeGroup(tr, g, "a.matlas", now); err != nil {
			t.Fatal(err)
		}
	}
	in := func(n int) string { return s.Injects[n-1].ID }
	// At inject 2 the group has m1 (inject 1) and m2 (inject 2); by
	// inject 4 it has deleted m1 and added m4.
	merge(2, mark("m1", in(1)), mark("m2", in(2)))
	merge(4, mark("m2", in(2)), mark("m4", in(4)), mark("old", ""))
	if s.Groups[0].Inject != 2 || s.Groups[1].Inject != 4 {
		t.Fatalf("imports at injects %d, %d", s.Groups[0].Inject, s.Groups[1].Inject)
	}
	ids := func(n int) string {
		gs := s.GroupsAsOf(n)
		if len(gs) != 1 {
			t.Fatalf("%d groups", len(gs))
		}
		var out []string
		for _, a := range gs[0].Annotations {
			out = append(out, a.ID)
		}
		return strings.Join(out, ",")
	}
	for n, want := range map[int]string{0: "", 1: "m1", 2: "m1,m2", 3: "m2,old", 4: "m2,m4,old", 5: "m2,m4,old"} {
		if got := ids(n); got != want {
			t.Errorf("as of inject %d: %q, want %q", n, got, want)
		}
	}
	// A file imported before the inject was recorded counts as the latest.
	s.Groups[1].Inject = 0
	if got := ids(3); got != "m2,old" {
		t.Errorf("unknown import inject, as of 3: %q", got)
	}
	s.Groups[0].Inject = 9
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "groups[0].inject") {
		t.Errorf("bad import inject: %v", err)
	}
}

// Two groups handed out in the same colour are told apart once merged.
func TestMergeGivesEachGroupItsColour(t *testing.T) {
	tr := NewExercise(builtinScenario(t), "en")
	tr.Scenario.Released = 1
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for _, name := range []string{"A", "B", "A"} {
		g, err := GroupCopy(tr, name, GroupColors[0])
		if err != nil {
			t.Fatal(err)
		}
		g.Annotations = append(g.Annotations, Annotation{ID: name + fmt.Sprint(len(tr.Scenario.Groups)), Kind: KindMarker, Points: [][2]float64{{0, 16}}})
		if _, err := MergeGroup(tr, g, name+".matlas", now); err != nil {
			t.Fatal(err)
		}
	}
	gs := tr.Scenario.Groups
	if len(gs) != 3 || gs[0].Color != GroupColors[0] || gs[1].Color != GroupColors[1] || gs[2].Color != GroupColors[0] {
		t.Errorf("colours %q %q %q", gs[0].Color, gs[1].Color, gs[2].Color)
	}
}

// TestScenarioItemName: every feature, report and question of every inject
// is found by its id with its own text and kind; an unknown id is not.
func TestScenarioItemName(t *testing.T) {
	s := builtinScenario(t)
	seen := 0
	for _, in := range s.Injects {
		for _, f := range in.Features {
			name, _, kind, ok := s.ItemName(f.ID, "fr")
			if !ok || kind != FeatureItem || name != f.Name.In("fr") {
				t.Errorf("feature %s: %q %v %v", f.ID, name, kind, ok)
			}
			seen++
		}
		for _, r := range in.Reports {
			name, grade, kind, ok := s.ItemName(r.ID, "en")
			if !ok || kind != ReportItem || name != r.Title.In("en") || grade != r.Grade {
				t.Errorf("report %s: %q %q %v %v", r.ID, name, grade, kind, ok)
			}
			seen++
		}
		for _, q := range in.Questions {
			name, _, kind, ok := s.ItemName(q.ID, "en")
			if !ok || kind != QuestionItem || name != q.Text.In("en") {
				t.Errorf("question %s: %q %v %v", q.ID, name, kind, ok)
			}
			seen++
		}
	}
	if seen == 0 {
		t.Fatal("the built-in scenario has no items")
	}
	if _, _, _, ok := s.ItemName("no-such-item", "en"); ok {
		t.Error("an unknown id was found")
	}
}

// TestApplyScenarioKeepsNoAliasOfTheDraft: the editor goes on changing its
// draft after each ApplyScenarioAs; neither the project's scenario nor what
// Undo and Redo give back may change with it, nor may a scenario handed
// out by Redo share storage with the record.
func TestApplyScenarioKeepsNoAliasOfTheDraft(t *testing.T) {
	p := New()
	var h History
	draft := NewScenario("x", I18n{"en": "A"}, I18n{"en": "L"}, I18n{"en": "Day 1"})
	h.ApplyScenario(p, draft)
	draft.Title["en"] = "B"
	h.ApplyScenarioAs(p, draft, "title.en")
	draft.Title["en"] = "C" // typed on, not applied yet
	if got := p.Scenario.Title["en"]; got != "B" {
		t.Fatalf("the project's scenario follows the draft: %q", got)
	}
	if !h.Undo(p) || p.Scenario.Title["en"] != "A" {
		t.Fatalf("undo gave %q", p.Scenario.Title["en"])
	}
	if !h.Redo(p) || p.Scenario.Title["en"] != "B" {
		t.Fatalf("redo gave %q", p.Scenario.Title["en"])
	}
	p.Scenario.Title["en"] = "changed in place" // what a careless caller might do
	h.Undo(p)
	if !h.Redo(p) || p.Scenario.Title["en"] != "B" {
		t.Fatalf("the record shares storage with what Redo handed out: %q", p.Scenario.Title["en"])
	}
}
