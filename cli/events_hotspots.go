package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/events"
	"maliatlas/geo"
)

// runEventsHotspots writes hex cells or a density grid as GeoJSON, or for
// an image (.png, .svg, .pdf) runs export with the file added as hotspots.
func runEventsHotspots(args []string, stdout, stderr io.Writer) error {
	out := ""
	for i, a := range args {
		if (a == "--out" || a == "-out") && i+1 < len(args) {
			out = args[i+1]
		} else if v, ok := strings.CutPrefix(a, "--out="); ok {
			out = v
		}
	}
	if out == "" {
		return badArgs("events hotspots needs --out FILE (.geojson, .png, .svg or .pdf)")
	}
	if !strings.EqualFold(filepath.Ext(out), ".geojson") && !strings.EqualFold(filepath.Ext(out), ".json") {
		return hotspotsImage(args)
	}
	fs := newFlagSet("events hotspots")
	method := fs.String("method", "hex", "")
	cellKm := fs.Float64("cell-km", 25, "")
	bw := fs.Float64("bandwidth-km", 25, "")
	fs.String("out", "", "")
	ef := addEventFlags(fs)
	path, err := parseWithFile(fs, args, "events hotspots")
	if err != nil {
		return err
	}
	if *method != "hex" && *method != "kde" {
		return badArgs("--method must be hex or kde, not %q", *method)
	}
	flt, err := ef.filter()
	if err != nil {
		return err
	}
	t, err := ef.load(path, stderr)
	if err != nil {
		return err
	}
	sel := flt.Select(t)
	fc := geojson.NewFeatureCollection()
	fc.ExtraMembers = geojson.Properties{"name": hotspotsName(t, *method, *cellKm)}
	addCell := func(ring orb.Ring, props geojson.Properties) {
		f := geojson.NewFeature(orb.Polygon{ring})
		f.Properties = props
		fc.Append(f)
	}
	if *method == "hex" {
		h, err := events.HexBin(t, sel, *cellKm)
		if err != nil {
			return badArgs("--cell-km: %v", err)
		}
		for i := 0; i < h.Len(); i++ {
			top := h.TopCategories(t, i, 3)
			names := make([]string, len(top))
			for k, c := range top {
				names[k] = fmt.Sprintf("%s (%d)", c.Name, c.Events)
			}
			addCell(h.Ring(i), geojson.Properties{"count": int(h.Count[i]), "weight": h.Weight[i], "top_categories": strings.Join(names, "; ")})
		}
	} else {
		g, err := events.KDEKm(t, sel, *cellKm, *bw, *ef.weight == "count" || !t.HasWeight())
		if err != nil {
			return badArgs("%v", err)
		}
		for j := 0; j < g.H; j++ {
			for i := 0; i < g.W; i++ {
				c := j*g.W + i
				if d := float64(g.Density[c]); d >= 0.01*g.Max && d > 0 {
					addCell(g.CellRing(i, j), geojson.Properties{"density_per_1000km2": d, "count": int(g.Count[c]), "weight": g.Weight[c]})
				}
			}
		}
	}
	b, err := json.Marshal(fc)
	if err != nil {
		return err
	}
	if err := geo.WriteFileAtomic(out, append(b, '\n')); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: %d cells written\n", out, len(fc.Features))
	return nil
}

func hotspotsName(t *events.Table, method string, cellKm float64) string {
	s := fmt.Sprintf("%s hotspots (%s, %g km) from %s", method, t.Format, cellKm, t.Name)
	if t.Synthetic {
		s += " - SYNTHETIC test data, not real events"
	}
	return s
}

// hotspotsImage turns `events hotspots FILE --method M …` into `export
// --add FILE --hotspots M …` so the image has the same layout options.
func hotspotsImage(args []string) error {
	var ex []string
	title := false
	boolFlags := map[string]bool{"precise": true, "landscape": true, "legend": true, "scalebar": true, "north": true,
		"inset": true, "attribution": true, "sensitive": true}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		switch {
		case !strings.HasPrefix(a, "-"):
			ex = append(ex, "--add", a)
		case name == "method":
			if i+1 < len(args) {
				ex = append(ex, "--hotspots", args[i+1])
				i++
			}
		case strings.HasPrefix(name, "method="):
			ex = append(ex, "--hotspots="+strings.TrimPrefix(name, "method="))
		default:
			if name == "title" || strings.HasPrefix(name, "title=") {
				title = true
			}
			ex = append(ex, a)
			if !boolFlags[name] && !strings.Contains(name, "=") && i+1 < len(args) {
				ex = append(ex, args[i+1])
				i++
			}
		}
	}
	if !title {
		ex = append(ex, "--title", "Hotspots")
	}
	return runExport(ex, io.Discard)
}
