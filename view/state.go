// Package view is what the map shows, without Fyne: the one view state the
// window, the command line, briefings and exports share (visible layers,
// opacities, hidden categories and confidences, period, selection,
// annotations shown, view), with its translations to render options,
// briefing steps and back. The presenter and the handout agree because
// both go through it.
package view

import (
	"slices"
	"sort"

	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/render"
)

// confidences in the order a layer state lists them.
var confidences = []string{"confirmed", "reported", "suspected"}

// State is what the map shows. The zero value is not ready: use Default.
type State struct {
	Lang       string
	Visible    map[string]bool            // layer id → shown
	Opacity    map[string]float64         // layer id → opacity, only when < 1
	HiddenCats map[string]map[string]bool // layer id → category value → hidden
	HiddenConf map[string]map[string]bool // layer id → confidence → hidden
	Period     layers.Period              // zero: all years
	Selected   string                     // the selected feature's id, "" for none
	Shown      map[string]bool            // annotations shown (a briefing step); nil: all
	View       project.View               // centre and zoom
}

// Default is the state of a fresh window on cat in lang: the layers
// visible by default, all years, nothing selected, every annotation.
func Default(cat *layers.Catalog, lang string) *State {
	s := &State{Lang: lang}
	s.SetLayers(cat, nil)
	return s
}

// Clone returns a copy that shares no map with s.
func (s *State) Clone() *State {
	c := *s
	c.Visible = cloneMap(s.Visible)
	c.Opacity = cloneMap(s.Opacity)
	c.HiddenCats = cloneNested(s.HiddenCats)
	c.HiddenConf = cloneNested(s.HiddenConf)
	c.Shown = cloneMap(s.Shown)
	return &c
}

