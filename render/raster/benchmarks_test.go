package raster

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"

	"maliatlas/assets"
	"maliatlas/render"
)

const benchW, benchH = 1920, 1080

// benchZones returns 200 wobbly polygons of 48 vertices, 14–80 px in radius
// (the zones of the benchmark scene at 1920×1080).
func benchZones() [][]render.Point {
	rnd := rand.New(rand.NewPCG(1, 2))
	var zones [][]render.Point
	for i := 0; i < 200; i++ {
		cx, cy, r := rnd.Float64()*benchW, rnd.Float64()*benchH, 14+rnd.Float64()*66
		ring := make([]render.Point, 48)
		for k := range ring {
			a := 2 * math.Pi * float64(k) / 48
			rr := r * (0.7 + 0.3*math.Sin(3*a+float64(i)))
			ring[k] = render.Point{X: cx + rr*math.Cos(a), Y: cy + rr*math.Sin(a)}
		}
		zones = append(zones, ring)
	}
	return zones
}

// benchRoutes returns 1,000 polylines of 24 vertices between random points
// across the canvas, with a wobble.
func benchRoutes() [][]render.Point {
	rnd := rand.New(rand.NewPCG(3, 4))
	var routes [][]render.Point
	for i := 0; i < 1000; i++ {
		ax, ay := rnd.Float64()*benchW, rnd.Float64()*benchH
		bx, by := rnd.Float64()*benchW, rnd.Float64()*benchH
		pl := make([]render.Point, 24)
		for k := range pl {
			t := float64(k) / 23
			wob := 20 * math.Sin(t*math.Pi) * (rnd.Float64()*2 - 1)
			pl[k] = render.Point{X: ax + (bx-ax)*t + wob, Y: ay + (by-ay)*t - wob}
		}
		routes = append(routes, pl)
	}
	return routes
}

func benchEvents() []render.Point {
	rnd := rand.New(rand.NewPCG(5, 6))
	at := make([]render.Point, 20000)
	for i := range at {
		at[i] = render.Point{X: rnd.Float64() * benchW, Y: rnd.Float64() * benchH}
	}
	return at
}

var labelNames = []string{"Ménaka", "Ségou", "Taoudénit", "Kéniéba", "Tombouctou", "Gao", "Kidal", "Mopti", "Sikasso", "Kayes"}

func drawZones(c render.Sink, zones [][]render.Point) {
	st := &render.Style{Fill: color.NRGBA{200, 60, 40, 90}}
	p := &render.Path{Closed: true, Sub: make([][]render.Point, 1)}
	for _, z := range zones {
		p.Sub[0] = z
		c.Path(p, st)
	}
}

func drawRoutes(c render.Sink, routes [][]render.Point) {
	st := &render.Style{Stroke: color.NRGBA{40, 40, 160, 230}, Width: 1.5, Join: render.RoundJoin, Cap: render.RoundCap}
	p := &render.Path{Sub: make([][]render.Point, 1)}
	for _, r := range routes {
		p.Sub[0] = r
		c.Path(p, st)
	}
}

func drawEvents(c render.Sink, at []render.Point) {
	c.Markers(&render.Marker{Shape: render.Circle, Size: 6, Fill: color.NRGBA{230, 90, 20, 220}, Stroke: color.NRGBA{60, 20, 0, 255}, StrokeWidth: 0.8}, at)
}

func drawLabels(c render.Sink) {
	f := assets.MapFonts().Bold
	for i := 0; i < 100; i++ {
		c.Text(&render.Text{X: float64(i%10)*185 + 20, Y: float64(i/10)*100 + 50.5, S: labelNames[i%len(labelNames)],
			Font: f, Size: 14, Color: color.NRGBA{20, 20, 20, 255}, Halo: color.NRGBA{255, 255, 255, 220}, HaloWidth: 3})
	}
}

// BenchmarkFillPolygons: 200 translucent polygons of 48 vertices.
func BenchmarkFillPolygons(b *testing.B) {
	zones := benchZones()
	c := New(benchW, benchH)
	for b.Loop() {
		drawZones(c, zones)
	}
}

