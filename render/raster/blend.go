package raster

import (
	"encoding/binary"
	"image"
	"image/color"
)

// blender paints coverage onto an *image.RGBA (premultiplied) with one solid
// colour, source-over. Pixels are handled as little-endian uint32 words, two
// 8-bit channels per 16-bit lane (R,B and G,A), so one multiply blends two
// channels.
type blender struct {
	pix    []byte
	stride int
	ox, oy int // image origin (Rect.Min)

	rb, ga uint32 // premultiplied source, lanes 0x00BB00RR and 0x00AA00GG
	word   uint32 // the premultiplied source as a pixel word
	alpha  uint32 // premultiplied source alpha
	opaque bool
	scale  uint32 // coverage multiplier, 256 = 1
}

func newBlender(img *image.RGBA) blender {
	return blender{pix: img.Pix, stride: img.Stride, ox: img.Rect.Min.X, oy: img.Rect.Min.Y, scale: 256}
}

// premul packs c premultiplied into a pixel word.
func premul(c color.NRGBA) uint32 {
	a := uint32(c.A)
	r := div255(uint32(c.R) * a)
	g := div255(uint32(c.G) * a)
	b := div255(uint32(c.B) * a)
	return r | g<<8 | b<<16 | a<<24
}

// setColor selects the paint colour; scale (0..1] multiplies coverage (used
// for hairlines thinner than a pixel).
func (b *blender) setColor(c color.NRGBA, scale float64) {
	b.word = premul(c)
	b.rb = b.word & 0x00ff00ff
	b.ga = (b.word >> 8) & 0x00ff00ff
	b.alpha = uint32(c.A)
	b.scale = 256
	if scale < 1 {
		b.scale = uint32(scale*256 + 0.5)
	}
	b.opaque = c.A == 255 && b.scale == 256
}

func div255(x uint32) uint32 {
	x += 128
	return (x + x>>8) >> 8
}

// div255x2 divides both 16-bit lanes of v by 255, rounded.
func div255x2(v uint32) uint32 {
	v += 0x00800080
	return ((v + (v>>8)&0x00ff00ff) >> 8) & 0x00ff00ff
}

// over blends the premultiplied lanes (srb, sga) with inverse alpha inv onto d.
func over(d, srb, sga, inv uint32) uint32 {
	drb := d & 0x00ff00ff
	dga := (d >> 8) & 0x00ff00ff
	drb = srb + div255x2(drb*inv)
	dga = sga + div255x2(dga*inv)
	return drb | dga<<8
}

// A pixel word as four 16-bit lanes (R, B, G, A from the low end), so that
// one 64-bit multiply scales all channels.
func expand(p uint32) uint64 { return uint64(p&0x00ff00ff) | uint64(p&0xff00ff00)<<24 }

func pack(v uint64) uint32 { return uint32(v)&0x00ff00ff | uint32(v>>24)&0xff00ff00 }

// div255x4 divides the four lanes of v by 255, rounded (as div255x2).
func div255x4(v uint64) uint64 {
	v += 0x0080008000800080
	return ((v + (v>>8)&0x00ff00ff00ff00ff) >> 8) & 0x00ff00ff00ff00ff
}

func (b *blender) offset(y, x int) int {
	return (y-b.oy)*b.stride + (x-b.ox)*4
}

// pixel paints one pixel with coverage a (1..255).
func (b *blender) pixel(y, x int, a uint32) {
	if b.scale != 256 {
		a = (a * b.scale) >> 8
	}
	o := b.offset(y, x)
	p := b.pix[o : o+4 : o+4]
	if a == 255 && b.opaque {
		binary.LittleEndian.PutUint32(p, b.word)
		return
	}
	srb := div255x2(b.rb * a)
	sga := div255x2(b.ga * a)
	inv := 255 - sga>>16
	binary.LittleEndian.PutUint32(p, over(binary.LittleEndian.Uint32(p), srb, sga, inv))
}

// pixelAt is pixel at offset o of pix.
func (b *blender) pixelAt(o int, a uint32) {
	p := b.pix[o : o+4 : o+4]
	a = (a * b.scale) >> 8
	if a == 255 && b.opaque {
		binary.LittleEndian.PutUint32(p, b.word)
		return
	}
	// Four channels per 64-bit multiply (the same arithmetic as over).
	src := div255x4(expand(b.word) * uint64(a))
	inv := 255 - src>>48
	binary.LittleEndian.PutUint32(p, pack(src+div255x4(expand(binary.LittleEndian.Uint32(p))*inv)))
}

