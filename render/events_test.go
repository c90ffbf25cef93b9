package render

import (
	"bytes"
	"context"
	"image"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/events"
	"maliatlas/events/synth"
	"maliatlas/geo"
)

// spy records what an event layer draws.
type spy struct {
	filled, hollow int // points in filled / hollow markers
	paths          []Path
	styles         []Style
	images         int
	texts          []string
}

func (s *spy) Path(p *Path, st *Style) {
	s.paths = append(s.paths, Path{Sub: append([][]Point(nil), p.Sub...), Closed: p.Closed})
	s.styles = append(s.styles, *st)
}
func (s *spy) Markers(m *Marker, at []Point) {
	if m.Fill.A == 0 {
		s.hollow += len(at)
	} else {
		s.filled += len(at)
	}
}
func (s *spy) Text(t *Text)                  { s.texts = append(s.texts, t.S) }
func (s *spy) Image(img image.Image, r Rect) { s.images++ }

func synthLayer(t *testing.T, f synth.Format, n int) *EventLayer {
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.Options{Format: f, N: n, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	tab, _, err := events.Read(context.Background(), "synthetic-test.csv", buf.Bytes(), events.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return NewEventLayer("ev", "", tab)
}

var maliView = geo.FitBound(orb.Bound{Min: orb.Point{-13, 9}, Max: orb.Point{5, 26}}, 1000, 900, 1, 0)

func TestEventPointsImpreciseHollow(t *testing.T) {
	l := synthLayer(t, synth.UCDP, 2000)
	precise := 0
	for i := range l.Table.Len() {
		if l.Table.Precise(i) {
			precise++
		}
	}
	var s spy
	l.Draw(&s, maliView, FontSet{})
	if s.filled != precise || s.hollow != l.Table.Len()-precise || s.hollow == 0 {
		t.Fatalf("filled %d hollow %d; want %d precise of %d", s.filled, s.hollow, precise, l.Table.Len())
	}
	// Precise only: no hollow markers, and the legend says so.
	l.Filter.PreciseOnly = true
	s = spy{}
	l.Draw(&s, maliView, FontSet{})
	if s.hollow != 0 || s.filled != precise {
		t.Fatalf("precise only: filled %d hollow %d", s.filled, s.hollow)
	}
	lg := l.Legend("en")
	if !strings.Contains(lg.Title, "SYNTHETIC") || !strings.Contains(strings.Join(lg.Notes, "\n"), "Precise locations only") {
		t.Fatalf("legend %+v", lg)
	}
}

func TestEventHexOnePathPerClass(t *testing.T) {
	l := synthLayer(t, synth.ACLED, 3000)
	l.Style, l.CellKm, l.ByCount = EventHex, 40, true
	// The cells themselves, not the cached picture of them.
	saved := NewImageSink
	NewImageSink = nil
	defer func() { NewImageSink = saved }()
	var s spy
	l.Draw(&s, maliView, FontSet{})
	h, cl, err := l.Hex()
	if err != nil {
		t.Fatal(err)
	}
	cells := 0
	for _, p := range s.paths {
		cells += len(p.Sub)
	}
	if len(s.paths) != cl.Len() || cells != h.Len() {
		t.Fatalf("%d paths for %d classes, %d rings for %d cells", len(s.paths), cl.Len(), cells, h.Len())
	}
	// Classes go from dark to light along the ramp: the first path's
	// colour is darker than the last's.
	lum := func(st Style) int { return int(st.Fill.R) + int(st.Fill.G) + int(st.Fill.B) }
	if lum(s.styles[0]) >= lum(s.styles[len(s.styles)-1]) {
		t.Error("classes do not follow the ramp")
	}
	lg := l.Legend("en")
	if len(lg.Items) != cl.Len() || !strings.Contains(lg.Meaning, "hexagon of 40 km") {
		t.Fatalf("legend %+v", lg)
	}
}

func TestEventDensityCachedOnPan(t *testing.T) {
	l := synthLayer(t, synth.ACLED, 3000)
	l.Style = EventDensity
	var s spy
	l.Draw(&s, maliView, FontSet{})
	d := l.shared.cache.dens
	l.Draw(&s, maliView.Pan(120, -80), FontSet{})
	if l.shared.cache.dens != d || s.images != 2 {
		t.Fatal("a pan recomputed the density")
	}
	l.Draw(&s, maliView.ZoomAround(500, 450, 2), FontSet{})
	if l.shared.cache.dens == d {
		t.Fatal("a zoom kept the old density")
	}
	l.Filter.PreciseOnly = true
	l.Draw(&s, maliView, FontSet{})
	if len(l.shared.cache.sel) >= l.Table.Len() {
		t.Fatal("the filter was not applied")
	}
}

// TestEventHexPictureCachedOnPan: with an image sink, the cells are drawn
// once into a picture that pans reuse and a zoom replaces.
func TestEventHexPictureCachedOnPan(t *testing.T) {
	saved := NewImageSink
	defer func() { NewImageSink = saved }()
	made := 0
	NewImageSink = func(w, h int) (Sink, *image.RGBA) {
		made++
		return &spy{}, image.NewRGBA(image.Rect(0, 0, w, h))
	}
	l := synthLayer(t, synth.ACLED, 2000)
	l.Style = EventHex
	var s spy
	l.Draw(&s, maliView, FontSet{})
	l.Draw(&s, maliView.Pan(100, 60), FontSet{})
	if made != 1 || s.images != 2 || len(s.paths) != 0 {
		t.Fatalf("%d pictures made, %d images drawn, %d paths", made, s.images, len(s.paths))
	}
	l.Draw(&s, maliView.ZoomAround(500, 450, 2), FontSet{})
	l.Ramp = "magma"
	l.Draw(&s, maliView.ZoomAround(500, 450, 2), FontSet{})
	if made != 3 {
		t.Fatalf("a zoom and a new ramp made %d pictures in all, want 3", made)
	}
}

// TestEventHexVector: a layer drawn for SVG or PDF gives paths, not a picture.
func TestEventHexVector(t *testing.T) {
	saved := NewImageSink
	defer func() { NewImageSink = saved }()
	NewImageSink = func(w, h int) (Sink, *image.RGBA) { return &spy{}, image.NewRGBA(image.Rect(0, 0, w, h)) }
	l := synthLayer(t, synth.ACLED, 1000)
	l.Style, l.Vector = EventHex, true
	var s spy
	l.Draw(&s, maliView, FontSet{})
	if s.images != 0 || len(s.paths) == 0 {
		t.Fatalf("%d images, %d paths", s.images, len(s.paths))
	}
}