// BenchmarkStrokePolylines: 1,000 polylines of 24 vertices, width 1.5, round
// joins and caps.
func BenchmarkStrokePolylines(b *testing.B) {
	routes := benchRoutes()
	c := New(benchW, benchH)
	for b.Loop() {
		drawRoutes(c, routes)
	}
}

// BenchmarkStrokeDashed: the same polylines dashed.
func BenchmarkStrokeDashed(b *testing.B) {
	routes := benchRoutes()
	c := New(benchW, benchH)
	st := &render.Style{Stroke: color.NRGBA{40, 40, 160, 230}, Width: 1.5, Join: render.RoundJoin, Dash: []float64{6, 3}}
	p := &render.Path{Sub: make([][]render.Point, 1)}
	for b.Loop() {
		for _, r := range routes {
			p.Sub[0] = r
			c.Path(p, st)
		}
	}
}

// BenchmarkMarkers: 20,000 circle markers of 6 px with an outline.
func BenchmarkMarkers(b *testing.B) {
	at := benchEvents()
	c := New(benchW, benchH)
	for b.Loop() {
		drawEvents(c, at)
	}
}

// BenchmarkHaloLabels: 100 labels of 14 px with a 3 px halo.
func BenchmarkHaloLabels(b *testing.B) {
	c := New(benchW, benchH)
	drawLabels(c) // warm the glyph cache
	for b.Loop() {
		drawLabels(c)
	}
}

// BenchmarkScene: all of the above plus 100k vertices of base polygons and
// lines, on one canvas (one core).
func BenchmarkScene(b *testing.B) {
	s := newBenchScene()
	c := New(benchW, benchH)
	for b.Loop() {
		s.draw(c)
	}
}

// BenchmarkSceneTwoBands: the scene replayed into two bands on two
// goroutines.
func BenchmarkSceneTwoBands(b *testing.B) {
	s := newBenchScene()
	img := image.NewRGBA(image.Rect(0, 0, benchW, benchH))
	top := NewBand(img, image.Rect(0, 0, benchW, benchH/2))
	bottom := NewBand(img, image.Rect(0, benchH/2, benchW, benchH))
	for b.Loop() {
		var wg sync.WaitGroup
		for _, c := range []*Canvas{top, bottom} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.draw(c)
			}()
		}
		wg.Wait()
	}
}

// BenchmarkSceneBands: the scene recorded once, then replayed into 68-row
// bands taken in turn by two goroutines, one canvas each moved with SetClip
// (as export.ReplayParallel does at 1920 px).
func BenchmarkSceneBands(b *testing.B) {
	s := newBenchScene()
	img := image.NewRGBA(image.Rect(0, 0, benchW, benchH))
	var rec render.Recording
	s.draw(&rec)
	const rows = 68
	nb := (benchH + rows - 1) / rows
	for b.Loop() {
		var next atomic.Int32
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var c *Canvas
				for {
					k := int(next.Add(1)) - 1
					if k >= nb {
						return
					}
					clip := image.Rect(0, k*rows, benchW, min((k+1)*rows, benchH))
					if c == nil {
						c = NewBand(img, clip)
					} else {
						c.SetClip(clip)
					}
					rec.Replay(c)
				}
			}()
		}
		wg.Wait()
	}
}

type benchScene struct {
	base, rivers, zones, routes [][]render.Point
	events                      []render.Point
}

