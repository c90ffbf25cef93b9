package geo

import (
	"math"
	"math/rand"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/internal/testutil"
)

func mali() orb.Bound {
	return orb.Bound{Min: orb.Point{-12.24, 10.16}, Max: orb.Point{4.24, 25.0}}
}

func TestViewportCentre(t *testing.T) {
	v := Viewport{Center: orb.Point{0, 0}, Zoom: 1, Width: 512, Height: 512}
	sx, sy := v.ToScreen(orb.Point{0, 0})
	if sx != 256 || sy != 256 {
		t.Errorf("lon 0 lat 0 at %v,%v; want the centre 256,256", sx, sy)
	}
	// At zoom 1 the world is 512 px wide: the whole viewport.
	minX, minY, maxX, maxY := v.WorldBound()
	if minX != 0 || minY != 0 || maxX != 1 || maxY != 1 {
		t.Errorf("WorldBound = %v %v %v %v; want 0 0 1 1", minX, minY, maxX, maxY)
	}
	if got := v.PixelsPerWorld(); got != 512 {
		t.Errorf("PixelsPerWorld = %v, want 512", got)
	}
	v.Scale = 2
	if w, h := v.DeviceSize(); w != 1024 || h != 1024 {
		t.Errorf("DeviceSize = %d×%d, want 1024×1024", w, h)
	}
	sx, sy = v.ToScreen(orb.Point{90, 0})
	if sx != 768 || sy != 512 {
		t.Errorf("lon 90 at %v,%v; want 768,512", sx, sy)
	}
	v.Scale = 1.25
	if w, h := (Viewport{Width: 101, Height: 3, Scale: 1.25}).DeviceSize(); w != 126 || h != 4 {
		t.Errorf("DeviceSize rounding = %d×%d, want 126×4", w, h)
	}
}

func TestViewportZoomClamp(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{{0, 1}, {-3, 1}, {30, 18}, {7.5, 7.5}} {
		v := Viewport{Zoom: c.in, Width: 100, Height: 100}
		if got := v.PixelsPerWorld(); got != 256*math.Exp2(c.want) {
			t.Errorf("zoom %v: PixelsPerWorld %v, want zoom %v", c.in, got, c.want)
		}
	}
	v := Viewport{Zoom: 17.5, Width: 100, Height: 100}
	if z := v.ZoomAround(50, 50, 8).Zoom; z != 18 {
		t.Errorf("ZoomAround past the maximum gives zoom %v", z)
	}
	if z := v.ZoomAround(50, 50, 1e-9).Zoom; z != 1 {
		t.Errorf("ZoomAround past the minimum gives zoom %v", z)
	}
}

func TestViewportRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(testutil.Seed(t, 1)))
	for i := 0; i < 2000; i++ {
		v := Viewport{
			Center: orb.Point{-12 + 16*rng.Float64(), 10 + 15*rng.Float64()},
			Zoom:   1 + 17*rng.Float64(),
			Width:  200 + rng.Intn(2000), Height: 200 + rng.Intn(1500),
			Scale: []float64{0, 1, 1.5, 2}[rng.Intn(4)],
		}
		w, h := v.DeviceSize()
		sx, sy := rng.Float64()*float64(w), rng.Float64()*float64(h)
		if wx, wy := v.ScreenToWorld(sx, sy); wx < 0 || wx > 1 || wy < 0 || wy > 1 {
			continue // off the world: latitude is clamped, no round trip
		}
		p := v.ToGeo(sx, sy)
		bx, by := v.ToScreen(p)
		q := v.ToGeo(bx, by)
		if math.Abs(p[0]-q[0]) > 1e-9 || math.Abs(p[1]-q[1]) > 1e-9 {
			t.Fatalf("%+v: screen %v,%v -> %v -> %v,%v -> %v", v, sx, sy, p, bx, by, q)
		}
		// geo -> screen -> geo for a point in Mali
		g := orb.Point{-12 + 16*rng.Float64(), 10 + 15*rng.Float64()}
		g2 := v.ToGeo(v.ToScreen(g))
		if math.Abs(g[0]-g2[0]) > 1e-9 || math.Abs(g[1]-g2[1]) > 1e-9 {
			t.Fatalf("%+v: %v -> %v", v, g, g2)
		}
	}
}

func TestViewportPan(t *testing.T) {
	v := Viewport{Center: orb.Point{-4, 17}, Zoom: 6, Width: 800, Height: 600, Scale: 2}
	p := orb.Point{-3.0, 16.77}
	x0, y0 := v.ToScreen(p)
	w := v.Pan(30, -12)
	x1, y1 := w.ToScreen(p)
	if math.Abs(x1-x0-30) > 1e-6 || math.Abs(y1-y0+12) > 1e-6 {
		t.Errorf("Pan(30,-12) moved the point by %v,%v", x1-x0, y1-y0)
	}
	if w.Zoom != v.Zoom || w.Width != v.Width || w.Scale != v.Scale {
		t.Errorf("Pan changed more than the centre: %+v", w)
	}
}

