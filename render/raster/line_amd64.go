//go:build !purego

package raster

import "unsafe"

// lineDenseAsm is rasterizer.line with hlineDense for the dense store, in
// assembly (line_amd64.s): see lineJob.
//
//go:noescape
func lineDenseAsm(j *lineJob, x1, y1, x2, y2 int)

// The kernel reads lineJob at fixed offsets: these fail to compile if a
// field moves.
var (
	_ [unsafe.Offsetof(lineJob{}.rowMin) - 64]struct{}
	_ [64 - unsafe.Offsetof(lineJob{}.rowMin)]struct{}
	_ [unsafe.Offsetof(lineJob{}.wrows) - 80]struct{}
	_ [80 - unsafe.Offsetof(lineJob{}.wrows)]struct{}
	_ [unsafe.Offsetof(lineJob{}.bad) - 88]struct{}
	_ [88 - unsafe.Offsetof(lineJob{}.bad)]struct{}
	_ [unsafe.Offsetof(lineJob{}.xlo) - 96]struct{}
	_ [96 - unsafe.Offsetof(lineJob{}.xlo)]struct{}
	_ [unsafe.Offsetof(lineJob{}.xhi) - 104]struct{}
	_ [104 - unsafe.Offsetof(lineJob{}.xhi)]struct{}
)
