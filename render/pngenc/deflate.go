package pngenc

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// A special-purpose deflate for filtered PNG rows, after fpng
// (github.com/richgel999/fpng) and zlib's Z_RLE strategy: a map's filtered
// rows are mostly runs (flat colour, rows repeating the one above: zeros;
// grey relief shading: the same small difference in R, G and B), and what
// is left (relief, antialiased edges) is close to noise that only entropy
// coding shrinks. So the only matches are runs, at distance 1, found eight
// bytes at a time; a strip becomes one dynamic-Huffman block built from its
// own symbol counts (two passes: find the runs and count, then write), with
// a 64-bit bit buffer.
//
// Matches at the pixel's distance (bpp), one row up (stride) or found by a
// small hash of 4 bytes at every pixel, fpng's candidates, were tried: on
// the bench map and two basemap exports they made the files 0.3–3 % larger
// than runs alone (a distance code and up to 13 extra bits for a match a
// few bytes longer than the run) and cost more time. A hash of 8 bytes at
// the places the run search visits, matches of 8 bytes or more, made them
// 0.5–2 % smaller (text-heavy maps the most) for 9 % more CPU: not kept.

const (
	maxMatch  = 258
	maxCodeLn = 15
)

// Token words: a literal run is its length (bit 31 clear); a match is
// 1<<31 | (length-3)<<15 | (distance-1).
const tokMatch = 1 << 31

type deflater struct {
	toks     []uint32
	litFreq  [286]uint32
	distFreq [30]uint32
	out      []byte

	litLen  [286]uint8
	litCode [286]uint16
	dstLen  [30]uint8
	dstCode [30]uint16
	// lenEnc[l-3]: the length symbol's code with its extra bits above it;
	// lenBits[l-3] their total bit count.
	lenEnc  [256]uint32
	lenBits [256]uint8
}

// Length and distance symbols: base values and extra bits (RFC 1951 3.2.5).
var (
	lenBase   = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lenExtra  = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase  = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}

	lenSym        [256]uint8 // length-3 → length symbol - 257
	distSymLo     [256]uint8 // distance-1 < 256 → distance symbol
	distSymHi     [256]uint8 // (distance-1)>>7 for larger ones
	codeLenOrder  = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
	maxOutPerByte = 2 // output bytes per input byte, at most (15-bit codes)
)

func init() {
	for s := range 28 {
		for l := int(lenBase[s]); l < int(lenBase[s])+1<<lenExtra[s] && l <= 258; l++ {
			lenSym[l-3] = uint8(s)
		}
	}
	lenSym[255] = 28 // 258 has its own symbol
	for s := range 30 {
		for d := int(distBase[s]); d < int(distBase[s])+1<<distExtra[s]; d++ {
			if d-1 < 256 {
				distSymLo[d-1] = uint8(s)
			} else {
				distSymHi[(d-1)>>7] = uint8(s)
			}
		}
	}
}

func distSym(d1 uint32) uint32 { // d1 = distance-1
	if d1 < 256 {
		return uint32(distSymLo[d1])
	}
	return uint32(distSymHi[d1>>7])
}

// runLen returns how many bytes from f[p:] equal f[p-1], at most max
// (p+max <= len(f)), sixteen bytes at a time.
func runLen(f []byte, p, max int) int {
	v := uint64(f[p-1]) * 0x0101010101010101
	q := f[p : p+max]
	n := 0
	for len(q) >= 16 {
		if x := binary.LittleEndian.Uint64(q) ^ v; x != 0 {
			return n + bits.TrailingZeros64(x)>>3
		}
		if x := binary.LittleEndian.Uint64(q[8:]) ^ v; x != 0 {
			return n + 8 + bits.TrailingZeros64(x)>>3
		}
		q = q[16:]
		n += 16
	}
	for _, b := range q {
		if b != byte(v) {
			break
		}
		n++
	}
	return n
}

// compress appends to dst one deflate block holding f, final or followed
// by an empty stored block so that the piece ends on a byte boundary.
func (d *deflater) compress(dst, f []byte, final bool) []byte {
	d.tokens(f)
	need := len(dst) + len(f)*maxOutPerByte + 2048
	if cap(d.out) < need {
		d.out = make([]byte, need)
	}
	d.out = d.out[:cap(d.out)]
	o := copy(d.out, dst)
	w := bitWriter{out: d.out, o: o}
	d.writeBlock(&w, f, final)
	if !final {
		// Sync flush: an empty stored block, then byte-aligned.
		w.put(0, 3)
		w.align()
		w.out[w.o], w.out[w.o+1], w.out[w.o+2], w.out[w.o+3] = 0, 0, 0xff, 0xff
		w.o += 4
	} else {
		w.align()
	}
	return append(dst[:0], d.out[:w.o]...)
}

