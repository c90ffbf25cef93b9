package pngenc

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"os"
	"strconv"
	"testing"
)

// seed is SEED from the environment, else a fixed one; tests print it.
func seed(t testing.TB) int64 {
	s := int64(20261130)
	if v := os.Getenv("SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("SEED=%q: %v", v, err)
		}
		s = n
	}
	t.Logf("SEED=%d", s)
	return s
}

// mapLike draws flat rectangles, lines and dots (some translucent) on img:
// long runs, repeated rows and sharp edges, as a map has.
func mapLike(img *image.RGBA, rnd *rand.Rand, opaque bool) {
	b := img.Rect
	bg := color.RGBA{216, 230, 239, 255}
	if !opaque {
		bg = color.RGBA{0, 0, 0, 0}
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			img.SetRGBA(x, y, bg)
		}
	}
	for i := 0; i < 40; i++ {
		x0, y0 := b.Min.X+rnd.Intn(b.Dx()), b.Min.Y+rnd.Intn(b.Dy())
		x1, y1 := min(x0+rnd.Intn(b.Dx()/2+1), b.Max.X), min(y0+rnd.Intn(b.Dy()/2+1), b.Max.Y)
		a := uint8(255)
		if !opaque && rnd.Intn(2) == 0 {
			a = uint8(rnd.Intn(255))
		}
		c := color.NRGBA{uint8(rnd.Intn(256)), uint8(rnd.Intn(256)), uint8(rnd.Intn(256)), a}
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.Set(x, y, c)
			}
		}
	}
	for i := 0; i < b.Dx()*b.Dy()/50; i++ {
		a := uint8(255)
		if !opaque {
			a = uint8(rnd.Intn(256))
		}
		img.Set(b.Min.X+rnd.Intn(b.Dx()), b.Min.Y+rnd.Intn(b.Dy()), color.NRGBA{uint8(rnd.Intn(256)), 40, 90, a})
	}
}

func decode(t *testing.T, data []byte) image.Image {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return m
}

// TestSamePixelsAsImagePNG: what Encode writes decodes to exactly the pixels
// image/png's output decodes to, opaque (RGB) or not (RGBA), for sizes
// around the strip height and an image whose origin is not (0, 0).
func TestSamePixelsAsImagePNG(t *testing.T) {
	rnd := rand.New(rand.NewSource(seed(t)))
	rects := []image.Rectangle{
		image.Rect(0, 0, 1, 1), image.Rect(0, 0, 17, 3), image.Rect(0, 0, 200, stripRows),
		image.Rect(0, 0, 131, stripRows+1), image.Rect(0, 0, 320, 3*stripRows+7), image.Rect(-5, 9, 90, 150),
	}
	for _, r := range rects {
		for _, opaque := range []bool{true, false} {
			img := image.NewRGBA(r)
			mapLike(img, rnd, opaque)
			var ours, std bytes.Buffer
			if err := Encode(&ours, img, 0); err != nil {
				t.Fatal(err)
			}
			if err := png.Encode(&std, img); err != nil {
				t.Fatal(err)
			}
			a, b := decode(t, ours.Bytes()), decode(t, std.Bytes())
			if a.ColorModel() != b.ColorModel() {
				t.Errorf("%v opaque=%v: colour model differs from image/png's", r, opaque)
			}
			if a.Bounds().Size() != b.Bounds().Size() {
				t.Fatalf("%v: size %v, want %v", r, a.Bounds().Size(), b.Bounds().Size())
			}
			ab, bb := a.Bounds(), b.Bounds()
			for y := 0; y < ab.Dy(); y++ {
				for x := 0; x < ab.Dx(); x++ {
					if ca, cb := a.At(ab.Min.X+x, ab.Min.Y+y), b.At(bb.Min.X+x, bb.Min.Y+y); ca != cb {
						t.Fatalf("%v opaque=%v: pixel (%d,%d) = %v, image/png gives %v", r, opaque, x, y, ca, cb)
					}
				}
			}
		}
	}
}

