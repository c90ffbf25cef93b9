package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"reflect"
	"strconv"

	"maliatlas/render"
)

// markerKey identifies a distinct marker.
type markerKey struct {
	shape       render.MarkerShape
	size        int64
	fill        color.NRGBA
	stroke      color.NRGBA
	strokeWidth int64
	icon        any
}

// kappa places the control points of a cubic Bézier quarter circle.
const kappa = 0.5522847498

// markerForm returns the XObject name of m's Form, writing it on first use;
// "" when the marker draws nothing.
//
// Geometry (shared with the SVG backend): a circle of diameter Size, a square
// of side Size, a triangle pointing up and a diamond both filling the
// Size×Size box; the outline is stroked centred on the shape's edge. The
// form is drawn in device pixels (it inherits the page's matrix), centred on
// the origin.
func (d *Document) markerForm(m *render.Marker) string {
	k := markerKey{shape: m.Shape, size: hundredths(m.Size), fill: m.Fill, stroke: m.Stroke, strokeWidth: hundredths(m.StrokeWidth)}
	if m.Shape == render.Icon {
		if m.Icon == nil || m.Icon.Bounds().Empty() {
			return ""
		}
		k.fill, k.stroke, k.strokeWidth = color.NRGBA{}, color.NRGBA{}, 0
		k.icon = imageKey(m.Icon)
	}
	if n, ok := d.marks[k]; ok {
		return n
	}
	r := m.Size / 2
	c := newFormContent(d)
	ext := r
	if m.Shape == render.Icon {
		img := d.imageXObject(m.Icon)
		c.image(img, render.Rect{Min: render.Point{X: -r, Y: -r}, Max: render.Point{X: r, Y: r}})
	} else {
		st := &render.Style{Fill: m.Fill}
		if m.Stroke.A != 0 && m.StrokeWidth > 0 {
			st.Stroke, st.Width = m.Stroke, m.StrokeWidth
			ext += m.StrokeWidth // generous: covers miter corners of the triangle
		}
		switch m.Shape {
		case render.Square:
			c.path(&render.Path{Closed: true, Sub: [][]render.Point{{{X: -r, Y: -r}, {X: r, Y: -r}, {X: r, Y: r}, {X: -r, Y: r}}}}, st)
		case render.Triangle:
			c.path(&render.Path{Closed: true, Sub: [][]render.Point{{{X: 0, Y: -r}, {X: r, Y: r}, {X: -r, Y: r}}}}, st)
			ext += m.StrokeWidth
		case render.Diamond:
			c.path(&render.Path{Closed: true, Sub: [][]render.Point{{{X: 0, Y: -r}, {X: r, Y: 0}, {X: 0, Y: r}, {X: -r, Y: 0}}}}, st)
		default:
			c.circle(r, st)
		}
	}
	name := "Mk" + strconv.Itoa(len(d.marks))
	obj := d.alloc()
	bb := append([]byte(" /Type /XObject /Subtype /Form /BBox ["), appendBox(nil, ext)...)
	bb = append(bb, "] /Resources 3 0 R"...)
	d.writeStream(obj, string(bb), c.buf, true)
	d.marks[k] = name
	d.xobjects = append(d.xobjects, namedObj{name, obj})
	return name
}

func appendBox(b []byte, e float64) []byte {
	e = float64(hundredths(e)+1) / 100
	b = appendNum(b, -e)
	b = append(b, ' ')
	b = appendNum(b, -e)
	b = append(b, ' ')
	b = appendNum(b, e)
	b = append(b, ' ')
	return appendNum(b, e)
}

// circle paints a circle of radius r centred on the origin with four cubic
// Bézier arcs.
func (c *content) circle(r float64, st *render.Style) {
	fill, stroke := st.HasFill(), st.HasStroke()
	if !fill && !stroke {
		return
	}
	if fill {
		c.setFill(st.Fill)
	}
	if stroke {
		c.setStroke(st)
	}
	k := r * kappa
	b := c.buf
	pt := func(x, y float64) {
		b = appendNum(b, x)
		b = append(b, ' ')
		b = appendNum(b, y)
	}
	pt(r, 0)
	b = append(b, " m\n"...)
	arcs := [4][3][2]float64{
		{{r, k}, {k, r}, {0, r}},
		{{-k, r}, {-r, k}, {-r, 0}},
		{{-r, -k}, {-k, -r}, {0, -r}},
		{{k, -r}, {r, -k}, {r, 0}},
	}
	for _, a := range arcs {
		pt(a[0][0], a[0][1])
		b = append(b, ' ')
		pt(a[1][0], a[1][1])
		b = append(b, ' ')
		pt(a[2][0], a[2][1])
		b = append(b, " c\n"...)
	}
	switch {
	case fill && stroke:
		b = append(b, "b\n"...)
	case fill:
		b = append(b, "h f\n"...)
	default:
		b = append(b, "s\n"...)
	}
	c.buf = b
}

// imageKey is a comparable identity for img: the image itself when its
// dynamic type is comparable (pointers, as for every image package type),
// else its pixels.
func imageKey(img image.Image) any {
	if reflect.TypeOf(img).Comparable() {
		return img
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.String()
}

// imageXObject returns the XObject name of img, writing it on first use: an
// 8-bit RGB image with an /SMask when any pixel is not opaque.
func (d *Document) imageXObject(img image.Image) string {
	k := imageKey(img)
	if n, ok := d.images[k]; ok {
		return n
	}
	bnd := img.Bounds()
	w, h := bnd.Dx(), bnd.Dy()
	nrgba, ok := img.(*image.NRGBA)
	if !ok || nrgba.Stride != 4*w {
		nrgba = image.NewNRGBA(image.Rect(0, 0, w, h))
		draw.Draw(nrgba, nrgba.Bounds(), img, bnd.Min, draw.Src)
	}
	pix := nrgba.Pix[:4*w*h]
	rgb := make([]byte, 3*w*h)
	alpha := make([]byte, w*h)
	opaque := true
	for i := 0; i < w*h; i++ {
		rgb[3*i], rgb[3*i+1], rgb[3*i+2] = pix[4*i], pix[4*i+1], pix[4*i+2]
		alpha[i] = pix[4*i+3]
		if alpha[i] != 255 {
			opaque = false
		}
	}
	size := " /Width " + strconv.Itoa(w) + " /Height " + strconv.Itoa(h) + " /BitsPerComponent 8 /Interpolate true"
	obj := d.alloc()
	dict := " /Type /XObject /Subtype /Image" + size + " /ColorSpace /DeviceRGB"
	if !opaque {
		mask := d.alloc()
		d.writeStream(mask, " /Type /XObject /Subtype /Image"+size+" /ColorSpace /DeviceGray", alpha, true)
		dict += " /SMask " + strconv.Itoa(mask) + " 0 R"
	}
	d.writeStream(obj, dict, rgb, true)
	name := "Im" + strconv.Itoa(len(d.images))
	d.images[k] = name
	d.xobjects = append(d.xobjects, namedObj{name, obj})
	return name
}