// tokens finds the runs of f (a byte repeated: a match at distance 1 of
// at least 3 bytes) and counts the symbols.
func (d *deflater) tokens(f []byte) {
	const (
		lo7   = 0x7f7f7f7f7f7f7f7f
		hi    = 0x8080808080808080
		head  = 0x0000008080808080 // the bytes where a run can start
		pairs = 0x0080808080808080 // the bytes of y that compare two bytes of f
	)
	var hist [4][256]uint32
	toks := d.toks[:0]
	clear(d.litFreq[:])
	clear(d.distFreq[:])
	n := len(f)
	runs := 0
	lit := 0 // first byte not yet in a token
	j := 1   // where the search for a run goes on
	for j+7 <= n {
		// Byte k of y is zero where f[j-1+k] == f[j+k]; a run starts at
		// j+k when bytes k, k+1 and k+2 are zero (k <= 4).
		x := binary.LittleEndian.Uint64(f[j-1:])
		y := x ^ x>>8
		z := ^((y&lo7 + lo7) | y) & hi // high bit of the zero bytes
		t := z & (z >> 8) & (z >> 16) & head
		if t == 0 {
			// No run starts at j..j+4; none can before the pair after the
			// last unequal one of the seven known (at least one of bytes
			// 2..6 is unequal).
			j += (71 - bits.LeadingZeros64(^z&pairs)) >> 3
			continue
		}
		p := j + bits.TrailingZeros64(t)>>3
		l := 3 + runLen(f, p+3, min(maxMatch, n-p)-3)
		if p > lit {
			countLits(&hist, f[lit:p])
			toks = append(toks, uint32(p-lit))
		}
		toks = append(toks, tokMatch|uint32(l-3)<<15)
		d.litFreq[257+int(lenSym[l-3])]++
		runs++
		lit = p + l
		j = lit
	}
	if lit < n {
		countLits(&hist, f[lit:])
		toks = append(toks, uint32(n-lit))
	}
	for b := range 256 {
		d.litFreq[b] += hist[0][b] + hist[1][b] + hist[2][b] + hist[3][b]
	}
	d.distFreq[0] = uint32(runs)
	d.litFreq[256]++
	d.toks = toks
}

// countLits adds the bytes of p to the histograms (four, so that repeated
// bytes do not wait on each other's increments).
func countLits(h *[4][256]uint32, p []byte) {
	for len(p) >= 4 {
		h[0][p[0]]++
		h[1][p[1]]++
		h[2][p[2]]++
		h[3][p[3]]++
		p = p[4:]
	}
	for _, b := range p {
		h[0][b]++
	}
}

// bitWriter writes LSB-first bits into out (which has 8 bytes to spare
// beyond what is written).
type bitWriter struct {
	out   []byte
	o     int
	bits  uint64
	nbits uint
}

// put adds the low n bits of v (n + w.nbits <= 64 after a flush: n <= 56).
func (w *bitWriter) put(v uint64, n uint) {
	w.bits |= v << w.nbits
	w.nbits += n
	w.flush()
}

// flush writes the whole bytes; at most 7 bits stay.
func (w *bitWriter) flush() {
	binary.LittleEndian.PutUint64(w.out[w.o:], w.bits)
	k := w.nbits >> 3
	w.o += int(k)
	w.bits >>= k << 3
	w.nbits &= 7
}

func (w *bitWriter) align() {
	if w.nbits > 0 {
		w.nbits = 8
		w.flush()
	}
}

