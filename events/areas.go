package events

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"maliatlas/geo"
)

// Area is a named polygon events are counted in (a region, a cercle).
type Area struct {
	Name string
	Geom orb.Geometry // Polygon or MultiPolygon
}

// AreaIndex finds the area containing a point quickly: a grid of cells
// over the areas' extent knows, for each cell no area boundary crosses,
// which area covers it (worked out once per row of cells by a scanline);
// only points in cells a boundary crosses are tested exactly with
// geo.Contains. A point on a border shared by two areas counts in the first
// of them in the list.
type AreaIndex struct {
	Areas []Area

	minX, minY, cell float64
	nx, ny           int
	cells            []int32 // area, -1 none, -2 a boundary crosses the cell
	index            *geo.Index

	// For cells a boundary crosses: the edges in the cell and, for each
	// area with edges there, whether the cell's centre is inside it.
	cellEdges map[int32][]cellEdge
	centre    map[int32][]areaAt
	centreOf  []int32 // the scanline's area at each cell's centre
}

// cellEdge is one boundary edge of an area, listed in a cell it crosses.
type cellEdge struct {
	a, b orb.Point
	area int32
}

// areaAt says whether a cell's centre is inside an area.
type areaAt struct {
	area   int32
	inside bool
}

// cellDeg is the size of a grid cell in degrees (about 5.5 km).
const cellDeg = 0.05

// NewAreaIndex prepares areas for lookups.
func NewAreaIndex(areas []Area) *AreaIndex {
	ai := &AreaIndex{Areas: areas, cell: cellDeg}
	if len(areas) == 0 {
		return ai
	}
	bounds := make([]orb.Bound, len(areas))
	b := areas[0].Geom.Bound()
	for i, a := range areas {
		bounds[i] = a.Geom.Bound()
		b = b.Union(bounds[i])
	}
	ai.index = geo.BuildIndex(bounds)
	ai.minX, ai.minY = b.Min[0], b.Min[1]
	ai.nx = int(math.Ceil((b.Max[0]-b.Min[0])/ai.cell)) + 1
	ai.ny = int(math.Ceil((b.Max[1]-b.Min[1])/ai.cell)) + 1
	ai.cells = make([]int32, ai.nx*ai.ny)
	for i := range ai.cells {
		ai.cells[i] = -1
	}
	type edge struct {
		a, b orb.Point
		area int32
	}
	var edges []edge
	eachRing := func(g orb.Geometry, fn func(orb.Ring)) {
		switch g := g.(type) {
		case orb.Polygon:
			for _, r := range g {
				fn(r)
			}
		case orb.MultiPolygon:
			for _, p := range g {
				for _, r := range p {
					fn(r)
				}
			}
		}
	}
	for k, a := range areas {
		eachRing(a.Geom, func(r orb.Ring) {
			for i := range r {
				p, q := r[i], r[(i+1)%len(r)]
				if p != q {
					edges = append(edges, edge{p, q, int32(k)})
				}
			}
		})
	}
	// Cells that a boundary edge may cross: samples along the edge every
	// half cell, each marking its cell and the eight around it (a segment
	// between two samples cannot leave those). Long straight borders (the
	// desert frontiers) mark a band, not their whole bounding box.
	boundary := make([]bool, len(ai.cells))
	ai.cellEdges = map[int32][]cellEdge{}
	for _, e := range edges {
		dx, dy := e.b[0]-e.a[0], e.b[1]-e.a[1]
		steps := int(math.Ceil(math.Hypot(dx, dy)/(ai.cell/2))) + 1
		for k := 0; k <= steps; k++ {
			u := float64(k) / float64(steps)
			cx, cy := ai.cellOf(e.a[0]+u*dx, e.a[1]+u*dy)
			for y := max(cy-1, 0); y <= min(cy+1, ai.ny-1); y++ {
				for x := max(cx-1, 0); x <= min(cx+1, ai.nx-1); x++ {
					c := int32(y*ai.nx + x)
					boundary[c] = true
					if l := ai.cellEdges[c]; len(l) == 0 || l[len(l)-1].a != e.a || l[len(l)-1].b != e.b {
						ai.cellEdges[c] = append(l, cellEdge(e))
					}
				}
			}
		}
	}
	// Scanline through the centre of each row: the crossings of each
	// area's rings give the spans it covers (even–odd).
	type cross struct {
		x    float64
		area int32
	}
	var xs []cross
	for y := 0; y < ai.ny; y++ {
		cy := ai.minY + (float64(y)+0.5)*ai.cell
		xs = xs[:0]
		for _, e := range edges {
			if (e.a[1] > cy) != (e.b[1] > cy) {
				x := e.a[0] + (cy-e.a[1])*(e.b[0]-e.a[0])/(e.b[1]-e.a[1])
				xs = append(xs, cross{x, e.area})
			}
		}
		slices.SortFunc(xs, func(p, q cross) int {
			if c := cmp.Compare(p.area, q.area); c != 0 {
				return c
			}
			return cmp.Compare(p.x, q.x)
		})
		for i := 0; i+1 < len(xs); i += 2 {
			if xs[i].area != xs[i+1].area {
				i-- // an odd count (degenerate ring): resynchronise
				continue
			}
			// Cells whose centre lies in [x0, x1).
			x0 := int(math.Ceil((xs[i].x-ai.minX)/ai.cell - 0.5))
			x1 := int(math.Ceil((xs[i+1].x-ai.minX)/ai.cell - 0.5))
			for x := max(x0, 0); x < min(x1, ai.nx); x++ {
				if c := &ai.cells[y*ai.nx+x]; *c < 0 || xs[i].area < *c {
					*c = xs[i].area
				}
			}
		}
	}
	ai.centreOf = append([]int32(nil), ai.cells...)
	ai.centre = map[int32][]areaAt{}
	for i, bd := range boundary {
		if !bd {
			continue
		}
		ai.cells[i] = -2
		c := int32(i)
		cp := ai.cellCentre(c)
		var seen []int32
		for _, e := range ai.cellEdges[c] {
			if !slices.Contains(seen, e.area) {
				seen = append(seen, e.area)
				ai.centre[c] = append(ai.centre[c], areaAt{e.area, geo.Contains(areas[e.area].Geom, cp)})
			}
		}
	}
	return ai
}

