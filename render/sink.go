// Package render draws one scene onto a Sink. The scene is made of device-space
// primitives (paths, batched point markers, text runs, images); every backend
// (raster, SVG, PDF) implements the same four-method contract so the same scene
// gives the same picture in all of them.
//
// Coordinates are device pixels, origin top-left, y down. A sink never keeps a
// reference to a *Path, its slices, or the []Point passed to Markers after the
// call returns: the renderer reuses those buffers.
package render

import (
	"image"
	"image/color"
	"math"
)

// Sink is the drawing target: a raster image, an SVG document or a PDF page.
type Sink interface {
	// Path fills and/or strokes p with st.
	Path(p *Path, st *Style)
	// Markers draws the same marker centred at every point of at.
	Markers(m *Marker, at []Point)
	// Text draws one run of text (with its halo, if any).
	Text(t *Text)
	// Image draws img scaled into the rectangle r.
	Image(img image.Image, r Rect)
}

// Discard is a Sink that draws nothing: a dry run of Scene.Draw for what it
// finds (where the labels go) rather than what it draws.
type Discard struct{}

func (Discard) Path(*Path, *Style)       {}
func (Discard) Markers(*Marker, []Point) {}
func (Discard) Text(*Text)               {}
func (Discard) Image(image.Image, Rect)  {}

// Point is a position in device pixels.
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle in device pixels; Min is top-left.
type Rect struct{ Min, Max Point }

// Dx is the width of r.
func (r Rect) Dx() float64 { return r.Max.X - r.Min.X }

// Dy is the height of r.
func (r Rect) Dy() float64 { return r.Max.Y - r.Min.Y }

// Overlaps reports whether r and s share any area.
func (r Rect) Overlaps(s Rect) bool {
	return r.Min.X < s.Max.X && s.Min.X < r.Max.X && r.Min.Y < s.Max.Y && s.Min.Y < r.Max.Y
}

// Path is a set of subpaths of straight segments (curves are flattened by
// whoever builds the path). When Closed is true every subpath is a closed ring
// (the last point joins the first; it need not be repeated) and the path can be
// filled: polygons with holes and multipolygons are one Path whose rings are
// combined by the style's fill rule.
type Path struct {
	Sub    [][]Point
	Closed bool

	// box, when boxed, holds every point of Sub that is not NaN (it may be
	// larger than their bounding box): frame.buildPath sets it from the
	// feature's box, so that a Recording need not walk the points again to
	// bound them. Only this package sets it; Reset clears it.
	box   rawBox
	boxed bool
}

// Reset empties p keeping its storage.
func (p *Path) Reset() {
	for i := range p.Sub {
		p.Sub[i] = p.Sub[i][:0]
	}
	p.Sub = p.Sub[:0]
	p.Closed = false
	p.boxed = false
}

// FillRule says which points are inside a closed path.
type FillRule uint8

const (
	NonZero FillRule = iota
	EvenOdd
)

// LineCap is the shape at the ends of open subpaths.
type LineCap uint8

const (
	ButtCap LineCap = iota
	RoundCap
	SquareCap
)

// LineJoin is the shape where two segments meet.
type LineJoin uint8

const (
	MiterJoin LineJoin = iota
	RoundJoin
	BevelJoin
)

// Style is how a Path is painted: fill first, then stroke. A zero alpha means
// "no fill" / "no stroke"; so does a zero Width for the stroke.
type Style struct {
	Fill     color.NRGBA
	FillRule FillRule

	Stroke     color.NRGBA
	Width      float64 // stroke width in pixels
	Cap        LineCap
	Join       LineJoin
	MiterLimit float64   // 0 means 4
	Dash       []float64 // alternating on/off lengths in pixels; nil is solid
	DashOffset float64
}

// HasFill reports whether the style fills.
func (s *Style) HasFill() bool { return s.Fill.A != 0 }

// HasStroke reports whether the style strokes.
func (s *Style) HasStroke() bool { return s.Stroke.A != 0 && s.Width > 0 }

// DashPattern is Dash when it can be drawn as a dash pattern, else nil (a
// solid line): negative or non-finite lengths, or nothing but gaps.
func (s *Style) DashPattern() []float64 {
	sum := 0.0
	for _, v := range s.Dash {
		if !(v >= 0) || math.IsInf(v, 0) {
			return nil
		}
		sum += v
	}
	if sum <= 0 {
		return nil
	}
	return s.Dash
}

// Miter is the miter limit to draw with: MiterLimit, 4 when zero, at least 1.
func (s *Style) Miter() float64 {
	if s.MiterLimit == 0 {
		return 4
	}
	return max(s.MiterLimit, 1)
}

// MarkerShape is the symbol of a point marker.
type MarkerShape uint8

const (
	Circle MarkerShape = iota
	Square
	Triangle // pointing up
	Diamond
	Icon // draws Marker.Icon scaled to Size×Size
)

// Marker is a point symbol: a shape of diameter Size pixels, filled and
// outlined, or an icon image.
type Marker struct {
	Shape       MarkerShape
	Size        float64 // diameter / side in pixels
	Fill        color.NRGBA
	Stroke      color.NRGBA
	StrokeWidth float64
	Icon        image.Image // for Shape == Icon
}

// Anchor tells which point of the text box (X, Y) is.
type Anchor uint8

const (
	// AnchorBaselineLeft: (X, Y) is the left end of the baseline.
	AnchorBaselineLeft Anchor = iota
)

// Text is one run of text on a single line. (X, Y) is the left end of the
// baseline; the renderer measures and places text with the same Font, so sinks
// never have to lay it out.
type Text struct {
	X, Y      float64
	S         string
	Font      *Font
	Size      float64 // em size in pixels
	Color     color.NRGBA
	Halo      color.NRGBA // zero alpha: no halo
	HaloWidth float64     // halo stroke width in pixels (total, both sides)
	// Angle turns the run about (X, Y), in radians: positive turns the
	// baseline from +X towards +Y (clockwise on the screen, as SVG's
	// rotate). Zero is horizontal. The renderer keeps it within ±π/2 so text
	// is never upside down.
	Angle float64
}

// Rotated maps the point (dx, dy) of the unturned run, relative to its
// anchor (X, Y), to where it lands once turned by Angle.
func (t *Text) Rotated(dx, dy float64) Point {
	if t.Angle == 0 {
		return Point{t.X + dx, t.Y + dy}
	}
	s, c := math.Sincos(t.Angle)
	return Point{t.X + dx*c - dy*s, t.Y + dx*s + dy*c}
}

// UprightAngle is the angle of the direction (dx, dy) brought within
// (−π/2, π/2]: a label along a line reads left to right, never upside down.
func UprightAngle(dx, dy float64) float64 {
	a := math.Atan2(dy, dx)
	if a > math.Pi/2 {
		a -= math.Pi
	} else if a <= -math.Pi/2 {
		a += math.Pi
	}
	return a
}
