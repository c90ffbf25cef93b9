//go:build !purego

package raster

import "unsafe"

// flushRowsSSE2 is the flush of a thin pen's rows with SSE2, four pixels
// per step (thin_amd64.s); see thinPen.flush for what the caller checks.
//
//go:noescape
func flushRowsSSE2(cov, pix []byte, rows, xmin, xmax []int32, w, stride int, tab *flushTab) (ok bool)

// stripRowsSSE2 is strip's walk over its rows with SSE2 scalar arithmetic
// (thin_amd64.s), j's fields at the offsets checked below.
//
//go:noescape
func stripRowsSSE2(j *stripJob)

// The kernels read stripJob and flushTab at fixed offsets: these fail to compile if a
// field moves.
var (
	_ [unsafe.Offsetof(stripJob{}.kx) - 80]struct{}
	_ [80 - unsafe.Offsetof(stripJob{}.kx)]struct{}
	_ [unsafe.Offsetof(stripJob{}.cov) - 104]struct{}
	_ [104 - unsafe.Offsetof(stripJob{}.cov)]struct{}
	_ [unsafe.Offsetof(stripJob{}.nrows) - 168]struct{}
	_ [168 - unsafe.Offsetof(stripJob{}.nrows)]struct{}
	_ [unsafe.Offsetof(flushTab{}.steps) - 4096]struct{}
	_ [4096 - unsafe.Offsetof(flushTab{}.steps)]struct{}
)
