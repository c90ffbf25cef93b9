package render_test

import (
	"image"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/render"
)

// placeSink records the texts drawn and the positions of the markers of
// the basemap's places (3 pixels wide; the towns' are 5).
type placeSink struct {
	texts   []string
	markers []render.Point
}

func (s *placeSink) Path(*render.Path, *render.Style) {}
func (s *placeSink) Markers(m *render.Marker, at []render.Point) {
	if m.Size == 3 {
		s.markers = append(s.markers, at...)
	}
}
func (s *placeSink) Text(t *render.Text)            { s.texts = append(s.texts, t.S) }
func (s *placeSink) Image(image.Image, render.Rect) {}

func (s *placeSink) has(text string) bool {
	for _, t := range s.texts {
		if t == text {
			return true
		}
	}
	return false
}

// osmPlace finds the OpenStreetMap place named name in the finest band.
func osmPlace(t *testing.T, s *render.Scene, name string) orb.Point {
	t.Helper()
	l := s.Catalog.Layer("places-osm@3")
	if err := l.Load(); err != nil {
		t.Fatal(err)
	}
	for _, f := range l.Features {
		if f.Name("fr") == name {
			return f.Geom.(orb.Point)
		}
	}
	t.Fatalf("no OpenStreetMap place %q", name)
	return orb.Point{}
}

// A place the towns layer names is not named again by the basemap's
// places in another spelling (OpenStreetMap's Aguelock beside Aguelhok,
// Taoudeni beside Taoudénit), nor marked again, at any zoom; with the towns
// hidden, the basemap's place is named.
func TestBasemapPlacesLeaveTheTownsTheirPlaces(t *testing.T) {
	s := embeddedScene(t)
	for _, c := range []struct{ town, osm string }{{"Aguelhok", "Aguelock"}, {"Taoudénit", "Taoudeni"}} {
		at := osmPlace(t, s, c.osm)
		seenOSM, seenMarker := false, false
		for _, half := range []float64{1.5, 0.4, 0.1, 0.03} {
			b := orb.Bound{Min: orb.Point{at[0] - half, at[1] - half}, Max: orb.Point{at[0] + half, at[1] + half}}
			v := geo.FitBound(b, 1000, 800, 1, 0)
			with := &placeSink{}
			s.Draw(with, &render.Options{View: v, Lang: "fr"})
			if !with.has(c.town) {
				t.Errorf("zoom %.1f: %s is not labelled", v.Zoom, c.town)
			}
			if with.has(c.osm) {
				t.Errorf("zoom %.1f: %s is labelled beside %s", v.Zoom, c.osm, c.town)
			}
			x, y := v.WorldToScreen(geo.Project(at))
			for _, m := range with.markers {
				if math.Hypot(m.X-x, m.Y-y) < 0.5 {
					t.Errorf("zoom %.1f: %s is marked beside %s", v.Zoom, c.osm, c.town)
				}
			}
			// The towns hidden, the basemap names the place.
			var visible []string
			for _, id := range s.Catalog.DefaultVisible() {
				if id != "towns" {
					visible = append(visible, id)
				}
			}
			without := &placeSink{}
			s.Draw(without, &render.Options{View: v, Lang: "fr", Visible: visible})
			if without.has(c.town) {
				t.Errorf("zoom %.1f: towns hidden, %s still labelled", v.Zoom, c.town)
			}
			seenOSM = seenOSM || without.has(c.osm)
			for _, m := range without.markers {
				seenMarker = seenMarker || math.Hypot(m.X-x, m.Y-y) < 0.5
			}
		}
		if !seenOSM || !seenMarker {
			t.Errorf("towns hidden, %s is never labelled (%v) or never marked (%v)", c.osm, seenOSM, seenMarker)
		}
	}
}
