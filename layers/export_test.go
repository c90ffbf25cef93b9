package layers

import (
	"container/heap"
	"math"

	"github.com/paulmach/orb"
)

// ShortestByDijkstra is the length (metres) of the shortest way from a to b
// by a plain Dijkstra over the whole graph, the reference Path's search
// must agree with; +Inf when there is none.
func (n *RoadNetwork) ShortestByDijkstra(a, b orb.Point) float64 {
	s, _ := n.Snap(a, MaxSnapMetres)
	t, _ := n.Snap(b, MaxSnapMetres)
	if s < 0 || t < 0 {
		return math.Inf(1)
	}
	dist := make([]float64, len(n.pts))
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	dist[s] = 0
	pq := &roadQueue{{s, 0}}
	for pq.Len() > 0 {
		it := heap.Pop(pq).(roadItem)
		if it.d > dist[it.v] {
			continue
		}
		if it.v == t {
			return it.d
		}
		for _, e := range n.adj[it.v] {
			if nd := it.d + float64(e.len); nd < dist[e.to] {
				dist[e.to] = nd
				heap.Push(pq, roadItem{e.to, nd})
			}
		}
	}
	return math.Inf(1)
}
