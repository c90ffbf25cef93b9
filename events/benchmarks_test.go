package events

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"maliatlas/events/synth"
	"maliatlas/geo"
)

var (
	bigOnce sync.Once
	bigData []byte
	bigTab  *Table
)

// bigACLED is one million synthetic ACLED rows (generated once, in memory).
func bigACLED(b *testing.B) ([]byte, *Table) {
	bigOnce.Do(func() {
		var buf bytes.Buffer
		if err := synth.Write(&buf, synth.Options{Format: synth.ACLED, N: 1_000_000, Seed: 7}); err != nil {
			b.Fatal(err)
		}
		bigData = buf.Bytes()
		t, _, err := Read(context.Background(), "synthetic-acled-1m.csv", bigData, Options{})
		if err != nil {
			b.Fatal(err)
		}
		bigTab = t
	})
	return bigData, bigTab
}

// BenchmarkImport1M reads one million synthetic ACLED rows from a file.
func BenchmarkImport1M(b *testing.B) {
	data, _ := bigACLED(b)
	path := filepath.Join(b.TempDir(), "synthetic-acled-1m.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	cpu := startCPU()
	for b.Loop() {
		t, _, err := ReadFile(context.Background(), path, Options{})
		if err != nil || t.Len() != 1_000_000 {
			b.Fatal(err, t.Len())
		}
		b.ReportMetric(float64(t.MemoryBytes())/1e6, "MB-table")
	}
	cpu.report(b)
}

// cpuClock measures the process's CPU time (user+system): on a shared
// machine the wall time (ns/op) also counts the time other programs ran.
type cpuClock struct{ start time.Duration }

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock{cpuNow()} }

// report adds a cpu-ms/op metric.
func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(cpuNow()-c.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

var view1080 = geo.FitBound(orb.Bound{Min: orb.Point{-12.5, 10}, Max: orb.Point{4.5, 25}}, 1920, 1080, 1, 0)

// BenchmarkFilter1M selects a period and precise locations from 1M events.
func BenchmarkFilter1M(b *testing.B) {
	_, t := bigACLED(b)
	f := Filter{From: DayOf(2020, 1, 1), To: DayOf(2022, 12, 31), PreciseOnly: true}
	cpu := startCPU()
	for b.Loop() {
		f.Select(t)
	}
	cpu.report(b)
}

// BenchmarkHexBin1M bins 1M events into 25 km hexagons.
func BenchmarkHexBin1M(b *testing.B) {
	_, t := bigACLED(b)
	sel := All(t)
	t.km()
	cpu := startCPU()
	for b.Loop() {
		if _, err := HexBin(t, sel, 25); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkKDE1M is the density of 1M events for a 1920×1080 view (4 px
// cells over the view and a view of margin each side, 25 km kernel).
func BenchmarkKDE1M(b *testing.B) {
	_, t := bigACLED(b)
	sel := All(t)
	cpu := startCPU()
	for b.Loop() {
		if _, err := KDE(t, sel, view1080, 25, 4, false); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkClusters1M groups 1M events for a 1920×1080 view.
func BenchmarkClusters1M(b *testing.B) {
	_, t := bigACLED(b)
	sel := All(t)
	cpu := startCPU()
	for b.Loop() {
		Clusters(t, sel, view1080, 56)
	}
	cpu.report(b)
}
