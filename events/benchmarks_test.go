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

	"maliatlas/events/synth"
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
