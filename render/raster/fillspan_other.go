//go:build !amd64 || purego

package raster

func paintSpansSSE2(pix []byte, spans []paintSpan, word uint32) bool {
	panic("raster: no SSE2 fill runs on this architecture")
}

func sweepRowsAsm(j *sweepJob) { panic("raster: no assembly sweep on this architecture") }

func lineDenseAsm(j *lineJob, x1, y1, x2, y2 int) {
	panic("raster: no assembly edge walk on this architecture")
}

func paintSinglesSSE2(pix []byte, singles []paintSpan, word uint32) bool {
	panic("raster: no SSE2 fill pixels on this architecture")
}
