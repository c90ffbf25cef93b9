//go:build !unix

package pngenc

// cpuNanos is unknown here: benchmarks report no CPU time.
func cpuNanos() int64 { return 0 }
