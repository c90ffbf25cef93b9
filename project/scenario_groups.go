package project

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// GroupColors are the colours given to groups in turn: strong, told apart
// on a projector, none of them the fictional lime.
var GroupColors = []string{"#1f77b4", "#e07000", "#2ca02c", "#d62728", "#8c564b", "#17becf", "#9467bd", "#7f7f7f"}

// clone returns a deep copy of p through its JSON form.
func clone(p *Project) *Project { return jsonClone(p) }

// jsonClone returns a deep copy of v through its JSON form (for the
// project's types, which always marshal).
func jsonClone[T any](v *T) *T {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	c := new(T)
	if err := json.Unmarshal(data, c); err != nil {
		panic(err)
	}
	return c
}

// GroupCopy returns the copy of a trainer's exercise handed to a group:
// without the solution, the other groups' work, or the injects not yet
// released. The trainer's annotations stay (the base map they prepared).
func GroupCopy(trainer *Project, name, color string) (*Project, error) {
	if trainer.Scenario == nil {
		return nil, fmt.Errorf("the project has no scenario")
	}
	if strings.TrimSpace(name) == "" {
		return nil, fmt.Errorf("a group needs a name")
	}
	if !validColor(color) {
		return nil, fmt.Errorf("group colour %q is not #rrggbb", color)
	}
	g := clone(trainer)
	s := g.Scenario
	s.Solution = nil
	s.Groups = nil
	s.Answers = nil
	s.Injects = s.Injects[:max(s.Released, 1)]
	s.Released = len(s.Injects)
	s.Group = &Group{Name: name, Color: color}
	if g.Title != "" {
		g.Title += " — " + name
	}
	return g, g.Validate()
}

// UpdateGroupCopy brings a group's copy up to the trainer's released
// injects, keeping everything the group added (annotations, answers).
func UpdateGroupCopy(group, trainer *Project) error {
	if group.Scenario == nil || group.Scenario.Group == nil {
		return fmt.Errorf("not a group's copy of an exercise")
	}
	if trainer.Scenario == nil || trainer.Scenario.ID != group.Scenario.ID {
		return fmt.Errorf("the trainer's project is not the same exercise")
	}
	t := trainer.Scenario.Clone() // the scenario only, not the imports' data
	n := max(t.Released, 1)
	group.Scenario.Injects = t.Injects[:n]
	group.Scenario.Released = n
	group.Scenario.Title, group.Scenario.Setting, group.Scenario.Layers = t.Title, t.Setting, t.Layers
	return group.Validate()
}

// MergeResult says what a merge did.
type MergeResult struct {
	Group     string
	Version   int      // the version added, 0 when the file held nothing new
	Marks     int      // annotations of the group in the new version
	Answers   int      // answers in the new version
	Conflicts []string // annotation ids with other content in an earlier version
}

// MergeGroup imports a group's copy into the trainer's project as a new
// version of that group's work. The group's work is every annotation that
// is not one of the trainer's own, unchanged, plus its answers. Nothing is
// overwritten: a file whose work equals the group's latest version adds
// nothing; any other adds a version, and annotations whose id an earlier
// version holds with other content are listed as conflicts (both kept).
// The trainer's own annotations and the sourced layers are never touched.
func MergeGroup(trainer, group *Project, file string, now time.Time) (MergeResult, error) {
	ts, gs := trainer.Scenario, group.Scenario
	switch {
	case ts == nil:
		return MergeResult{}, fmt.Errorf("the trainer's project has no scenario")
	case gs == nil || gs.Group == nil:
		return MergeResult{}, fmt.Errorf("%s: not a group's copy of an exercise", file)
	case gs.ID != ts.ID:
		return MergeResult{}, fmt.Errorf("%s: exercise %q, not %q", file, gs.ID, ts.ID)
	}
	own := map[string]*Annotation{}
	for i := range trainer.Annotations {
		own[trainer.Annotations[i].ID] = &trainer.Annotations[i]
	}
	w := GroupWork{Name: gs.Group.Name, Color: gs.Group.Color, File: file, Imported: now.UTC().Format(time.RFC3339), Inject: gs.Released}
	for _, a := range group.Annotations {
		if o, ok := own[a.ID]; ok && reflect.DeepEqual(*o, a) {
			continue
		}
		w.Annotations = append(w.Annotations, a.Clone())
	}
	if w.Annotations == nil {
		w.Annotations = []Annotation{}
	}
	w.Answers = append(w.Answers, gs.Answers...)
	res := MergeResult{Group: w.Name, Marks: len(w.Annotations), Answers: len(w.Answers)}
	// Earlier versions of this group.
	seen := map[string]Annotation{}
	var latest *GroupWork
	for i := range ts.Groups {
		g := &ts.Groups[i]
		if g.Name != w.Name {
			continue
		}
		if latest == nil || g.Version > latest.Version {
			latest = g
		}
		for _, a := range g.Annotations {
			seen[a.ID] = a
		}
	}
	if latest != nil {
		if sameWork(latest, &w) {
			return res, nil
		}
		w.Version = latest.Version + 1
		// Keep the colour the trainer sees for this group.
		w.Color = latest.Color
	} else {
		w.Version = 1
		w.Color = freeColor(ts, w.Name, w.Color)
	}
	for _, a := range w.Annotations {
		if old, ok := seen[a.ID]; ok && !reflect.DeepEqual(old, a) {
			w.Conflicts = append(w.Conflicts, a.ID)
		}
	}
	ts.Groups = append(ts.Groups, w)
	res.Version, res.Conflicts = w.Version, w.Conflicts
	return res, nil
}

