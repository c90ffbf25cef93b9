package app

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"maliatlas/assets"
	"maliatlas/gazetteer"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/render"
	"maliatlas/view"
)

// PrefLang is the preference key that remembers the interface language.
const PrefLang = "lang"

// Shell is the main window and the state behind it: what the map shows,
// what is selected, and the panels around the map.
type Shell struct {
	App    fyne.App
	Window fyne.Window
	Scene  *render.Scene
	Cat    *layers.Catalog
	Map    *MapView

	// AnimDuration is how long the map takes to fly to a feature (0: jump).
	AnimDuration time.Duration

	lang      string
	vs        *view.State // layers, filters, period, annotations shown (see state)
	selected  *layers.Feature
	hovered   *layers.Feature
	highlight []*layers.Feature // features of a chosen narrative

	measuring  bool
	measurePts []orb.Point
	measureOv  *measureOverlay // the measure line on the map (measure.go)
	measureRd  measureRoads    // following the roads (measure.go)
	markOv     *markOverlay    // the place found by a search (search.go)
	searcher   *gazetteer.Searcher
	searchHint *widget.Label // why a search found nothing

	periodSel  *widget.Select
	yearSlider *widget.Slider
	yearLabel  *widget.Label
	proj       *project.Project // annotations, imports and briefings: what the user made
	history    project.History
	selAnn     string // the selected annotation's id
	path       string // the project file, "" when never saved
	dirty      bool
	menuless   bool // tests: no main menu
	session         // autosave, recovery and the questions about unsaved work

	tool     string // annotation tool
	toolSel  *widget.Select
	pending  [][2]float64 // points of a shape being drawn
	moving   *project.Annotation
	annSeq   int
	annColor string

	labelScale float64     // labels enlarged while presenting
	briefUI    *briefingUI // the briefing panel and the presenter
	exUI       *exerciseUI // a training exercise (exercise.go)

	layerPanel *LayerPanel
	narrative  *NarrativePanel
	profile    *routeProfilePanel // the route profile under the map
	search     *widget.Entry
	results    *widget.List
	resultData []gazetteer.Result
	right      *fyne.Container
	status     *widget.Label
	scaleLbl   *widget.Label
	periodLbl  *widget.Label
	measureLbl *widget.Label
	toolbar    *widget.Toolbar
	tools      []*toolButton
	chooser    *fyne.Menu
	anim       *fyne.Animation

	ev    eventsUI  // imported event layers (app/events.go)
	notes *mapNotes // messages over the map (periodnote.go)
}

// SystemLang is the interface language the system asks for: fr or en.
func SystemLang() string {
	if strings.HasPrefix(strings.ToLower(string(lang.SystemLocale())), "fr") {
		return "fr"
	}
	return "en"
}

