package mapframe

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time so far. The benchmarks
// report it per frame besides the wall time: on a shared, loaded machine the
// wall time measures the other processes too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU milliseconds per op since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
