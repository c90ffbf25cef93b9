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
