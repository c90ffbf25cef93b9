// Package pngenc writes PNG files fast: a map is mostly flat colour, so the
// encoder picks one filter per row from a cheap estimate (not all five, as
// image/png does even at BestSpeed), and filters and deflates horizontal
// strips of rows on every core at once, with its own deflate for filtered
// rows (deflate.go: runs and one dynamic Huffman table per strip, after
// fpng). The strips' deflate streams are byte-aligned (sync-flushed) and
// concatenated into one zlib stream, as pigz does.
//
// The output decodes to the same pixels as image/png's: an *image.RGBA
// (premultiplied) is written as 8-bit RGB when every pixel is opaque, else
// as 8-bit non-premultiplied RGBA. Other image types go to image/png.
package pngenc

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"runtime"
	"sync"
)

// PNG filter types used.
const (
	ftSub   = 1
	ftUp    = 2
	ftPaeth = 4
)

// stripRows is the height of the strips deflated independently: large enough
// that a Huffman table per strip costs little, small enough that the cores
// finish together (34 strips for 1080 rows).
const stripRows = 32

// Encode writes img to w as PNG; dpi > 0 adds a pHYs chunk (pixels per metre).
func Encode(w io.Writer, img image.Image, dpi float64) error {
	m, ok := img.(*image.RGBA)
	if !ok || m.Rect.Empty() {
		return encodeStd(w, img, dpi)
	}
	opaque := isOpaque(m)
	bpp := 4
	ctype := byte(6) // RGBA
	if opaque {
		bpp, ctype = 3, 2 // RGB
	}
	width, height := m.Rect.Dx(), m.Rect.Dy()

	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.Write([]byte("\x89PNG\r\n\x1a\n")); err != nil {
		return err
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8] = 8 // bit depth
	ihdr[9] = ctype
	if err := writeChunk(bw, "IHDR", ihdr[:]); err != nil {
		return err
	}
	if dpi > 0 {
		ppm := uint32(dpi/0.0254 + 0.5)
		var phys [9]byte
		binary.BigEndian.PutUint32(phys[0:], ppm)
		binary.BigEndian.PutUint32(phys[4:], ppm)
		phys[8] = 1 // unit: metre
		if err := writeChunk(bw, "pHYs", phys[:]); err != nil {
			return err
		}
	}

	// Filter and deflate the strips in parallel; write them in order.
	ns := (height + stripRows - 1) / stripRows
	type strip struct {
		data  []byte // deflate stream piece
		adler uint32 // Adler-32 of the strip's filtered bytes
		n     int    // filtered bytes
		done  chan struct{}
	}
	strips := make([]strip, ns)
	for i := range strips {
		strips[i].done = make(chan struct{})
	}
	// Spare output buffers: a written piece's buffer serves a later strip.
	free := make(chan []byte, ns)
	workers := min(runtime.GOMAXPROCS(0), ns)
	var next sync.Mutex
	k := 0
	for range workers {
		go func() {
			e := getStripEncoder(width, bpp)
			defer encoderPool.Put(e)
			for {
				next.Lock()
				i := k
				k++
				next.Unlock()
				if i >= ns {
					return
				}
				y0 := m.Rect.Min.Y + i*stripRows
				y1 := min(y0+stripRows, m.Rect.Max.Y)
				s := &strips[i]
				var buf []byte
				select {
				case buf = <-free:
				default:
					if p, ok := piecePool.Get().(*[]byte); ok {
						buf = (*p)[:0]
					} else {
						buf = make([]byte, 0, (y1-y0)*(width*bpp+1)/2)
					}
				}
				if i == 0 {
					// zlib header: deflate, 32K window, no dictionary, fastest level.
					buf = append(buf, 0x78, 0x01)
				}
				s.data, s.adler, s.n = e.encode(m, y0, y1, i == ns-1, buf)
				close(s.done)
			}
		}()
	}
	var adler uint32 = 1
	var werr error
	for i := range strips {
		s := &strips[i]
		<-s.done
		if werr != nil {
			continue // let the workers finish
		}
		piece := s.data
		adler = adler32Combine(adler, s.adler, s.n)
		if i == ns-1 {
			var tail [4]byte
			binary.BigEndian.PutUint32(tail[:], adler)
			piece = append(piece, tail[:]...)
		}
		werr = writeChunk(bw, "IDAT", piece)
		free <- piece[:0]
	}
	// Every strip is done: no worker takes a buffer any more.
	for len(free) > 0 {
		b := <-free
		piecePool.Put(&b)
	}
	if werr != nil {
		return werr
	}
	if err := writeChunk(bw, "IEND", nil); err != nil {
		return err
	}
	return bw.Flush()
}