// writeBlock writes the dynamic block of the tokens found.
func (d *deflater) writeBlock(w *bitWriter, f []byte, final bool) {
	buildLengths(d.litFreq[:], d.litLen[:], maxCodeLn)
	buildLengths(d.distFreq[:], d.dstLen[:], maxCodeLn)
	canonical(d.litLen[:], d.litCode[:])
	canonical(d.dstLen[:], d.dstCode[:])
	for l := range 256 {
		s := lenSym[l]
		c := uint32(d.litCode[257+int(s)])
		cl := d.litLen[257+int(s)]
		d.lenEnc[l] = c | uint32(l+3-int(lenBase[s]))<<cl
		d.lenBits[l] = cl + lenExtra[s]
	}

	// Header: code lengths, run-length coded with the code length code.
	nlit := 286
	for nlit > 257 && d.litLen[nlit-1] == 0 {
		nlit--
	}
	ndist := 30
	for ndist > 1 && d.dstLen[ndist-1] == 0 {
		ndist--
	}
	var lens [286 + 30]uint8
	copy(lens[:], d.litLen[:nlit])
	copy(lens[nlit:], d.dstLen[:ndist])
	var rle [286 + 30]uint16 // symbol | extra value << 5
	nr := 0
	var clFreq [19]uint32
	// emit adds code length code sym with its extra bits' value.
	emit := func(sym uint8, extra int) {
		rle[nr] = uint16(sym) | uint16(extra)<<5
		nr++
		clFreq[sym]++
	}
	all := lens[:nlit+ndist]
	for i := 0; i < len(all); {
		v := all[i]
		j := i + 1
		for j < len(all) && all[j] == v {
			j++
		}
		run := j - i
		i = j
		if v == 0 {
			for run >= 11 {
				r := min(run, 138)
				emit(18, r-11)
				run -= r
			}
			if run >= 3 {
				emit(17, run-3)
				run = 0
			}
		} else {
			emit(v, 0)
			run--
			for run >= 3 {
				r := min(run, 6)
				emit(16, r-3)
				run -= r
			}
		}
		for ; run > 0; run-- {
			emit(v, 0)
		}
	}
	var clLen [19]uint8
	var clCode [19]uint16
	buildLengths(clFreq[:], clLen[:], 7)
	canonical(clLen[:], clCode[:])
	ncl := 19
	for ncl > 4 && clLen[codeLenOrder[ncl-1]] == 0 {
		ncl--
	}
	fin := uint64(0)
	if final {
		fin = 1
	}
	w.put(fin|2<<1|uint64(nlit-257)<<3|uint64(ndist-1)<<8|uint64(ncl-4)<<13, 17)
	for _, s := range codeLenOrder[:ncl] {
		w.put(uint64(clLen[s]), 3)
	}
	for _, r := range rle[:nr] {
		s := r & 31
		v := uint64(clCode[s])
		n := uint(clLen[s])
		switch s {
		case 16:
			v |= uint64(r>>5) << n
			n += 2
		case 17:
			v |= uint64(r>>5) << n
			n += 3
		case 18:
			v |= uint64(r>>5) << n
			n += 7
		}
		w.put(v, n)
	}

	// The data.
	var lit [256]uint32 // code | length << 16
	for b := range 256 {
		lit[b] = uint32(d.litCode[b]) | uint32(d.litLen[b])<<16
	}
	w.o, w.bits, w.nbits = d.writeData(w.out, w.o, w.bits, w.nbits, f, &lit)
	w.put(uint64(d.litCode[256]), uint(d.litLen[256]))
}

// canonical sets the deflate codes (bit-reversed, to be written LSB first)
// for the code lengths lens.
func canonical(lens []uint8, codes []uint16) {
	var count [maxCodeLn + 1]uint16
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	var next [maxCodeLn + 1]uint16
	code := uint16(0)
	for l := 1; l <= maxCodeLn; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	for s, l := range lens {
		if l == 0 {
			codes[s] = 0
			continue
		}
		c := next[l]
		next[l]++
		codes[s] = bits.Reverse16(c) >> (16 - l)
	}
}

