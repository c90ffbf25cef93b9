// Package app is the Fyne shell of Mali Routes Atlas: the window, the map
// widget and the panels around it. It holds no map logic of its own: it asks
// the render package for frames and the layers package for content.
package app

import (
	"image"
	"image/color"
	"math"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/project"
	"maliatlas/render"
	"maliatlas/render/mapframe"
)

// MapView is the map widget: it holds the view and draws frames off the UI
// goroutine; while a frame is being drawn, the last one is shown shifted.
type MapView struct {
	widget.BaseWidget

	scene *render.Scene
	home  orb.Bound

	mu      sync.Mutex
	view    geo.Viewport // the view the user asked for (logical size)
	opts    render.Options
	frame   *image.RGBA    // last finished frame
	frameAt geo.Viewport   // the view it was drawn for
	busy    bool           // a frame is being drawn
	again   bool           // the view changed while drawing
	drawn   sync.Cond      // signalled when a frame lands
	gen     int            // frames landed
	moved   bool           // the user has moved the map: resizing keeps the view
	optGen  uint64         // counts changes of opts: a new one redraws all
	panRest [2]float64     // the fraction of a device pixel not yet panned
	frames  mapframe.Cache // reuses the last frame while panning (draw loop only)
	// settle asks the next frame to place again the labels a pan left
	// across the view's edges (mapframe.Cache.Settle); settleTimer sets it
	// once the map has stayed still for settleDelay after a pan frame.
	settle      bool
	settleTimer *time.Timer
	// drawInline draws frames on the goroutine that waits for them
	// (WaitFrame, Frame) instead of a drawing goroutine (tests: the test
	// driver runs fyne.Do inline); requests in between make one frame.
	drawInline    bool
	inlinePending bool // a frame was asked for and not drawn yet

	// OnCursor is called with the position under the pointer.
	OnCursor func(orb.Point)
	// OnHover is called with the device pixel under the pointer.
	OnHover func(x, y float64)
	// OnTap is called with the device pixel and logical position tapped.
	OnTap func(x, y float64, at fyne.Position)
	// OnDrag may take a drag for itself (drawing, moving an annotation):
	// when it returns true the map does not pan.
	OnDrag    func(ev *fyne.DragEvent) bool
	OnDragEnd func()
	// OnDoubleTap may take a double tap (ending a shape, or a quick second
	// tap of a tool); true when taken.
	OnDoubleTap func(x, y float64, at fyne.Position) bool
	dragTaken   bool
	dragStarted bool

	tipText string
	tipAt   fyne.Position

	anns   []project.Annotation // drawn above the map
	selAnn string

	overlays []MapOverlay // drawn above the frame (measure line, search mark)

	// exercise is a training scenario drawn above the map (exercise.go).
	exercise *render.FictionalView
	// OnViewChanged is called after the view changes.
	OnViewChanged func(geo.Viewport)
}

// drawFramesInline is the drawInline of new maps: tests set it (the test
// driver runs fyne.Do inline, so a drawing goroutine would refresh widgets
// beside the test's own goroutine: a false race).
var drawFramesInline bool

// NewMapView makes a map of scene that starts showing home.
func NewMapView(scene *render.Scene, home orb.Bound, lang string) *MapView {
	m := &MapView{scene: scene, home: home, drawInline: drawFramesInline}
	m.opts = render.Options{Lang: lang, Background: color.NRGBA{214, 228, 236, 255}}
	m.drawn.L = &m.mu
	m.view = geo.FitBound(home, 800, 600, 1, 12)
	m.ExtendBaseWidget(m)
	return m
}

// View returns the current view.
func (m *MapView) View() geo.Viewport {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.view
}

// SetView moves the map to v (its size is the widget's).
func (m *MapView) SetView(v geo.Viewport) {
	m.mu.Lock()
	v.Width, v.Height, v.Scale = m.view.Width, m.view.Height, m.view.Scale
	m.view = v
	m.mu.Unlock()
	m.changed()
}

// Options returns a copy of what the map shows.
func (m *MapView) Options() render.Options {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.opts
}

// SetOptions changes what the map shows (layers, language, highlight…).
func (m *MapView) SetOptions(o render.Options) {
	m.mu.Lock()
	o.View = geo.Viewport{}
	m.opts = o
	m.optGen++
	m.mu.Unlock()
	m.requestFrame()
}

// FitHome shows the home extent.
func (m *MapView) FitHome() {
	m.mu.Lock()
	v := m.view
	m.mu.Unlock()
	if v.Width == 0 || v.Height == 0 {
		v.Width, v.Height = 800, 600
	}
	f := geo.FitBound(m.home, v.Width, v.Height, v.Scale, 12)
	m.SetView(f)
}

