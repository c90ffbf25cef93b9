//go:build !amd64 || purego

package raster

const useSSE2 = false

func blendFlatSSE2(pix []byte, base int, opaque []opaquePx, pairs, single []blendPx) {
	blendFlatGo(pix, base, opaque, pairs, single)
}

func blitRowSSE2(dst, src []byte) { blitRowGo(dst, src) }
