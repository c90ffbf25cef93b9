package geo

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

func benchPoints(n int) []orb.Bound {
	rng := rand.New(rand.NewSource(1))
	bs := make([]orb.Bound, n)
	for i := range bs {
		p := orb.Point{-18 + 28*rng.Float64(), 4 + 23*rng.Float64()}
		bs[i] = orb.Bound{Min: p, Max: p}
	}
	return bs
}

// A hit test: 20,000 points, a box of about 10 px at zoom 7 (0.05°).
func benchmarkHitTest(b *testing.B, ix *Index) {
	rng := rand.New(rand.NewSource(2))
	queries := make([]orb.Bound, 1024)
	for i := range queries {
		p := orb.Point{-18 + 28*rng.Float64(), 4 + 23*rng.Float64()}
		queries[i] = orb.Bound{Min: p, Max: p}.Pad(0.025)
	}
	b.ReportAllocs()
	b.ResetTimer()
	hits := 0
	for i := 0; i < b.N; i++ {
		ix.Search(queries[i%len(queries)], func(int) bool { hits++; return true })
	}
	_ = hits
}

func BenchmarkIndexHitTestPacked20k(b *testing.B) {
	benchmarkHitTest(b, BuildIndex(benchPoints(20000)))
}

func BenchmarkBuildIndex20k(b *testing.B) {
	bs := benchPoints(20000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		BuildIndex(bs)
	}
}

// readBenchFile reads a file of ../../shared/bench, skipping the benchmark
// when it is absent.
func readBenchFile(b *testing.B, name string) []byte {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "bench", name))
	if err != nil {
		b.Skipf("no shared bench input: %v", err)
	}
	return data
}

func benchmarkRead(b *testing.B, names ...string) {
	var inputs [][]byte
	size := 0
	for _, n := range names {
		data := readBenchFile(b, n)
		inputs = append(inputs, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, data := range inputs {
			if _, err := ReadFeatureCollection(names[j], bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReadEvents reads the 3.1 MB file of 20,000 Point features.
func BenchmarkReadEvents(b *testing.B) { benchmarkRead(b, "events.geojson") }

// BenchmarkReadBenchScene reads the three inputs of the export benchmark
// (events, routes, zones: 3.9 MB); the target is under 60 ms per op.
func BenchmarkReadBenchScene(b *testing.B) {
	benchmarkRead(b, "events.geojson", "routes.geojson", "zones.geojson")
}