// ZoomBy zooms by factor around the centre of the widget.
func (m *MapView) ZoomBy(factor float64) {
	m.mu.Lock()
	w, h := m.view.DeviceSize()
	m.view = m.view.ZoomAround(float64(w)/2, float64(h)/2, factor)
	m.mu.Unlock()
	m.changed()
}

// PanBy moves the content by dx, dy logical pixels.
func (m *MapView) PanBy(dx, dy float32) {
	m.mu.Lock()
	s := m.view.DeviceScale()
	// Whole device pixels, the rest kept for the next drag event: a frame
	// shifted by whole pixels reuses the last one (mapframe).
	fx, fy := float64(dx)*s+m.panRest[0], float64(dy)*s+m.panRest[1]
	px, py := math.Round(fx), math.Round(fy)
	m.panRest = [2]float64{fx - px, fy - py}
	m.view = m.view.Pan(px, py)
	m.mu.Unlock()
	m.changed()
}

func (m *MapView) changed() {
	m.mu.Lock()
	m.moved = true
	m.mu.Unlock()
	m.requestFrame()
	if m.OnViewChanged != nil {
		m.OnViewChanged(m.View())
	}
}

// resize adapts the view to the widget's size and the canvas scale.
func (m *MapView) resize(size fyne.Size, scale float32) {
	w, h := int(math.Round(float64(size.Width))), int(math.Round(float64(size.Height)))
	if w <= 0 || h <= 0 {
		return
	}
	m.mu.Lock()
	if m.view.Width == w && m.view.Height == h && m.view.Scale == float64(scale) {
		m.mu.Unlock()
		return
	}
	m.view.Width, m.view.Height, m.view.Scale = w, h, float64(scale)
	if !m.moved {
		// Until the user moves the map, it keeps showing all of home.
		m.view = geo.FitBound(m.home, w, h, float64(scale), 12)
	}
	m.mu.Unlock()
	m.requestFrame()
}

// requestFrame starts drawing a frame for the current view unless one is
// being drawn, in which case that one is followed by another.
func (m *MapView) requestFrame() {
	m.mu.Lock()
	if m.view.Width == 0 {
		m.mu.Unlock()
		return
	}
	if m.busy {
		m.again = true
		m.mu.Unlock()
		return
	}
	if m.drawInline {
		m.inlinePending = true
		m.mu.Unlock()
		return
	}
	m.busy = true
	m.mu.Unlock()
	go m.drawLoop()
}

// flushInline draws the frame asked for, when frames are drawn inline.
func (m *MapView) flushInline() {
	m.mu.Lock()
	draw := m.drawInline && (m.inlinePending || m.frame == nil) && m.view.Width > 0 && !m.busy
	if draw {
		m.inlinePending = false
		m.busy = true
	}
	m.mu.Unlock()
	if draw {
		m.drawLoop()
	}
}

// SetScene draws sc from the next frame on (a new catalogue: imports).
func (m *MapView) SetScene(sc *render.Scene) {
	m.mu.Lock()
	m.scene = sc
	m.optGen++ // another catalogue: the frame cache redraws all
	m.mu.Unlock()
	m.requestFrame()
}

// settleDelay is how long the map stays still after a pan before the labels
// the pan left across the view's edges are placed again (inside, or not at
// all, as an export of the view has them).
const settleDelay = 250 * time.Millisecond

func (m *MapView) drawLoop() {
	for {
		m.mu.Lock()
		v, o, sc, anns, sel, gen := m.view, m.opts, m.scene, m.anns, m.selAnn, m.optGen
		m.again = false
		inline := m.drawInline
		settle := m.settle
		m.settle = false
		m.mu.Unlock()

		if settle {
			m.frames.Settle()
		}
		img := m.renderFrame(sc, v, o, anns, sel, gen)
		// Labels as the pan left them (a frame at rest, or of the same
		// view, schedules no other).
		panned := !settle && m.frames.Reused && !m.frames.Placed

		m.mu.Lock()
		panned = panned && m.frameAt != v
		m.frame, m.frameAt = img, v
		m.gen++
		again := m.again
		if !again {
			m.busy = false
		}
		if panned && !again && !inline { // tests draw inline: no timer
			m.settleLater()
		}
		m.drawn.Broadcast()
		m.mu.Unlock()
		if inline {
			m.Refresh()
		} else {
			fyne.Do(m.Refresh)
		}
		if !again {
			return
		}
	}
}

