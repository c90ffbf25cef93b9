package project

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"maliatlas/data"
	"maliatlas/internal/testutil"
)

func builtinScenario(t testing.TB) *Scenario {
	t.Helper()
	ss, err := LoadBuiltinScenarios(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) == 0 {
		t.Fatal("no built-in scenario in data/scenarios")
	}
	return ss[0]
}

func mapIDs[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

func featIDs(fs []FictionalFeature) []string {
	return mapIDs(fs, func(f FictionalFeature) string { return f.ID })
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// The built-in example exercises every feature of a scenario, in both languages.
func TestBuiltinScenarioExercisesEverything(t *testing.T) {
	s := builtinScenario(t)
	if n := len(s.Injects); n < 4 || n > 5 {
		t.Errorf("%d injects, want 4 or 5", n)
	}
	var retracts, questions, reports, grades int
	walkText(s, func(where, text string) bool {
		if strings.TrimSpace(text) == "" {
			t.Errorf("%s: empty text", where)
		}
		return true
	})
	check := func(where string, t18 I18n) {
		if t18["en"] == "" || t18["fr"] == "" {
			t.Errorf("%s: want both en and fr, have %v", where, t18)
		}
	}
	check("title", s.Title)
	check("setting", s.Setting)
	for i, in := range s.Injects {
		check(fmt.Sprintf("injects[%d].title", i), in.Title)
		retracts += len(in.Retracts)
		questions += len(in.Questions)
		reports += len(in.Reports)
		for _, r := range in.Reports {
			check(r.ID, r.Text)
			if r.Grade != "" {
				grades++
			}
		}
		for _, f := range in.Features {
			check(f.ID, f.Name)
		}
		for _, q := range in.Questions {
			check(q.ID, q.Text)
		}
	}
	if retracts == 0 || questions == 0 || reports == 0 || grades != reports {
		t.Errorf("retractions %d, questions %d, reports %d (graded %d): want every kind, every report graded", retracts, questions, reports, grades)
	}
	if len(s.Solution) == 0 || len(s.SolutionFeaturesUpTo(len(s.Injects))) == 0 {
		t.Error("no solution layer")
	}
	// Every question of the scenario has a solution answer.
	answered := map[string]bool{}
	for _, st := range s.Solution {
		for _, a := range st.Answers {
			answered[a.Question] = true
		}
	}
	for _, in := range s.Injects {
		for _, q := range in.Questions {
			if !answered[q.ID] {
				t.Errorf("question %s has no solution answer", q.ID)
			}
		}
	}
	// It never names a catalogue source.
	if err := s.CheckNoSourceKeys(sourceKeys(t)); err != nil {
		t.Error(err)
	}
}

func sourceKeys(t testing.TB) []string {
	raw, err := fs.ReadFile(data.FS, "sources.json")
	if err != nil {
		t.Fatal(err)
	}
	var reg struct {
		Sources []struct{ Key string } `json:"sources"`
	}
	if err := json.Unmarshal(raw, &reg); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, s := range reg.Sources {
		keys = append(keys, s.Key)
	}
	if len(keys) == 0 {
		t.Fatal("no source keys")
	}
	return keys
}

func TestScenarioStateAndNew(t *testing.T) {
	s := builtinScenario(t)
	// Find an inject that retracts a feature released earlier.
	n := 0
	var gone string
	for i, in := range s.Injects {
		for _, id := range in.Retracts {
			if has(featIDs(s.StateAt(i).Features), id) {
				n, gone = i+1, id
			}
		}
		if n > 0 {
			break
		}
	}
	if n == 0 {
		t.Fatal("the built-in scenario never retracts a feature")
	}
	before, after := s.StateAt(n-1), s.StateAt(n)
	if !has(featIDs(before.Features), gone) || has(featIDs(after.Features), gone) {
		t.Errorf("feature %s: at %d present %v, at %d present %v", gone, n-1, has(featIDs(before.Features), gone), n, has(featIDs(after.Features), gone))
	}
	if !has(after.Retracted, gone) {
		t.Errorf("state %d does not list %s as retracted", n, gone)
	}
	d := s.NewSince(n)
	if !d.Retracted[gone] || len(d.RetractedFeatures) == 0 {
		t.Errorf("NewSince(%d) does not show %s retracted: %+v", n, gone, d)
	}
	for _, f := range s.Injects[n-1].Features {
		if !d.Added[f.ID] {
			t.Errorf("NewSince(%d) misses new feature %s", n, f.ID)
		}
	}
	// What is new at n is exactly what after has and before had not.
	for _, f := range after.Features {
		if d.Added[f.ID] == has(featIDs(before.Features), f.ID) {
			t.Errorf("feature %s: added %v but in the previous state %v", f.ID, d.Added[f.ID], has(featIDs(before.Features), f.ID))
		}
	}
	if got := s.StateAt(0); len(got.Features)+len(got.Reports)+len(got.Questions) != 0 {
		t.Errorf("state at 0 is not empty: %+v", got)
	}
	if got := s.StateAt(99); got.Inject != len(s.Injects) {
		t.Errorf("StateAt(99).Inject = %d", got.Inject)
	}
	if d := s.NewSince(0); len(d.Added) != 0 {
		t.Errorf("NewSince(0) = %+v", d)
	}
}

func TestScenarioStateRandom(t *testing.T) {
	seed := testutil.Seed(t, 17)
	rng := rand.New(rand.NewSource(seed))
	for trial := 0; trial < 200; trial++ {
		s := &Scenario{ID: "x", Title: I18n{"en": "x"}, Layers: []FictionalLayer{{ID: "l", Title: I18n{"en": "l"}}}}
		live := []string{}
		all := map[string]int{} // id → inject that added it
		gone := map[string]int{}
		for i := 0; i < 1+rng.Intn(6); i++ {
			in := Inject{ID: fmt.Sprint("i", i), Title: I18n{"en": "d"}}
			for k := rng.Intn(3); k > 0 && len(live) > 0; k-- {
				j := rng.Intn(len(live))
				in.Retracts = append(in.Retracts, live[j])
				gone[live[j]] = i + 1
				live = append(live[:j], live[j+1:]...)
			}
			for k := rng.Intn(4); k > 0; k-- {
				id := fmt.Sprintf("f%d-%d", i, k)
				in.Features = append(in.Features, FictionalFeature{ID: id, Layer: "l", Kind: "point", Points: [][2]float64{{0, 16}}, Name: I18n{"en": id}})
				all[id] = i + 1
				live = append(live, id)
			}
			s.Injects = append(s.Injects, in)
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("seed %d trial %d: %v", seed, trial, err)
		}
		for n := 0; n <= len(s.Injects); n++ {
			got := featIDs(s.StateAt(n).Features)
			for id, at := range all {
				want := at <= n && (gone[id] == 0 || gone[id] > n)
				if has(got, id) != want {
					t.Fatalf("seed %d trial %d: feature %s (added %d, retracted %d) at %d: present %v", seed, trial, id, at, gone[id], n, !want)
				}
			}
		}
	}
}

func TestScenarioValidateRefuses(t *testing.T) {
	base := func() *Scenario {
		return builtinScenario(t).Clone()
	}
	keys := sourceKeys(t)
	cases := []struct {
		name string
		edit func(s *Scenario)
		want string
	}{
		{"source key in a report", func(s *Scenario) {
			s.Injects[0].Reports[0].Text["en"] += " See " + keys[0] + "."
		}, "injects[0].reports[0].text.en: \"" + keys[0] + "\" looks like a source key"},
		{"source key in a feature name", func(s *Scenario) { s.Injects[1].Features[0].Name["fr"] = "[unodc-centif-2017]" }, "looks like a source key"},
		{"source key in a solution", func(s *Scenario) { s.Solution[0].Answers[0].Text["en"] = "as greydynamics-2017 says" }, "solution[0].answers[0].text.en"},
		{"bad grade", func(s *Scenario) { s.Injects[0].Reports[0].Grade = "G7" }, "injects[0].reports[0].grade: \"G7\" is not an Admiralty grade"},
		{"missing grade", func(s *Scenario) { s.Injects[0].Reports[0].Grade = "" }, "reports[0].grade"},
		{"retract a later id", func(s *Scenario) { s.Injects[0].Retracts = []string{s.Injects[2].Features[0].ID} }, "injects[0].retracts[0]: no feature, report or question"},
		{"retract twice", func(s *Scenario) {
			s.Injects[len(s.Injects)-1].Retracts = append(s.Injects[len(s.Injects)-1].Retracts, s.Injects[2].Retracts[0])
		}, "already retracted"},
		{"released too far", func(s *Scenario) { s.Released = 9 }, "released: 9 is outside"},
		{"unknown layer", func(s *Scenario) { s.Injects[0].Features[0].Layer = "cocaine" }, "no fictional layer \"cocaine\""},
		{"duplicate id", func(s *Scenario) { s.Injects[1].Features[0].ID = s.Injects[0].Features[0].ID }, "is already the id of"},
		{"point out of range", func(s *Scenario) { s.Injects[0].Features[0].Points[0] = [2]float64{200, 0} }, "outside lon"},
		{"answer to nothing", func(s *Scenario) { s.Solution[0].Answers[0].Question = "nope" }, "no question \"nope\""},
		{"bad group colour", func(s *Scenario) { s.Group = &Group{Name: "A", Color: "blue"} }, "group.color"},
		{"no injects", func(s *Scenario) { s.Injects = nil; s.Solution = nil }, "at least one inject"},
	}
	for _, c := range cases {
		s := base()
		c.edit(s)
		p := New()
		p.Scenario = s
		_, err := Encode(p)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
	// The exact-key check catches a key without a year shape too.
	s := base()
	s.Setting["en"] += " ocindex"
	if err := s.CheckNoSourceKeys([]string{"ocindex"}); err == nil || !strings.Contains(err.Error(), "scenario.setting.en") {
		t.Errorf("CheckNoSourceKeys: %v", err)
	}
	// An annotation's grade is checked.
	p := New()
	p.Annotations = []Annotation{{ID: "a", Kind: KindMarker, Points: [][2]float64{{0, 16}}, Grade: "Z9"}}
	if _, err := Encode(p); err == nil || !strings.Contains(err.Error(), "annotations[0].grade") {
		t.Errorf("annotation grade: %v", err)
	}
}

func TestScenarioRoundTripAndOldFiles(t *testing.T) {
	p := NewExercise(builtinScenario(t), "fr")
	p.Scenario.Released = 2
	p.Annotations = append(p.Annotations, Annotation{ID: "a1", Kind: KindMarker, Points: [][2]float64{{0.1, 17.5}}, Text: "péage", Grade: "B2", Author: "Groupe A", Time: "2026-11-30T10:00:00Z", Inject: "day2"})
	data, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Decode("x.matlas", data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Encode(q)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) {
		t.Error("an exercise project does not round-trip")
	}
	if q.Scenario.Released != 2 || q.Annotations[0].Grade != "B2" || q.Annotations[0].Inject != "day2" {
		t.Errorf("lost fields: released %d, annotation %+v", q.Scenario.Released, q.Annotations[0])
	}
	// An ordinary project has no scenario field at all (older programs read it as before).
	old, err := os.ReadFile("testdata/kayes.matlas")
	if err != nil {
		t.Fatal(err)
	}
	k, err := Decode("kayes.matlas", old)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := Encode(k)
	if k.Scenario != nil || strings.Contains(string(out), "scenario") || strings.Contains(string(out), "grade") {
		t.Error("an ordinary project gained exercise fields")
	}
}

func TestGradeDescribe(t *testing.T) {
	g, err := ParseGrade(" b2 ")
	if err != nil || g.String() != "B2" {
		t.Fatalf("ParseGrade(b2) = %v, %v", g, err)
	}
	if d := g.Describe("en"); d != "B2 — source usually reliable, information probably true" {
		t.Errorf("en: %q", d)
	}
	if d := g.Describe("fr"); !strings.Contains(d, "habituellement fiable") || !strings.Contains(d, "probablement vraie") {
		t.Errorf("fr: %q", d)
	}
	for _, bad := range []string{"", "A", "A0", "A7", "G1", "1A", "AA", "B22"} {
		if _, err := ParseGrade(bad); err == nil {
			t.Errorf("ParseGrade(%q) accepted", bad)
		}
	}
	for r := 'A'; r <= 'F'; r++ {
		for c := 1; c <= 6; c++ {
			if DescribeGrade(fmt.Sprintf("%c%d", r, c), "fr") == "" {
				t.Errorf("%c%d has no words", r, c)
			}
		}
	}
}

func TestGroupCopy(t *testing.T) {
	tr := NewExercise(builtinScenario(t), "en")
	tr.Scenario.Released = 2
	g, err := GroupCopy(tr, "Group A", "#1f77b4")
	if err != nil {
		t.Fatal(err)
	}
	if g.Scenario.Solution != nil || len(g.Scenario.Injects) != 2 || g.Scenario.Group.Name != "Group A" {
		t.Errorf("group copy: solution %v, %d injects, group %+v", g.Scenario.Solution != nil, len(g.Scenario.Injects), g.Scenario.Group)
	}
	if tr.Scenario.Solution == nil || len(tr.Scenario.Injects) != 5 {
		t.Error("GroupCopy changed the trainer's project")
	}
	// The group works; the trainer releases inject 3; the copy is updated, keeping the work.
	g.Annotations = append(g.Annotations, Annotation{ID: "g1", Kind: KindMarker, Points: [][2]float64{{0, 17}}, Text: "x"})
	g.Scenario.Answers = []Answer{{Question: "q1", Text: "near Tarkint"}}
	tr.Scenario.Released = 3
	if err := UpdateGroupCopy(g, tr); err != nil {
		t.Fatal(err)
	}
	if len(g.Scenario.Injects) != 3 || g.Scenario.Solution != nil || len(g.Annotations) != 1 || len(g.Scenario.Answers) != 1 {
		t.Errorf("after update: %d injects, solution %v, %d annotations, %d answers", len(g.Scenario.Injects), g.Scenario.Solution != nil, len(g.Annotations), len(g.Scenario.Answers))
	}
}

// Merging never loses a group's work: every mark and answer of every file
// imported is in some version, conflicting edits are separate versions, and
// a file imported twice adds nothing the second time.
func TestMergeNeverLosesWork(t *testing.T) {
	seed := testutil.Seed(t, 42)
	rng := rand.New(rand.NewSource(seed))
	tr := NewExercise(builtinScenario(t), "en")
	tr.Scenario.Released = 3
	tr.Annotations = []Annotation{{ID: "base", Kind: KindText, Points: [][2]float64{{0, 16}}, Text: "Gao"}}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	type imported struct {
		group string
		anns  []Annotation
		ans   []Answer
	}
	var all []imported
	groups := map[string]*Project{}
	for _, name := range []string{"A", "B", "C"} {
		g, err := GroupCopy(tr, name, GroupColors[len(groups)])
		if err != nil {
			t.Fatal(err)
		}
		groups[name] = g
	}
	for round := 0; round < 30; round++ {
		name := []string{"A", "B", "C"}[rng.Intn(3)]
		g := groups[name]
		switch rng.Intn(4) {
		case 0: // add a mark
			g.Annotations = append(g.Annotations, Annotation{ID: fmt.Sprintf("%s-%d", name, round), Kind: KindMarker,
				Points: [][2]float64{{rng.Float64(), 16 + rng.Float64()}}, Text: "m", Grade: "C3", Author: name, Inject: "day2"})
		case 1: // edit a mark (possibly the trainer's base one)
			i := rng.Intn(len(g.Annotations))
			g.Annotations[i].Text += "+"
		case 2: // delete a mark
			if len(g.Annotations) > 1 {
				i := 1 + rng.Intn(len(g.Annotations)-1)
				g.Annotations = append(g.Annotations[:i], g.Annotations[i+1:]...)
			}
		case 3:
			g.Scenario.Answers = append(g.Scenario.Answers, Answer{Question: "q1", Text: fmt.Sprint("answer ", round)})
		}
		if rng.Intn(2) == 0 {
			// Through the file format, as from a USB stick.
			raw, err := Encode(g)
			if err != nil {
				t.Fatal(err)
			}
			back, err := Decode(name+".matlas", raw)
			if err != nil {
				t.Fatal(err)
			}
			before := len(tr.Scenario.Groups)
			res, err := MergeGroup(tr, back, name+".matlas", now.Add(time.Duration(round)*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, imported{name, back.Annotations, back.Scenario.Answers})
			// Importing the same file again adds nothing.
			res2, err := MergeGroup(tr, back, name+".matlas", now)
			if err != nil || res2.Version != 0 || len(tr.Scenario.Groups) != before+min(res.Version, 1) {
				t.Fatalf("seed %d: a second import of the same file: %+v, %v", seed, res2, err)
			}
		}
	}
	if err := tr.Validate(); err != nil {
		t.Fatalf("seed %d: merged project invalid: %v", seed, err)
	}
	// Every annotation and answer imported is in a version of its group,
	// unchanged (or is the trainer's own unchanged base mark).
	for _, im := range all {
		for _, a := range im.anns {
			if a.ID == "base" && a.Text == "Gao" {
				continue
			}
			found := false
			for _, w := range tr.Scenario.Groups {
				for _, b := range w.Annotations {
					if w.Name == im.group && b.ID == a.ID && b.Text == a.Text && b.Points[0] == a.Points[0] {
						found = true
					}
				}
			}
			if !found {
				t.Fatalf("seed %d: group %s's mark %s %q was lost", seed, im.group, a.ID, a.Text)
			}
		}
		for _, a := range im.ans {
			found := false
			for _, w := range tr.Scenario.Groups {
				for _, b := range w.Answers {
					found = found || w.Name == im.group && b == a
				}
			}
			if !found {
				t.Fatalf("seed %d: group %s's answer %q was lost", seed, im.group, a.Text)
			}
		}
	}
	// The trainer's own marks are never changed by a merge.
	if len(tr.Annotations) != 1 || tr.Annotations[0].Text != "Gao" {
		t.Errorf("the trainer's annotations changed: %+v", tr.Annotations)
	}
}

func TestMergeConflictKeepsBoth(t *testing.T) {
	tr := NewExercise(builtinScenario(t), "en")
	tr.Scenario.Released = 1
	a, _ := GroupCopy(tr, "A", "#1f77b4")
	a.Annotations = []Annotation{{ID: "m1", Kind: KindMarker, Points: [][2]float64{{0.1, 17.5}}, Text: "toll here"}}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	if _, err := MergeGroup(tr, a, "a.matlas", now); err != nil {
		t.Fatal(err)
	}
	// Another copy of group A's file, edited elsewhere: same id, other place.
	a2 := clone(a)
	a2.Annotations[0].Points[0] = [2]float64{0.6, 18.0}
	a2.Annotations[0].Text = "toll at Anéfis"
	res, err := MergeGroup(tr, a2, "a-laptop2.matlas", now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != 2 || len(res.Conflicts) != 1 || res.Conflicts[0] != "m1" {
		t.Errorf("merge result %+v, want version 2 with conflict m1", res)
	}
	if len(tr.Scenario.Groups) != 2 || tr.Scenario.Groups[0].Annotations[0].Text != "toll here" || tr.Scenario.Groups[1].Annotations[0].Text != "toll at Anéfis" {
		t.Errorf("both versions are not kept: %+v", tr.Scenario.Groups)
	}
	if lg := tr.Scenario.LatestGroups(); len(lg) != 1 || lg[0].Version != 2 {
		t.Errorf("LatestGroups = %+v", lg)
	}
	// A file of another exercise or a trainer's file is refused.
	other := NewExercise(builtinScenario(t), "en")
	if _, err := MergeGroup(tr, other, "t.matlas", now); err == nil || !strings.Contains(err.Error(), "not a group's copy") {
		t.Errorf("merging a trainer's file: %v", err)
	}
}

func FuzzDecodeScenario(f *testing.F) {
	raw, err := fs.ReadFile(data.FS, "scenarios/sablier-x.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte(`{"id":"x","title":{"en":"x"},"layers":[{"id":"l","title":{"en":"l"}}],"injects":[{"id":"d","title":{"en":"d"},"features":[{"id":"f","layer":"l","kind":"point","points":[[0,16]],"name":{"en":"f"}}]}]}`))
	f.Add([]byte(`{"id":"x","injects":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeScenario("fuzz.json", b)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		walkText(s, func(where, text string) bool {
			if k := CitesSource(text); k != "" {
				t.Fatalf("accepted a source key %q at %s", k, where)
			}
			return true
		})
		for i := range s.Injects {
			for _, ft := range s.Injects[i].Features {
				for _, p := range ft.Points {
					if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
						t.Fatalf("accepted point %v", p)
					}
				}
			}
		}
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := DecodeScenario("again.json", out)
		if err != nil {
			t.Fatalf("accepted scenario does not round-trip: %v", err)
		}
		out2, _ := json.Marshal(s2)
		if string(out) != string(out2) {
			t.Fatal("round trip changed the scenario")
		}
	})
}

// The built-in scenario's French follows French typography: a narrow
// no-break space before ; : ! ? and inside « ».
func TestBuiltinScenarioFrenchTypography(t *testing.T) {
	s := builtinScenario(t)
	bad := []*regexp.Regexp{
		regexp.MustCompile(`[^\x{202f}][;:!?](\s|$)`),
		regexp.MustCompile(`«[^\x{202f}]|[^\x{202f}]»`),
	}
	n := 0
	walkText(s, func(where, text string) bool {
		if !strings.HasSuffix(where, ".fr") {
			return true
		}
		n++
		for _, re := range bad {
			if loc := re.FindStringIndex(text); loc != nil {
				t.Errorf("%s: %q is not French typography in %q", where, text[loc[0]:loc[1]], text)
			}
		}
		return true
	})
	if n < 40 {
		t.Errorf("only %d French texts", n)
	}
}
