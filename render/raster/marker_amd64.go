//go:build !purego

package raster

// SSE2 is part of every amd64 processor.
const useSSE2 = true

// blendFlatSSE2 is blendFlatGo with SSE2, two pixels per step (marker_amd64.s).
// Every pixel of the lists must lie inside pix (blendRows checks).
//
//go:noescape
func blendFlatSSE2(pix []byte, base int, opaque []opaquePx, pairs, single []blendPx)

// blitRowSSE2 is BlitRow with SSE2 for len(src) a multiple of 16 bytes
// (marker_amd64.s); len(dst) must be at least len(src).
//
//go:noescape
func blitRowSSE2(dst, src []byte)
