package events

import (
	"runtime"
	"testing"
	"time"
)

func kmEntries() int {
	n := 0
	kmCache.Range(func(_, _ any) bool { n++; return true })
	return n
}

// The coordinates worked out for a table go with the table: the cache does
// not keep tables alive.
func TestKmCacheLetsTablesGo(t *testing.T) {
	before := kmEntries()
	func() {
		tb := &Table{Lon: []float64{-1, 0, 1}, Lat: []float64{15, 16, 17}}
		x, _ := tb.km()
		if len(x) != 3 {
			t.Fatalf("km gave %d coordinates for 3 events", len(x))
		}
		if kmEntries() != before+1 {
			t.Fatalf("no cache entry for the table")
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for kmEntries() > before {
		if time.Now().After(deadline) {
			t.Fatalf("the cache still holds %d entries after the table was dropped", kmEntries()-before)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}