// NewShell builds the main window of a on scene, showing home first. The
// language is the one remembered in the preferences, else the system's.
func NewShell(a fyne.App, scene *render.Scene, home orb.Bound) *Shell {
	_ = lang.AddTranslationsFS(assets.Translations, "translations")
	s := &Shell{
		App: a, Scene: scene, Cat: scene.Catalog,
		AnimDuration: 450 * time.Millisecond,
		lang:         a.Preferences().StringWithFallback(PrefLang, SystemLang()),
		proj:         project.New(),
		annColor:     "#c0392b",
	}
	s.autosaveEvery = AutosaveEvery
	installPathRepository()
	if s.lang != "fr" {
		s.lang = "en"
	}
	s.vs = view.Default(s.Cat, s.lang)
	s.Window = a.NewWindow(assets.T(s.lang, "app.title"))
	s.Map = NewMapView(scene, home, s.lang)
	s.addOverlays()
	s.Map.OnCursor = func(p orb.Point) { s.status.SetText(FormatLonLat(p)); s.measureCursor(p) }
	s.Map.OnViewChanged = func(geo.Viewport) { s.showScale() }
	s.Map.OnTap = s.tapped
	s.Map.OnHover = s.hover
	s.Map.OnDrag = s.annotationDrag
	s.Map.OnDragEnd = s.annotationDragEnd
	s.Map.OnDoubleTap = func(x, y float64, at fyne.Position) bool {
		if s.scenarioTap(s.Map.GeoAt(at)) { // quick clicks placing a line's points
			return true
		}
		if s.tool == ToolNone {
			return false
		}
		// Quick clicks arrive as a double tap: the click still counts.
		s.annotationTap(s.Map.GeoAt(at), x, y)
		if s.tool == ToolArea {
			s.FinishShape()
		}
		return true
	}

	s.status = widget.NewLabel("")
	s.scaleLbl = widget.NewLabel("")
	s.periodLbl = widget.NewLabel("")
	s.measureLbl = widget.NewLabel("")
	s.measureRd.check = s.newMeasureRoadsCheck() // measure.go
	s.layerPanel = NewLayerPanel(s)
	s.narrative = NewNarrativePanel(s)
	s.search = widget.NewEntry()
	s.search.OnChanged = s.searchChanged
	s.search.OnSubmitted = func(string) {
		if len(s.resultData) > 0 {
			s.chooseResult(0)
		}
	}
	s.results = s.newResultsList() // search.go
	s.right = container.NewBorder(s.search, nil, nil, nil, s.narrative)

	s.toolbar = s.makeToolbar()
	// The period control sits beside the period it sets, in the status bar;
	// the annotation tools beside the toolbar.
	status := container.NewBorder(nil, nil,
		container.NewHBox(s.status, widget.NewSeparator(), s.scaleLbl, widget.NewSeparator(), s.periodLbl, widget.NewSeparator(), s.measureLbl, s.measureRd.check),
		s.newPeriodControl())
	top := container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(150, 36), s.newToolSelect()), s.toolbar)
	split := container.NewHSplit(s.layerPanel, container.NewHSplit(s.mapWithNotes(), rightColumn(s.right)))
	split.Offset = 0.22
	split.Trailing.(*container.Split).Offset = 0.7
	s.Window.SetContent(container.NewBorder(top, status, nil, nil, split))
	s.addShortcuts()
	s.Window.SetOnDropped(s.dropped) // files dropped on the window: app/exchange.go
	s.Window.Canvas().SetOnTypedKey(s.typedKey)
	s.Window.Canvas().SetOnTypedRune(s.typedRune)
	s.Window.Resize(fyne.NewSize(1200, 760)) // fits a 1280×800 projector or laptop
	s.applyLanguage()
	s.apply()
	s.cleanMap = s.mapState()
	return s
}

// Lang is the interface language.
func (s *Shell) Lang() string { return s.lang }

func (s *Shell) t(key string) string { return assets.T(s.lang, key) }

// colon is ": " in English and " : " in French typography.
func (s *Shell) colon() string {
	if s.lang == "fr" {
		return "\u00a0: "
	}
	return ": "
}

// toolButton is a toolbar item with an icon and a text, which the language
// switch relabels.
type toolButton struct {
	*widget.Button
	key string
}

func (b *toolButton) ToolbarObject() fyne.CanvasObject { return b.Button }

func (s *Shell) toolBtn(key string, icon fyne.Resource, fn func()) *toolButton {
	b := &toolButton{Button: widget.NewButtonWithIcon("", icon, fn), key: key}
	b.Importance = widget.LowImportance
	s.tools = append(s.tools, b)
	return b
}

func (s *Shell) makeToolbar() *widget.Toolbar {
	return widget.NewToolbar(
		s.toolBtn("ui.fit", theme.HomeIcon(), s.Map.FitHome),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { s.Map.ZoomBy(2) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { s.Map.ZoomBy(0.5) }),
		widget.NewToolbarSeparator(),
		s.toolBtn("ui.searchbtn", theme.SearchIcon(), func() { s.Window.Canvas().Focus(s.search) }),
		s.toolBtn("ui.measure", theme.ContentAddIcon(), s.ToggleMeasure),
		widget.NewToolbarSeparator(),
		s.toolBtn("ui.export", theme.DocumentSaveIcon(), s.showExport),
		s.toolBtn("ui.briefing", theme.MediaPlayIcon(), s.showBriefings),
		widget.NewToolbarSpacer(),
		s.toolBtn("ui.lang", theme.ComputerIcon(), func() {
			if s.lang == "fr" {
				s.SetLang("en")
			} else {
				s.SetLang("fr")
			}
		}),
		s.toolBtn("ui.aboutbtn", theme.InfoIcon(), s.showAbout),
	)
}

