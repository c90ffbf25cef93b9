package events

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"maliatlas/geo"
)

// Density is a kernel density surface on a grid aligned with the Web
// Mercator world at one zoom, so a pan shifts it without recomputing: cell
// (i, j) covers world x in [(X0+i)·Cell, (X0+i+1)·Cell) and likewise y.
type Density struct {
	PPW         float64 // device pixels per world unit it was made for
	Cell        float64 // cell size in world units
	X0, Y0      int     // world cell of grid cell (0, 0)
	W, H        int
	Values      []float32 // events (or weight) per 1,000 km², row-major
	Max         float64
	BandwidthKm float64
}

// kmPerWorld is the ground length of one world unit at the equator.
const kmPerWorld = 2 * math.Pi * 6378.137

// KDE estimates the density of the selected events (weighted by their
// weight, or 1 each when byCount) over the view v with a margin of half a
// view on each side, on cells of cellPx device pixels, with a Gaussian kernel of
// bandwidthKm (the standard deviation). The kernel is made of three box
// blurs (the classic approximation); densities are per 1,000 km² of ground
// (each row's cell area is taken at its latitude).
func KDE(t *Table, sel []int32, v geo.Viewport, bandwidthKm, cellPx float64, byCount bool) (*Density, error) {
	if !(bandwidthKm > 0 && bandwidthKm <= 2000) {
		return nil, fmt.Errorf("the bandwidth must be more than 0 and at most 2000 km, not %g", bandwidthKm)
	}
	if !(cellPx >= 1) {
		cellPx = 4
	}
	ppw := v.PixelsPerWorld()
	cell := cellPx / ppw
	wx0, wy0 := v.ScreenToWorld(0, 0)
	dw, dh := v.DeviceSize()
	wx1, wy1 := v.ScreenToWorld(float64(dw), float64(dh))
	mx, my := (wx1-wx0)/2, (wy1-wy0)/2
	d := &Density{PPW: ppw, Cell: cell, BandwidthKm: bandwidthKm}
	d.X0, d.Y0 = int(math.Floor((wx0-mx)/cell)), int(math.Floor((wy0-my)/cell))
	d.W, d.H = int(math.Ceil((wx1+mx)/cell))-d.X0, int(math.Ceil((wy1+my)/cell))-d.Y0
	d.Values = make([]float32, d.W*d.H)
	inv := 1 / cell
	for _, i := range sel {
		gx := int(math.Floor(t.X[i]*inv)) - d.X0
		gy := int(math.Floor(t.Y[i]*inv)) - d.Y0
		if gx < 0 || gy < 0 || gx >= d.W || gy >= d.H {
			continue
		}
		w := float32(1)
		if !byCount {
			w = t.Weight[i]
		}
		d.Values[gy*d.W+gx] += w
	}
	// Kernel width in cells, at the view's centre latitude.
	lat := v.Center[1] * math.Pi / 180
	cellKm := cell * kmPerWorld * math.Cos(lat)
	sigma := bandwidthKm / cellKm
	boxBlur3(d.Values, d.W, d.H, sigma)
	// Per 1,000 km²: each row's cells have the area at their latitude.
	for j := 0; j < d.H; j++ {
		wy := (float64(d.Y0+j) + 0.5) * cell
		la := geo.Unproject(0, wy)[1] * math.Pi / 180
		side := cell * kmPerWorld * math.Cos(la)
		k := float32(1000 / (side * side))
		row := d.Values[j*d.W : (j+1)*d.W]
		for i := range row {
			row[i] *= k
			d.Max = math.Max(d.Max, float64(row[i]))
		}
	}
	return d, nil
}

// At is the density at world point (x, y) (0 outside the grid).
func (d *Density) At(x, y float64) float64 {
	i := int(math.Floor(x/d.Cell)) - d.X0
	j := int(math.Floor(y/d.Cell)) - d.Y0
	if i < 0 || j < 0 || i >= d.W || j >= d.H {
		return 0
	}
	return float64(d.Values[j*d.W+i])
}

// Covers reports whether the grid covers the view v at the same zoom (so a
// pan can reuse it).
func (d *Density) Covers(v geo.Viewport) bool {
	if math.Abs(v.PixelsPerWorld()-d.PPW) > 1e-9*d.PPW {
		return false
	}
	x0, y0 := v.ScreenToWorld(0, 0)
	w, h := v.DeviceSize()
	x1, y1 := v.ScreenToWorld(float64(w), float64(h))
	return x0 >= float64(d.X0)*d.Cell && y0 >= float64(d.Y0)*d.Cell &&
		x1 <= float64(d.X0+d.W)*d.Cell && y1 <= float64(d.Y0+d.H)*d.Cell
}

// boxBlur3 blurs v (w×h) with three box blurs per axis whose combined
// variance is sigma² (Kovesi's widths), keeping the total.
func boxBlur3(v []float32, w, h int, sigma float64) {
	if sigma < 0.3 {
		return
	}
	const n = 3
	wIdeal := math.Sqrt(12*sigma*sigma/n + 1)
	wl := int(math.Floor(wIdeal))
	if wl%2 == 0 {
		wl--
	}
	wu := wl + 2
	mIdeal := (12*sigma*sigma - n*float64(wl*wl) - 4*n*float64(wl) - 3*n) / (-4*float64(wl) - 4)
	m := int(math.Round(mIdeal))
	tmp := make([]float32, w)
	acc := make([]float32, w)
	colTmp := make([]float32, w*h)
	for pass := 0; pass < n; pass++ {
		r := (wl - 1) / 2
		if pass >= m {
			r = (wu - 1) / 2
		}
		for j := 0; j < h; j++ {
			boxLine(v[j*w:(j+1)*w], tmp, r)
		}
		boxColumns(v, colTmp, acc, w, h, r)
	}
}

