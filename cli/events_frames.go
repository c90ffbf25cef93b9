package cli

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"maliatlas/events"
	"maliatlas/geo"
	"maliatlas/render"
	"maliatlas/render/export"
)

// FramePeriods cuts [from, to] into calendar years or months ("year" or
// "month"), as pairs of first and last day.
func FramePeriods(from, to events.Day, step string) [][2]events.Day {
	var out [][2]events.Day
	t := events.DayTime(from)
	end := events.DayTime(to)
	cur := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	if step == "month" {
		cur = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	for !cur.After(end) {
		next := cur.AddDate(1, 0, 0)
		if step == "month" {
			next = cur.AddDate(0, 1, 0)
		}
		out = append(out, [2]events.Day{events.Day(cur.Unix() / 86400), events.Day(next.Unix()/86400) - 1})
		cur = next
	}
	return out
}

// WriteFrames draws m once per period with the event layer base limited to
// it, as numbered PNG files frame-001.png … in dir (when dir is not empty)
// and as an animated GIF (when gifPath is not empty). The hex classes or
// the top of the density are those of the whole span, held still so the
// frames compare. It returns the number of frames.
func WriteFrames(ctx context.Context, m *export.Map, pg export.Page, base *render.EventLayer, periods [][2]events.Day,
	step, dir, gifPath string, progress func(done, total int)) (int, error) {
	v := m.Viewport(pg)
	fixed := *base
	switch base.Style {
	case render.EventHex:
		_, cl, err := base.Hex()
		if err != nil {
			return 0, err
		}
		fixed.FixedClasses = &cl
	case render.EventDensity:
		fixed.FixedMax = base.DensityMax(v)
	}
	var anim gif.GIF
	title := m.Title
	for i, p := range periods {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		snap := fixed
		snap.Filter.From, snap.Filter.To = p[0], p[1]
		fm := *m
		fm.Options.Events = []*render.EventLayer{&snap}
		label := events.DayTime(p[0]).Format("2006")
		if step == "month" {
			label = events.DayTime(p[0]).Format("January 2006")
		}
		fm.Title = strings.TrimSpace(title + " — " + label)
		img := export.Raster(&fm, pg)
		if dir != "" {
			var buf bytes.Buffer
			if err := export.EncodePNG(&buf, img, pg.DPI); err != nil {
				return i, err
			}
			if err := geo.WriteFileAtomic(filepath.Join(dir, fmt.Sprintf("frame-%03d.png", i+1)), buf.Bytes()); err != nil {
				return i, err
			}
		}
		if gifPath != "" {
			pal := image.NewPaletted(img.Bounds(), palette.Plan9)
			draw.FloydSteinberg.Draw(pal, img.Bounds(), img, image.Point{})
			anim.Image = append(anim.Image, pal)
			anim.Delay = append(anim.Delay, 80)
		}
		if progress != nil {
			progress(i+1, len(periods))
		}
	}
	if gifPath != "" {
		var buf bytes.Buffer
		if err := gif.EncodeAll(&buf, &anim); err != nil {
			return len(periods), err
		}
		if err := geo.WriteFileAtomic(gifPath, buf.Bytes()); err != nil {
			return len(periods), err
		}
	}
	return len(periods), nil
}

func runEventsFrames(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("events frames")
	method := fs.String("method", "hex", "")
	step := fs.String("step", "year", "")
	outDir := fs.String("out-dir", "", "")
	gifPath := fs.String("gif", "", "")
	size := fs.String("size", "1280x800", "")
	title := fs.String("title", "", "")
	lang := fs.String("lang", "", "")
	cellKm := fs.Float64("cell-km", 25, "")
	bw := fs.Float64("bandwidth-km", 25, "")
	ramp := fs.String("ramp", "viridis", "")
	ef := addEventFlags(fs)
	path, err := parseWithFile(fs, args, "events frames")
	if err != nil {
		return err
	}
	if *outDir == "" && *gifPath == "" {
		return badArgs("events frames needs --out-dir DIR (numbered PNG frames) and/or --gif FILE.gif")
	}
	if *step != "year" && *step != "month" {
		return badArgs("--step must be year or month, not %q", *step)
	}
	style, err := eventStyle(*method)
	if err != nil {
		return err
	}
	w, h, err := export.ParseSize(*size)
	if err != nil {
		return badArgs("%v", err)
	}
	lg, err := parseLang(*lang)
	if err != nil {
		return err
	}
	flt, err := ef.filter()
	if err != nil {
		return err
	}
	t, err := ef.load(path, stderr)
	if err != nil {
		return err
	}
	if t.Len() == 0 {
		return fmt.Errorf("%s: no events", path)
	}
	from, to := flt.From, flt.To
	if from == 0 || to == 0 {
		lo, hi := t.DaySpan()
		if from == 0 {
			from = lo
		}
		if to == 0 {
			to = hi
		}
	}
	periods := FramePeriods(from, to, *step)
	if len(periods) > 600 {
		return badArgs("%d frames: choose a shorter span or --step year", len(periods))
	}
	if *outDir != "" {
		if err := os.MkdirAll(*outDir, 0o755); err != nil {
			return err
		}
	}
	scene, err := LoadScene()
	if err != nil {
		return err
	}
	l := render.NewEventLayer("events", t.Name, t)
	l.Style, l.Filter, l.CellKm, l.BandwidthKm, l.Ramp = style, flt, *cellKm, *bw, *ramp
	l.ByCount = *ef.weight == "count"
	cat := scene.Catalog
	m := &export.Map{Scene: scene, BBox: MaliBound(cat), Options: render.Options{Lang: lg, Visible: cat.DefaultVisible()},
		Title: *title, Legend: true, ScaleBar: true, North: true, Attribution: true}
	if m.Title == "" {
		m.Title = "Events"
		if t.Synthetic {
			m.Title = "SYNTHETIC test events (not real)"
		}
	}
	n, err := WriteFrames(context.Background(), m, export.SizePage(w, h), l, periods, *step, *outDir, *gifPath, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%d frames written\n", n)
	return nil
}
