package app

import (
	"fmt"
	"image"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"maliatlas/events"
	"maliatlas/layers"
	"maliatlas/render"
	"maliatlas/render/raster"
)

// Route profiles count the events within profileBufferKm of the route per
// profileSegmentKm stretch.
const (
	profileBufferKm  = 20
	profileSegmentKm = 50
)

// routeProfilePanel is the route profile chart under the map: the events
// of one event layer along the selected route, per stretch. It stays open
// (until closed) when the selection changes: a newly selected route gets
// its profile, anything else leaves the last route's.
type routeProfilePanel struct {
	box    *fyne.Container // hidden while no profile is shown
	label  *widget.Label
	chart  *canvas.Raster
	ev     *eventLayer
	route  *layers.Feature
	shown  render.ProfileChart
	note   fyne.CanvasObject // the sentence added to the narrative panel
	noted  string
	height float32
}

// newRouteProfilePanel makes the (hidden) panel.
func (s *Shell) newRouteProfilePanel() *routeProfilePanel {
	p := &routeProfilePanel{label: widget.NewLabel(""), height: 230}
	p.label.Truncation = fyne.TextTruncateEllipsis
	p.chart = canvas.NewRaster(func(w, h int) image.Image {
		c := raster.New(w, h)
		k := 1.0
		if lw := p.chart.Size().Width; lw > 0 {
			k = min(4, max(0.5, float64(w)/float64(lw)))
		}
		render.DrawProfile(c, render.Rect{Max: render.Point{X: float64(w), Y: float64(h)}}, p.shown, s.Scene.Fonts, k)
		return c.RGBA()
	})
	p.chart.SetMinSize(fyne.NewSize(300, p.height))
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { s.closeRouteProfile() })
	closeBtn.Importance = widget.LowImportance
	p.box = container.NewBorder(container.NewBorder(nil, nil, nil, closeBtn, p.label), nil, nil, nil, p.chart)
	p.box.Hide()
	return p
}

// RouteProfileOf is the profile of the selected route for an event layer:
// events within 20 km per 50 km stretch.
func (s *Shell) RouteProfileOf(e *eventLayer) (events.RouteProfile, *layers.Feature, error) {
	f := s.selected
	if f == nil || f.Route() == nil {
		return events.RouteProfile{}, nil, fmt.Errorf("%s", s.t("events.profile.select"))
	}
	return s.profileFor(e, f), f, nil
}

// profileFor is the profile along route f of e's events as the map shows
// them (period, categories, precision).
func (s *Shell) profileFor(e *eventLayer, f *layers.Feature) events.RouteProfile {
	snap := s.snapshotOf(e)
	return events.ProfileOf(e.layer.Table, snap.Selection(), f.Route(), profileBufferKm, profileSegmentKm,
		s.townPlaces(), s.t)
}

// townPlaces are the built-in towns, which name a profile's worst stretch.
func (s *Shell) townPlaces() []events.Place {
	towns := s.Cat.Layer("towns")
	if towns == nil {
		return nil
	}
	out := make([]events.Place, 0, len(towns.Features))
	for _, f := range towns.Features {
		if pt, ok := f.Geom.(orb.Point); ok {
			out = append(out, events.Place{Name: f.Name(s.lang), At: pt})
		}
	}
	return out
}

// showRouteProfile opens the profile panel under the map for the selected
// route and e's events, and adds its sentence to the narrative panel.
func (s *Shell) showRouteProfile(e *eventLayer) {
	if _, _, err := s.RouteProfileOf(e); err != nil {
		dialog.ShowInformation(s.t("events.profile"), err.Error(), s.Window)
		return
	}
	p := s.profile
	p.ev, p.route = e, s.selected
	s.refreshRouteProfile()
}

// closeRouteProfile hides the profile panel.
func (s *Shell) closeRouteProfile() {
	p := s.profile
	s.narrative.RemoveNote(p.note)
	p.ev, p.route, p.note, p.noted = nil, nil, nil, ""
	p.box.Hide()
}

// RouteProfileShown is what the profile panel shows (its chart's title and
// sentence), or ok false when it is closed.
func (s *Shell) RouteProfileShown() (title, caption string, ok bool) {
	p := s.profile
	if p == nil || p.ev == nil || !p.box.Visible() {
		return "", "", false
	}
	return p.shown.Title, p.shown.Caption, true
}

// refreshRouteProfile draws the open profile again for the current state:
// a newly selected route, the period, the layer's filter. Called by apply.
func (s *Shell) refreshRouteProfile() {
	p := s.profile
	if p == nil || p.ev == nil {
		return
	}
	if !s.hasEventLayer(p.ev) {
		s.closeRouteProfile()
		return
	}
	if f := s.selected; f != nil && f != p.route && f.Route() != nil {
		p.route = f // another route: its profile; anything else keeps this one
	}
	e, f := p.ev, p.route
	prof := s.profileFor(e, f)
	t := e.layer.Table
	title := fmt.Sprintf(s.t("events.profile.title"), strconv.Itoa(profileBufferKm), f.Name(s.lang), t.Name)
	if t.Synthetic {
		title += " " + s.t("events.synthetic.short")
	}
	what := s.t("events.events")
	if t.HasWeight() {
		what = t.WeightName()
	}
	p.shown = render.ProfileChart{Title: title, Segs: prof.Segs, Worst: prof.Worst, Weighted: t.HasWeight(), What: what,
		Caption: prof.Caption, Ramp: e.layer.Ramp, Axis: fmt.Sprintf(s.t("events.profile.axis"), what)}
	p.label.SetText(s.t("events.profile") + " — " + f.Name(s.lang))
	// The sentence under what the narrative panel shows (again when it
	// shows something else since).
	if p.noted != prof.Caption || !s.narrative.HasNote(p.note) {
		s.narrative.RemoveNote(p.note)
		p.note, p.noted = s.narrative.AppendNote(prof.Caption), prof.Caption
	}
	p.box.Show()
	p.chart.Refresh()
}

func (s *Shell) hasEventLayer(e *eventLayer) bool {
	for _, x := range s.ev.list {
		if x == e {
			return true
		}
	}
	return false
}

// ShowRouteProfile opens the profile panel for the selected route and the
// event layer id, as the layer panel's button does.
func (s *Shell) ShowRouteProfile(layerID string) error {
	e := s.eventByID(layerID)
	if e == nil {
		return fmt.Errorf("no event layer %q", layerID)
	}
	if _, _, err := s.RouteProfileOf(e); err != nil {
		return err
	}
	s.showRouteProfile(e)
	return nil
}