// freeColor is color, or when another group of s already has it (copies
// handed out without a colour all get the first), the first of
// GroupColors no group has: each group keeps a colour of its own.
func freeColor(s *Scenario, name, color string) string {
	used := map[string]bool{}
	for _, g := range s.Groups {
		if g.Name != name {
			used[strings.ToLower(g.Color)] = true
		}
	}
	if !used[strings.ToLower(color)] {
		return color
	}
	for _, c := range GroupColors {
		if !used[c] {
			return c
		}
	}
	return color
}

// sameWork reports whether two imports hold the same marks and answers
// (whatever the inject they were imported at).
func sameWork(a, b *GroupWork) bool {
	return reflect.DeepEqual(a.Annotations, b.Annotations) && reflect.DeepEqual(nz(a.Answers), nz(b.Answers))
}

func nz(a []Answer) []Answer {
	if a == nil {
		return []Answer{}
	}
	return a
}

// LatestGroups returns each group's latest version, in the order the
// groups first came.
func (s *Scenario) LatestGroups() []GroupWork {
	var order []string
	latest := map[string]GroupWork{}
	for _, g := range s.Groups {
		old, ok := latest[g.Name]
		if !ok {
			order = append(order, g.Name)
		}
		if !ok || g.Version > old.Version {
			latest[g.Name] = g
		}
	}
	out := make([]GroupWork, 0, len(order))
	for _, n := range order {
		out = append(out, latest[n])
	}
	return out
}

// AnnotationsAt returns the group's marks made at inject id (those without
// an inject count for the first).
func (g *GroupWork) AnnotationsAt(s *Scenario, inject string) []Annotation {
	var out []Annotation
	first := ""
	if len(s.Injects) > 0 {
		first = s.Injects[0].ID
	}
	for _, a := range g.Annotations {
		at := a.Inject
		if at == "" {
			at = first
		}
		if at == inject {
			out = append(out, a)
		}
	}
	return out
}

// AnnotationsUpTo returns the group's marks made at injects 1..n (those
// without an inject, or naming one the scenario lacks, count for the
// first), in the order the group made them.
func (g *GroupWork) AnnotationsUpTo(s *Scenario, n int) []Annotation {
	var out []Annotation
	for _, a := range g.Annotations {
		if max(s.InjectIndex(a.Inject), 1) <= n {
			out = append(out, a)
		}
	}
	return out
}

// GroupsAsOf returns each group's work as it stood at inject n, in the
// order the groups first came: of the group's versions, the first imported
// at inject n or later (it still holds what the group had then, before
// later deletions), else the latest; of its marks, those made at injects
// 1..n. Answers are kept whole (they carry their own time).
func (s *Scenario) GroupsAsOf(n int) []GroupWork {
	out := s.LatestGroups()
	for i := range out {
		for _, g := range s.Groups {
			// The earliest version imported at inject n or later.
			if g.Name == out[i].Name && g.Inject > 0 && g.Inject >= n && (out[i].Inject < n || g.Version < out[i].Version) {
				out[i] = g
			}
		}
		out[i].Annotations = out[i].AnnotationsUpTo(s, n)
	}
	return out
}
