package app

import (
	"image/color"
	"math"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"maliatlas/gazetteer"
	"maliatlas/geo"
)

// addOverlays puts the measure line and the search mark above the map, and
// starts reading the gazetteer in the background.
func (s *Shell) addOverlays() {
	s.measureOv = newMeasureOverlay()
	s.markOv = newMarkOverlay()
	s.searchHint = widget.NewLabel("")
	s.searchHint.Wrapping = fyne.TextWrapWord
	s.Map.AddOverlay(s.measureOv)
	s.Map.AddOverlay(s.markOv)
	go gazetteer.Default() // read once; the first search waits for it if it is not done
}

// Searcher is the search over the gazetteer and the catalogue's features.
func (s *Shell) Searcher() *gazetteer.Searcher {
	if s.searcher == nil {
		ix, err := gazetteer.Default()
		if err != nil && ix == nil {
			ix = gazetteer.NewIndex(nil) // the features are still searched
		}
		s.searcher = gazetteer.NewSearcher(ix, s.Cat)
	}
	return s.searcher
}

// newResultsList is the list of search results: name, then kind and region.
func (s *Shell) newResultsList() *widget.List {
	l := widget.NewList(
		func() int { return len(s.resultData) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle.Bold = true
			name.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("")
			detail.SizeName = theme.SizeNameCaptionText
			detail.Truncation = fyne.TextTruncateEllipsis
			// The two lines close together: a label's own padding is enough.
			return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), name, detail)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(s.resultData) {
				return
			}
			r := &s.resultData[i]
			box := o.(*fyne.Container)
			name := r.Name
			if r.Matched != "" {
				name += " (" + r.Matched + ")"
			}
			box.Objects[0].(*widget.Label).SetText(name)
			box.Objects[1].(*widget.Label).SetText(s.resultDetail(r))
		})
	l.OnSelected = func(i widget.ListItemID) { s.chooseResult(i); l.UnselectAll() }
	return l
}

// resultDetail is the second line of a result: kind · region.
func (s *Shell) resultDetail(r *gazetteer.Result) string {
	d := r.KindLabel(s.lang)
	if reg := s.Searcher().Regions.Name(r.Region, s.lang); reg != "" && (r.Feature == nil || r.Feature.ID != r.Region) {
		d += " · " + reg
	}
	return d
}

func (s *Shell) searchChanged(q string) {
	if strings.TrimSpace(q) == "" {
		s.resultData = nil
		s.right.Objects[0] = s.narrative
		s.right.Refresh()
		return
	}
	v := s.Map.View()
	b := v.Bound()
	s.resultData = s.Searcher().Search(gazetteer.Query{
		Text: q, Lang: s.lang, Limit: 30,
		Near: v.Center, NearKm: geo.Distance(b.Min, b.Max) / 2000,
	})
	if len(s.resultData) == 0 {
		s.searchHint.SetText(s.noResultText(q))
		s.right.Objects[0] = container.NewPadded(s.searchHint)
		s.right.Refresh()
		return
	}
	s.right.Objects[0] = s.results
	s.results.Refresh()
	s.results.ScrollToTop()
	s.right.Refresh()
}

// noResultText says why nothing was found: text with digits is read as
// coordinates, and the parser says what is wrong with them.
func (s *Shell) noResultText(q string) string {
	fr := s.lang == "fr"
	if strings.ContainsAny(q, "0123456789") {
		_, err := geo.ParseCoordinates(q)
		if fr {
			return "Coordonnées non comprises (" + err.Error() + "). Exemples : 16.27, -0.04 · 16.27N 0.04W · 16°16'N 0°02'W"
		}
		return "Coordinates not understood (" + err.Error() + "). Examples: 16.27, -0.04 · 16.27N 0.04W · 16°16'N 0°02'W"
	}
	if fr {
		return "Aucun lieu ni élément ne porte ce nom."
	}
	return "No place or feature has this name."
}

// SearchResults returns the current search results.
func (s *Shell) SearchResults() []gazetteer.Result { return s.resultData }