// SetLang switches the interface, layer titles, legend, labels and narratives
// to lang at once, and remembers it.
func (s *Shell) SetLang(l string) {
	if l != "fr" {
		l = "en"
	}
	s.lang = l
	s.App.Preferences().SetString(PrefLang, l)
	s.applyLanguage()
	s.apply()
}

func (s *Shell) applyLanguage() {
	s.updateTitle()
	for _, b := range s.tools {
		b.SetText(s.t(b.key))
	}
	s.search.SetPlaceHolder(s.t("ui.search"))
	s.showPeriod()
	s.layerPanel.Rebuild()
	s.narrative.Refresh()
	s.showScale()
	s.showMeasure()
	if s.toolSel != nil {
		s.syncToolSelect()
	}
	s.rebuildMenu()
	s.menuShortcuts()
	s.refreshBriefingPanel()
	s.relabelScenarioEditor() // exercise_editor.go
}

func (s *Shell) addShortcuts() {
	c := s.Window.Canvas()
	s.addEditShortcuts() // Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z (shortcuts.go)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { s.save() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { s.showOpen() })
	s.addExerciseShortcuts() // exercise.go
}

// Options is what the map shows now.
func (s *Shell) Options() render.Options {
	o := s.state().Options(s.Cat)
	o.LabelScale = s.labelScale
	s.presenterOptions(&o) // presenter.go: projector labels
	for _, f := range s.highlight {
		o.Highlight[f.ID] = true
	}
	if s.hovered != nil {
		o.Highlight[s.hovered.ID] = true
	}
	o.Events = s.eventSnapshots()
	return o
}

// apply sends the current state to the map.
func (s *Shell) apply() {
	o := s.Options()
	o.Background = s.Map.Options().Background
	s.Map.SetAnnotations(s.visibleAnnotations(), s.selAnn)
	s.Map.SetOptions(o)
	s.updateNotes()
	s.refreshRouteProfile() // eventprofilepanel.go
}

// visibleAnnotations are the annotations shown: all, or those a briefing
// step names.
func (s *Shell) visibleAnnotations() []project.Annotation {
	if s.vs.Shown == nil {
		return s.proj.Annotations
	}
	var out []project.Annotation
	for _, a := range s.proj.Annotations {
		if s.vs.Shown[a.ID] {
			out = append(out, a)
		}
	}
	return out
}

// SetLayerVisible shows or hides a layer.
func (s *Shell) SetLayerVisible(id string, on bool) {
	s.vs.Visible[id] = on
	s.apply()
	s.mapChanged()
}

// LayerVisible reports whether a layer is shown.
func (s *Shell) LayerVisible(id string) bool { return s.vs.Visible[id] }

// SetLayerOpacity sets a layer's opacity (0..1).
func (s *Shell) SetLayerOpacity(id string, a float64) {
	s.vs.Opacity[id] = a
	s.apply()
	s.mapChanged()
}

// SetCategoryVisible shows or hides one legend category of a layer.
func (s *Shell) SetCategoryVisible(layerID, value string, on bool) {
	s.vs.SetCategory(layerID, value, on)
	s.apply()
	s.mapChanged()
}

// SetConfidenceVisible shows or hides the features of one confidence
// ("confirmed", "reported", "suspected") in a layer: e.g. only suspected routes.
func (s *Shell) SetConfidenceVisible(layerID, conf string, on bool) {
	s.vs.SetConfidence(layerID, conf, on)
	s.apply()
	s.mapChanged()
}

// ConfidenceVisible reports whether a confidence of a layer is shown.
func (s *Shell) ConfidenceVisible(layerID, conf string) bool { return !s.vs.HiddenConf[layerID][conf] }

// CategoryVisible reports whether a category of a layer is shown.
func (s *Shell) CategoryVisible(layerID, value string) bool { return !s.vs.HiddenCats[layerID][value] }

// Selected is the selected feature, or nil.
func (s *Shell) Selected() *layers.Feature { return s.selected }

// Select selects f (nil clears), highlights it and shows its narrative.
func (s *Shell) Select(f *layers.Feature) {
	s.selected = f
	s.highlight = nil
	s.narrative.ShowFeature(f)
	s.apply()
}

// hits returns what lies under device pixel (x, y), topmost first.
func (s *Shell) hits(x, y float64) []render.Hit {
	o := s.Options()
	o.View = s.Map.View()
	return s.Scene.HitTest(&o, x, y, 3*o.View.DeviceScale())
}