// settleLater asks for a frame at rest (settle) if no other frame lands
// within settleDelay. m.mu is held.
func (m *MapView) settleLater() {
	g := m.gen
	if m.settleTimer != nil {
		m.settleTimer.Stop()
	}
	m.settleTimer = time.AfterFunc(settleDelay, func() {
		m.mu.Lock()
		still := m.gen == g && !m.busy
		if still {
			m.settle = true
		}
		m.mu.Unlock()
		if still {
			m.requestFrame()
		}
	})
}

// SetAnnotations sets the annotations drawn above the map and the selected
// one. The map keeps its own copy (points included): the caller may go on
// changing anns while a frame is drawn.
func (m *MapView) SetAnnotations(anns []project.Annotation, selected string) {
	cp := project.CloneAnnotations(anns)
	m.mu.Lock()
	m.anns = cp
	m.selAnn = selected
	m.mu.Unlock()
}

// renderFrame draws the frame for v from values no one changes any more:
// while the view only pans, the last picture is shifted and only the
// exposed strips are drawn (mapframe).
func (m *MapView) renderFrame(sc *render.Scene, v geo.Viewport, o render.Options, anns []project.Annotation, sel string, gen uint64) *image.RGBA {
	o.View = v
	var over func(render.Sink)
	if len(anns) > 0 {
		over = func(s render.Sink) { render.DrawAnnotations(s, v, anns, sc.Fonts, sel) }
	}
	m.mu.Lock()
	ex := m.exercise
	m.mu.Unlock()
	var placed []render.Rect // the map's labels, for the exercise's to keep off
	if ex != nil {
		o.PlacedLabels = &placed
	}
	over = withExercise(over, v, ex, sc.Fonts, &placed) // exercise.go
	return m.frames.Frame(sc, o, gen, over)
}

// WaitFrame blocks until a frame drawn for the current view has landed (for
// tests and exports of the current view).
func (m *MapView) WaitFrame() {
	m.flushInline()
	m.mu.Lock()
	defer m.mu.Unlock()
	for m.busy || m.frame == nil {
		m.drawn.Wait()
	}
}

// Frame returns the last frame and the view it shows.
func (m *MapView) Frame() (*image.RGBA, geo.Viewport) {
	m.flushInline()
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.frame, m.frameAt
}

// GeoAt returns the position under the logical point p.
func (m *MapView) GeoAt(p fyne.Position) orb.Point {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.view.DeviceScale()
	return m.view.ToGeo(float64(p.X)*s, float64(p.Y)*s)
}

// Dragged pans the shown frame at once; the new frame follows.
func (m *MapView) Dragged(ev *fyne.DragEvent) {
	if !m.dragStarted && m.OnHover != nil {
		m.OnHover(-1, -1) // no tooltip or hover highlight while dragging
	}
	if m.OnDrag != nil && (m.dragTaken || !m.dragStarted) {
		m.dragTaken = m.OnDrag(ev)
	}
	m.dragStarted = true
	if m.dragTaken {
		return
	}
	m.PanBy(ev.Dragged.DX, ev.Dragged.DY)
	m.Refresh()
}

// DragEnd is part of fyne.Draggable.
func (m *MapView) DragEnd() {
	if m.dragTaken && m.OnDragEnd != nil {
		m.OnDragEnd()
	}
	m.dragTaken, m.dragStarted = false, false
}

// Scrolled zooms around the pointer.
func (m *MapView) Scrolled(ev *fyne.ScrollEvent) {
	dy := float64(ev.Scrolled.DY)
	if dy == 0 {
		return
	}
	factor := math.Pow(2, math.Max(-1, math.Min(1, dy/40)))
	m.mu.Lock()
	s := m.view.DeviceScale()
	m.view = m.view.ZoomAround(float64(ev.Position.X)*s, float64(ev.Position.Y)*s, factor)
	m.mu.Unlock()
	m.changed()
}

// DoubleTapped zooms in around the pointer (unless a tool takes it).
func (m *MapView) DoubleTapped(ev *fyne.PointEvent) {
	if m.OnDoubleTap != nil {
		s := m.deviceScale()
		if m.OnDoubleTap(float64(ev.Position.X)*s, float64(ev.Position.Y)*s, ev.Position) {
			return
		}
	}
	m.mu.Lock()
	s := m.view.DeviceScale()
	m.view = m.view.ZoomAround(float64(ev.Position.X)*s, float64(ev.Position.Y)*s, 2)
	m.mu.Unlock()
	m.changed()
}

// MouseIn is part of desktop.Hoverable.
func (m *MapView) MouseIn(ev *desktop.MouseEvent) { m.MouseMoved(ev) }

