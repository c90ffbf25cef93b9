package render_test

import (
	"image"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/cli"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/render"
	"maliatlas/render/export"
)

func embeddedScene(t testing.TB) *render.Scene {
	t.Helper()
	s, err := cli.LoadScene()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The relief shading is drawn: around the Bandiagara escarpment the pixels
// differ from the plain ground; on the flat floodplain west of it they do not.
func TestReliefShowsTheBandiagaraEscarpment(t *testing.T) {
	s := embeddedScene(t)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-5.5, 13.6}, Max: orb.Point{-2.5, 15.2}}, 900, 500, 1, 0)
	o := render.Options{View: v, Visible: []string{"hillshade"}}
	var rec render.Recording
	s.Draw(&rec, &o)
	img := image.NewRGBA(image.Rect(0, 0, 900, 500))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	export.ReplayParallel(&rec, img)
	// The largest difference from white within 0.06° of a place.
	dev := func(lon, lat float64) float64 {
		x0, y0 := v.ToScreen(orb.Point{lon - 0.06, lat + 0.06})
		x1, y1 := v.ToScreen(orb.Point{lon + 0.06, lat - 0.06})
		m := 0.0
		for y := int(y0); y <= int(y1); y++ {
			for x := int(x0); x <= int(x1); x++ {
				c := img.RGBAAt(x, y)
				m = math.Max(m, math.Abs(255-float64(c.G)))
			}
		}
		return m
	}
	esc := math.Max(dev(-3.6, 14.3), dev(-3.32, 14.42)) // the cliff south of Bandiagara; GeoNames' "Falaise de Bandiagara"
	flat := dev(-5.0, 14.0)                             // the Inner Niger Delta
	t.Logf("escarpment: %v, flat: %v", esc, flat)
	if esc < 15 {
		t.Errorf("the escarpment differs from white by at most %v: no relief drawn", esc)
	}
	if flat > 5 {
		t.Errorf("the flat delta differs from white by %v: flat ground should stay plain", flat)
	}
}

// labelBoxSink keeps the boxes of the labels drawn.
type labelBoxSink struct {
	nopSink
	boxes []render.Rect
	texts []string
}

func (s *labelBoxSink) Text(t *render.Text) {
	w := t.Font.Measure(t.S, t.Size)
	asc, desc := t.Font.Metrics()
	asc, desc = asc*t.Size*0.8, desc*t.Size*0.8
	s.boxes = append(s.boxes, render.Rect{Min: render.Point{X: t.X, Y: t.Y - asc}, Max: render.Point{X: t.X + w, Y: t.Y + desc}})
	s.texts = append(s.texts, t.S)
}

// Labels never collide: at every zoom band, with every basemap layer and
// the overlays on, no two labels' boxes overlap.
func TestLabelsNeverCollide(t *testing.T) {
	s := embeddedScene(t)
	var visible []string
	for _, l := range s.Catalog.Layers {
		if l.Spec.Parent == "" {
			visible = append(visible, l.Spec.ID)
		}
	}
	views := []orb.Bound{
		{Min: orb.Point{-18, 4}, Max: orb.Point{10, 27}},          // the whole extent
		{Min: orb.Point{-1.5, 15.5}, Max: orb.Point{2.5, 19}},     // Gao–Kidal
		{Min: orb.Point{-4.5, 13.9}, Max: orb.Point{-3, 14.9}},    // Mopti, Bandiagara
		{Min: orb.Point{-8.1, 12.55}, Max: orb.Point{-7.9, 12.7}}, // Bamako, close
	}
	for _, b := range views {
		for _, lang := range []string{"en", "fr"} {
			v := geo.FitBound(b, 1280, 800, 1, 0)
			sink := &labelBoxSink{}
			s.Draw(sink, &render.Options{View: v, Lang: lang, Visible: visible})
			if len(sink.boxes) < 10 {
				t.Errorf("zoom %.1f: only %d labels", v.Zoom, len(sink.boxes))
			}
			for i := range sink.boxes {
				for j := i + 1; j < len(sink.boxes); j++ {
					if sink.boxes[i].Overlaps(sink.boxes[j]) {
						t.Errorf("zoom %.1f %s: %q and %q collide", v.Zoom, lang, sink.texts[i], sink.texts[j])
					}
				}
			}
		}
	}
}

// Road references are labelled along their roads, in shields, repeatedly:
// the RN16 from Sévaré to Gao shows its number more than once, each label
// on the road.
func TestRoadRefsAlongTheRoad(t *testing.T) {
	s := embeddedScene(t)
	v := geo.FitBound(orb.Bound{Min: orb.Point{-4.2, 14.4}, Max: orb.Point{0.1, 16.4}}, 1600, 900, 1, 0)
	if v.Zoom < 7 {
		t.Fatalf("zoom %.1f: shields start at 7", v.Zoom)
	}
	sink := &labelBoxSink{}
	s.Draw(sink, &render.Options{View: v, Lang: "fr", Visible: []string{"roads"}})
	// The RN16's segments on the screen.
	var segs [][2]render.Point
	var band *layers.Layer
	for _, id := range []string{"roads", "roads@1", "roads@2"} {
		if l := s.Catalog.Layer(id); l.Spec.InZoom(v.Zoom) {
			band = l
		}
	}
	if err := band.Load(); err != nil {
		t.Fatal(err)
	}
	for _, f := range band.Features {
		if f.String("ref") != "RN16" {
			continue
		}
		var lines orb.MultiLineString
		switch g := f.Geom.(type) {
		case orb.LineString:
			lines = orb.MultiLineString{g}
		case orb.MultiLineString:
			lines = g
		}
		for _, ls := range lines {
			for i := 1; i < len(ls); i++ {
				x0, y0 := v.ToScreen(ls[i-1])
				x1, y1 := v.ToScreen(ls[i])
				segs = append(segs, [2]render.Point{{X: x0, Y: y0}, {X: x1, Y: y1}})
			}
		}
	}
	n := 0
	for i, txt := range sink.texts {
		if txt != "RN16" {
			continue
		}
		n++
		b := sink.boxes[i]
		cx, cy := (b.Min.X+b.Max.X)/2, (b.Min.Y+b.Max.Y)/2
		best := math.Inf(1)
		for _, sg := range segs {
			best = math.Min(best, segDist(sg[0], sg[1], cx, cy))
		}
		// Centred on the road, or moved one line up or down to make room.
		if best > 1.5*b.Dy() {
			t.Errorf("an RN16 label %.0f px from the road", best)
		}
	}
	if n < 2 {
		t.Errorf("%d RN16 labels along 400 km of road", n)
	}
}

func segDist(a, b render.Point, x, y float64) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := 0.0
	if d := dx*dx + dy*dy; d > 0 {
		t = math.Max(0, math.Min(1, ((x-a.X)*dx+(y-a.Y)*dy)/d))
	}
	return math.Hypot(a.X+t*dx-x, a.Y+t*dy-y)
}
