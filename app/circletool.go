package app

import (
	"math"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/project"
)

// The circle tool: a tap puts a circle of defaultCircleKm; a drag from the
// centre sets the radius to where the pointer is let go (and does not pan).
const defaultCircleKm = 50

// circleDrag draws the circle being dragged out; s.pending holds its centre
// and the pointer.
func (s *Shell) circleDrag(ev *fyne.DragEvent) bool {
	if len(s.pending) == 0 {
		c := s.Map.GeoAt(ev.Position.Subtract(ev.Dragged))
		s.pending = [][2]float64{{c[0], c[1]}, {c[0], c[1]}}
	}
	p := s.Map.GeoAt(ev.Position)
	s.pending[1] = [2]float64{p[0], p[1]}
	preview := project.Annotation{ID: "~", Kind: project.KindCircle, Points: s.pending[:1], RadiusKm: circleKm(s.pending), Color: s.annColor, Fill: s.annColor + "33"}
	s.Map.SetAnnotations(append(s.visibleAnnotations(), preview), s.selAnn)
	s.Map.requestFrame()
	return true
}

// circleDragEnd adds the circle dragged out (nothing for a drag too short to
// mean a radius: under a kilometre).
func (s *Shell) circleDragEnd() {
	pts := s.pending
	s.pending = nil
	if len(pts) < 2 {
		return
	}
	km := circleKm(pts)
	if km < 1 {
		s.apply()
		return
	}
	s.AddAnnotation(project.Annotation{Kind: project.KindCircle, Points: [][2]float64{pts[0]}, RadiusKm: km, Fill: s.annColor + "33"})
}

// circleKm is the radius from centre to pointer, rounded to what a map can
// show: whole km (a tenth below 10 km).
func circleKm(pts [][2]float64) float64 {
	km := geo.Distance(orb.Point(pts[0]), orb.Point(pts[1])) / 1000
	if km < 10 {
		return math.Round(km*10) / 10
	}
	return math.Round(km)
}