// isOpaque reports whether every pixel of m has alpha 255 (as m.Opaque,
// eight bytes at a time).
func isOpaque(m *image.RGBA) bool {
	const alpha2 = 0xff000000ff000000
	w := m.Rect.Dx() * 4
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		o := m.PixOffset(m.Rect.Min.X, y)
		p := m.Pix[o : o+w]
		acc := uint64(alpha2)
		for len(p) >= 32 {
			acc &= binary.LittleEndian.Uint64(p) & binary.LittleEndian.Uint64(p[8:]) &
				binary.LittleEndian.Uint64(p[16:]) & binary.LittleEndian.Uint64(p[24:])
			p = p[32:]
		}
		for ; len(p) >= 4; p = p[4:] {
			if p[3] != 0xff {
				return false
			}
		}
		if acc&alpha2 != alpha2 {
			return false
		}
	}
	return true
}

// encodeStd writes img with image/png (fastest level) and a pHYs chunk.
func encodeStd(w io.Writer, img image.Image, dpi float64) error {
	pr, pw := io.Pipe()
	go func() {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		pw.CloseWithError(enc.Encode(pw, img))
	}()
	defer pr.Close()
	// Copy the signature and IHDR, add pHYs, copy the rest.
	const ihdrEnd = 8 + 25
	head := make([]byte, ihdrEnd)
	if _, err := io.ReadFull(pr, head); err != nil {
		return err
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	if dpi > 0 {
		ppm := uint32(dpi/0.0254 + 0.5)
		var phys [9]byte
		binary.BigEndian.PutUint32(phys[0:], ppm)
		binary.BigEndian.PutUint32(phys[4:], ppm)
		phys[8] = 1
		if err := writeChunk(w, "pHYs", phys[:]); err != nil {
			return err
		}
	}
	_, err := io.Copy(w, pr)
	return err
}

func writeChunk(w io.Writer, name string, data []byte) error {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], name)
	crc := crc32.NewIEEE()
	crc.Write(head[4:8])
	crc.Write(data)
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc.Sum32())
	if _, err := w.Write(head[:]); err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	_, err := w.Write(tail[:])
	return err
}

// adler32Combine returns the Adler-32 of A‖B from adler(A), adler(B) and
// len(B) (as zlib's adler32_combine).
func adler32Combine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint32(len2 % base)
	sum1 := a1 & 0xffff
	sum2 := (rem * sum1) % base
	sum1 += (a2 & 0xffff) + base - 1
	sum2 += (a1 >> 16) + (a2 >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}

// stripEncoder filters and deflates strips of rows, reusing its buffers.
type stripEncoder struct {
	bpp       int
	prev, cur []byte // unfiltered rows (without the filter byte)
	filtered  []byte
	d         deflater
}

// Strip encoders and output pieces are kept between calls: an export runs
// in a process that holds the whole scene, where a few megabytes of fresh
// buffers per call would wake the garbage collector to mark it all.
var encoderPool, piecePool sync.Pool

// getStripEncoder returns a strip encoder for rows of width pixels of bpp
// bytes, from the pool if it has one.
func getStripEncoder(width, bpp int) *stripEncoder {
	n := width * bpp
	e, ok := encoderPool.Get().(*stripEncoder)
	if !ok {
		e = new(stripEncoder)
	}
	e.bpp = bpp
	if cap(e.prev) < n || cap(e.cur) < n {
		e.prev, e.cur = make([]byte, n), make([]byte, n)
	}
	e.prev, e.cur = e.prev[:n], e.cur[:n]
	return e
}

// encode appends to buf the deflate piece of rows [y0, y1) of m (the last
// piece is final, the others end on a sync flush) and returns it, with the
// Adler-32 and length of the filtered bytes.
func (e *stripEncoder) encode(m *image.RGBA, y0, y1 int, last bool, buf []byte) ([]byte, uint32, int) {
	n := len(e.cur)
	size := (y1 - y0) * (n + 1)
	if cap(e.filtered) < size {
		e.filtered = make([]byte, size)
	}
	f := e.filtered[:size]
	if y0 > m.Rect.Min.Y {
		e.row(m, y0-1, e.prev)
	} else {
		clear(e.prev)
	}
	for y, o := y0, 0; y < y1; y, o = y+1, o+n+1 {
		e.row(m, y, e.cur)
		e.filter(f[o : o+n+1 : o+n+1])
		e.prev, e.cur = e.cur, e.prev
	}
	return e.d.compress(buf, f, last), adler32Sum(f), len(f)
}