// TestDPIChunk: a pHYs chunk records the dpi in pixels per metre.
func TestDPIChunk(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 10, 10))
	for _, enc := range []struct {
		name string
		img  image.Image
	}{{"rgba", img}, {"gray (image/png path)", image.NewGray(image.Rect(0, 0, 10, 10))}} {
		var buf bytes.Buffer
		if err := Encode(&buf, enc.img, 300); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		i := bytes.Index(b, []byte("pHYs"))
		if i < 0 {
			t.Fatalf("%s: no pHYs chunk", enc.name)
		}
		if got := uint32(b[i+4])<<24 | uint32(b[i+5])<<16 | uint32(b[i+6])<<8 | uint32(b[i+7]); got != 11811 {
			t.Errorf("%s: %d pixels per metre, want 11811 (300 dpi)", enc.name, got)
		}
		decode(t, b)
	}
}

// TestAdler32Combine: combining the checksums of two pieces gives the
// checksum of the whole, for lengths around the modulus.
func TestAdler32Combine(t *testing.T) {
	rnd := rand.New(rand.NewSource(seed(t)))
	for _, n := range []int{0, 1, 100, 65520, 65521, 65522, 200000} {
		a := make([]byte, rnd.Intn(1000))
		b := make([]byte, n)
		rnd.Read(a)
		rnd.Read(b)
		whole := adler32.Checksum(append(append([]byte(nil), a...), b...))
		if got := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), len(b)); got != whole {
			t.Errorf("len %d: combined %08x, want %08x", n, got, whole)
		}
	}
}

// TestSad8: the 8-bytes-at-a-time sum of absolute differences equals the
// byte-by-byte one, for random words and the edge values 0, 127, 128, 255.
func TestSad8(t *testing.T) {
	rnd := rand.New(rand.NewSource(seed(t)))
	edge := []byte{0, 1, 127, 128, 129, 255}
	for k := 0; k < 100000; k++ {
		var a, b [8]byte
		for i := range a {
			if k%2 == 0 {
				a[i], b[i] = edge[rnd.Intn(len(edge))], edge[rnd.Intn(len(edge))]
			} else {
				a[i], b[i] = byte(rnd.Intn(256)), byte(rnd.Intn(256))
			}
		}
		want := uint64(0)
		for i := range a {
			d := int(int8(a[i] - b[i]))
			if d < 0 {
				d = -d
			}
			want += uint64(d)
		}
		if got := sad8(binary.LittleEndian.Uint64(a[:]), binary.LittleEndian.Uint64(b[:])); got != want {
			t.Fatalf("sad8(%v, %v) = %d, want %d", a, b, got, want)
		}
	}
}

// TestAdler32Sum: the eight-bytes-at-a-time Adler-32 equals hash/adler32's
// for lengths around the block size and the modulus, on random bytes and on
// all-0xff bytes (the largest sums).
func TestAdler32Sum(t *testing.T) {
	rnd := rand.New(rand.NewSource(seed(t)))
	for _, n := range []int{0, 1, 7, 8, 9, 2047, 2048, 2049, 5552, 65521, 65536, 100003, 1 << 20} {
		for _, fill := range []string{"random", "0xff"} {
			p := make([]byte, n)
			if fill == "random" {
				rnd.Read(p)
			} else {
				for i := range p {
					p[i] = 0xff
				}
			}
			if got, want := adler32Sum(p), adler32.Checksum(p); got != want {
				t.Errorf("len %d %s: %08x, want %08x", n, fill, got, want)
			}
		}
	}
}

