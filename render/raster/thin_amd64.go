//go:build !purego

package raster

// flushRowsSSE2 is the flush of a thin pen's rows with SSE2, four pixels
// per step (thin_amd64.s); see thinPen.flush for what the caller checks.
//
//go:noescape
func flushRowsSSE2(cov, pix []byte, rows, xmin, xmax []int32, w, stride int, tab *flushTab) (ok bool)