// MouseMoved reports the position under the pointer.
func (m *MapView) MouseMoved(ev *desktop.MouseEvent) {
	if m.OnCursor != nil {
		m.OnCursor(m.GeoAt(ev.Position))
	}
	if m.OnHover != nil && !m.dragStarted {
		s := m.deviceScale()
		m.OnHover(float64(ev.Position.X)*s, float64(ev.Position.Y)*s)
	}
}

// MouseOut is part of desktop.Hoverable.
func (m *MapView) MouseOut() {
	if m.OnHover != nil {
		m.OnHover(-1, -1)
	}
}

// Tapped selects what is under the pointer (through OnTap).
func (m *MapView) Tapped(ev *fyne.PointEvent) {
	if m.OnTap != nil {
		s := m.deviceScale()
		m.OnTap(float64(ev.Position.X)*s, float64(ev.Position.Y)*s, ev.Position)
	}
}

func (m *MapView) deviceScale() float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.view.DeviceScale()
}

// ShowTip shows a small tooltip near the logical position at; an empty text hides it.
func (m *MapView) ShowTip(text string, at fyne.Position) {
	m.mu.Lock()
	m.tipText, m.tipAt = text, at
	m.mu.Unlock()
	m.Refresh()
}

// Tip returns the tooltip's text ("" when hidden).
func (m *MapView) Tip() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.tipText
}

// CreateRenderer is part of fyne.Widget.
func (m *MapView) CreateRenderer() fyne.WidgetRenderer {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillStretch
	img.ScaleMode = canvas.ImageScaleFastest
	bg := canvas.NewRectangle(color.NRGBA{214, 228, 236, 255})
	tipBg := canvas.NewRectangle(color.NRGBA{30, 30, 30, 225})
	tipBg.CornerRadius = 4
	tip := canvas.NewText("", color.White)
	tip.TextSize = 12
	return &mapRenderer{m: m, img: img, bg: bg, tipBg: tipBg, tip: tip}
}

type mapRenderer struct {
	m     *MapView
	img   *canvas.Image
	bg    *canvas.Rectangle
	tipBg *canvas.Rectangle
	tip   *canvas.Text
	size  fyne.Size
}

func (r *mapRenderer) Layout(size fyne.Size) {
	r.size = size
	r.bg.Resize(size)
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.m); c != nil {
		scale = c.Scale()
	}
	r.m.resize(size, scale)
	r.place()
}

// place positions the last frame where the current view puts it: shifted by
// the pan since it was drawn (and scaled by the zoom change).
func (r *mapRenderer) place() {
	m := r.m
	m.mu.Lock()
	frame, at, v := m.frame, m.frameAt, m.view
	m.mu.Unlock()
	if frame == nil {
		r.img.Hide()
		return
	}
	r.img.Image = frame
	r.img.Show()
	s := v.DeviceScale()
	// Where the frame's top-left and bottom-right corners are now.
	w, h := at.DeviceSize()
	x0, y0 := v.WorldToScreen(at.ScreenToWorld(0, 0))
	x1, y1 := v.WorldToScreen(at.ScreenToWorld(float64(w), float64(h)))
	r.img.Move(fyne.NewPos(float32(x0/s), float32(y0/s)))
	r.img.Resize(fyne.NewSize(float32((x1-x0)/s), float32((y1-y0)/s)))
	for _, o := range m.overlays {
		o.Place(v)
	}
}

func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

func (r *mapRenderer) Refresh() {
	r.place()
	r.placeTip()
	r.img.Refresh()
	r.bg.Refresh()
}

func (r *mapRenderer) placeTip() {
	r.m.mu.Lock()
	text, at := r.m.tipText, r.m.tipAt
	r.m.mu.Unlock()
	if text == "" {
		r.tip.Hide()
		r.tipBg.Hide()
		return
	}
	shown, pos, box := placeTipBox(text, at, r.size, func(s string) fyne.Size {
		return fyne.MeasureText(s, r.tip.TextSize, r.tip.TextStyle)
	})
	r.tip.Text = shown
	r.tipBg.Move(pos)
	r.tipBg.Resize(box)
	r.tip.Move(pos.Add(fyne.NewPos(tipPadX, tipPadY)))
	r.tip.Show()
	r.tipBg.Show()
	r.tip.Refresh()
	r.tipBg.Refresh()
}

func (r *mapRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.img}
	for _, o := range r.m.overlays {
		objs = append(objs, o.Object())
	}
	return append(objs, r.tipBg, r.tip)
}

func (r *mapRenderer) Destroy() {}