// row converts row y of m to the PNG pixel bytes: RGB, or RGBA with the
// alpha divided out (as image/png does).
func (e *stripEncoder) row(m *image.RGBA, y int, dst []byte) {
	o := m.PixOffset(m.Rect.Min.X, y)
	src := m.Pix[o : o+m.Rect.Dx()*4]
	if e.bpp == 3 {
		// Four pixels at a time: 16 bytes in, 12 out.
		d := dst
		for len(src) >= 16 && len(d) >= 12 {
			x0 := binary.LittleEndian.Uint64(src)
			x1 := binary.LittleEndian.Uint64(src[8:])
			binary.LittleEndian.PutUint64(d, x0&0xffffff|x0>>32&0xffffff<<24|x1<<48)
			binary.LittleEndian.PutUint32(d[8:], uint32(x1>>16&0xff|x1>>32<<8))
			src, d = src[16:], d[12:]
		}
		for len(src) >= 4 && len(d) >= 3 {
			d[0], d[1], d[2] = src[0], src[1], src[2]
			src, d = src[4:], d[3:]
		}
		return
	}
	const alpha2 = 0xff000000ff000000
	d := dst[:len(src)]
	for len(src) >= 8 && len(d) >= 8 {
		// Two pixels at a time: both opaque or both clear is the usual case.
		v := binary.LittleEndian.Uint64(src)
		switch v & alpha2 {
		case alpha2:
			binary.LittleEndian.PutUint64(d, v)
		case 0:
			binary.LittleEndian.PutUint64(d, 0)
		default:
			unpremul(d[0:4:4], src[0:4:4])
			unpremul(d[4:8:8], src[4:8:8])
		}
		src, d = src[8:], d[8:]
	}
	if len(src) >= 4 && len(d) >= 4 {
		unpremul(d[:4:4], src[:4:4])
	}
}

// unpremul writes the non-premultiplied RGBA of premultiplied pixel s to d.
func unpremul(d, s []byte) {
	switch a := uint32(s[3]); a {
	case 0:
		d[0], d[1], d[2], d[3] = 0, 0, 0, 0
	case 255:
		d[0], d[1], d[2], d[3] = s[0], s[1], s[2], 255
	default:
		// image/png: color.NRGBAModel on the 16-bit premultiplied value.
		a16 := a * 0x101
		d[0] = uint8((uint32(s[0]) * 0x101 * 0xffff / a16) >> 8)
		d[1] = uint8((uint32(s[1]) * 0x101 * 0xffff / a16) >> 8)
		d[2] = uint8((uint32(s[2]) * 0x101 * 0xffff / a16) >> 8)
		d[3] = uint8(a)
	}
}

// filter writes the filtered current row to out (filter byte first). Rows of
// a map are mostly flat runs or repeats of the row above: a row equal to the
// one above is Up (all zeros); otherwise Up, Sub or Paeth by the smallest
// sum of absolute differences (the usual heuristic), estimated on a sample
// of the row, and only the chosen filter is computed. Paeth is for the
// relief shading (3 % smaller files on a basemap export, for a quarter more
// CPU); Average and None, with the same heuristic, made the files larger.
func (e *stripEncoder) filter(out []byte) {
	cur, prev, bpp := e.cur, e.prev, e.bpp
	n := len(cur)
	if bytes.Equal(cur, prev) {
		out[0] = ftUp
		clear(out[1:])
		return
	}
	// The estimate: 8 bytes at a time, on every sampleStep-th 8 bytes.
	var sUp, sSub, sPaeth uint64
	for i := bpp; i+8 <= n; i += 8 * sampleStep {
		x := binary.LittleEndian.Uint64(cur[i:])
		a := binary.LittleEndian.Uint64(cur[i-bpp:])
		b := binary.LittleEndian.Uint64(prev[i:])
		sUp += sad8(x, b)
		sSub += sad8(x, a)
		sPaeth += sad8(x, paethFast(a, b, binary.LittleEndian.Uint64(prev[i-bpp:])))
	}
	switch {
	case sUp <= sSub && sUp <= sPaeth:
		out[0] = ftUp
		subBytes(out[1:], cur, prev)
	case sSub <= sPaeth:
		out[0] = ftSub
		copy(out[1:1+bpp], cur[:bpp])
		subBytes(out[1+bpp:], cur[bpp:], cur[:n-bpp])
	default:
		out[0] = ftPaeth
		paethRow(out[1:], cur, prev, bpp)
	}
}

// paethRow writes the Paeth-filtered row cur (prev above it) to dst.
func paethRow(dst, cur, prev []byte, bpp int) {
	n := len(cur)
	dst, prev = dst[:n], prev[:n]
	// The first pixel has no left neighbours: its predictor is the byte
	// above.
	subBytes(dst[:bpp], cur[:bpp], prev[:bpp])
	i := bpp
	for ; i+8 <= n; i += 8 {
		p := paethFast(binary.LittleEndian.Uint64(cur[i-bpp:]), binary.LittleEndian.Uint64(prev[i:]), binary.LittleEndian.Uint64(prev[i-bpp:]))
		binary.LittleEndian.PutUint64(dst[i:], bytesSub(binary.LittleEndian.Uint64(cur[i:]), p))
	}
	for ; i < n; i++ {
		dst[i] = cur[i] - paethRef(cur[i-bpp], prev[i], prev[i-bpp])
	}
}

