package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Zoom limits of a Viewport.
const (
	MinZoom = 1.0
	MaxZoom = 18.0
)

// TileSize is the width in logical pixels of the whole world at zoom 0.
const TileSize = 256

// earthCircumference is the equatorial circumference of the WGS 84 / Web
// Mercator sphere, in metres.
const earthCircumference = 2 * math.Pi * WGS84A

// Viewport is what the map shows: a centre, a zoom and a size. It is a value;
// every change returns a new Viewport. Screen coordinates are device pixels,
// origin top-left, y down.
type Viewport struct {
	Center orb.Point // lon, lat
	Zoom   float64   // Web Mercator zoom: the world is 256·2^Zoom logical pixels wide
	// Width and Height are in logical (device-independent) pixels.
	Width, Height int
	Scale         float64 // device pixels per logical pixel (HiDPI); 0 means 1
}

// DeviceScale is device pixels per logical pixel: Scale, or 1 when unset.
func (v Viewport) DeviceScale() float64 {
	if v.Scale <= 0 {
		return 1
	}
	return v.Scale
}

func clampZoom(z float64) float64 {
	if math.IsNaN(z) {
		return MinZoom
	}
	return math.Max(MinZoom, math.Min(MaxZoom, z))
}

// DeviceSize is the size of the viewport in device pixels: Width·Scale and
// Height·Scale, rounded.
func (v Viewport) DeviceSize() (w, h int) {
	s := v.DeviceScale()
	return int(math.Round(float64(v.Width) * s)), int(math.Round(float64(v.Height) * s))
}

// PixelsPerWorld is the number of device pixels per unit of normalised
// Mercator (the world's width in device pixels). The zoom is clamped to
// [MinZoom, MaxZoom].
func (v Viewport) PixelsPerWorld() float64 {
	return TileSize * math.Exp2(clampZoom(v.Zoom)) * v.DeviceScale()
}

func (v Viewport) half() (float64, float64) {
	w, h := v.DeviceSize()
	return float64(w) / 2, float64(h) / 2
}

// WorldToScreen maps normalised Mercator coordinates to device pixels.
func (v Viewport) WorldToScreen(x, y float64) (sx, sy float64) {
	cx, cy := Project(v.Center)
	k := v.PixelsPerWorld()
	hw, hh := v.half()
	return (x-cx)*k + hw, (y-cy)*k + hh
}

// ScreenToWorld maps device pixels to normalised Mercator coordinates.
func (v Viewport) ScreenToWorld(sx, sy float64) (x, y float64) {
	cx, cy := Project(v.Center)
	k := v.PixelsPerWorld()
	hw, hh := v.half()
	return cx + (sx-hw)/k, cy + (sy-hh)/k
}

// ToScreen maps lon/lat to device pixels.
func (v Viewport) ToScreen(p orb.Point) (sx, sy float64) {
	return v.WorldToScreen(Project(p))
}

// ToGeo maps device pixels to lon/lat.
func (v Viewport) ToGeo(sx, sy float64) orb.Point {
	return Unproject(v.ScreenToWorld(sx, sy))
}

// WorldBound is the visible area in normalised Mercator; minY is the top
// (north) edge.
func (v Viewport) WorldBound() (minX, minY, maxX, maxY float64) {
	w, h := v.DeviceSize()
	minX, minY = v.ScreenToWorld(0, 0)
	maxX, maxY = v.ScreenToWorld(float64(w), float64(h))
	return
}

// Bound is the lon/lat bound of the visible area.
func (v Viewport) Bound() orb.Bound {
	minX, minY, maxX, maxY := v.WorldBound()
	nw := Unproject(minX, minY)
	se := Unproject(maxX, maxY)
	return orb.Bound{Min: orb.Point{nw[0], se[1]}, Max: orb.Point{se[0], nw[1]}}
}

// withWorldCenter returns v centred on the world point x, y (kept inside the
// world square).
func (v Viewport) withWorldCenter(x, y float64) Viewport {
	x = math.Max(0, math.Min(1, x))
	y = math.Max(0, math.Min(1, y))
	v.Center = Unproject(x, y)
	return v
}

// Pan moves the content by dx, dy device pixels (a drag to the right moves
// the map to the right, so the centre goes west).
func (v Viewport) Pan(dx, dy float64) Viewport {
	cx, cy := Project(v.Center)
	k := v.PixelsPerWorld()
	return v.withWorldCenter(cx-dx/k, cy-dy/k)
}

// ZoomAround multiplies the scale of the map by factor (2 zooms in one
// level) keeping the point under the device pixel (sx, sy) in place. The zoom
// is clamped to [MinZoom, MaxZoom]; a factor ≤ 0 leaves v as it is.
func (v Viewport) ZoomAround(sx, sy, factor float64) Viewport {
	if !(factor > 0) {
		return v
	}
	z0 := clampZoom(v.Zoom)
	z1 := clampZoom(z0 + math.Log2(factor))
	f := math.Exp2(z1 - z0)
	wx, wy := v.ScreenToWorld(sx, sy)
	cx, cy := Project(v.Center)
	v.Zoom = z1
	return v.withWorldCenter(wx-(wx-cx)/f, wy-(wy-cy)/f)
}

// MetersPerPixel is the ground distance of one device pixel at the centre
// latitude.
func (v Viewport) MetersPerPixel() float64 {
	lat := math.Max(-MaxLatitude, math.Min(MaxLatitude, v.Center[1]))
	return earthCircumference * math.Cos(lat*math.Pi/180) / v.PixelsPerWorld()
}

// FitBound returns the viewport of width×height logical pixels at the given
// device scale with the largest zoom (within [MinZoom, MaxZoom]) that shows
// b whole, leaving paddingPx logical pixels on every side.
func FitBound(b orb.Bound, width, height int, scale, paddingPx float64) Viewport {
	v := Viewport{Width: width, Height: height, Scale: scale}
	minX, maxY := Project(b.Min)
	maxX, minY := Project(b.Max)
	v.Center = Unproject((minX+maxX)/2, (minY+maxY)/2)
	// The visible world width is DeviceSize/(256·2^z·scale); use the rounded
	// device size so the bound fits the image actually drawn.
	dw, dh := v.DeviceSize()
	s := v.DeviceScale()
	aw := float64(dw)/s - 2*paddingPx
	ah := float64(dh)/s - 2*paddingPx
	z := MaxZoom
	if dx := maxX - minX; dx > 0 {
		z = math.Min(z, math.Log2(aw/(TileSize*dx)))
	}
	if dy := maxY - minY; dy > 0 {
		z = math.Min(z, math.Log2(ah/(TileSize*dy)))
	}
	v.Zoom = clampZoom(z)
	return v
}
