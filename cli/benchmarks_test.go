package cli

import (
	"io"
	"testing"

	"maliatlas/events/synth"
)

// BenchmarkEventsStats1M is `maliatlas events stats FILE --by region` end
// to end (reading the file, importing, counting, writing) on one million
// synthetic ACLED rows.
func BenchmarkEventsStats1M(b *testing.B) {
	path := writeSynth(b, b.TempDir(), "synthetic-acled-1m.csv", synth.Options{Format: synth.ACLED, N: 1_000_000, Seed: 7})
	b.ResetTimer()
	for b.Loop() {
		if code := Main([]string{"events", "stats", path, "--by", "region", "--format", "tsv"}, io.Discard, io.Discard); code != 0 {
			b.Fatal("exit", code)
		}
	}
}
