package export

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"maliatlas/geo"
	"maliatlas/render"
	"maliatlas/render/pdf"
	"maliatlas/render/pngenc"
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

// Progress is told how far a write has gone: done of total steps (bands of
// a raster, drawing calls of a vector page). It is called from the writing
// goroutines, never concurrently, with done increasing.
type Progress func(done, total int)

// WriteFile renders m on pg into path, by its extension, atomically: the
// file appears complete or not at all.
func WriteFile(path string, m *Map, pg Page) error {
	return WriteFileContext(context.Background(), path, m, pg, nil)
}

// WriteFileContext is WriteFile that reports progress (when not nil) and
// stops when ctx is done: it checks ctx between bands (PNG) or drawing
// calls (SVG, PDF), removes its temporary file and returns ctx.Err().
func WriteFileContext(ctx context.Context, path string, m *Map, pg Page, progress Progress) error {
	f, err := FormatOf(path)
	if err != nil {
		return err
	}
	return writeAtomic(path, func(w io.Writer) error {
		return writeContext(ctx, w, f, m, pg, progress)
	})
}

// WritePages writes maps as a PDF of one page each, all of size pg
// (a handout). path must end in .pdf.
func WritePages(path string, maps []*Map, pg Page) error {
	f, err := FormatOf(path)
	if err != nil {
		return err
	}
	if f != PDF {
		return fmt.Errorf("%s: several pages can only be written as PDF", path)
	}
	if len(maps) == 0 {
		return fmt.Errorf("%s: no page to write", path)
	}
	return writeAtomic(path, func(w io.Writer) error {
		pw, ph := pg.PointSize()
		d := pdf.New(w, pw, ph, pdfScale(pg))
		if t := maps[0].Title; t != "" {
			d.SetInfo(t, "Mali Routes Atlas")
		}
		for i, m := range maps {
			if i > 0 {
				d.NewPage()
			}
			m.Draw(d, pg)
		}
		return d.Close()
	})
}

// writeAtomic writes path with the project's atomic writer
// (geo.WriteAtomic): fill writes the content; on any error path is left as
// it was. A cancelled export's error is returned as it is.
func writeAtomic(path string, fill func(io.Writer) error) error {
	return geo.WriteAtomic(path, func(w io.Writer) error {
		err := fill(w)
		if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return fmt.Errorf("%s: %w", path, err)
	})
}

// pdfScale is points per device pixel; a paper page's pixels are rounded,
// so the two axes differ by less than a pixel: take the smaller so all fits.
func pdfScale(pg Page) float64 {
	pw, ph := pg.PointSize()
	return min(pw/float64(pg.W), ph/float64(pg.H))
}

// Write renders m on pg to w in format f.
func Write(w io.Writer, f Format, m *Map, pg Page) error {
	return writeContext(context.Background(), w, f, m, pg, nil)
}

