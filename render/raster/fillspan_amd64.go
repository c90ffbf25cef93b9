//go:build !purego

package raster

import "unsafe"

// paintSpansSSE2 is paintSpansGo with SSE2 (fillspan_amd64.s) for a blender
// of scale 256 whose premultiplied colour is word: four pixels per step. A
// run reaching outside pix stops it with ok false (the runs before it are
// painted).
//
//go:noescape
func paintSpansSSE2(pix []byte, spans []paintSpan, word uint32) (ok bool)

// paintSinglesSSE2 is paintSpansSSE2 for runs of one pixel (their n is
// not read), with no branch per pixel.
//
//go:noescape
func paintSinglesSSE2(pix []byte, singles []paintSpan, word uint32) (ok bool)

// The kernel reads paintSpan at fixed offsets: these fail to compile if a
// field moves.
var (
	_ [unsafe.Sizeof(paintSpan{}) - 16]struct{}
	_ [16 - unsafe.Sizeof(paintSpan{})]struct{}
	_ [unsafe.Offsetof(paintSpan{}.n) - 8]struct{}
	_ [8 - unsafe.Offsetof(paintSpan{}.n)]struct{}
	_ [unsafe.Offsetof(paintSpan{}.a) - 12]struct{}
	_ [12 - unsafe.Offsetof(paintSpan{}.a)]struct{}
)

// sweepRowsAsm is the cell loop of sweepDenseBlend in assembly
// (fillspan_amd64.s): see sweepJob.
//
//go:noescape
func sweepRowsAsm(j *sweepJob)

var (
	_ [unsafe.Offsetof(sweepJob{}.n) - 24]struct{}
	_ [24 - unsafe.Offsetof(sweepJob{}.n)]struct{}
	_ [unsafe.Offsetof(sweepJob{}.cx1) - 64]struct{}
	_ [64 - unsafe.Offsetof(sweepJob{}.cx1)]struct{}
	_ [unsafe.Offsetof(sweepJob{}.evenOdd) - 88]struct{}
	_ [88 - unsafe.Offsetof(sweepJob{}.evenOdd)]struct{}
	_ [unsafe.Offsetof(sweepJob{}.bad) - 89]struct{}
	_ [89 - unsafe.Offsetof(sweepJob{}.bad)]struct{}
	_ [unsafe.Offsetof(sweepJob{}.pix) - 96]struct{}
	_ [96 - unsafe.Offsetof(sweepJob{}.pix)]struct{}
	_ [unsafe.Offsetof(sweepJob{}.wlo) - 104]struct{}
	_ [104 - unsafe.Offsetof(sweepJob{}.wlo)]struct{}
	_ [unsafe.Offsetof(sweepJob{}.wend) - 112]struct{}
	_ [112 - unsafe.Offsetof(sweepJob{}.wend)]struct{}
	_ [unsafe.Offsetof(sweepJob{}.singles) - 120]struct{}
	_ [120 - unsafe.Offsetof(sweepJob{}.singles)]struct{}
	_ [unsafe.Offsetof(sweepJob{}.ns) - 128]struct{}
	_ [128 - unsafe.Offsetof(sweepJob{}.ns)]struct{}
)
