package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"maliatlas/events"
	"maliatlas/project"
	"maliatlas/render"
)

// eventLayer is one imported event file in the window: where it came from,
// whether it is shown, and the layer with its style and filter.
type eventLayer struct {
	src     project.EventSource
	visible bool
	layer   *render.EventLayer // the settings; the map gets copies
	// onMapPick, while the layer's table is open, selects the row of an
	// event tapped on the map.
	onMapPick func(i int32)
	stopPlay  func() // while playing through the years or months
	// playStep is what play and the frames go through: "year" (also when
	// empty) or "month"; playing, while a month is played, is its days
	// (the map's period control holds its year).
	playStep string
	playing  [2]events.Day
	playBtn  *widget.Button // the layer panel's Play button, while shown
}

// eventsUI is the window's event layers.
type eventsUI struct {
	list []*eventLayer
	seq  int
}

// EventLayers is the event layers in the order added.
func (s *Shell) EventLayers() []*render.EventLayer {
	out := make([]*render.EventLayer, len(s.ev.list))
	for i, e := range s.ev.list {
		out[i] = e.layer
	}
	return out
}

// eventSnapshots are copies of the visible event layers, following the
// period control, for one frame.
func (s *Shell) eventSnapshots() []*render.EventLayer {
	var out []*render.EventLayer
	for _, e := range s.ev.list {
		if e.visible {
			out = append(out, s.eventSnapshot(e))
		}
	}
	return out
}

// eventSnapshot is a copy of e's layer following the period control (or
// the years being played).
func (s *Shell) eventSnapshot(e *eventLayer) *render.EventLayer {
	cp := *e.layer
	cp.Filter.Hidden = slices.Clone(e.layer.Filter.Hidden)
	if !s.vs.Period.IsZero() {
		cp.Filter.From = events.DayOf(s.vs.Period.From, 1, 1)
		if s.vs.Period.To != 0 {
			cp.Filter.To = events.DayOf(s.vs.Period.To, 12, 31)
		}
	}
	if e.playing[0] != 0 {
		cp.Filter.From, cp.Filter.To = e.playing[0], e.playing[1]
	}
	return &cp
}

// LoadEvents imports an event file as a new layer (synchronously).
func (s *Shell) LoadEvents(ctx context.Context, src project.EventSource, progress func(done, total int64)) (*render.EventLayer, *events.Report, error) {
	t, rep, err := events.ReadFile(ctx, src.Path, events.Options{Mapping: src.Mapping, Weight: src.Weight, Progress: progress})
	if err != nil {
		return nil, nil, err
	}
	if src.ID == "" {
		s.ev.seq++
		src.ID = fmt.Sprintf("events%d-%s", s.ev.seq, strings.TrimSuffix(filepath.Base(src.Path), filepath.Ext(src.Path)))
	}
	if src.Title == "" {
		src.Title = filepath.Base(src.Path)
	}
	l := render.NewEventLayer(src.ID, src.Title, t)
	s.ev.list = append(s.ev.list, &eventLayer{src: src, visible: true, layer: l})
	return l, rep, nil
}

// AddEvents imports an event file with a progress bar and Cancel, then
// shows it and reports the rows left out.
func (s *Shell) AddEvents(path string) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	d := dialog.NewCustom(s.t("events.importing")+filepath.Base(path), s.t("events.cancel"), bar, s.Window)
	d.SetOnClosed(cancel)
	d.Show()
	src := project.EventSource{Path: path, Mapping: savedMapping(path)}
	go func() {
		_, rep, err := s.LoadEvents(ctx, src, func(done, total int64) {
			fyne.Do(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
		})
		fyne.Do(func() {
			d.Hide()
			if me, ok := mappingNeeded(err); ok {
				s.askMapping(path, me)
				return
			}
			if err != nil {
				if ctx.Err() == nil {
					dialog.ShowError(err, s.Window)
				}
				return
			}
			s.markDirty()
			s.layerPanel.Rebuild()
			s.apply()
			if len(rep.Problems) > 0 {
				s.showReport(rep)
			}
		})
	}()
}

// showReport lists the rows an import left out.
func (s *Shell) showReport(rep *events.Report) {
	lines := widget.NewLabel(strings.Join(rep.Lines(), "\n"))
	lines.Wrapping = fyne.TextWrapOff
	sc := container.NewScroll(lines)
	sc.SetMinSize(fyne.NewSize(640, 260))
	dialog.ShowCustom(rep.Summary(), "OK", sc, s.Window)
}

func (s *Shell) eventByID(id string) *eventLayer {
	for _, e := range s.ev.list {
		if e.src.ID == id {
			return e
		}
	}
	return nil
}

// eventSources and eventStates are what a project keeps of the event layers.
func (s *Shell) eventSources() []project.EventSource {
	var out []project.EventSource
	for _, e := range s.ev.list {
		out = append(out, e.src)
	}
	return out
}

func (s *Shell) eventStates() []project.EventState {
	var out []project.EventState
	for _, e := range s.ev.list {
		l := e.layer
		out = append(out, project.EventState{ID: e.src.ID, Visible: e.visible, Style: l.Style, CellKm: l.CellKm,
			BandwidthKm: l.BandwidthKm, ByCount: l.ByCount, Ramp: l.Ramp, Classes: l.Classes, Opacity: l.Opacity,
			Filter: l.Filter})
	}
	return out
}

// applyEventStates restores the event layers' styles and filters (a
// project, a briefing step); layers a state does not name are hidden.
func (s *Shell) applyEventStates(states []project.EventState) {
	if states == nil {
		return
	}
	for _, e := range s.ev.list {
		e.visible = false
	}
	for _, st := range states {
		e := s.eventByID(st.ID)
		if e == nil {
			continue
		}
		l := e.layer
		e.visible = st.Visible
		l.Style, l.CellKm, l.BandwidthKm, l.ByCount = st.Style, st.CellKm, st.BandwidthKm, st.ByCount
		l.Ramp, l.Classes, l.Opacity, l.Filter = st.Ramp, st.Classes, st.Opacity, st.Filter
	}
}

// loadEventSources imports a project's event files (a missing file is
// reported; the rest of the project opens).
func (s *Shell) loadEventSources(srcs []project.EventSource, states []project.EventState) {
	s.ev = eventsUI{}
	var errs []string
	for _, src := range srcs {
		if _, _, err := s.LoadEvents(context.Background(), src, nil); err != nil {
			errs = append(errs, err.Error())
		}
	}
	s.applyEventStates(states)
	if len(errs) > 0 && s.Window != nil {
		dialog.ShowError(fmt.Errorf("%s", strings.Join(errs, "\n")), s.Window)
	}
}

// eventChanged redraws after a change to an event layer's settings.
func (s *Shell) eventChanged() {
	s.markDirty()
	s.apply()
}
