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

// labelBoxSink keeps the boxes of the labels drawn: each text's visual box
// (the ascender and descender at 0.8 of the em, as the placer uses), turned
// with the text about its anchor.
type labelBoxSink struct {
	nopSink
	boxes   [][4]render.Point
	texts   []string
	angles  []float64
	heights []float64
}

func (s *labelBoxSink) Text(t *render.Text) {
	w := t.Font.Measure(t.S, t.Size)
	asc, desc := t.Font.Metrics()
	asc, desc = asc*t.Size*0.8, desc*t.Size*0.8
	s.boxes = append(s.boxes, [4]render.Point{t.Rotated(0, -asc), t.Rotated(w, -asc), t.Rotated(w, desc), t.Rotated(0, desc)})
	s.texts = append(s.texts, t.S)
	s.angles = append(s.angles, t.Angle)
	s.heights = append(s.heights, asc+desc)
}

// quadsOverlap reports whether two convex quadrilaterals share area (no
// separating axis among their edges' normals).
func quadsOverlap(p, q [4]render.Point) bool {
	for _, qs := range [][4]render.Point{p, q} {
		for i := range qs {
			j := (i + 1) % 4
			nx, ny := qs[j].Y-qs[i].Y, qs[i].X-qs[j].X
			lo1, hi1, lo2, hi2 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
			for k := range p {
				a, b := p[k].X*nx+p[k].Y*ny, q[k].X*nx+q[k].Y*ny
				lo1, hi1, lo2, hi2 = math.Min(lo1, a), math.Max(hi1, a), math.Min(lo2, b), math.Max(hi2, b)
			}
			if hi1 <= lo2+1e-9 || hi2 <= lo1+1e-9 {
				return false
			}
		}
	}
	return true
}

func TestQuadsOverlap(t *testing.T) {
	sq := func(x, y float64) [4]render.Point {
		return [4]render.Point{{X: x, Y: y}, {X: x + 10, Y: y}, {X: x + 10, Y: y + 10}, {X: x, Y: y + 10}}
	}
	diamond := func(cx, cy, r float64) [4]render.Point {
		return [4]render.Point{{X: cx, Y: cy - r}, {X: cx + r, Y: cy}, {X: cx, Y: cy + r}, {X: cx - r, Y: cy}}
	}
	if !quadsOverlap(sq(0, 0), sq(5, 5)) || quadsOverlap(sq(0, 0), sq(10, 0)) {
		t.Error("squares")
	}
	// The diamond's box overlaps the square's corner, the diamond does not.
	if quadsOverlap(sq(0, 0), diamond(16, 16, 8)) || !quadsOverlap(sq(0, 0), diamond(13, 13, 8)) {
		t.Error("diamond by the corner")
	}
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
			turned := 0
			for i := range sink.boxes {
				if sink.angles[i] != 0 {
					turned++
				}
				if math.Abs(sink.angles[i]) > math.Pi/2 {
					t.Errorf("zoom %.1f %s: %q upside down (%.0f°)", v.Zoom, lang, sink.texts[i], sink.angles[i]*180/math.Pi)
				}
				for j := i + 1; j < len(sink.boxes); j++ {
					if quadsOverlap(sink.boxes[i], sink.boxes[j]) {
						t.Errorf("zoom %.1f %s: %q and %q collide", v.Zoom, lang, sink.texts[i], sink.texts[j])
					}
				}
			}
			// From the corridors in, road refs and rivers are labelled
			// along their lines: turned boxes take part in the test.
			if v.Zoom >= 7 && turned < 3 {
				t.Errorf("zoom %.1f %s: %d labels along lines", v.Zoom, lang, turned)
			}
			t.Logf("zoom %.1f %s: %d labels, %d turned", v.Zoom, lang, len(sink.boxes), turned)
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
	n, turnedRefs := 0, 0
	for i, txt := range sink.texts {
		if txt != "RN16" {
			continue
		}
		n++
		b := sink.boxes[i]
		cx, cy := (b[0].X+b[2].X)/2, (b[0].Y+b[2].Y)/2
		best, dir := math.Inf(1), 0.0
		for _, sg := range segs {
			if d := segDist(sg[0], sg[1], cx, cy); d < best {
				best, dir = d, math.Atan2(sg[1].Y-sg[0].Y, sg[1].X-sg[0].X)
			}
		}
		// Centred on the road, turned along it.
		if best > 0.5*sink.heights[i] {
			t.Errorf("an RN16 label %.1f px from the road", best)
		}
		turn := math.Mod(math.Abs(sink.angles[i]-dir), math.Pi) // the road's way does not matter
		if turn = math.Min(turn, math.Pi-turn); turn > 20*math.Pi/180 {
			t.Errorf("an RN16 label at %.0f°, the road at %.0f°", sink.angles[i]*180/math.Pi, dir*180/math.Pi)
		}
		if sink.angles[i] != 0 {
			turnedRefs++
		}
	}
	if turnedRefs == 0 {
		t.Error("no RN16 label is turned along the road (Sévaré to Gao is not level)")
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