// boxColumns is boxLine down every column at once: a running sum of whole
// rows, which reads memory in order.
func boxColumns(v, tmp, acc []float32, w, h, r int) {
	if r <= 0 {
		return
	}
	copy(tmp, v)
	inv := 1 / float32(2*r+1)
	clear(acc)
	for k := 0; k <= r && k < h; k++ {
		row := tmp[k*w : (k+1)*w]
		for i, x := range row {
			acc[i] += x
		}
	}
	for j := 0; j < h; j++ {
		out := v[j*w : (j+1)*w]
		for i, a := range acc {
			out[i] = a * inv
		}
		if k := j + r + 1; k < h {
			row := tmp[k*w : (k+1)*w]
			for i, x := range row {
				acc[i] += x
			}
		}
		if k := j - r; k >= 0 {
			row := tmp[k*w : (k+1)*w]
			for i, x := range row {
				acc[i] -= x
			}
		}
	}
}

// boxLine replaces a by its running mean over 2r+1 cells (zero beyond the ends).
func boxLine(a, tmp []float32, r int) {
	if r <= 0 {
		return
	}
	n := len(a)
	copy(tmp, a)
	inv := 1 / float32(2*r+1)
	var acc float32
	for k := 0; k <= r && k < n; k++ {
		acc += tmp[k]
	}
	for i := 0; i < n; i++ {
		a[i] = acc * inv
		if j := i + r + 1; j < n {
			acc += tmp[j]
		}
		if j := i - r; j >= 0 {
			acc -= tmp[j]
		}
	}
}

// Grid is a kernel density on square cells of CellKm on the equal-area
// plane (ToKm): cell (i, j) spans x in [X0+i·CellKm, X0+(i+1)·CellKm).
type Grid struct {
	CellKm, BandwidthKm float64
	X0, Y0              float64
	W, H                int
	Count               []int32   // events in the cell
	Weight              []float64 // their weight
	Density             []float32 // per 1,000 km² after the kernel
	Max                 float64
}

// KDEKm is the kernel density of the selected events on cells of cellKm
// covering them with a margin of three bandwidths.
func KDEKm(t *Table, sel []int32, cellKm, bandwidthKm float64, byCount bool) (*Grid, error) {
	if !(cellKm >= 0.1 && cellKm <= 5000) {
		return nil, fmt.Errorf("the cell size must be 0.1–5000 km, not %g", cellKm)
	}
	if !(bandwidthKm > 0 && bandwidthKm <= 2000) {
		return nil, fmt.Errorf("the bandwidth must be more than 0 and at most 2000 km, not %g", bandwidthKm)
	}
	g := &Grid{CellKm: cellKm, BandwidthKm: bandwidthKm}
	if len(sel) == 0 {
		return g, nil
	}
	xs, ys := t.km()
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, i := range sel {
		x, y := float64(xs[i]), float64(ys[i])
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	m := 3 * bandwidthKm
	g.X0 = math.Floor((minX-m)/cellKm) * cellKm
	g.Y0 = math.Floor((minY-m)/cellKm) * cellKm
	g.W = int(math.Ceil((maxX+m-g.X0)/cellKm)) + 1
	g.H = int(math.Ceil((maxY+m-g.Y0)/cellKm)) + 1
	if g.W*g.H > maxDenseCells {
		return nil, fmt.Errorf("%g km cells are too small for events spread over %.0f×%.0f km", cellKm, maxX-minX, maxY-minY)
	}
	g.Count = make([]int32, g.W*g.H)
	g.Weight = make([]float64, g.W*g.H)
	g.Density = make([]float32, g.W*g.H)
	for _, i := range sel {
		c := int((float64(ys[i])-g.Y0)/cellKm)*g.W + int((float64(xs[i])-g.X0)/cellKm)
		g.Count[c]++
		g.Weight[c] += float64(t.Weight[i])
		if byCount {
			g.Density[c]++
		} else {
			g.Density[c] += t.Weight[i]
		}
	}
	boxBlur3(g.Density, g.W, g.H, bandwidthKm/cellKm)
	k := float32(1000 / (cellKm * cellKm))
	for i := range g.Density {
		g.Density[i] *= k
		g.Max = math.Max(g.Max, float64(g.Density[i]))
	}
	return g, nil
}

// CellRing is the outline of cell (i, j) in lon/lat.
func (g *Grid) CellRing(i, j int) orb.Ring {
	x0, y0 := g.X0+float64(i)*g.CellKm, g.Y0+float64(j)*g.CellKm
	var r orb.Ring
	for _, c := range [][2]float64{{x0, y0}, {x0 + g.CellKm, y0}, {x0 + g.CellKm, y0 + g.CellKm}, {x0, y0 + g.CellKm}, {x0, y0}} {
		lon, lat := FromKm(c[0], c[1])
		r = append(r, orb.Point{lon, lat})
	}
	return r
}
