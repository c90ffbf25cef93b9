package events

import (
	"math"
	"runtime"
	"sync"
	"weak"
)

// Hex bins and profiles are worked out in kilometres on Lambert's
// cylindrical equal-area projection with its standard parallel at 17°N,
// the middle of Mali: areas are exact everywhere and shapes are within 5%
// of true across Mali (10°N–25°N), so a hexagon of a given size in km covers
// the same ground wherever it is.
const (
	earthKm   = 6371.0088 // mean Earth radius
	stdParDeg = 17.0
)

var cosStd = math.Cos(stdParDeg * math.Pi / 180)

// ToKm projects lon/lat to the equal-area plane, in km.
func ToKm(lon, lat float64) (x, y float64) {
	return earthKm * lon * math.Pi / 180 * cosStd, earthKm * math.Sin(lat*math.Pi/180) / cosStd
}

// FromKm is the inverse of ToKm.
func FromKm(x, y float64) (lon, lat float64) {
	s := math.Max(-1, math.Min(1, y*cosStd/earthKm))
	return x / (earthKm * cosStd) * 180 / math.Pi, math.Asin(s) * 180 / math.Pi
}

// kmCoords holds the events' equal-area coordinates, worked out once.
type kmCoords struct {
	once sync.Once
	x, y []float32
}

// kmCache maps a table, weakly, to its coordinates: an entry goes when its
// table is collected (a cache keyed by *Table kept every table ever binned
// alive).
var kmCache sync.Map // weak.Pointer[Table] → *kmCoords

// km returns the equal-area coordinates of the events (float32: a metre
// at Mali's distances).
func (t *Table) km() ([]float32, []float32) {
	key := weak.Make(t)
	v, loaded := kmCache.LoadOrStore(key, &kmCoords{})
	if !loaded {
		runtime.AddCleanup(t, func(k weak.Pointer[Table]) { kmCache.Delete(k) }, key)
	}
	c := v.(*kmCoords)
	c.once.Do(func() {
		n := t.Len()
		c.x, c.y = make([]float32, n), make([]float32, n)
		for i := 0; i < n; i++ {
			x, y := ToKm(t.Lon[i], t.Lat[i])
			c.x[i], c.y[i] = float32(x), float32(y)
		}
	})
	return c.x, c.y
}
