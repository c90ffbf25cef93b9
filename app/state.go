package app

import (
	"sort"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
)

// Period is the active period (zero: all years).
func (s *Shell) Period() layers.Period { return s.period }

// SetPeriod filters every layer by the features' periods.
func (s *Shell) SetPeriod(p layers.Period) {
	s.period = p
	s.showPeriod()
	s.layerPanel.Rebuild()
	s.apply()
}

func (s *Shell) showPeriod() {
	s.periodLbl.SetText(s.t("ui.period") + s.colon() + s.period.Label(s.lang))
	if s.periodSel != nil {
		s.syncPeriodSelect()
	}
}

// layerStates is the state of every layer, for a project or a step.
func (s *Shell) layerStates() []project.LayerState {
	var out []project.LayerState
	for _, l := range s.Cat.Layers {
		if l.Spec.Parent != "" {
			continue // a zoom band follows its layer
		}
		id := l.Spec.ID
		st := project.LayerState{ID: id, Visible: s.visible[id], Opacity: 1}
		if a, ok := s.opacity[id]; ok {
			st.Opacity = a
		}
		for v, hidden := range s.hiddenCats[id] {
			if hidden {
				st.HiddenCategories = append(st.HiddenCategories, v)
			}
		}
		sort.Strings(st.HiddenCategories)
		for _, c := range []string{"confirmed", "reported", "suspected"} {
			if s.hiddenConf[id][c] {
				st.HiddenConfidence = append(st.HiddenConfidence, c)
			}
		}
		out = append(out, st)
	}
	return out
}

// applyLayerStates sets the layers as states says; layers it does not list
// take their default visibility.
func (s *Shell) applyLayerStates(states []project.LayerState) {
	s.visible = map[string]bool{}
	s.opacity = map[string]float64{}
	s.hiddenCats = map[string]map[string]bool{}
	s.hiddenConf = map[string]map[string]bool{}
	for _, id := range s.Cat.DefaultVisible() {
		s.visible[id] = true
	}
	for _, st := range states {
		if s.Cat.Layer(st.ID) == nil {
			continue
		}
		s.visible[st.ID] = st.Visible
		if st.Opacity < 1 {
			s.opacity[st.ID] = st.Opacity
		}
		for _, c := range st.HiddenCategories {
			if s.hiddenCats[st.ID] == nil {
				s.hiddenCats[st.ID] = map[string]bool{}
			}
			s.hiddenCats[st.ID][c] = true
		}
		for _, c := range st.HiddenConfidence {
			if s.hiddenConf[st.ID] == nil {
				s.hiddenConf[st.ID] = map[string]bool{}
			}
			s.hiddenConf[st.ID][c] = true
		}
	}
}

func viewOf(v geo.Viewport) project.View {
	return project.View{Lon: v.Center[0], Lat: v.Center[1], Zoom: v.Zoom}
}

func (s *Shell) setView(pv project.View, animate bool) {
	v := s.Map.View()
	v.Center, v.Zoom = orb.Point{pv.Lon, pv.Lat}, pv.Zoom
	if animate && s.AnimDuration > 0 {
		s.flyToView(v)
		return
	}
	s.Map.SetView(v)
}

// StepFromState is a briefing step of what the map shows now.
func (s *Shell) StepFromState(title, caption string) project.Step {
	st := project.Step{
		Title:   project.I18n{s.lang: title},
		View:    viewOf(s.Map.View()),
		Layers:  s.layerStates(),
		Period:  project.Period{From: s.period.From, To: s.period.To},
		Caption: project.I18n{},
	}
	if caption != "" {
		st.Caption[s.lang] = caption
	}
	if s.selected != nil {
		st.Selected = s.selected.ID
	}
	for _, a := range s.proj.Annotations {
		st.Annotations = append(st.Annotations, a.ID)
	}
	return st
}

// ApplyStep restores exactly the state a step stored: view, layers and
// category filters, period, selected feature and the annotations it shows.
func (s *Shell) ApplyStep(st project.Step, animate bool) {
	s.applyLayerStates(st.Layers)
	s.period = layers.Period{From: st.Period.From, To: st.Period.To}
	s.selected = s.Cat.Feature(st.Selected)
	s.highlight = nil
	s.shownAnns = nil
	if st.Annotations != nil {
		s.shownAnns = map[string]bool{}
		for _, id := range st.Annotations {
			s.shownAnns[id] = true
		}
	}
	if s.selected != nil {
		s.narrative.ShowFeature(s.selected)
	} else if n := s.Cat.Narratives.Get(s.lang, st.Narrative); n != nil {
		s.narrative.ShowNarrative(n)
	}
	s.showPeriod()
	s.layerPanel.Rebuild()
	s.setView(st.View, animate)
	s.apply()
}

// Project is a snapshot of everything the user made: for saving and autosave.
func (s *Shell) Project() *project.Project {
	p := *s.proj
	p.Schema, p.Version = project.Schema, project.Version
	p.Lang = s.lang
	p.View = viewOf(s.Map.View())
	p.Layers = s.layerStates()
	p.Period = project.Period{From: s.period.From, To: s.period.To}
	p.Selected = ""
	if s.selected != nil {
		p.Selected = s.selected.ID
	}
	p.Annotations = append([]project.Annotation(nil), s.proj.Annotations...)
	p.Briefings = append([]project.Briefing(nil), s.proj.Briefings...)
	p.Imports = append([]project.Import(nil), s.proj.Imports...)
	return &p
}

// LoadProject replaces the state with p (already validated by project.Load).
func (s *Shell) LoadProject(p *project.Project) {
	cp := *p
	s.proj = &cp
	s.history.Reset()
	s.importLayers(p.Imports)
	s.applyLayerStates(p.Layers)
	s.period = layers.Period{From: p.Period.From, To: p.Period.To}
	s.selected = s.Cat.Feature(p.Selected)
	s.shownAnns = nil
	s.selAnn = ""
	if p.Lang == "en" || p.Lang == "fr" {
		s.lang = p.Lang
	}
	s.applyLanguage()
	s.narrative.ShowFeature(s.selected)
	s.setView(p.View, false)
	s.apply()
}