// chooseResult goes to a result: a feature of the map is selected (its
// layer turned on) as when clicked; a place or coordinates are marked.
func (s *Shell) chooseResult(i int) {
	if i < 0 || i >= len(s.resultData) {
		return
	}
	r := s.resultData[i]
	s.search.SetText("")
	label := r.Name
	if r.Kind == "coordinates" {
		label = geo.FormatDMS(r.Point)
	}
	s.markOv.set(orb.Point{}, "")
	if r.Entry != nil || r.Feature == nil {
		s.markOv.set(r.Point, label)
		s.markOv.Place(s.Map.View())
	}
	if r.Feature != nil {
		s.vs.Visible[r.Feature.Layer.Spec.ID] = true
		s.layerPanel.Rebuild()
		s.Select(r.Feature)
		if r.Entry == nil {
			s.FlyTo(r.Feature.Bound)
			return
		}
	}
	v := s.Map.View()
	v.Center = r.Point
	if r.Kind == "coordinates" {
		v.Zoom = math.Max(v.Zoom, zoomFor(r.Kind))
	} else {
		v.Zoom = zoomFor(r.Kind)
	}
	s.flyToView(v)
}

// zoomFor is the zoom that shows a place of a kind with its surroundings.
func zoomFor(kind string) float64 {
	switch kind {
	case "region", "area", "desert":
		return 6.5
	case "massif", "erg", "river", "wadi", "valley", "escarpment", "plateau":
		return 8
	case "capital", "city", "lake", "reservoir":
		return 9.5
	case "town", "marsh", "wetland", "depression", "hills", "mesa", "ridge", "salt flat":
		return 10.5
	case "coordinates":
		return 9
	}
	return 11.5 // villages, hamlets, wells, waterholes
}

// MarkedPlace is the position of the place marked after a search and its
// label ("" when none).
func (s *Shell) MarkedPlace() (orb.Point, string) {
	m := s.markOv
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.label == nil {
		return orb.Point{}, ""
	}
	return m.at, m.label.text.Text
}

// clearMark removes the search mark.
func (s *Shell) clearMark() { s.markOv.set(orb.Point{}, "") }

// markOverlay is a pin on the place found, with its name.
type markOverlay struct {
	mu    sync.Mutex // the map's renderer places it while the shell changes it
	box   *fyne.Container
	at    orb.Point
	ring  *canvas.Circle
	dot   *canvas.Circle
	label *mapLabel
}

func newMarkOverlay() *markOverlay { return &markOverlay{box: container.NewWithoutLayout()} }

func (m *markOverlay) Object() fyne.CanvasObject { return m.box }

// set marks at with text ("": no mark).
func (m *markOverlay) set(at orb.Point, text string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.at = at
	m.ring, m.dot, m.label = nil, nil, nil
	m.box.Objects = nil
	if text != "" {
		m.ring = canvas.NewCircle(color.NRGBA{0x1f, 0x6f, 0xb4, 0x40})
		m.ring.StrokeColor = color.NRGBA{0x1f, 0x6f, 0xb4, 0xff}
		m.ring.StrokeWidth = 2
		m.dot = canvas.NewCircle(color.NRGBA{0x1f, 0x6f, 0xb4, 0xff})
		m.dot.StrokeColor = color.White
		m.dot.StrokeWidth = 1.5
		m.label = newMapLabel(text, at, -1, -36, true) // centred above the pin, clear of the map's own label
		m.label.bg.StrokeColor = color.NRGBA{0x1f, 0x6f, 0xb4, 0xff}
		m.box.Objects = append([]fyne.CanvasObject{m.ring, m.dot}, m.label.objects()...)
	}
	m.box.Refresh()
}

func (m *markOverlay) Place(v geo.Viewport) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.label == nil {
		return
	}
	p := logicalPos(v, m.at)
	const R, r = 11, 4.5
	m.ring.Move(p.Subtract(fyne.NewPos(R, R)))
	m.ring.Resize(fyne.NewSize(2*R, 2*R))
	m.dot.Move(p.Subtract(fyne.NewPos(r, r)))
	m.dot.Resize(fyne.NewSize(2*r, 2*r))
	m.ring.Refresh()
	m.dot.Refresh()
	m.label.place(v)
}
