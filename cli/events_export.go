package cli

import (
	"flag"
	"os"
	"slices"
	"strings"

	"maliatlas/events"
	"maliatlas/render"
)

// eventExportFlags are export's options for event files given with --add.
type eventExportFlags struct {
	eventFlags
	hotspots, ramp, classes *string
	cellKm, bandwidthKm     *float64
}

func addEventExportFlags(fs *flag.FlagSet) *eventExportFlags {
	return &eventExportFlags{
		eventFlags:  addEventFlags(fs),
		hotspots:    fs.String("hotspots", "", ""),
		ramp:        fs.String("ramp", "viridis", ""),
		classes:     fs.String("classes", "quantiles", ""),
		cellKm:      fs.Float64("cell-km", 25, ""),
		bandwidthKm: fs.Float64("bandwidth-km", 25, ""),
	}
}

// style is the EventLayer style --hotspots asks for.
func (x *eventExportFlags) style() (string, error) { return eventStyle(*x.hotspots) }

// eventStyle is the EventLayer style a --hotspots (or frames' --method)
// value names.
func eventStyle(hotspots string) (string, error) {
	switch hotspots {
	case "", "points":
		return render.EventPoints, nil
	case "hex":
		return render.EventHex, nil
	case "kde", "density":
		return render.EventDensity, nil
	case "cluster", "clusters":
		return render.EventClusters, nil
	}
	return "", badArgs("--hotspots must be hex, kde, cluster or points, not %q", hotspots)
}

// asEvents reports whether an --add file becomes an event layer: every
// file with --hotspots, else ACLED and UCDP GED files.
func (x *eventExportFlags) asEvents(path string) bool {
	return *x.hotspots != "" || events.IsEventFile(path)
}

// eventLayer imports path (one asEvents claims) as an event layer drawn as
// the flags say.
func (x *eventExportFlags) eventLayer(path, id string) (*render.EventLayer, error) {
	style, err := x.style()
	if err != nil {
		return nil, err
	}
	if !slices.Contains(render.RampNames, *x.ramp) {
		return nil, badArgs("--ramp must be one of %s, not %q", strings.Join(render.RampNames, ", "), *x.ramp)
	}
	if *x.classes != "quantiles" && *x.classes != "natural" && *x.classes != "natural breaks" {
		return nil, badArgs("--classes must be quantiles or natural, not %q", *x.classes)
	}
	flt, err := x.filter()
	if err != nil {
		return nil, err
	}
	t, err := x.load(path, os.Stderr)
	if err != nil {
		return nil, err
	}
	classes := *x.classes
	if classes == "natural" {
		classes = "natural breaks"
	}
	l := render.NewEventLayer(id, t.Name, t)
	l.Style, l.Filter, l.CellKm, l.BandwidthKm = style, flt, *x.cellKm, *x.bandwidthKm
	l.Ramp, l.Classes, l.ByCount = *x.ramp, classes, *x.weight == "count"
	return l, nil
}
