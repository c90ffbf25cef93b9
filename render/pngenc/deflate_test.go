package pngenc

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand"
	"testing"
)

// inflate decodes a raw deflate stream with compress/flate.
func inflate(t testing.TB, z []byte) []byte {
	t.Helper()
	r := flate.NewReader(bytes.NewReader(z))
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return out
}

// deflatePieces compresses the pieces of p cut at cuts as the encoder does
// (every piece but the last sync-flushed) and returns the concatenation.
func deflatePieces(p []byte, cuts ...int) []byte {
	var d deflater
	var z []byte
	from := 0
	for i := 0; i <= len(cuts); i++ {
		to := len(p)
		if i < len(cuts) {
			to = cuts[i]
		}
		z = append(z, d.compress(nil, p[from:to], i == len(cuts))...)
		from = to
	}
	return z
}

// TestDeflateRoundTrip: what compress writes inflates to its input, in one
// piece or several, for inputs that exercise the runs (long, at the ends,
// of exactly 3 bytes), incompressible bytes, a single symbol and
// frequencies skewed enough that the Huffman lengths must be limited.
func TestDeflateRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewSource(seed(t)))
	random := make([]byte, 100000)
	rnd.Read(random)
	runs := make([]byte, 0, 100000)
	for len(runs) < 100000 {
		b := byte(rnd.Intn(4))
		runs = append(runs, bytes.Repeat([]byte{b}, 1+rnd.Intn(600))...)
	}
	// Fibonacci frequencies over 40 symbols: an unlimited Huffman code
	// would be ~39 bits deep.
	var skewed []byte
	f0, f1 := 1, 1
	for s := 0; s < 26; s++ {
		for k := 0; k < f0; k++ {
			skewed = append(skewed, byte(s*7), byte(s*7+1))
		}
		f0, f1 = f1, f0+f1
	}
	rnd.Shuffle(len(skewed), func(i, j int) { skewed[i], skewed[j] = skewed[j], skewed[i] })
	cases := map[string][]byte{
		"empty":   {},
		"one":     {7},
		"three":   {5, 5, 5},
		"zeros":   make([]byte, 70000),
		"random":  random,
		"runs":    runs,
		"skewed":  skewed,
		"run end": append([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9}, 9, 9, 9),
		"run 3":   {1, 2, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
	}
	for name, p := range cases {
		for _, cuts := range [][]int{nil, {len(p) / 2}, {len(p) / 3, len(p) / 3, 2 * len(p) / 3}} {
			z := deflatePieces(p, cuts...)
			if got := inflate(t, z); !bytes.Equal(got, p) {
				t.Errorf("%s cut at %v: inflates to %d bytes, not the %d given", name, cuts, len(got), len(p))
			}
		}
	}
}

// TestBuildLengths: the code lengths are complete (Kraft sum exactly 1), no
// longer than the limit, and a more frequent symbol never has a longer
// code than a less frequent one.
func TestBuildLengths(t *testing.T) {
	rnd := rand.New(rand.NewSource(seed(t)))
	for k := 0; k < 2000; k++ {
		n := 2 + rnd.Intn(285)
		freq := make([]uint32, n)
		for s := range freq {
			switch k % 3 {
			case 0:
				freq[s] = uint32(rnd.Intn(1000))
			case 1:
				freq[s] = uint32(1) << uint(rnd.Intn(24)) // skewed
			default:
				if rnd.Intn(4) == 0 {
					freq[s] = uint32(rnd.Intn(3))
				}
			}
		}
		maxLen := 15
		if k%5 == 0 {
			maxLen = 7
			freq = freq[:min(n, 19)]
		}
		lens := make([]uint8, len(freq))
		buildLengths(freq, lens, maxLen)
		kraft, coded := 0.0, 0
		for s, l := range lens {
			if int(l) > maxLen {
				t.Fatalf("case %d: symbol %d has length %d > %d", k, s, l, maxLen)
			}
			if freq[s] > 0 && l == 0 {
				t.Fatalf("case %d: used symbol %d has no code", k, s)
			}
			if l > 0 {
				kraft += 1 / float64(uint64(1)<<l)
				coded++
			}
		}
		if coded >= 2 && kraft != 1 {
			t.Fatalf("case %d: Kraft sum %v, want 1", k, kraft)
		}
		for a := range freq {
			for b := range freq {
				if freq[a] > freq[b] && freq[b] > 0 && lens[a] > lens[b] {
					t.Fatalf("case %d: symbol %d (freq %d) has length %d > symbol %d's %d (freq %d)", k, a, freq[a], lens[a], b, lens[b], freq[b])
				}
			}
		}
	}
}

// FuzzDeflate: any bytes, cut anywhere into two pieces, inflate back to
// themselves.
func FuzzDeflate(f *testing.F) {
	f.Add([]byte{}, uint16(0))
	f.Add([]byte{1, 1, 1, 1, 1, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}, uint16(5))
	f.Add(bytes.Repeat([]byte{0, 0, 0, 9}, 200), uint16(301))
	f.Fuzz(func(t *testing.T, p []byte, cut uint16) {
		c := int(cut) % (len(p) + 1)
		for _, z := range [][]byte{deflatePieces(p), deflatePieces(p, c)} {
			if got := inflate(t, z); !bytes.Equal(got, p) {
				t.Fatalf("inflates to %d bytes, not the %d given", len(got), len(p))
			}
		}
	})
}