// bytesSub returns the per-byte differences x[i] - y[i] (mod 256).
func bytesSub(x, y uint64) uint64 {
	const hi = 0x8080808080808080
	return ((x | hi) - (y &^ hi)) ^ ((x ^ ^y) & hi)
}

// paethRef is the Paeth predictor as the PNG specification writes it.
func paethRef(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// The filter estimate samples every sampleStep-th 8 bytes.
const sampleStep = 8

// subBytes sets dst[i] = a[i] - b[i] (mod 256), eight bytes at a time.
func subBytes(dst, a, b []byte) {
	n := len(dst)
	a, b = a[:n], b[:n]
	const hi = 0x8080808080808080
	for len(dst) >= 16 && len(a) >= 16 && len(b) >= 16 {
		x0, x1 := binary.LittleEndian.Uint64(a), binary.LittleEndian.Uint64(a[8:])
		y0, y1 := binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])
		// Per-byte subtraction without borrows across bytes.
		binary.LittleEndian.PutUint64(dst, ((x0|hi)-(y0&^hi))^((x0^^y0)&hi))
		binary.LittleEndian.PutUint64(dst[8:], ((x1|hi)-(y1&^hi))^((x1^^y1)&hi))
		dst, a, b = dst[16:], a[16:], b[16:]
	}
	for i := range dst {
		dst[i] = a[i] - b[i]
	}
}

// sad8 returns the sum over the 8 bytes of |int8(a[i] - b[i])|: the
// per-byte differences (mod 256) without borrows across bytes, their
// absolute values as signed bytes, then the horizontal sum.
func sad8(a, b uint64) uint64 {
	const hi, lo = 0x8080808080808080, 0x0101010101010101
	d := ((a | hi) - (b &^ hi)) ^ ((a ^ ^b) & hi)
	neg := (d & hi) >> 7 * 0xff // 0xff in the negative bytes
	d = (d ^ neg) + (neg & lo)  // two's complement per byte; -128 -> 128
	d = (d & 0x00ff00ff00ff00ff) + (d >> 8 & 0x00ff00ff00ff00ff)
	return d * 0x0001000100010001 >> 48
}

// paethFast is paeth8 with the usual cases of a map first: flat above
// (b = c) the predictor is a; flat at the left (a = c) it is b.
func paethFast(a, b, c uint64) uint64 {
	if b == c {
		return a
	}
	if a == c {
		return b
	}
	return paeth8(a, b, c)
}

// paeth8 returns the Paeth predictors (PNG filter 4) of eight bytes, given
// the bytes to their left (a), above (b) and above left (c), all eight at
// once. With p = a + b - c the predictor is whichever of a, b, c is closest
// to p (ties: a, then b), which comes to: when c is not strictly between a
// and b, the one of a and b farther from c (c <= min: the max; c >= max:
// the min); when it is, the max if the min is at most half as far from c as
// the max, the min if the max is at most half as far as the min, else c.
func paeth8(a, b, c uint64) uint64 {
	const lo7, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	mAB := mask8(ge8(a, b))
	mx := a&mAB | b&^mAB
	mn := b&mAB | a&^mAB
	lowC := ge8(mn, c)  // c <= min
	highC := ge8(c, mx) // c >= max
	// c outside [min, max] or on its ends.
	out := mx&mask8(lowC) | mn&mask8(highC&^lowC)
	dx := bytesSub(mx, c) // the distances, where c is between
	dn := bytesSub(c, mn)
	// 2·dn <= dx and 2·dx <= dn: half of one (< 128) against the other,
	// false where the other is >= 128, else a 7-bit comparison.
	useMx := mask8(((dx>>1&lo7 | hi) - dn&lo7) &^ dn & hi)
	useMn := mask8(((dn>>1&lo7|hi)-dx&lo7)&^dx&hi) &^ useMx
	between := mx&useMx | mn&useMn | c&^(useMx|useMn)
	mOut := mask8(lowC | highC)
	return out&mOut | between&^mOut
}

// ge8 returns the high bit of each byte set where x's byte >= y's
// (unsigned).
func ge8(x, y uint64) uint64 {
	const hi = 0x8080808080808080
	d := (x | hi) - (y &^ hi) // bit 7: x's low 7 bits >= y's
	return (x&^y | ^(x^y)&d) & hi
}

// mask8 widens the high bits of h's bytes to whole bytes.
func mask8(h uint64) uint64 { return h >> 7 * 0xff }