func writeContext(ctx context.Context, w io.Writer, f Format, m *Map, pg Page, progress Progress) error {
	switch f {
	case PNG, SVG, PDF:
	default:
		return fmt.Errorf("unknown format %q", f)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// The page is drawn once into a recording (quick), then replayed into
	// the output step by step, so a long write can report and be stopped.
	var rec render.Recording
	if f == PNG {
		rec.Compact = true // points as float32: half the memory (issue #13)
		defer rasterImages(m)()
	} else {
		m = m.vectorEvents() // render/export/events.go
	}
	m.Draw(&rec, pg)
	if err := ctx.Err(); err != nil {
		return err
	}
	switch f {
	case PNG:
		img := image.NewRGBA(image.Rect(0, 0, pg.W, pg.H))
		if err := replayParallel(ctx, &rec, img, progress); err != nil {
			return err
		}
		return EncodePNG(w, img, pg.DPI)
	case SVG:
		c := svg.New(w, float64(pg.W), float64(pg.H))
		if err := replaySteps(ctx, &rec, c, progress); err != nil {
			return err
		}
		return c.Close()
	default:
		pw, ph := pg.PointSize()
		d := pdf.New(w, pw, ph, pdfScale(pg))
		if m.Title != "" {
			d.SetInfo(m.Title, "Mali Routes Atlas")
		}
		if err := replaySteps(ctx, &rec, d, progress); err != nil {
			return err
		}
		return d.Close()
	}
}

// stepSink passes drawing calls on, counting them for progress and
// dropping them once ctx is done.
type stepSink struct {
	render.Sink
	ctx      context.Context
	done     int
	total    int
	every    int
	progress Progress
	stopped  bool
}

func (s *stepSink) step() bool {
	if s.stopped {
		return false
	}
	s.done++
	if s.done%s.every == 0 {
		if s.ctx.Err() != nil {
			s.stopped = true
			return false
		}
		if s.progress != nil {
			s.progress(s.done, s.total)
		}
	}
	return true
}

func (s *stepSink) Path(p *render.Path, st *render.Style) {
	if s.step() {
		s.Sink.Path(p, st)
	}
}

func (s *stepSink) Markers(m *render.Marker, at []render.Point) {
	if s.step() {
		s.Sink.Markers(m, at)
	}
}

func (s *stepSink) Text(t *render.Text) {
	if s.step() {
		s.Sink.Text(t)
	}
}

func (s *stepSink) Image(img image.Image, r render.Rect) {
	if s.step() {
		s.Sink.Image(img, r)
	}
}

func replaySteps(ctx context.Context, rec *render.Recording, out render.Sink, progress Progress) error {
	total := rec.Len()
	ss := &stepSink{Sink: out, ctx: ctx, total: total, every: max(1, total/100), progress: progress}
	rec.Replay(ss)
	if err := ctx.Err(); err != nil {
		return err
	}
	if progress != nil {
		progress(total, total)
	}
	return nil
}

// Raster renders m on pg into an image, using every core: the page is drawn
// once into a recording, then replayed into horizontal bands in parallel.
func Raster(m *Map, pg Page) *image.RGBA {
	rec := render.Recording{Compact: true} // points as float32: half the memory (issue #13)
	defer rasterImages(m)()
	m.Draw(&rec, pg)
	img := image.NewRGBA(image.Rect(0, 0, pg.W, pg.H))
	ReplayParallel(&rec, img)
	rec.Release() // its blocks for the next picture's recording
	return img
}

// bandBytes bounds the memory of one band ReplayParallel paints (4 bytes of
// pixel and 1 of coverage per pixel, counting the rasterizer's extra
// column) so that its cells stay in raster's dense grid and near a core's
// cache; smaller bands repeat more per-call work (a call is set up again in
// every band it reaches): bands of 128 rows rather than 68 at 1920 px take
// 4–6 % less CPU for the bench render.
const bandBytes = 1280 << 10

// bandRows is the height of the bands for an image w×h pixels painted by n
// goroutines: as tall as bandBytes allows (at most 128 rows, at least 16),
// but no taller than makes 4 bands a goroutine, so that they end about
// together.
func bandRows(w, h, n int) int {
	rows := min(128, bandBytes/(5*(max(w, 0)+1)))
	rows = min(rows, (h+4*n-1)/max(4*n, 1))
	return max(16, rows)
}

// ReplayParallel replays rec into img in horizontal bands of bandRows rows,
// taken in turn by one goroutine per core (each replay skips the calls that
// cannot reach its band).
func ReplayParallel(rec *render.Recording, img *image.RGBA) {
	_ = replayParallel(context.Background(), rec, img, nil)
}

// replayParallel is ReplayParallel that checks ctx before each band and
// reports the bands done.
func replayParallel(ctx context.Context, rec *render.Recording, img *image.RGBA, progress Progress) error {
	b := img.Bounds()
	n := runtime.GOMAXPROCS(0)
	rows := bandRows(b.Dx(), b.Dy(), n)
	nb := (b.Dy() + rows - 1) / rows
	n = min(n, nb)
	var next atomic.Int32
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	// work paints bands until none is left, with a canvas of the pool
	// (raster.Band: its buffers kept from one picture to the next).
	work := func() {
		var c *raster.Canvas
		for {
			if ctx.Err() != nil {
				break
			}
			k := int(next.Add(1)) - 1
			if k >= nb {
				break
			}
			clip := image.Rect(b.Min.X, b.Min.Y+k*rows, b.Max.X, min(b.Min.Y+(k+1)*rows, b.Max.Y))
			if c == nil {
				c = raster.Band(img, clip)
			} else {
				c.SetClip(clip)
			}
			rec.Replay(c)
			if progress != nil {
				mu.Lock()
				done++
				progress(done, nb)
				mu.Unlock()
			}
		}
		if c != nil {
			c.Release()
		}
	}
	// n-1 more goroutines; this one paints too.
	for i := 1; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	return ctx.Err()
}

// EncodePNG writes img as PNG with a pHYs chunk recording dpi (render/pngenc:
// filtered and deflated on every core).
func EncodePNG(w io.Writer, img image.Image, dpi float64) error {
	return pngenc.Encode(w, img, dpi)
}

// rasterImages marks m's drawing as a raster output
// (render.Options.RasterTarget): the raster layers (the relief) come from the
// pyramid level that matches the page's pixels and are resampled straight
// into the picture, much faster. It returns the undo.
func rasterImages(m *Map) func() {
	prev := m.Options.RasterTarget
	m.Options.RasterTarget = true
	return func() { m.Options.RasterTarget = prev }
}
