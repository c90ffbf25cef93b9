package export

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"maliatlas/render"
	"maliatlas/render/pdf"
	"maliatlas/render/raster"
	"maliatlas/render/svg"
)

// Format is an output format.
type Format string

const (
	PNG Format = "png"
	SVG Format = "svg"
	PDF Format = "pdf"
)

// FormatOf returns the format named by path's extension.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return PNG, nil
	case ".svg":
		return SVG, nil
	case ".pdf":
		return PDF, nil
	}
	return "", fmt.Errorf("%s: the extension must be .png, .svg or .pdf", path)
}

// WriteFile renders m on pg into path, by its extension, atomically: the
// file appears complete or not at all.
func WriteFile(path string, m *Map, pg Page) error {
	f, err := FormatOf(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err := Write(bw, f, m, pg); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	ok = true
	return nil
}

// Write renders m on pg to w in format f.
func Write(w io.Writer, f Format, m *Map, pg Page) error {
	switch f {
	case PNG:
		img := Raster(m, pg)
		return EncodePNG(w, img, pg.DPI)
	case SVG:
		c := svg.New(w, float64(pg.W), float64(pg.H))
		m.Draw(c, pg)
		return c.Close()
	case PDF:
		pw, ph := pg.PointSize()
		// Points per device pixel; a paper page's pixels are rounded, so the
		// two axes differ by less than a pixel: take the smaller so all fits.
		k := min(pw/float64(pg.W), ph/float64(pg.H))
		d := pdf.New(w, pw, ph, k)
		if m.Title != "" {
			d.SetInfo(m.Title, "Mali Routes Atlas")
		}
		m.Draw(d, pg)
		return d.Close()
	}
	return fmt.Errorf("unknown format %q", f)
}

// Raster renders m on pg into an image, using every core: the page is drawn
// once into a recording, then replayed into horizontal bands in parallel.
func Raster(m *Map, pg Page) *image.RGBA {
	var rec render.Recording
	m.Draw(&rec, pg)
	img := image.NewRGBA(image.Rect(0, 0, pg.W, pg.H))
	ReplayParallel(&rec, img)
	return img
}

// bandRows is the height of the bands ReplayParallel paints: small enough
// that a band of a wide image and its coverage buffers stay in a core's cache.
const bandRows = 32

// ReplayParallel replays rec into img in horizontal bands of bandRows rows,
// taken in turn by one goroutine per core (each replay skips the calls that
// cannot reach its band).
func ReplayParallel(rec *render.Recording, img *image.RGBA) {
	b := img.Bounds()
	nb := (b.Dy() + bandRows - 1) / bandRows
	n := min(runtime.GOMAXPROCS(0), nb)
	var next atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var c *raster.Canvas
			for {
				k := int(next.Add(1)) - 1
				if k >= nb {
					return
				}
				clip := image.Rect(b.Min.X, b.Min.Y+k*bandRows, b.Max.X, min(b.Min.Y+(k+1)*bandRows, b.Max.Y))
				if c == nil {
					c = raster.NewBand(img, clip)
				} else {
					c.SetClip(clip)
				}
				rec.Replay(c)
			}
		}()
	}
	wg.Wait()
}

// EncodePNG writes img as PNG with a pHYs chunk recording dpi.
func EncodePNG(w io.Writer, img image.Image, dpi float64) error {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return err
	}
	b := buf.Bytes()
	// The IHDR chunk is the first: 8 bytes of signature, then 4+4+13+4.
	const ihdrEnd = 8 + 25
	if _, err := w.Write(b[:ihdrEnd]); err != nil {
		return err
	}
	if dpi > 0 {
		ppm := uint32(dpi/0.0254 + 0.5)
		var chunk [21]byte
		binary.BigEndian.PutUint32(chunk[0:], 9)
		copy(chunk[4:], "pHYs")
		binary.BigEndian.PutUint32(chunk[8:], ppm)
		binary.BigEndian.PutUint32(chunk[12:], ppm)
		chunk[16] = 1 // unit: metre
		binary.BigEndian.PutUint32(chunk[17:], crc32.ChecksumIEEE(chunk[4:17]))
		if _, err := w.Write(chunk[:]); err != nil {
			return err
		}
	}
	_, err := w.Write(b[ihdrEnd:])
	return err
}
