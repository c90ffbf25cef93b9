package cli

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
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

// townPlaces are the towns of the built-in layers, named in lang: what a
// route profile's worst stretch is located by.
func townPlaces(cat *layers.Catalog, lang string) []events.Place {
	towns := cat.Layer("towns")
	if towns == nil {
		return nil
	}
	var out []events.Place
	for _, f := range towns.Features {
		if pt, ok := f.Geom.(orb.Point); ok {
			out = append(out, events.Place{Name: f.Name(lang), At: pt})
		}
	}
	return out
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
	p := events.ProfileOf(t, flt.Select(t), line, *buffer, *seg, townPlaces(cat, lg), func(k string) string { return assets.T(lg, k) })
	fmt.Fprintln(stdout, "from_km\tto_km\tevents\tweight")
	for _, s := range p.Segs {
		fmt.Fprintf(stdout, "%.0f\t%.0f\t%d\t%s\n", s.FromKm, s.ToKm, s.Events, num(s.Weight))
	}
	fmt.Fprintln(stdout, p.Caption)
	if *out == "" {
		return nil
	}
	title := fmt.Sprintf(assets.T(lg, "events.profile.title"), strconv.FormatFloat(*buffer, 'g', -1, 64), f.Name(lg), t.Name)
	if t.Synthetic {
		title += assets.T(lg, "legend.events.synthetic")
	}
	what := assets.T(lg, "events.events")
	if t.HasWeight() {
		what = t.WeightName()
	}
	chart := render.ProfileChart{Title: title, Segs: p.Segs, Worst: p.Worst, Weighted: t.HasWeight(), What: what, Caption: p.Caption, Ramp: *ramp,
		Axis: fmt.Sprintf(assets.T(lg, "events.profile.axis"), what)}
	c := raster.New(1400, 440)
	mf := assets.MapFonts()
	render.DrawProfile(c, render.Rect{Max: render.Point{X: 1400, Y: 440}}, chart, render.FontSet{Regular: mf.Regular, Bold: mf.Bold, Italic: mf.Italic}, 1.4)
	var buf bytes.Buffer
	if err := export.EncodePNG(&buf, c.RGBA(), 96); err != nil {
		return err
	}
	return geo.WriteFileAtomic(*out, buf.Bytes())
}
