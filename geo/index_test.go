package geo

import (
	"fmt"
	"math/rand"
	"sort"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/internal/testutil"
)

// checkIndex verifies the R-tree invariants: each entry bound of an inner
// node is exactly the cover of its child, all leaves are at the same depth,
// no node is empty or over-full, and the entry count matches Len.
func checkIndex(t *testing.T, ix *Index) {
	t.Helper()
	if ix.root == nil {
		if ix.count != 0 {
			t.Fatalf("nil root with Len %d", ix.count)
		}
		return
	}
	var count int
	var walk func(n *node, depth int) error
	walk = func(n *node, depth int) error {
		if len(n.bounds) == 0 || len(n.bounds) > maxEntries {
			return fmt.Errorf("node with %d entries at depth %d", len(n.bounds), depth)
		}
		if n.leaf() {
			if depth != ix.height {
				return fmt.Errorf("leaf at depth %d, height %d", depth, ix.height)
			}
			if len(n.ids) != len(n.bounds) {
				return fmt.Errorf("leaf with %d ids for %d bounds", len(n.ids), len(n.bounds))
			}
			count += len(n.bounds)
			return nil
		}
		if len(n.kids) != len(n.bounds) {
			return fmt.Errorf("inner node with %d kids for %d bounds", len(n.kids), len(n.bounds))
		}
		for i, k := range n.kids {
			c := k.cover()
			pb := n.bounds[i]
			for _, b := range k.bounds {
				if !pb.Contains(b.Min) || !pb.Contains(b.Max) {
					return fmt.Errorf("child bound %v outside parent %v at depth %d", b, pb, depth)
				}
			}
			if c != pb {
				return fmt.Errorf("parent bound %v is not the cover %v of its child", pb, c)
			}
			if err := walk(k, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(ix.root, 1); err != nil {
		t.Fatal(err)
	}
	if count != ix.Len() {
		t.Fatalf("%d entries in the tree, Len %d", count, ix.Len())
	}
}

func randomBounds(rng *rand.Rand, n int) []orb.Bound {
	bs := make([]orb.Bound, n)
	for i := range bs {
		x, y := -18+28*rng.Float64(), 4+23*rng.Float64()
		w, h := 0.0, 0.0
		if rng.Intn(3) > 0 { // a third are points
			w, h = rng.Float64()*rng.Float64()*3, rng.Float64()*rng.Float64()*3
		}
		bs[i] = orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}
	}
	return bs
}

func collect(ix *Index, q orb.Bound) []int {
	var got []int
	ix.Search(q, func(id int) bool { got = append(got, id); return true })
	sort.Ints(got)
	return got
}

func brute(bs []orb.Bound, q orb.Bound) []int {
	var want []int
	for i, b := range bs {
		if intersects(b, q) {
			want = append(want, i)
		}
	}
	return want
}

func TestIndexAgainstBruteForce(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 300, 5000} {
		rng := rand.New(rand.NewSource(testutil.Seed(t, int64(n)+7)))
		bs := randomBounds(rng, n)
		packed := BuildIndex(bs)
		checkIndex(t, packed)
		for name, ix := range map[string]*Index{"packed": packed} {
			if ix.Len() != n {
				t.Fatalf("%s: Len %d, want %d", name, ix.Len(), n)
			}
			for q := 0; q < 200; q++ {
				qb := randomBounds(rng, 1)[0]
				if q%2 == 0 {
					qb = qb.Pad(rng.Float64() * 4)
				}
				got, want := collect(ix, qb), brute(bs, qb)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("%s n=%d query %v: got %v, want %v", name, n, qb, got, want)
				}
			}
		}
	}
}

func TestIndexSearchStops(t *testing.T) {
	rng := rand.New(rand.NewSource(testutil.Seed(t, 5)))
	ix := BuildIndex(randomBounds(rng, 2000))
	calls := 0
	ix.Search(orb.Bound{Min: orb.Point{-20, 0}, Max: orb.Point{20, 30}}, func(int) bool {
		calls++
		return calls < 3
	})
	if calls != 3 {
		t.Fatalf("search went on after fn returned false: %d calls", calls)
	}
}
