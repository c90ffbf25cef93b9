package cli

import (
	"io"
	"syscall"
	"testing"
	"time"

	"maliatlas/events/synth"
)

// BenchmarkEventsStats1M is `maliatlas events stats FILE --by region` end
// to end (reading the file, importing, counting, writing) on one million
// synthetic ACLED rows.
func BenchmarkEventsStats1M(b *testing.B) {
	path := writeSynth(b, b.TempDir(), "synthetic-acled-1m.csv", synth.Options{Format: synth.ACLED, N: 1_000_000, Seed: 7})
	b.ResetTimer()
	cpu := cpuNow()
	for b.Loop() {
		if code := Main([]string{"events", "stats", path, "--by", "region", "--format", "tsv"}, io.Discard, io.Discard); code != 0 {
			b.Fatal("exit", code)
		}
	}
	b.ReportMetric(float64(cpuNow()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// cpuNow is the process's CPU time (user+system): on a shared machine the
// wall time (ns/op) also counts other programs' turns.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