// span paints pixels [x0, x1) of row y with coverage a (1..255).
func (b *blender) span(y, x0, x1 int, a uint32) {
	b.spanAt(b.offset(y, x0), x1-x0, a)
}

// blendRun blends the premultiplied source lanes (srb, sga) with inverse
// alpha inv over every pixel of row: two pixels per 64-bit word, the R,B
// and G,A channels of both in 16-bit lanes (the same arithmetic, to the bit,
// as over). A translucent fill mostly lies over flat colour (other fills),
// so the last pair of pixels blended and its result are kept: the same pair
// again is a copy.
func blendRun(row []byte, srb, sga, inv uint32) {
	const m = 0x00ff00ff00ff00ff
	rb2 := uint64(srb) | uint64(srb)<<32
	ga2 := uint64(sga) | uint64(sga)<<32
	iv := uint64(inv)
	i := 0
	var last, res uint64
	if len(row) >= 8 {
		last = ^binary.LittleEndian.Uint64(row) // differs from the first pair
	}
	for ; i+8 <= len(row); i += 8 {
		p := row[i : i+8 : i+8]
		d := binary.LittleEndian.Uint64(p)
		if d != last {
			rb := rb2 + div255x4((d&m)*iv)
			ga := ga2 + div255x4((d>>8&m)*iv)
			last, res = d, rb&m|(ga&m)<<8
		}
		binary.LittleEndian.PutUint64(p, res)
	}
	if i+4 <= len(row) {
		p := row[i : i+4 : i+4]
		binary.LittleEndian.PutUint32(p, over(binary.LittleEndian.Uint32(p), srb, sga, inv))
	}
}

// paint blends coverage runs.
func (b *blender) paint(spans []covSpan) {
	for _, s := range spans {
		if s.x1-s.x0 == 1 {
			b.pixel(int(s.y), int(s.x0), s.a)
		} else {
			b.span(int(s.y), int(s.x0), int(s.x1), s.a)
		}
	}
}

// fillWord sets every pixel of row to w: 64-bit stores for spans up to 1 KiB
// (a call to memmove per doubling costs more there), doubling copies beyond.
func fillWord(row []byte, w uint32) {
	if len(row) <= 1024 {
		w2 := uint64(w) | uint64(w)<<32
		i := 0
		for ; i+32 <= len(row); i += 32 {
			p := row[i : i+32 : i+32]
			binary.LittleEndian.PutUint64(p[0:8], w2)
			binary.LittleEndian.PutUint64(p[8:16], w2)
			binary.LittleEndian.PutUint64(p[16:24], w2)
			binary.LittleEndian.PutUint64(p[24:32], w2)
		}
		for ; i+4 <= len(row); i += 4 {
			binary.LittleEndian.PutUint32(row[i:i+4:i+4], w)
		}
		return
	}
	binary.LittleEndian.PutUint32(row[0:4], w)
	for n := 4; n < len(row); n *= 2 {
		copy(row[n:], row[:n])
	}
}

// BlitRow composites premultiplied source pixels src onto dst (same length):
// source-over, two channels per 16-bit lane of a word (R,B and G,A).
func BlitRow(dst, src []byte) {
	dst = dst[:len(src)]
	if n := len(src) &^ 15; useSSE2 && n > 0 {
		blitRowSSE2(dst[:n], src[:n]) // four pixels at a time (marker_amd64.s)
		dst, src = dst[n:], src[n:]
	}
	blitRowGo(dst, src)
}

// blitRowGo is BlitRow in Go, a pixel at a time.
func blitRowGo(dst, src []byte) {
	dst = dst[:len(src)]
	for i := 0; i+4 <= len(src); i += 4 {
		s := binary.LittleEndian.Uint32(src[i : i+4 : i+4])
		sa := s >> 24
		if sa == 0 {
			continue
		}
		d := dst[i : i+4 : i+4]
		if sa == 255 {
			binary.LittleEndian.PutUint32(d, s)
			continue
		}
		binary.LittleEndian.PutUint32(d, over(binary.LittleEndian.Uint32(d), s&0x00ff00ff, (s>>8)&0x00ff00ff, 255-sa))
	}
}
