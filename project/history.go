package project

// Change is one edit of the annotations: Before nil adds After, After nil
// deletes Before, both replace Before (by its ID) with After (an edit or a
// move).
type Change struct {
	Before, After *Annotation
}

// MaxHistory is how many changes History keeps for undo.
const MaxHistory = 500

// History is the undo/redo record of annotation and scenario edits. The zero value is
// ready to use. It keeps its own copies of the annotations.
type History struct {
	undo, redo []entry
}

type entry struct {
	c     Change
	index int // where the annotation was (delete, edit) or went (add)
	// scen, when set, makes the entry an edit of the scenario instead.
	scen *scenarioEdit
}

// scenarioEdit is one edit of the scenario: the whole scenario before and
// after (a scenario is small; the editor changes it a field at a time).
type scenarioEdit struct {
	before, after *Scenario
	key           string
}

// ApplyScenario replaces p's scenario with a copy of after (nil removes
// it) and records the edit for Undo; it clears the redo list. p's old
// scenario is not changed in place (snapshots may share it).
func (h *History) ApplyScenario(p *Project, after *Scenario) { h.ApplyScenarioAs(p, after, "") }

// ApplyScenarioAs is ApplyScenario for an edit of the field named key: an
// edit of the same field right after the last one (typing) joins it, so
// one Undo takes the whole field back. An empty key never joins.
//
// A project's scenario is copied on write, never changed in place (the
// window and snapshots share it), so the record keeps p's scenarios as
// they are: the old one as before, the one copy of after as p's new
// scenario and as after; Undo and Redo hand out copies.
func (h *History) ApplyScenarioAs(p *Project, after *Scenario, key string) {
	a := after.Clone()
	if n := len(h.undo); key != "" && n > 0 && len(h.redo) == 0 {
		if top := h.undo[n-1].scen; top != nil && top.key == key {
			top.after, p.Scenario = a, a
			return
		}
	}
	e := &scenarioEdit{before: p.Scenario, after: a, key: key}
	p.Scenario = a
	h.push(entry{scen: e})
}

func (h *History) push(e entry) {
	h.undo = append(h.undo, e)
	if len(h.undo) > MaxHistory {
		h.undo = append(h.undo[:0], h.undo[len(h.undo)-MaxHistory:]...)
	}
	h.redo = h.redo[:0]
}

// Clone returns a deep copy of a (its points are not shared).
func (a Annotation) Clone() Annotation {
	a.Points = append([][2]float64(nil), a.Points...)
	return a
}

func clonePtr(a *Annotation) *Annotation {
	if a == nil {
		return nil
	}
	c := a.Clone()
	return &c
}

// Index returns the position of the annotation with id, or -1.
func (p *Project) Index(id string) int {
	for i := range p.Annotations {
		if p.Annotations[i].ID == id {
			return i
		}
	}
	return -1
}

// apply makes c on p; at is the index to insert at when adding (-1: at the
// end). It returns the index the change touched.
func apply(p *Project, c Change, at int) int {
	idx := -1
	if c.Before != nil {
		idx = p.Index(c.Before.ID)
	}
	switch {
	case c.After == nil: // delete
		if idx >= 0 {
			p.Annotations = append(p.Annotations[:idx], p.Annotations[idx+1:]...)
		}
		return idx
	case idx >= 0: // edit in place
		p.Annotations[idx] = c.After.Clone()
		return idx
	default: // add (or an edit of an annotation that is gone: add it back)
		if at < 0 || at > len(p.Annotations) {
			at = len(p.Annotations)
		}
		p.Annotations = append(p.Annotations, Annotation{})
		copy(p.Annotations[at+1:], p.Annotations[at:])
		p.Annotations[at] = c.After.Clone()
		return at
	}
}

// Apply makes c on p and records it for Undo; it clears the redo list.
func (h *History) Apply(p *Project, c Change) {
	if c.Before == nil && c.After == nil {
		return
	}
	c = Change{Before: clonePtr(c.Before), After: clonePtr(c.After)}
	i := apply(p, c, -1)
	h.push(entry{c: c, index: i})
}

// Undo reverts the last change; false when there is none.
func (h *History) Undo(p *Project) bool {
	if len(h.undo) == 0 {
		return false
	}
	e := h.undo[len(h.undo)-1]
	h.undo = h.undo[:len(h.undo)-1]
	if e.scen != nil {
		p.Scenario = e.scen.before.Clone()
	} else {
		apply(p, Change{Before: e.c.After, After: e.c.Before}, e.index)
	}
	h.redo = append(h.redo, e)
	return true
}

// Redo makes again the last change undone; false when there is none.
func (h *History) Redo(p *Project) bool {
	if len(h.redo) == 0 {
		return false
	}
	e := h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	if e.scen != nil {
		p.Scenario = e.scen.after.Clone()
	} else {
		e.index = apply(p, e.c, e.index)
	}
	h.undo = append(h.undo, e)
	return true
}

// CanUndo reports whether Undo has something to revert.
func (h *History) CanUndo() bool { return len(h.undo) > 0 }

// CanRedo reports whether Redo has something to make again.
func (h *History) CanRedo() bool { return len(h.redo) > 0 }

// Reset forgets every change (after opening another project).
func (h *History) Reset() { h.undo, h.redo = nil, nil }