func newBenchScene() *benchScene {
	s := &benchScene{zones: benchZones(), routes: benchRoutes(), events: benchEvents()}
	rnd := rand.New(rand.NewPCG(8, 9))
	// Base polygons: a 10×6 grid of regions with jagged borders, 1,000
	// vertices each (60k), and 200 rivers of 200 vertices (40k).
	for gy := 0; gy < 6; gy++ {
		for gx := 0; gx < 10; gx++ {
			x0, y0 := float64(gx)*192, float64(gy)*180
			var ring []render.Point
			side := func(ax, ay, bx, by float64) {
				for k := 0; k < 250; k++ {
					t := float64(k) / 250
					ring = append(ring, render.Point{X: ax + (bx-ax)*t + rnd.Float64()*2, Y: ay + (by-ay)*t + rnd.Float64()*2})
				}
			}
			side(x0, y0, x0+192, y0)
			side(x0+192, y0, x0+192, y0+180)
			side(x0+192, y0+180, x0, y0+180)
			side(x0, y0+180, x0, y0)
			s.base = append(s.base, ring)
		}
	}
	for i := 0; i < 200; i++ {
		x, y := rnd.Float64()*benchW, rnd.Float64()*benchH
		pl := make([]render.Point, 200)
		for k := range pl {
			pl[k] = render.Point{X: x, Y: y}
			x += rnd.NormFloat64() * 3
			y += rnd.NormFloat64() * 3
		}
		s.rivers = append(s.rivers, pl)
	}
	return s
}

func (s *benchScene) draw(c render.Sink) {
	bg := color.NRGBA{242, 238, 228, 255}
	if cv, ok := c.(*Canvas); ok {
		cv.Clear(bg)
	} else {
		c.Path(&render.Path{Sub: [][]render.Point{rect(0, 0, benchW, benchH, false)}, Closed: true}, &render.Style{Fill: bg})
	}
	p := &render.Path{Sub: make([][]render.Point, 1)}
	base := &render.Style{Fill: color.NRGBA{230, 225, 205, 255}, Stroke: color.NRGBA{150, 140, 120, 255}, Width: 0.8}
	p.Closed = true
	for _, r := range s.base {
		p.Sub[0] = r
		c.Path(p, base)
	}
	p.Closed = false
	river := &render.Style{Stroke: color.NRGBA{90, 140, 200, 255}, Width: 1.2, Join: render.RoundJoin, Cap: render.RoundCap}
	for _, r := range s.rivers {
		p.Sub[0] = r
		c.Path(p, river)
	}
	drawZones(c, s.zones)
	drawRoutes(c, s.routes)
	drawEvents(c, s.events)
	drawLabels(c)
}

// BenchmarkStrokePolylinesBands: the 1,000 polylines of
// BenchmarkStrokePolylines recorded once and replayed into 68-row bands on
// one goroutine (the replay's share of a thin-stroke layer per core).
func BenchmarkStrokePolylinesBands(b *testing.B) {
	var rec render.Recording
	drawRoutes(&rec, benchRoutes())
	benchReplayBands(b, &rec)
}

// benchReplayBands times replaying rec into the 68-row bands of a
// benchW×benchH picture on one goroutine.
func benchReplayBands(b *testing.B, rec *render.Recording) {
	img := image.NewRGBA(image.Rect(0, 0, benchW, benchH))
	const rows = 68
	c := NewBand(img, image.Rect(0, 0, benchW, rows))
	for b.Loop() {
		for y := 0; y < benchH; y += rows {
			c.SetClip(image.Rect(0, y, benchW, min(y+rows, benchH)))
			rec.Replay(c)
		}
	}
}

// BenchmarkGlyphMasks: the masks (halo 3 px and fill) of one 14 px label's
// glyphs rendered anew at each of the 1/32 px offsets, as after a zoom
// (every op renders 10 masks, none cached).
func BenchmarkGlyphMasks(b *testing.B) {
	f := assets.MapFonts().Bold
	var keys []glyphMaskKey
	for _, r := range "Tombouctou" {
		keys = append(keys, glyphMaskKey{f: f, gi: f.GlyphIndex(r), size: 14, halo: 3})
	}
	i := 0
	for b.Loop() {
		for _, k := range keys {
			k.subX, k.subY = uint8(i%textSteps), uint8(i/textSteps%textSteps)
			renderGlyphMask(k)
		}
		i++
	}
}

// BenchmarkFillPolygonsBands: the 200 translucent polygons of
// BenchmarkFillPolygons recorded once and replayed into 68-row bands on one
// goroutine, as the export and the app replay a scene.
func BenchmarkFillPolygonsBands(b *testing.B) {
	var rec render.Recording
	drawZones(&rec, benchZones())
	benchReplayBands(b, &rec)
}
