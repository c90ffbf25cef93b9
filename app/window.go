package app

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"maliatlas/assets"
	"maliatlas/geo"
	"maliatlas/render"
)

// Shell is the main window's content and the state behind it.
type Shell struct {
	Window fyne.Window
	Map    *MapView
	Status *widget.Label
	Scale  *widget.Label
	lang   string
}

// NewShell builds the main window of a on scene, showing home first.
func NewShell(a fyne.App, scene *render.Scene, home orb.Bound, lang string) *Shell {
	w := a.NewWindow(assets.T("en", "app.title"))
	s := &Shell{Window: w, lang: lang}
	s.Map = NewMapView(scene, home, lang)
	s.Status = widget.NewLabel("")
	s.Scale = widget.NewLabel("")
	s.Map.OnCursor = func(p orb.Point) {
		s.Status.SetText(FormatLonLat(p))
	}
	s.Map.OnViewChanged = func(geo.Viewport) { s.showScale() }

	toolbar := widget.NewToolbar(
		widget.NewToolbarAction(theme.HomeIcon(), s.Map.FitHome),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { s.Map.ZoomBy(2) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { s.Map.ZoomBy(0.5) }),
	)
	status := container.NewBorder(nil, nil, nil, s.Scale, s.Status)
	w.SetContent(container.NewBorder(toolbar, status, nil, nil, s.Map))
	s.showScale()
	w.Canvas().SetOnTypedKey(s.typedKey)
	w.Canvas().SetOnTypedRune(s.typedRune)
	w.Resize(fyne.NewSize(1200, 800))
	return s
}

func (s *Shell) showScale() {
	v := s.Map.View()
	mpp := v.MetersPerPixel() * v.Scale // metres per logical pixel
	if v.Scale == 0 {
		mpp = v.MetersPerPixel()
	}
	// A logical pixel is about 0.26 mm on a 96 dpi screen.
	denom := mpp / 0.000264583
	s.Scale.SetText(fmt.Sprintf("1:%s", groupThousands(roundScale(denom))))
}

func roundScale(d float64) int64 {
	if d <= 0 || math.IsNaN(d) || math.IsInf(d, 0) {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(d))-1)
	return int64(math.Round(d/p) * p)
}

func groupThousands(n int64) string {
	s := fmt.Sprintf("%d", n)
	out := ""
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out += "\u202f"
		}
		out += string(c)
	}
	return out
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