func TestViewportZoomAroundKeepsPoint(t *testing.T) {
	rng := rand.New(rand.NewSource(testutil.Seed(t, 2)))
	for i := 0; i < 500; i++ {
		v := Viewport{Center: orb.Point{-4, 17}, Zoom: 3 + 12*rng.Float64(), Width: 900, Height: 700, Scale: 1.5}
		w, h := v.DeviceSize()
		sx, sy := rng.Float64()*float64(w), rng.Float64()*float64(h)
		before := v.ToGeo(sx, sy)
		f := math.Exp2(rng.Float64()*4 - 2)
		z := v.ZoomAround(sx, sy, f)
		if math.Abs(z.Zoom-(v.Zoom+math.Log2(f))) > 1e-12 {
			t.Fatalf("zoom %v * %v = %v", v.Zoom, f, z.Zoom)
		}
		after := z.ToGeo(sx, sy)
		if math.Abs(before[0]-after[0]) > 1e-9 || math.Abs(before[1]-after[1]) > 1e-9 {
			t.Fatalf("point under %v,%v moved from %v to %v", sx, sy, before, after)
		}
	}
}

func TestViewportBound(t *testing.T) {
	v := Viewport{Center: orb.Point{-4, 17}, Zoom: 5, Width: 1000, Height: 800}
	b := v.Bound()
	if !b.Contains(v.Center) {
		t.Fatalf("Bound %v does not contain the centre", b)
	}
	nw := v.ToGeo(0, 0)
	se := v.ToGeo(1000, 800)
	if math.Abs(b.Min[0]-nw[0]) > 1e-12 || math.Abs(b.Max[1]-nw[1]) > 1e-12 ||
		math.Abs(b.Max[0]-se[0]) > 1e-12 || math.Abs(b.Min[1]-se[1]) > 1e-12 {
		t.Errorf("Bound %v, corners %v %v", b, nw, se)
	}
	// 1000 px at zoom 5 is 1000/(256·32) of 360°.
	if got, want := b.Max[0]-b.Min[0], 360*1000/(256*32.0); math.Abs(got-want) > 1e-9 {
		t.Errorf("bound width %v°, want %v°", got, want)
	}
}

func TestMetersPerPixel(t *testing.T) {
	v := Viewport{Center: orb.Point{0, 0}, Zoom: 1, Width: 10, Height: 10}
	// Equator at zoom 1: 40075016.686 m over 512 px.
	if got := v.MetersPerPixel(); math.Abs(got-40075016.686/512) > 1e-3 {
		t.Errorf("MetersPerPixel = %v", got)
	}
	v.Center[1] = 60
	v.Scale = 2
	if got := v.MetersPerPixel(); math.Abs(got-40075016.686/512/2/2) > 1e-3 {
		t.Errorf("MetersPerPixel at 60° scale 2 = %v", got)
	}
}

func TestFitBound(t *testing.T) {
	for _, c := range []struct {
		w, h   int
		scale  float64
		pad    float64
		bounds orb.Bound
	}{
		{1200, 800, 1, 20, mali()},
		{800, 1200, 2, 10, mali()},
		{333, 211, 1.25, 0, mali()},
		{1000, 700, 1, 30, orb.Bound{Min: orb.Point{-8.1, 12.5}, Max: orb.Point{-7.9, 12.7}}},
	} {
		v := FitBound(c.bounds, c.w, c.h, c.scale, c.pad)
		vb := v.Bound().Pad(1e-9)
		if !vb.Contains(c.bounds.Min) || !vb.Contains(c.bounds.Max) {
			t.Errorf("%+v: view bound %v does not contain %v", c, vb, c.bounds)
		}
		// The padding is kept on the tight axis, and one step more zoom
		// would cut the bound.
		x0, y0 := v.ToScreen(orb.Point{c.bounds.Min[0], c.bounds.Max[1]})
		x1, y1 := v.ToScreen(orb.Point{c.bounds.Max[0], c.bounds.Min[1]})
		pad := c.pad * c.scale
		dw, dh := v.DeviceSize()
		if x0 < pad-1e-6 || y0 < pad-1e-6 || x1 > float64(dw)-pad+1e-6 || y1 > float64(dh)-pad+1e-6 {
			t.Errorf("%+v: bound drawn at %v,%v..%v,%v inside %dx%d", c, x0, y0, x1, y1, dw, dh)
		}
		tight := math.Min(x0-pad, y0-pad)
		if tight > 0.01 {
			t.Errorf("%+v: zoom %v is not the largest (slack %v px)", c, v.Zoom, tight)
		}
	}
	// A point fits at the maximum zoom.
	p := orb.Point{-7.98, 12.61}
	if v := FitBound(orb.Bound{Min: p, Max: p}, 500, 500, 1, 10); v.Zoom != MaxZoom {
		t.Errorf("FitBound of a point: zoom %v", v.Zoom)
	}
}
