package layers

import (
	"container/heap"
	"errors"
	"math"
	"sync"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// RoadLayers are the basemap layers the road network is built from: the most
// detailed band of the main roads, the tertiary roads and the tracks.
var RoadLayers = []string{"roads@2", "roads-minor@1", "tracks@2"}

// RoadPath is a way along the road network between two places.
type RoadPath struct {
	Line   orb.LineString // from the snapped start to the snapped end
	Length float64        // metres along the roads
	// SnapA and SnapB are how far (metres) the two places are from the
	// road where the path starts and ends.
	SnapA, SnapB float64
	// Refs are the road references followed, in order, each once (RN16,
	// RN18…).
	Refs []string
}

// ErrNoRoad is returned when a place is too far from any road, or no road
// joins the two.
var ErrNoRoad = errors.New("no road joins the two places")

// RoadNetwork is a graph of the basemap's roads: vertices are the roads'
// points, edges the segments between them, with the breaks of the source data
// (a road whose class or reference changes, an extract's edge) bridged where
// an end lies within gapMetres of another road.
type RoadNetwork struct {
	pts  []orb.Point
	adj  [][]roadEdge
	refs []string // reference of each edge's road, by edge id
	grid map[[2]int32][]int32
	comp []int32 // connected component of each vertex: no way between two
}

type roadEdge struct {
	to  int32
	len float32 // metres
	ref int32   // index in refs; -1: none
}

const (
	roadCell  = 0.02  // degrees: the grid of vertices for snapping
	gapMetres = 300.0 // ends this close to another road are joined to it
	// MaxSnapMetres is how far from a road a place may be to start a path.
	MaxSnapMetres = 20000.0
)

var (
	roadNet    *RoadNetwork
	roadNetCat *Catalog
	roadNetMu  sync.Mutex
)

// Roads returns the catalogue's road network, built on first use (a few
// hundred milliseconds) from RoadLayers.
func (c *Catalog) Roads() *RoadNetwork {
	roadNetMu.Lock()
	defer roadNetMu.Unlock()
	if roadNet != nil && roadNetCat == c {
		return roadNet
	}
	var ls []*Layer
	for _, id := range RoadLayers {
		if l := c.Layer(id); l != nil {
			ls = append(ls, l)
		}
	}
	roadNet, roadNetCat = BuildRoadNetwork(ls), c
	return roadNet
}

// BuildRoadNetwork makes the graph of the lines of ls (property "ref" names
// a road).
func BuildRoadNetwork(ls []*Layer) *RoadNetwork {
	n := &RoadNetwork{grid: map[[2]int32][]int32{}}
	index := map[orb.Point]int32{}
	refIdx := map[string]int32{}
	node := func(p orb.Point) int32 {
		if i, ok := index[p]; ok {
			return i
		}
		i := int32(len(n.pts))
		index[p] = i
		n.pts = append(n.pts, p)
		n.adj = append(n.adj, nil)
		k := n.cell(p)
		n.grid[k] = append(n.grid[k], i)
		return i
	}
	link := func(a, b int32, ref int32) {
		if a == b {
			return
		}
		d := float32(orbgeo.Distance(n.pts[a], n.pts[b]))
		n.adj[a] = append(n.adj[a], roadEdge{b, d, ref})
		n.adj[b] = append(n.adj[b], roadEdge{a, d, ref})
	}
	var ends []int32
	for _, l := range ls {
		_ = l.Load()
		for _, f := range l.Features {
			ref := int32(-1)
			if s := f.String("ref"); s != "" {
				r, ok := refIdx[s]
				if !ok {
					r = int32(len(n.refs))
					refIdx[s] = r
					n.refs = append(n.refs, s)
				}
				ref = r
			}
			for _, line := range f.Lines() {
				if len(line) < 2 {
					continue
				}
				prev := node(line[0])
				ends = append(ends, prev)
				for _, p := range line[1:] {
					cur := node(p)
					link(prev, cur, ref)
					prev = cur
				}
				ends = append(ends, prev)
			}
		}
	}
	// Bridge the breaks: each line end to the nearest vertex of another
	// line within gapMetres (not its own neighbours).
	for _, e := range ends {
		best, bd := int32(-1), gapMetres
		n.near(n.pts[e], gapMetres, func(i int32) {
			if i == e || n.adjacent(e, i) {
				return
			}
			if d := orbgeo.Distance(n.pts[e], n.pts[i]); d < bd {
				best, bd = i, d
			}
		})
		if best >= 0 {
			link(e, best, -1)
		}
	}
	n.components()
	return n
}

// components labels each vertex with its connected component (a vertex's
// first discoverer), so that a way between two components is known not to
// exist without searching the whole of one.
func (n *RoadNetwork) components() {
	n.comp = make([]int32, len(n.pts))
	for i := range n.comp {
		n.comp[i] = -1
	}
	var stack []int32
	for i := range n.pts {
		if n.comp[i] >= 0 {
			continue
		}
		c := int32(i)
		n.comp[i] = c
		stack = append(stack[:0], c)
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, e := range n.adj[v] {
				if n.comp[e.to] < 0 {
					n.comp[e.to] = c
					stack = append(stack, e.to)
				}
			}
		}
	}
}

