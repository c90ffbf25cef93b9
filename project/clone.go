package project

import "slices"

// Clone returns a copy of p that shares nothing the program changes in
// place: annotations with their points, layer states, briefings and their
// steps. Imported GeoJSON is shared: it is never changed in place. A clone
// is what a snapshot handed to another goroutine must be.
func (p *Project) Clone() *Project {
	q := *p
	q.Layers = cloneLayers(p.Layers)
	q.Annotations = CloneAnnotations(p.Annotations)
	q.Imports = slices.Clone(p.Imports)
	if p.Briefings != nil {
		q.Briefings = make([]Briefing, len(p.Briefings))
		for i, b := range p.Briefings {
			q.Briefings[i] = b.Clone()
		}
	}
	return &q
}

// CloneAnnotations copies anns and their points.
func CloneAnnotations(anns []Annotation) []Annotation {
	if anns == nil {
		return nil
	}
	out := make([]Annotation, len(anns))
	for i := range anns {
		out[i] = anns[i].Clone()
	}
	return out
}

func cloneLayers(ls []LayerState) []LayerState {
	if ls == nil {
		return nil
	}
	out := make([]LayerState, len(ls))
	for i, l := range ls {
		l.HiddenCategories = slices.Clone(l.HiddenCategories)
		l.HiddenConfidence = slices.Clone(l.HiddenConfidence)
		out[i] = l
	}
	return out
}

func cloneI18n(m I18n) I18n {
	if m == nil {
		return nil
	}
	out := make(I18n, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Clone copies b and its steps.
func (b Briefing) Clone() Briefing {
	b.Title = cloneI18n(b.Title)
	if b.Steps != nil {
		steps := make([]Step, len(b.Steps))
		for i, s := range b.Steps {
			s.Title, s.Caption = cloneI18n(s.Title), cloneI18n(s.Caption)
			s.Layers = cloneLayers(s.Layers)
			s.Annotations = slices.Clone(s.Annotations)
			steps[i] = s
		}
		b.Steps = steps
	}
	return b
}