func cloneMap[V any](m map[string]V) map[string]V {
	if m == nil {
		return nil
	}
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func cloneNested(m map[string]map[string]bool) map[string]map[string]bool {
	out := make(map[string]map[string]bool, len(m))
	for k, v := range m {
		out[k] = cloneMap(v)
	}
	return out
}

// SetCategory shows or hides one legend category of a layer.
func (s *State) SetCategory(layer, value string, shown bool) {
	setHidden(s.HiddenCats, layer, value, !shown)
}

// SetConfidence shows or hides the features of one confidence in a layer.
func (s *State) SetConfidence(layer, conf string, shown bool) {
	setHidden(s.HiddenConf, layer, conf, !shown)
}

func setHidden(m map[string]map[string]bool, layer, v string, hidden bool) {
	if m[layer] == nil {
		m[layer] = map[string]bool{}
	}
	m[layer][v] = hidden
}

// Layers is the state of every layer of cat, for a project or a step.
func (s *State) Layers(cat *layers.Catalog) []project.LayerState {
	out := make([]project.LayerState, 0, len(cat.Layers))
	for _, l := range cat.Layers {
		if l.Spec.Parent != "" {
			continue // a basemap zoom band follows its layer
		}
		id := l.Spec.ID
		st := project.LayerState{ID: id, Visible: s.Visible[id], Opacity: 1}
		if a, ok := s.Opacity[id]; ok {
			st.Opacity = a
		}
		for v, hidden := range s.HiddenCats[id] {
			if hidden {
				st.HiddenCategories = append(st.HiddenCategories, v)
			}
		}
		sort.Strings(st.HiddenCategories)
		for _, c := range confidences {
			if s.HiddenConf[id][c] {
				st.HiddenConfidence = append(st.HiddenConfidence, c)
			}
		}
		out = append(out, st)
	}
	return out
}

// SetLayers sets the layers as states says; a layer states does not list
// takes its default visibility and full opacity, a layer cat does not have
// is ignored.
func (s *State) SetLayers(cat *layers.Catalog, states []project.LayerState) {
	s.Visible = map[string]bool{}
	s.Opacity = map[string]float64{}
	s.HiddenCats = map[string]map[string]bool{}
	s.HiddenConf = map[string]map[string]bool{}
	for _, id := range cat.DefaultVisible() {
		s.Visible[id] = true
	}
	for _, st := range states {
		if l := cat.Layer(st.ID); l == nil || l.Spec.Parent != "" {
			continue // unknown, or a zoom band (it follows its layer)
		}
		s.Visible[st.ID] = st.Visible
		if st.Opacity < 1 {
			s.Opacity[st.ID] = max(0, st.Opacity)
		}
		for _, c := range st.HiddenCategories {
			setHidden(s.HiddenCats, st.ID, c, true)
		}
		for _, c := range st.HiddenConfidence {
			setHidden(s.HiddenConf, st.ID, c, true)
		}
	}
}

// Options is how to draw the state on cat: language, the visible layers
// in catalogue order, opacities, the filter of categories, confidences and
// period, the selected feature highlighted.
func (s *State) Options(cat *layers.Catalog) render.Options {
	o := render.Options{Lang: s.Lang, Visible: []string{}, Opacity: map[string]float64{}, Highlight: map[string]bool{}}
	for _, l := range cat.Layers {
		id := l.Spec.ID
		if l.Spec.Parent != "" || !s.Visible[id] {
			continue // a zoom band is drawn with its layer (render.Scene)
		}
		o.Visible = append(o.Visible, id)
		if a, ok := s.Opacity[id]; ok {
			o.Opacity[id] = a
		}
	}
	o.Filter = project.LayerFilter(s.Layers(cat), project.Period{From: s.Period.From, To: s.Period.To})
	if s.Selected != "" {
		o.Highlight[s.Selected] = true
	}
	return o
}

// Annotations returns the annotations of all that the state shows, copied.
func (s *State) Annotations(all []project.Annotation) []project.Annotation {
	var out []project.Annotation
	for _, a := range all {
		if s.Shown == nil || s.Shown[a.ID] {
			out = append(out, a.Clone())
		}
	}
	return out
}

// Step is a briefing step of the state: what Apply restores. Every
// annotation of anns the state shows is listed.
func (s *State) Step(cat *layers.Catalog, title, caption string, anns []project.Annotation) project.Step {
	st := project.Step{
		Title:    project.I18n{s.Lang: title},
		Caption:  project.I18n{},
		View:     s.View,
		Layers:   s.Layers(cat),
		Period:   project.Period{From: s.Period.From, To: s.Period.To},
		Selected: s.Selected,
	}
	if caption != "" {
		st.Caption[s.Lang] = caption
	}
	for _, a := range anns {
		if s.Shown == nil || s.Shown[a.ID] {
			st.Annotations = append(st.Annotations, a.ID)
		}
	}
	return st
}

// Apply sets the state to what st stored: view, layers and their filters,
// period, selected feature (when cat has it) and the annotations shown
// (exactly those it lists).
// The language stays.
func (s *State) Apply(cat *layers.Catalog, st project.Step) {
	s.SetLayers(cat, st.Layers)
	s.Period = st.Period.Span()
	s.Selected = ""
	if cat.Feature(st.Selected) != nil {
		s.Selected = st.Selected
	}
	// A step shows exactly the annotations it lists: none when it lists
	// none (an empty list is not written to the file).
	s.Shown = map[string]bool{}
	for _, id := range st.Annotations {
		s.Shown[id] = true
	}
	s.View = st.View
}

// FromProject is the state p stores: its language, view, layers, period,
// selection, every annotation shown.
func FromProject(cat *layers.Catalog, p *project.Project) *State {
	s := &State{Lang: p.Lang}
	s.SetLayers(cat, p.Layers)
	s.Period = p.Period.Span()
	if cat.Feature(p.Selected) != nil {
		s.Selected = p.Selected
	}
	s.View = p.View
	return s
}

// Store writes the state into p (language, view, layers, period,
// selection); p's annotations, imports and briefings stay.
func (s *State) Store(cat *layers.Catalog, p *project.Project) {
	p.Lang = s.Lang
	p.View = s.View
	p.Layers = s.Layers(cat)
	p.Period = project.Period{From: s.Period.From, To: s.Period.To}
	p.Selected = s.Selected
}

// VisibleIDs is the visible layers' ids in catalogue order.
func (s *State) VisibleIDs(cat *layers.Catalog) []string {
	var out []string
	for _, l := range cat.Layers {
		if s.Visible[l.Spec.ID] {
			out = append(out, l.Spec.ID)
		}
	}
	return slices.Clip(out)
}