func (s *Shell) tapped(x, y float64, at fyne.Position) {
	if s.scenarioTap(s.Map.GeoAt(at)) { // exercise_editor.go: placing a feature
		return
	}
	if s.annotationTap(s.Map.GeoAt(at), x, y) {
		return
	}
	if s.measuring {
		s.measurePts = append(s.measurePts, s.Map.GeoAt(at))
		s.showMeasure()
		return
	}
	if s.pickEvent(x, y) { // an event table is open: its row
		return
	}
	hs := view.Pickable(s.hits(x, y))
	switch len(hs) {
	case 0:
		s.Select(nil)
	case 1:
		s.Select(hs[0].Feature)
	default:
		// Several features: a small chooser lists them, topmost first.
		var items []*fyne.MenuItem
		for _, h := range hs {
			f := h.Feature
			items = append(items, fyne.NewMenuItem(fmt.Sprintf("%s — %s", f.Name(s.lang), h.Layer.Title(s.lang)), func() { s.Select(f) }))
		}
		menu := fyne.NewMenu("", items...)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.Map).Add(at)
		widget.ShowPopUpMenuAtPosition(menu, s.Window.Canvas(), pos)
		s.chooser = menu
	}
}

func (s *Shell) hover(x, y float64) {
	if x < 0 {
		s.setHover(nil, "", fyne.Position{})
		return
	}
	hs := view.Pickable(s.hits(x, y))
	if len(hs) == 0 || hs[0].Layer.Spec.Kind == "polygon" && hs[0].Layer.Spec.Group == "base" {
		if tip := s.eventTip(x, y); tip != "" { // app/eventtip.go
			sc := float32(s.Map.View().DeviceScale())
			s.setHover(nil, tip, fyne.NewPos(float32(x)/sc, float32(y)/sc))
			return
		}
		s.setHover(nil, "", fyne.Position{})
		return
	}
	f := hs[0].Feature
	sc := float32(s.Map.View().DeviceScale())
	s.setHover(f, fmt.Sprintf("%s · %s", f.Name(s.lang), hs[0].Layer.Title(s.lang)), fyne.NewPos(float32(x)/sc, float32(y)/sc))
}

func (s *Shell) setHover(f *layers.Feature, tip string, at fyne.Position) {
	changed := f != s.hovered
	s.hovered = f
	s.Map.ShowTip(tip, at)
	if changed {
		s.apply()
	}
}

// FlyTo moves the map to show b, with a short animation.
func (s *Shell) FlyTo(b orb.Bound) {
	v0 := s.Map.View()
	w, h := v0.Width, v0.Height
	if w == 0 || h == 0 {
		return
	}
	target := geo.FitBound(b, w, h, v0.Scale, 40)
	target.Zoom = math.Min(target.Zoom, 9) // a town is not a street
	s.flyToView(target)
}

// flyToView animates the map to the view target.
func (s *Shell) flyToView(target geo.Viewport) {
	v0 := s.Map.View()
	if s.anim != nil {
		s.anim.Stop()
	}
	if s.AnimDuration <= 0 {
		s.Map.SetView(target)
		return
	}
	x0, y0 := geo.Project(v0.Center)
	x1, y1 := geo.Project(target.Center)
	z0, z1 := v0.Zoom, target.Zoom
	s.anim = fyne.NewAnimation(s.AnimDuration, func(t float32) {
		k := float64(t)
		v := target
		v.Center = geo.Unproject(x0+(x1-x0)*k, y0+(y1-y0)*k)
		v.Zoom = z0 + (z1-z0)*k
		s.Map.SetView(v)
	})
	s.anim.Curve = fyne.AnimationEaseInOut
	s.anim.Start()
}

// Show selects f and moves the map to it.
func (s *Shell) Show(f *layers.Feature) {
	s.Select(f)
	s.FlyTo(f.Bound)
}

// ShowNarrative shows a narrative and, when it describes features, moves the
// map to them and highlights them.
func (s *Shell) ShowNarrative(id string) {
	n := s.Cat.Narratives.Get(s.lang, id)
	if n == nil {
		return
	}
	s.selected = nil
	s.highlight = nil
	var b orb.Bound
	for i, fid := range n.Features {
		if f := s.Cat.Feature(fid); f != nil {
			s.highlight = append(s.highlight, f)
			if i == 0 || b.IsZero() {
				b = f.Bound
			} else {
				b = b.Union(f.Bound)
			}
			s.vs.Visible[f.Layer.Spec.ID] = true
		}
	}
	if n.Layer != "" && s.Cat.Layer(n.Layer) != nil {
		s.vs.Visible[n.Layer] = true
	}
	s.layerPanel.Rebuild()
	s.narrative.ShowNarrative(n)
	s.apply()
	s.mapChanged() // it may have shown its layers
	if len(s.highlight) > 0 {
		s.FlyTo(b)
	}
}

