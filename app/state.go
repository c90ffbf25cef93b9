package app

import (
	"encoding/json"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/view"
)

// Period is the active period (zero: all years).
func (s *Shell) Period() layers.Period { return s.vs.Period }

// SetPeriod filters every layer by the features' periods.
func (s *Shell) SetPeriod(p layers.Period) {
	s.vs.Period = p
	s.showPeriod()
	s.layerPanel.Rebuild()
	s.apply()
	s.mapChanged()
}

// mapState is what the project file keeps of what the map shows, as a
// comparable key: the layers (shown, opacity, hidden categories and
// confidences), the period and the event layers' styles and filters. A
// change to it is unsaved work. The view (centre and zoom), the selection
// and the language are saved as well but not counted: looking around the
// map is not work to lose, and asking to save after each pan would teach
// the user to answer without reading.
func (s *Shell) mapState() string {
	var p project.Project
	s.vs.Store(s.Cat, &p)
	p.Events = s.eventStates()
	return mapStateOf(&p)
}

func mapStateOf(p *project.Project) string {
	b, _ := json.Marshal(struct {
		Layers []project.LayerState
		Period project.Period
		Events []project.EventState
	}{p.Layers, p.Period, p.Events})
	return string(b)
}

// mapChanged marks the project unsaved when what the map shows differs
// from what was last saved or opened. Playing an event layer through the
// years moves the period and puts it back: that is not a change.
func (s *Shell) mapChanged() {
	for _, e := range s.ev.list {
		if e.stopPlay != nil {
			return
		}
	}
	if s.mapState() != s.cleanMap {
		s.markDirty()
	}
}

func (s *Shell) showPeriod() {
	s.periodLbl.SetText(s.t("ui.period") + s.colon() + s.vs.Period.Label(s.lang))
	if s.periodSel != nil {
		s.syncPeriodSelect()
	}
}

// state is the view state with what the Shell keeps elsewhere brought in:
// the language, the selected feature and the map's view.
func (s *Shell) state() *view.State {
	s.vs.Lang = s.lang
	s.vs.Selected = ""
	if s.selected != nil {
		s.vs.Selected = s.selected.ID
	}
	s.vs.View = viewOf(s.Map.View())
	return s.vs
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
	st := s.state().Step(s.Cat, title, caption, s.proj.Annotations)
	st.Events = s.eventStates()
	return st
}

// ApplyStep restores exactly the state a step stored: view, layers and
// category filters, period, selected feature and the annotations it shows.
func (s *Shell) ApplyStep(st project.Step, animate bool) {
	s.vs.Apply(s.Cat, st)
	s.applyEventStates(st.Events)
	s.selected = s.Cat.Feature(s.vs.Selected)
	s.highlight = nil
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
	s.state().Store(s.Cat, &p)
	p.EventSources, p.Events = s.eventSources(), s.eventStates()
	// A copy that shares nothing the window changes in place: it may be
	// written on another goroutine (autosave).
	return p.Clone()
}

// LoadProject replaces the state with p (already validated by project.Load).
func (s *Shell) LoadProject(p *project.Project) {
	s.proj = p.Clone()
	s.history.Reset()
	s.syncImports()
	s.loadEventSources(p.EventSources, p.Events)
	s.vs = view.FromProject(s.Cat, p)
	s.selected = s.Cat.Feature(s.vs.Selected)
	s.selAnn = ""
	if p.Lang == "en" || p.Lang == "fr" {
		s.lang = p.Lang
	}
	s.applyLanguage()
	s.narrative.ShowFeature(s.selected)
	s.setView(p.View, false)
	s.apply()
	s.cleanMap = s.mapState()
	s.exerciseLoaded() // exercise.go
}