func (n *RoadNetwork) cell(p orb.Point) [2]int32 {
	return [2]int32{int32(math.Floor(p[0] / roadCell)), int32(math.Floor(p[1] / roadCell))}
}

func (n *RoadNetwork) adjacent(a, b int32) bool {
	for _, e := range n.adj[a] {
		if e.to == b {
			return true
		}
	}
	return false
}

// near calls fn with the vertices in the grid cells within r metres of p.
func (n *RoadNetwork) near(p orb.Point, r float64, fn func(int32)) {
	dLat := r / 111320
	dLon := dLat / math.Max(0.1, math.Cos(p[1]*math.Pi/180))
	c0 := n.cell(orb.Point{p[0] - dLon, p[1] - dLat})
	c1 := n.cell(orb.Point{p[0] + dLon, p[1] + dLat})
	for x := c0[0]; x <= c1[0]; x++ {
		for y := c0[1]; y <= c1[1]; y++ {
			for _, i := range n.grid[[2]int32{x, y}] {
				fn(i)
			}
		}
	}
}

// Snap returns the road vertex nearest p within max metres, and its
// distance; -1 when there is none.
func (n *RoadNetwork) Snap(p orb.Point, max float64) (int32, float64) {
	best, bd := int32(-1), max
	for r := 2000.0; ; r *= 2 {
		r = math.Min(r, max)
		n.near(p, r, func(i int32) {
			if d := orbgeo.Distance(p, n.pts[i]); d < bd {
				best, bd = i, d
			}
		})
		if best >= 0 || r >= max {
			return best, bd
		}
	}
}

// Path is the shortest way along the roads from a to b (each snapped to the
// nearest road vertex within MaxSnapMetres). It searches best first towards
// b (A*, the great-circle distance left as the estimate: never more than
// the road), and not at all when no road joins the two.
func (n *RoadNetwork) Path(a, b orb.Point) (RoadPath, error) {
	s, sa := n.Snap(a, MaxSnapMetres)
	t, sb := n.Snap(b, MaxSnapMetres)
	if s < 0 || t < 0 || (n.comp != nil && n.comp[s] != n.comp[t]) {
		return RoadPath{}, ErrNoRoad
	}
	// A slightly short estimate: the segments' lengths and the estimate
	// are both great-circle distances, rounded apart by float32.
	goal := n.pts[t]
	h := func(v int32) float64 { return orbgeo.Distance(n.pts[v], goal) * 0.999 }
	dist := map[int32]float64{s: 0}
	prev := map[int32]int32{}
	via := map[int32]int32{} // the ref of the edge that reached a vertex
	pq := &roadQueue{{s, h(s)}}
	done := map[int32]bool{}
	for pq.Len() > 0 {
		it := heap.Pop(pq).(roadItem)
		if done[it.v] {
			continue
		}
		done[it.v] = true
		if it.v == t {
			break
		}
		for _, e := range n.adj[it.v] {
			nd := dist[it.v] + float64(e.len)
			if d, ok := dist[e.to]; !ok || nd < d {
				dist[e.to] = nd
				prev[e.to] = it.v
				via[e.to] = e.ref
				heap.Push(pq, roadItem{e.to, nd + h(e.to)})
			}
		}
	}
	if !done[t] {
		return RoadPath{}, ErrNoRoad
	}
	var line orb.LineString
	var refs []string
	for v := t; ; v = prev[v] {
		line = append(line, n.pts[v])
		if r := via[v]; v != s && r >= 0 {
			if len(refs) == 0 || refs[len(refs)-1] != n.refs[r] {
				refs = append(refs, n.refs[r])
			}
		}
		if v == s {
			break
		}
	}
	for i, j := 0, len(line)-1; i < j; i, j = i+1, j-1 {
		line[i], line[j] = line[j], line[i]
	}
	for i, j := 0, len(refs)-1; i < j; i, j = i+1, j-1 {
		refs[i], refs[j] = refs[j], refs[i]
	}
	// Each reference once, in the order first met.
	seen := map[string]bool{}
	uniq := refs[:0]
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			uniq = append(uniq, r)
		}
	}
	return RoadPath{Line: line, Length: dist[t], SnapA: sa, SnapB: sb, Refs: uniq}, nil
}

type roadItem struct {
	v int32
	d float64 // the distance to v plus the estimate from v to the goal
}

type roadQueue []roadItem

func (q roadQueue) Len() int           { return len(q) }
func (q roadQueue) Less(i, j int) bool { return q[i].d < q[j].d }
func (q roadQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *roadQueue) Push(x any)        { *q = append(*q, x.(roadItem)) }
func (q *roadQueue) Pop() any          { old := *q; it := old[len(old)-1]; *q = old[:len(old)-1]; return it }
