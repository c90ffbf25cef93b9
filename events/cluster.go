package events

import (
	"math"

	"maliatlas/geo"
)

// Cluster is a group of nearby events: their count, weight and mean place
// (world coordinates), and how many are precise.
type Cluster struct {
	X, Y    float64
	Count   int
	Precise int
	Weight  float64
	// One is an event of the cluster (for a cluster of one, the event).
	One int32
}

// Clusters groups the selected events into cells of cellPx device pixels
// aligned with the world at v's zoom, over the view and one view of margin
// each side: a cluster splits into smaller ones as the zoom grows, and a
// pan at the same zoom gives the same clusters.
func Clusters(t *Table, sel []int32, v geo.Viewport, cellPx float64) []Cluster {
	ppw := v.PixelsPerWorld()
	cell := cellPx / ppw
	wx0, wy0 := v.ScreenToWorld(0, 0)
	dw, dh := v.DeviceSize()
	wx1, wy1 := v.ScreenToWorld(float64(dw), float64(dh))
	mx, my := wx1-wx0, wy1-wy0
	x0, y0 := int(math.Floor((wx0-mx)/cell)), int(math.Floor((wy0-my)/cell))
	w, h := int(math.Ceil((wx1+mx)/cell))-x0, int(math.Ceil((wy1+my)/cell))-y0
	slot := make([]int32, w*h)
	var out []Cluster
	inv := 1 / cell
	for _, i := range sel {
		gx := int(math.Floor(t.X[i]*inv)) - x0
		gy := int(math.Floor(t.Y[i]*inv)) - y0
		if gx < 0 || gy < 0 || gx >= w || gy >= h {
			continue
		}
		c := slot[gy*w+gx]
		if c == 0 {
			out = append(out, Cluster{One: i})
			c = int32(len(out))
			slot[gy*w+gx] = c
		}
		cl := &out[c-1]
		cl.X += t.X[i]
		cl.Y += t.Y[i]
		cl.Count++
		cl.Weight += float64(t.Weight[i])
		if t.Precise(int(i)) {
			cl.Precise++
		}
	}
	for k := range out {
		out[k].X /= float64(out[k].Count)
		out[k].Y /= float64(out[k].Count)
	}
	return out
}