func (ai *AreaIndex) cellCentre(c int32) orb.Point {
	x, y := int(c)%ai.nx, int(c)/ai.nx
	return orb.Point{ai.minX + (float64(x)+0.5)*ai.cell, ai.minY + (float64(y)+0.5)*ai.cell}
}

// orient is the sign of the turn a→b→c.
func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// findInCell decides a point in a boundary cell from the cell's centre:
// each edge of an area crossed on the way from the centre to p flips
// whether p is inside that area. ok is false for a degenerate case (the
// way touches a vertex or p lies on an edge): the caller tests exactly.
func (ai *AreaIndex) findInCell(c int32, p orb.Point) (area int, ok bool) {
	cp := ai.cellCentre(c)
	states := ai.centre[c]
	inside := make([]bool, len(states))
	for k, st := range states {
		inside[k] = st.inside
	}
	for _, e := range ai.cellEdges[c] {
		d1, d2 := orient(e.a, e.b, cp), orient(e.a, e.b, p)
		d3, d4 := orient(cp, p, e.a), orient(cp, p, e.b)
		if d1 == 0 || d2 == 0 || d3 == 0 || d4 == 0 {
			return -1, false
		}
		if (d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0) {
			for k := range states {
				if states[k].area == e.area {
					inside[k] = !inside[k]
				}
			}
		}
	}
	best := -1
	for k, st := range states {
		if inside[k] && (best < 0 || int(st.area) < best) {
			best = int(st.area)
		}
	}
	// An area with no edge in the cell and the centre inside covers it all.
	if ca := ai.centreOf[c]; ca >= 0 && (best < 0 || int(ca) < best) {
		covered := true
		for _, st := range states {
			if st.area == ca {
				covered = false
			}
		}
		if covered {
			best = int(ca)
		}
	}
	return best, true
}

func (ai *AreaIndex) cellOf(lon, lat float64) (int, int) {
	x := int((lon - ai.minX) / ai.cell)
	y := int((lat - ai.minY) / ai.cell)
	return max(0, min(x, ai.nx-1)), max(0, min(y, ai.ny-1))
}

// Find returns the index of the area containing p, or -1.
func (ai *AreaIndex) Find(p orb.Point) int {
	if ai.index == nil {
		return -1
	}
	fx, fy := (p[0]-ai.minX)/ai.cell, (p[1]-ai.minY)/ai.cell
	if fx < 0 || fy < 0 || fx >= float64(ai.nx) || fy >= float64(ai.ny) {
		return -1
	}
	ci := int32(int(fy)*ai.nx + int(fx))
	c := ai.cells[ci]
	if c != -2 {
		return int(c)
	}
	if a, ok := ai.findInCell(ci, p); ok {
		return a
	}
	best := -1
	ai.index.Search(orb.Bound{Min: p, Max: p}, func(id int) bool {
		if (best < 0 || id < best) && geo.Contains(ai.Areas[id].Geom, p) {
			best = id
		}
		return true
	})
	return best
}

// AreaCount is the events and their weight in one area.
type AreaCount struct {
	Name   string
	Events int
	Weight float64
}

// CountByArea counts the selected events in each area (in the areas'
// order) and those in none.
func (ai *AreaIndex) CountByArea(t *Table, sel []int32) (counts []AreaCount, outside AreaCount) {
	counts = make([]AreaCount, len(ai.Areas))
	for i, a := range ai.Areas {
		counts[i].Name = a.Name
	}
	outside.Name = "(outside every area)"
	for _, i := range sel {
		c := &outside
		if k := ai.Find(orb.Point{t.Lon[i], t.Lat[i]}); k >= 0 {
			c = &counts[k]
		}
		c.Events++
		c.Weight += float64(t.Weight[i])
	}
	return counts, outside
}
