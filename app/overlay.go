package app

import (
	"fyne.io/fyne/v2"

	"maliatlas/geo"
)

// MapOverlay is drawn by the map widget above its frame, in logical
// pixels of the current view: vector objects that follow pans and zooms at
// once, without a new frame (the measure line, the mark of a place found).
type MapOverlay interface {
	// Object is what the map shows (typically a container without layout).
	Object() fyne.CanvasObject
	// Place positions the objects for the view v; called on the UI
	// goroutine whenever the map moves or is laid out.
	Place(v geo.Viewport)
}

// AddOverlay adds an overlay above the map (and the ones added before).
func (m *MapView) AddOverlay(o MapOverlay) {
	m.overlays = append(m.overlays, o)
	m.Refresh()
}

// logicalPos is where p ({lon, lat}) is in the view, in logical pixels.
func logicalPos(v geo.Viewport, p [2]float64) fyne.Position {
	x, y := v.ToScreen(p)
	s := v.DeviceScale()
	return fyne.NewPos(float32(x/s), float32(y/s))
}
