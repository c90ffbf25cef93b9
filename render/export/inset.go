package export

import (
	"image/color"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/render"
)

// insetBound is what the locator map shows: Mali in West Africa (the extent
// of the base data).
var insetBound = orb.Bound{Min: orb.Point{-18, 4}, Max: orb.Point{10, 27}}

var (
	insetSea     = color.NRGBA{214, 228, 236, 255}
	insetLand    = color.NRGBA{239, 233, 220, 255}
	insetBorder  = color.NRGBA{181, 169, 147, 255}
	insetMali    = color.NRGBA{214, 196, 160, 255}
	insetMaliRim = color.NRGBA{95, 84, 68, 255}
	insetExtent  = color.NRGBA{220, 30, 30, 255}
)

// inset draws the locator map: the countries, Mali, and a red rectangle
// around extent (the main map's area, lon/lat).
func (L *layout) inset(box render.Rect, cat *layers.Catalog, extent orb.Bound) {
	k := L.k
	// box holds the white margin around the map.
	r := render.Rect{Min: render.Point{X: box.Min.X + 3*k, Y: box.Min.Y + 3*k}, Max: render.Point{X: box.Max.X - 3*k, Y: box.Max.Y - 3*k}}
	minX, minY := geo.Project(orb.Point{insetBound.Min[0], insetBound.Max[1]})
	maxX, _ := geo.Project(orb.Point{insetBound.Max[0], insetBound.Min[1]})
	s := r.Dx() / (maxX - minX)
	to := func(p orb.Point) render.Point {
		x, y := geo.Project(p)
		return render.Point{X: r.Min.X + (x-minX)*s, Y: r.Min.Y + (y-minY)*s}
	}
	// A white margin, then the sea.
	L.rect(r.Min.X-3*k, r.Min.Y-3*k, r.Dx()+6*k, r.Dy()+6*k, &render.Style{Fill: color.NRGBA{255, 255, 255, 255}, Stroke: panelRim, Width: 0.8 * k})
	L.rect(r.Min.X, r.Min.Y, r.Dx(), r.Dy(), &render.Style{Fill: insetSea})

	var mali []orb.Geometry
	if l := cat.Layer("countries"); l != nil {
		for _, f := range l.Features {
			if f.Bound.Max[0] < insetBound.Min[0] || f.Bound.Min[0] > insetBound.Max[0] ||
				f.Bound.Max[1] < insetBound.Min[1] || f.Bound.Min[1] > insetBound.Max[1] {
				continue
			}
			if f.String("name_en") == "Mali" || f.String("iso_a3") == "MLI" {
				mali = append(mali, f.Geom)
				continue
			}
			if p := polygonPath(f.Geom, to, r); p != nil {
				L.s.Path(p, &render.Style{Fill: insetLand, FillRule: render.EvenOdd})
				L.s.Path(p, &render.Style{Stroke: insetBorder, Width: 0.5 * k, Join: render.RoundJoin})
			}
		}
	}
	if len(mali) == 0 {
		if l := cat.Layer("regions"); l != nil {
			for _, f := range l.Features {
				mali = append(mali, f.Geom)
			}
		}
	}
	for _, g := range mali {
		if p := polygonPath(g, to, r); p != nil {
			L.s.Path(p, &render.Style{Fill: insetMali, FillRule: render.EvenOdd})
			L.s.Path(p, &render.Style{Stroke: insetMaliRim, Width: 1 * k, Join: render.RoundJoin})
		}
	}
	// The main map's extent, at least a few pixels wide so it shows.
	a, b := to(orb.Point{extent.Min[0], extent.Max[1]}), to(orb.Point{extent.Max[0], extent.Min[1]})
	minSide := 5 * k
	if w := b.X - a.X; w < minSide {
		a.X, b.X = a.X-(minSide-w)/2, b.X+(minSide-w)/2
	}
	if h := b.Y - a.Y; h < minSide {
		a.Y, b.Y = a.Y-(minSide-h)/2, b.Y+(minSide-h)/2
	}
	ext := clipRing([]render.Point{a, {X: b.X, Y: a.Y}, b, {X: a.X, Y: b.Y}}, r)
	if len(ext) >= 3 {
		p := render.Path{Closed: true, Sub: [][]render.Point{ext}}
		L.s.Path(&p, &render.Style{Stroke: insetExtent, Width: 1.6 * k, Join: render.MiterJoin})
	}
	L.rect(r.Min.X, r.Min.Y, r.Dx(), r.Dy(), &render.Style{Stroke: panelRim, Width: 0.8 * k})
}

// polygonPath projects the rings of a polygonal geometry with to and clips
// them to r; nil when nothing is left.
func polygonPath(g orb.Geometry, to func(orb.Point) render.Point, r render.Rect) *render.Path {
	var polys []orb.Polygon
	switch g := g.(type) {
	case orb.Polygon:
		polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		polys = g
	default:
		return nil
	}
	p := &render.Path{Closed: true}
	for _, poly := range polys {
		for _, ring := range poly {
			pts := make([]render.Point, 0, len(ring))
			for _, q := range ring {
				pts = append(pts, to(q))
			}
			if c := clipRing(pts, r); len(c) >= 3 {
				p.Sub = append(p.Sub, c)
			}
		}
	}
	if len(p.Sub) == 0 {
		return nil
	}
	return p
}

// clipRing clips a closed ring to the rectangle r (Sutherland–Hodgman).
func clipRing(pts []render.Point, r render.Rect) []render.Point {
	type edge struct {
		inside func(render.Point) bool
		cut    func(a, b render.Point) render.Point
	}
	atX := func(a, b render.Point, x float64) render.Point {
		t := (x - a.X) / (b.X - a.X)
		return render.Point{X: x, Y: a.Y + t*(b.Y-a.Y)}
	}
	atY := func(a, b render.Point, y float64) render.Point {
		t := (y - a.Y) / (b.Y - a.Y)
		return render.Point{X: a.X + t*(b.X-a.X), Y: y}
	}
	edges := []edge{
		{func(p render.Point) bool { return p.X >= r.Min.X }, func(a, b render.Point) render.Point { return atX(a, b, r.Min.X) }},
		{func(p render.Point) bool { return p.X <= r.Max.X }, func(a, b render.Point) render.Point { return atX(a, b, r.Max.X) }},
		{func(p render.Point) bool { return p.Y >= r.Min.Y }, func(a, b render.Point) render.Point { return atY(a, b, r.Min.Y) }},
		{func(p render.Point) bool { return p.Y <= r.Max.Y }, func(a, b render.Point) render.Point { return atY(a, b, r.Max.Y) }},
	}
	out := pts
	for _, e := range edges {
		in := out
		out = nil
		n := len(in)
		for i := 0; i < n; i++ {
			cur, prev := in[i], in[(i+n-1)%n]
			ci, pi := e.inside(cur), e.inside(prev)
			if ci {
				if !pi {
					out = append(out, e.cut(prev, cur))
				}
				out = append(out, cur)
			} else if pi {
				out = append(out, e.cut(prev, cur))
			}
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}
