package pngenc

import "encoding/binary"

// adler32Sum returns the Adler-32 of p (as hash/adler32.Checksum), eight
// bytes at a time. Over a block of n = 8K bytes b_i, with s1, s2 the sums
// before it:
//
//	s1 += Σ b_i
//	s2 += n·s1 + Σ (n-i)·b_i = n·s1 + 8·Σ_j (K-j)·w_j - Σ_k k·L_k
//
// where w_j is the sum of the bytes of word j and L_k the sum over the words
// of their byte k. L_k is kept in 16-bit lanes (bytes at even and odd
// positions apart), which cannot overflow in K ≤ 256 words.
func adler32Sum(p []byte) uint32 {
	const mod = 65521
	const m8 = 0x00ff00ff00ff00ff
	s1, s2 := uint64(1), uint64(0)
	for len(p) >= 8 {
		k := min(len(p)/8, 256)
		var ae, ao, s, t uint64
		for q := p[:8*k]; len(q) >= 16; q = q[16:] {
			w0 := binary.LittleEndian.Uint64(q)
			w1 := binary.LittleEndian.Uint64(q[8:])
			e0, o0 := w0&m8, w0>>8&m8
			e1, o1 := w1&m8, w1>>8&m8
			ae += e0 + e1
			ao += o0 + o1
			// t: Σ over the words of the byte sums of the earlier words;
			// s: the byte sums so far (the products add the four lanes).
			c0 := (e0 + o0) * 0x0001000100010001 >> 48
			c1 := (e1 + o1) * 0x0001000100010001 >> 48
			t += 2*s + c0
			s += c0 + c1
		}
		if k%2 == 1 {
			w := binary.LittleEndian.Uint64(p[8*k-8:])
			e, o := w&m8, w>>8&m8
			ae += e
			ao += o
			t += s
			s += (e + o) * 0x0001000100010001 >> 48
		}
		n := uint64(8 * k)
		var kl uint64 // Σ_k k·L_k
		for m := uint64(0); m < 4; m++ {
			kl += 2*m*(ae>>(16*m)&0xffff) + (2*m+1)*(ao>>(16*m)&0xffff)
		}
		s2 = (s2 + n*s1 + 8*(s+t) - kl) % mod
		s1 = (s1 + s) % mod
		p = p[8*k:]
	}
	for _, b := range p {
		s1 += uint64(b)
		s2 += s1
	}
	return uint32(s2%mod)<<16 | uint32(s1%mod)
}
