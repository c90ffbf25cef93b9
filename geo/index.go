package geo

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// maxEntries is the fan-out of an Index node.
const maxEntries = 16

// Index is an R-tree of bounds with integer ids, for hit testing and
// culling, built at once with BuildIndex (a packed, sort-tile-recursive
// tree); the zero value is an empty index. It is not changed once built:
// concurrent Searches are fine.
type Index struct {
	root   *node
	height int // 1 when the root is a leaf
	count  int
}

type node struct {
	bounds []orb.Bound
	kids   []*node // nil in a leaf
	ids    []int   // leaves only
}

func (n *node) leaf() bool { return n.kids == nil }

// Len is the number of entries.
func (ix *Index) Len() int { return ix.count }

// Search calls fn with the id of every entry whose bound intersects b (edges
// touching count), in no particular order, until fn returns false.
func (ix *Index) Search(b orb.Bound, fn func(id int) bool) {
	if ix.root != nil {
		search(ix.root, b, fn)
	}
}

func intersects(a, b orb.Bound) bool {
	return a.Min[0] <= b.Max[0] && b.Min[0] <= a.Max[0] && a.Min[1] <= b.Max[1] && b.Min[1] <= a.Max[1]
}

func search(n *node, b orb.Bound, fn func(int) bool) bool {
	if n.leaf() {
		for i := range n.bounds {
			if intersects(n.bounds[i], b) && !fn(n.ids[i]) {
				return false
			}
		}
		return true
	}
	for i := range n.bounds {
		if intersects(n.bounds[i], b) && !search(n.kids[i], b, fn) {
			return false
		}
	}
	return true
}

func union(a, b orb.Bound) orb.Bound {
	return orb.Bound{
		Min: orb.Point{math.Min(a.Min[0], b.Min[0]), math.Min(a.Min[1], b.Min[1])},
		Max: orb.Point{math.Max(a.Max[0], b.Max[0]), math.Max(a.Max[1], b.Max[1])},
	}
}

func (n *node) cover() orb.Bound {
	c := n.bounds[0]
	for _, b := range n.bounds[1:] {
		c = union(c, b)
	}
	return c
}

// BuildIndex packs bounds into an Index with the sort-tile-recursive method;
// the id of bounds[i] is i.
func BuildIndex(bounds []orb.Bound) *Index {
	ix := &Index{count: len(bounds)}
	if len(bounds) == 0 {
		return ix
	}
	type entry struct {
		b      orb.Bound
		cx, cy float64 // centre (doubled)
		id     int
		kid    *node
	}
	mk := func(b orb.Bound, id int, kid *node) entry {
		return entry{b: b, cx: b.Min[0] + b.Max[0], cy: b.Min[1] + b.Max[1], id: id, kid: kid}
	}
	level := make([]entry, len(bounds))
	for i, b := range bounds {
		level[i] = mk(b, i, nil)
	}
	leaf := true
	for {
		ix.height++
		// Tile: sort by x, cut into vertical slices of s·M entries, sort
		// each slice by y and pack runs of M.
		nodes := (len(level) + maxEntries - 1) / maxEntries
		nSlices := int(math.Ceil(math.Sqrt(float64(nodes))))
		perSlice := nSlices * maxEntries
		slices.SortStableFunc(level, func(a, b entry) int { return cmp.Compare(a.cx, b.cx) })
		var next []entry
		for s := 0; s < len(level); s += perSlice {
			sl := level[s:min(s+perSlice, len(level))]
			slices.SortStableFunc(sl, func(a, b entry) int { return cmp.Compare(a.cy, b.cy) })
			for k := 0; k < len(sl); k += maxEntries {
				run := sl[k:min(k+maxEntries, len(sl))]
				n := &node{bounds: make([]orb.Bound, len(run))}
				if leaf {
					n.ids = make([]int, len(run))
				} else {
					n.kids = make([]*node, len(run))
				}
				for i, e := range run {
					n.bounds[i] = e.b
					if leaf {
						n.ids[i] = e.id
					} else {
						n.kids[i] = e.kid
					}
				}
				next = append(next, mk(n.cover(), 0, n))
			}
		}
		if len(next) == 1 {
			ix.root = next[0].kid
			return ix
		}
		level, leaf = next, false
	}
}