// buildLengths sets lens to Huffman code lengths for freq, none longer than
// maxLen (Moffat and Katajainen's in-place algorithm, then the lengths
// limited as miniz does). Unused symbols get 0. At least two symbols get a
// code (a complete code, which every inflater accepts).
func buildLengths(freq []uint32, lens []uint8, maxLen int) {
	type sf struct{ key, sym uint32 }
	var buf [286]sf
	a := buf[:0]
	for s, f := range freq {
		if f > 0 {
			a = append(a, sf{f, uint32(s)})
		}
	}
	for s := 0; len(a) < 2; s++ {
		if freq[s] == 0 {
			a = append(a, sf{1, uint32(s)})
		}
	}
	clear(lens)
	slices.SortFunc(a, func(x, y sf) int {
		if x.key != y.key {
			if x.key < y.key {
				return -1
			}
			return 1
		}
		return int(x.sym) - int(y.sym)
	})
	n := len(a)
	// Moffat–Katajainen: the keys become the code lengths, in place.
	a[0].key += a[1].key
	root, leaf := 0, 2
	for next := 1; next < n-1; next++ {
		if leaf >= n || a[root].key < a[leaf].key {
			a[next].key = a[root].key
			a[root].key = uint32(next)
			root++
		} else {
			a[next].key = a[leaf].key
			leaf++
		}
		if leaf >= n || (root < next && a[root].key < a[leaf].key) {
			a[next].key += a[root].key
			a[root].key = uint32(next)
			root++
		} else {
			a[next].key += a[leaf].key
			leaf++
		}
	}
	a[n-2].key = 0
	for next := n - 3; next >= 0; next-- {
		a[next].key = a[a[next].key].key + 1
	}
	avbl, used, dpth := 1, 0, 0
	root, next := n-2, n-1
	for avbl > 0 {
		for root >= 0 && int(a[root].key) == dpth {
			used++
			root--
		}
		for avbl > used {
			a[next].key = uint32(dpth)
			next--
			avbl--
		}
		avbl = 2 * used
		dpth++
		used = 0
	}
	// Count the codes of each length, limit them to maxLen.
	var num [64]int
	for _, x := range a {
		num[min(int(x.key), 63)]++
	}
	for l := maxLen + 1; l < 64; l++ {
		num[maxLen] += num[l]
	}
	total := uint32(0)
	for l := maxLen; l > 0; l-- {
		total += uint32(num[l]) << (maxLen - l)
	}
	for total != 1<<maxLen {
		num[maxLen]--
		for l := maxLen - 1; l > 0; l-- {
			if num[l] != 0 {
				num[l]--
				num[l+1] += 2
				break
			}
		}
		total--
	}
	// The most frequent symbols get the shortest codes.
	j := n
	for l := 1; l <= maxLen; l++ {
		for k := num[l]; k > 0; k-- {
			j--
			lens[a[j].sym] = uint8(l)
		}
	}
}

// writeData writes the tokens' codes (the literals from f) after the bits
// acc (nb of them) at out[o:], and returns the new state. out has room for
// 15 bits per input byte (checked per token, as a safeguard).
func (d *deflater) writeData(out []byte, o int, acc uint64, nb uint, f []byte, lit *[256]uint32) (int, uint64, uint) {
	p := 0
	for _, t := range d.toks {
		if o+64 > len(out) {
			panic("pngenc: deflate output buffer too small")
		}
		if t&tokMatch != 0 {
			l := t >> 15 & 0xff
			d1 := t & 0x7fff
			acc |= uint64(d.lenEnc[l]) << (nb & 63)
			nb += uint(d.lenBits[l])
			s := distSym(d1)
			v := uint64(d.dstCode[s]) | uint64(d1+1-uint32(distBase[s]))<<(d.dstLen[s]&63)
			acc |= v << (nb & 63)
			nb += uint(d.dstLen[s] + distExtra[s])
			p += int(l) + 3
		} else {
			ls := f[p : p+int(t)]
			p += int(t)
			if o+len(ls)*2+64 > len(out) {
				panic("pngenc: deflate output buffer too small")
			}
			for len(ls) >= 3 {
				a, b, c := lit[ls[0]], lit[ls[1]], lit[ls[2]]
				acc |= uint64(a&0xffff) << (nb & 63)
				nb += uint(a >> 16)
				acc |= uint64(b&0xffff) << (nb & 63)
				nb += uint(b >> 16)
				acc |= uint64(c&0xffff) << (nb & 63)
				nb += uint(c >> 16)
				binary.LittleEndian.PutUint64(out[o:], acc)
				o += int(nb >> 3)
				acc >>= nb & 56
				nb &= 7
				ls = ls[3:]
			}
			for _, x := range ls {
				a := lit[x]
				acc |= uint64(a&0xffff) << (nb & 63)
				nb += uint(a >> 16)
			}
		}
		binary.LittleEndian.PutUint64(out[o:], acc)
		o += int(nb >> 3)
		acc >>= nb & 56
		nb &= 7
	}
	return o, acc, nb
}
