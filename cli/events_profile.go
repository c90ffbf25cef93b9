package cli

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"maliatlas/assets"
	"maliatlas/data"
	"maliatlas/events"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/render"
	"maliatlas/render/export"
	"maliatlas/render/raster"
)

// RouteProfile is the events along one route, per stretch, with the
// sentence that names the worst stretch.
type RouteProfile struct {
	Segs    []events.Segment
	Worst   int
	Caption string
}

// ProfileOf works out a route's profile and names its worst stretch after
// the nearest town of the built-in towns layer.
func ProfileOf(cat *layers.Catalog, t *events.Table, sel []int32, route orb.LineString, bufferKm, segKm float64, lang string) RouteProfile {
	p := RouteProfile{Segs: events.Profile(t, sel, route, bufferKm, segKm)}
	p.Worst = events.Worst(p.Segs)
	if p.Worst < 0 {
		p.Caption = fmt.Sprintf("No events within %g km of the route.", bufferKm)
		if lang == "fr" {
			p.Caption = fmt.Sprintf("Aucun événement à moins de %g km de l'itinéraire.", bufferKm)
		}
		return p
	}
	w := p.Segs[p.Worst]
	near := ""
	if towns := cat.Layer("towns"); towns != nil {
		best := math.Inf(1)
		for _, f := range towns.Features {
			if pt, ok := f.Geom.(orb.Point); ok {
				if d := geo.Distance(pt, w.Mid); d < best {
					best, near = d, f.Name(lang)
				}
			}
		}
		if best > 75_000 {
			near = fmt.Sprintf("%.0f km from %s", best/1000, near)
			if lang == "fr" {
				near = strings.Replace(near, " from ", " de ", 1)
			}
		} else if lang == "fr" {
			near = "près de " + near
		} else {
			near = "near " + near
		}
	}
	what := fmt.Sprintf("%d events", w.Events)
	if t.HasWeight() {
		what += fmt.Sprintf(", %s %s", num(w.Weight), t.WeightName())
	}
	p.Caption = fmt.Sprintf("Most violent stretch: km %.0f–%.0f, %s (%s within %g km).", w.FromKm, w.ToKm, near, what, bufferKm)
	if lang == "fr" {
		what = strings.Replace(what, "events", "événements", 1)
		p.Caption = fmt.Sprintf("Tronçon le plus violent : km %.0f–%.0f, %s (%s à moins de %g km).", w.FromKm, w.ToKm, near, what, bufferKm)
	}
	return p
}

func runEventsProfile(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("events profile")
	routeID := fs.String("route", "", "")
	buffer := fs.Float64("buffer-km", 20, "")
	seg := fs.Float64("segment-km", 50, "")
	out := fs.String("out", "", "")
	lang := fs.String("lang", "", "")
	ramp := fs.String("ramp", "viridis", "")
	ef := addEventFlags(fs)
	path, err := parseWithFile(fs, args, "events profile")
	if err != nil {
		return err
	}
	lg, err := parseLang(*lang)
	if err != nil {
		return err
	}
	if !(*buffer > 0 && *buffer <= 500) || !(*seg >= 1 && *seg <= 2000) {
		return badArgs("--buffer-km must be 0–500 and --segment-km 1–2000")
	}
	if *out != "" && !strings.HasSuffix(strings.ToLower(*out), ".png") {
		return badArgs("--out: the profile chart is written as PNG")
	}
	flt, err := ef.filter()
	if err != nil {
		return err
	}
	cat, err := layers.Load(data.FS)
	if err != nil {
		return err
	}
	f := cat.Feature(*routeID)
	var line orb.LineString
	if f != nil {
		line = f.Route()
	}
	if line == nil {
		return badArgs("--route: no route with id %q (a line feature of the built-in layers)", *routeID)
	}
	t, err := ef.load(path, stderr)
	if err != nil {
		return err
	}
	p := ProfileOf(cat, t, flt.Select(t), line, *buffer, *seg, lg)
	fmt.Fprintln(stdout, "from_km\tto_km\tevents\tweight")
	for _, s := range p.Segs {
		fmt.Fprintf(stdout, "%.0f\t%.0f\t%d\t%s\n", s.FromKm, s.ToKm, s.Events, num(s.Weight))
	}
	fmt.Fprintln(stdout, p.Caption)
	if *out == "" {
		return nil
	}
	title := fmt.Sprintf("Events within %g km of %s — %s", *buffer, f.Name(lg), t.Name)
	if t.Synthetic {
		title += " (SYNTHETIC test data, not real events)"
	}
	what := "events"
	if t.HasWeight() {
		what = t.WeightName()
	}
	chart := render.ProfileChart{Title: title, Segs: p.Segs, Worst: p.Worst, Weighted: t.HasWeight(), What: what, Caption: p.Caption, Ramp: *ramp}
	c := raster.New(1400, 440)
	mf := assets.MapFonts()
	render.DrawProfile(c, render.Rect{Max: render.Point{X: 1400, Y: 440}}, chart, render.FontSet{Regular: mf.Regular, Bold: mf.Bold, Italic: mf.Italic}, 1.4)
	var buf bytes.Buffer
	if err := export.EncodePNG(&buf, c.RGBA(), 96); err != nil {
		return err
	}
	return geo.WriteFileAtomic(*out, buf.Bytes())
}
