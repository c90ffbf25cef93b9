//go:build !amd64 || purego

package raster

func flushRowsSSE2(cov, pix []byte, rows, xmin, xmax []int32, w, stride int, tab *flushTab) bool {
	panic("raster: no SSE2 flush on this architecture")
}

func stripRowsSSE2(j *stripJob) { panic("raster: no SSE2 strip walk on this architecture") }