// ToggleMeasure starts or ends measuring: taps add points, the status bar
// shows the geodesic length.
func (s *Shell) ToggleMeasure() {
	s.measuring = !s.measuring
	s.measurePts = nil
	s.showMeasure()
}

// MeasureKm is the geodesic length of the measured line in km.
func (s *Shell) MeasureKm() float64 {
	return geo.LineLength(orb.LineString(s.measurePts)) / 1000
}

func (s *Shell) showMeasure() {
	s.updateMeasureOverlay()
	s.showMeasureRoadsCheck() // measure.go
	if !s.measuring {
		s.measureLbl.SetText("")
		return
	}
	if s.measureRd.on {
		s.measureLbl.SetText(fmt.Sprintf("%s%s%s (%d)", s.t("ui.measure"), s.colon(), s.measureRoadTotal(), len(s.measurePts)))
		return
	}
	s.measureLbl.SetText(fmt.Sprintf("%s%s%s km (%d)", s.t("ui.measure"), s.colon(), formatKm(s.MeasureKm()), len(s.measurePts)))
}

func formatKm(km float64) string {
	if km < 10 {
		return fmt.Sprintf("%.2f", km)
	}
	return fmt.Sprintf("%.0f", km)
}

func (s *Shell) showScale() {
	s.scaleLbl.SetText(fmt.Sprintf("%s 1:%s", s.t("ui.scale"), view.GroupThousands(view.ScaleDenominator(s.Map.View()))))
}

// FormatLonLat shows a position in decimal degrees and degrees-minutes.
func FormatLonLat(p orb.Point) string {
	return fmt.Sprintf("%.5f, %.5f   %s %s", p[0], p[1], dm(p[1], "N", "S"), dm(p[0], "E", "W"))
}

func dm(v float64, pos, neg string) string {
	h := pos
	if v < 0 {
		h, v = neg, -v
	}
	d := math.Floor(v)
	m := (v - d) * 60
	return fmt.Sprintf("%.0f°%06.3f′%s", d, m, h)
}

func (s *Shell) typedKey(ev *fyne.KeyEvent) {
	const step = 80
	switch ev.Name {
	case fyne.KeyLeft:
		s.Map.PanBy(step, 0)
	case fyne.KeyRight:
		s.Map.PanBy(-step, 0)
	case fyne.KeyUp:
		s.Map.PanBy(0, step)
	case fyne.KeyDown:
		s.Map.PanBy(0, -step)
	case fyne.KeyPlus, fyne.KeyEqual:
		s.Map.ZoomBy(2)
	case fyne.KeyMinus:
		s.Map.ZoomBy(0.5)
	case fyne.Key0:
		s.Map.FitHome()
	case fyne.KeyReturn, fyne.KeyEnter:
		s.FinishShape()
	case fyne.KeyDelete, fyne.KeyBackspace:
		if !s.UndoMeasurePoint() { // measure.go
			s.DeleteSelectedAnnotation()
		}
	case fyne.KeyEscape:
		if s.tool != ToolNone {
			s.SetTool(ToolNone)
		} else if s.measuring {
			s.ToggleMeasure()
		} else {
			s.Select(nil)
			s.clearMark()
		}
	}
}

func (s *Shell) typedRune(r rune) {
	switch r {
	case '+', '=':
		s.Map.ZoomBy(2)
	case '-':
		s.Map.ZoomBy(0.5)
	case '0':
		s.Map.FitHome()
	}
}

// sortedLayers returns the catalogue's layers of a group, top of the map first.
func (s *Shell) sortedLayers(group string) []*layers.Layer {
	var out []*layers.Layer
	for _, l := range s.Cat.Layers {
		if l.Spec.Group == group && l.Spec.Parent == "" { // zoom bands go with their layer
			out = append(out, l)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Spec.Order > out[j].Spec.Order })
	return out
}