// FuzzEncode: for any pixels (premultiplied or not, so also invalid
// premultiplied values), size and origin, the file decodes with image/png to
// the pixels image/png's own file decodes to.
func FuzzEncode(f *testing.F) {
	f.Add([]byte{1, 2, 3, 255, 4, 5, 6, 255}, uint8(2), int8(0), int8(0))
	f.Add([]byte{0, 0, 0, 0, 9, 9, 9, 128, 200, 1, 0, 0}, uint8(1), int8(-3), int8(5))
	f.Add(bytes.Repeat([]byte{7, 7, 7, 255}, 300), uint8(9), int8(1), int8(-1))
	f.Fuzz(func(t *testing.T, pix []byte, w uint8, x0, y0 int8) {
		width := int(w%64) + 1
		height := len(pix) / 4 / width
		if height == 0 || height > 4*stripRows {
			return
		}
		r := image.Rect(int(x0), int(y0), int(x0)+width, int(y0)+height)
		img := &image.RGBA{Pix: pix[:width*height*4], Stride: width * 4, Rect: r}
		var ours, std bytes.Buffer
		if err := Encode(&ours, img, 72); err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(&std, img); err != nil {
			t.Fatal(err)
		}
		a, err := png.Decode(bytes.NewReader(ours.Bytes()))
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		b := decode(t, std.Bytes())
		if a.ColorModel() != b.ColorModel() {
			t.Fatalf("colour model differs from image/png's")
		}
		for y := 0; y < height; y++ {
			for x := 0; x < width; x++ {
				if ca, cb := a.At(x, y), b.At(x, y); ca != cb {
					t.Fatalf("pixel (%d,%d) = %v, image/png gives %v", x, y, ca, cb)
				}
			}
		}
	})
}

// TestPaeth8: the eight-bytes-at-a-time Paeth predictor equals the
// specification's for every (a, b, c): each triple once, in a byte position
// that rotates from one word to the next, beside seven other triples.
func TestPaeth8(t *testing.T) {
	var want [1 << 24]byte
	for abc := range want {
		want[abc] = paethRef(byte(abc>>16), byte(abc>>8), byte(abc))
	}
	for abc := 0; abc < 1<<24; abc += 8 {
		var a, b, c [8]byte
		for i := range 8 {
			x := abc + (i+abc>>3)%8
			a[i], b[i], c[i] = byte(x>>16), byte(x>>8), byte(x)
		}
		got := paeth8(binary.LittleEndian.Uint64(a[:]), binary.LittleEndian.Uint64(b[:]), binary.LittleEndian.Uint64(c[:]))
		for i := range 8 {
			if g, w := byte(got>>(8*i)), want[int(a[i])<<16|int(b[i])<<8|int(c[i])]; g != w {
				t.Fatalf("paeth8 byte %d: a=%d b=%d c=%d: %d, want %d", i, a[i], b[i], c[i], g, w)
			}
		}
	}
}

// TestIsOpaque: isOpaque agrees with image.RGBA.Opaque whichever single
// pixel is translucent, for widths around its 8-pixel step and a sub-image.
func TestIsOpaque(t *testing.T) {
	for _, w := range []int{1, 2, 7, 8, 9, 17} {
		img := image.NewRGBA(image.Rect(0, 0, w, 3))
		for i := range img.Pix {
			img.Pix[i] = 0xff
		}
		if !isOpaque(img) {
			t.Fatalf("width %d: opaque image reported translucent", w)
		}
		for y := 0; y < 3; y++ {
			for x := 0; x < w; x++ {
				img.Pix[img.PixOffset(x, y)+3] = 254
				if isOpaque(img) || img.Opaque() {
					t.Fatalf("width %d: pixel (%d,%d) translucent, reported opaque", w, x, y)
				}
				img.Pix[img.PixOffset(x, y)+3] = 0xff
			}
		}
		// Outside a sub-image does not count.
		img.Pix[img.PixOffset(0, 0)+3] = 0
		if sub := img.SubImage(image.Rect(0, 1, w, 3)).(*image.RGBA); !isOpaque(sub) {
			t.Fatalf("width %d: sub-image reported translucent", w)
		}
	}
}
