package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"maliatlas/data"
	"maliatlas/events"
	"maliatlas/layers"
)

// EventsUsage is the part of Usage about event files.
const EventsUsage = `  maliatlas events stats FILE --by region|cercle [--from DATE] [--to DATE] [--precise]
                 [--format table|tsv] [--weight COLUMN|count] [--mapping FILE.json] [--lang fr|en]
                                      events and weight per area of an ACLED, UCDP GED or
                                      mapped CSV/GeoJSON file (tsv columns: name, events, weight)
  maliatlas events hotspots FILE --method hex|kde --cell-km N --out hot.geojson|hot.png
                 [--weight COLUMN|count] [--bandwidth-km N] [--from DATE] [--to DATE] [--precise]
                 [--ramp viridis|cividis|magma] [export layout options]
                                      hex cells (count, weight) or a density grid as GeoJSON,
                                      or a map image
  maliatlas events profile FILE --route ID [--buffer-km 20] [--segment-km 50] [--out chart.png]
                                      events within N km of a built-in route per stretch,
                                      and its most violent stretch
  maliatlas events frames FILE --method hex|kde|cluster|points --step year|month
                 [--out-dir DIR] [--gif anim.gif] [--size WxH] [--from DATE] [--to DATE]
                                      one map per year or month, as numbered PNG frames
                                      and/or an animated GIF (colour scale held still)
`

func runEvents(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return badArgs("events needs a command: stats, hotspots, profile or frames")
	}
	switch args[0] {
	case "stats":
		return runEventsStats(args[1:], stdout, stderr)
	case "hotspots":
		return runEventsHotspots(args[1:], stdout, stderr)
	case "profile":
		return runEventsProfile(args[1:], stdout, stderr)
	case "frames":
		return runEventsFrames(args[1:], stdout, stderr)
	}
	return badArgs("events: unknown command %q (stats, hotspots, profile or frames)", args[0])
}

// eventFlags are the options every events command shares.
type eventFlags struct {
	from, to, weight, mapping *string
	precise                   *bool
}

func addEventFlags(fs interface {
	String(string, string, string) *string
	Bool(string, bool, string) *bool
}) eventFlags {
	return eventFlags{
		from: fs.String("from", "", ""), to: fs.String("to", "", ""),
		weight: fs.String("weight", "", ""), mapping: fs.String("mapping", "", ""),
		precise: fs.Bool("precise", false, ""),
	}
}

// filter is the events.Filter the flags ask for.
func (ef eventFlags) filter() (events.Filter, error) {
	var f events.Filter
	for _, d := range []struct {
		name, v string
		to      *events.Day
	}{{"--from", *ef.from, &f.From}, {"--to", *ef.to, &f.To}} {
		if d.v == "" {
			continue
		}
		day, ok := events.ParseDate([]byte(d.v))
		if !ok {
			return f, badArgs("%s %q: not a date (2023-03-15 or 15 March 2023)", d.name, d.v)
		}
		*d.to = day
	}
	if f.From != 0 && f.To != 0 && f.To < f.From {
		return f, badArgs("--to is before --from")
	}
	f.PreciseOnly = *ef.precise
	return f, nil
}

// load imports an event file, writing its problems and a summary to stderr.
func (ef eventFlags) load(path string, stderr io.Writer) (*events.Table, error) {
	opt := events.Options{Weight: *ef.weight}
	if *ef.mapping != "" {
		m, err := events.LoadMapping(*ef.mapping)
		if err != nil {
			return nil, err
		}
		opt.Mapping = &m
	}
	t, rep, err := events.ReadFile(context.Background(), path, opt)
	var me *events.MappingError
	if errors.As(err, &me) {
		return nil, fmt.Errorf("%v\ncolumns found: %s\nsave a mapping as JSON (keys date, date_end, lon, lat, wkt, id, category, actor, place, weight, precision, precise_max) and pass --mapping FILE.json",
			err, strings.Join(me.Header, ", "))
	}
	if err != nil {
		return nil, err
	}
	for _, l := range rep.Lines() {
		fmt.Fprintln(stderr, l)
	}
	return t, nil
}

// builtinAreas returns the regions or cercles of the embedded data.
func builtinAreas(by, lang string) ([]events.Area, error) {
	id := map[string]string{"region": "regions", "cercle": "cercles"}[by]
	if id == "" {
		return nil, badArgs("--by must be region or cercle, not %q", by)
	}
	cat, err := layers.Load(data.FS)
	if err != nil {
		return nil, err
	}
	l := cat.Layer(id)
	if l == nil {
		return nil, fmt.Errorf("no %s layer in the embedded data", id)
	}
	areas := make([]events.Area, len(l.Features))
	for i, f := range l.Features {
		areas[i] = events.Area{Name: f.Name(lang), Geom: f.Geom}
	}
	return areas, nil
}

func runEventsStats(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("events stats")
	by := fs.String("by", "region", "")
	format := fs.String("format", "table", "")
	lang := fs.String("lang", "", "")
	ef := addEventFlags(fs)
	path, err := parseWithFile(fs, args, "events stats")
	if err != nil {
		return err
	}
	if *format != "table" && *format != "tsv" {
		return badArgs("--format must be table or tsv, not %q", *format)
	}
	lg, err := parseLang(*lang)
	if err != nil {
		return err
	}
	flt, err := ef.filter()
	if err != nil {
		return err
	}
	areas, err := builtinAreas(*by, lg)
	if err != nil {
		return err
	}
	t, err := ef.load(path, stderr)
	if err != nil {
		return err
	}
	counts, outside := events.NewAreaIndex(areas).CountByArea(t, flt.Select(t))
	slices.SortStableFunc(counts, func(a, b events.AreaCount) int {
		if a.Events != b.Events {
			return b.Events - a.Events
		}
		return strings.Compare(a.Name, b.Name)
	})
	if *format == "tsv" {
		fmt.Fprintln(stdout, "name\tevents\tweight")
		for _, c := range counts {
			fmt.Fprintf(stdout, "%s\t%d\t%s\n", c.Name, c.Events, num(c.Weight))
		}
		if outside.Events > 0 {
			fmt.Fprintf(stderr, "%s: %d events (weight %g) lie outside every %s\n", t.Name, outside.Events, outside.Weight, *by)
		}
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := strings.ToUpper((*by)[:1]) + (*by)[1:]
	wname := "Weight"
	if t.WeightName() != "" {
		wname = "Weight (" + t.WeightName() + ")"
	}
	fmt.Fprintf(tw, "%s\tEvents\t%s\t\n", head, wname)
	total := events.AreaCount{}
	for _, c := range append(counts, outside) {
		if c.Name == outside.Name && c.Events == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t\n", c.Name, c.Events, num(c.Weight))
		total.Events += c.Events
		total.Weight += c.Weight
	}
	fmt.Fprintf(tw, "Total\t%d\t%s\t\n", total.Events, num(total.Weight))
	tw.Flush()
	if t.Synthetic {
		fmt.Fprintln(stdout, "(synthetic test data, not real events)")
	}
	return nil
}

// parseWithFile parses flags given before or after the one file argument.
func parseWithFile(fs interface {
	Parse([]string) error
	NArg() int
	Arg(int) string
	Args() []string
}, args []string, cmd string) (string, error) {
	var file string
	for {
		if err := fs.Parse(args); err != nil {
			return "", badArgs("%s: %v", cmd, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if file != "" {
			return "", badArgs("%s: one file only, not also %q", cmd, rest[0])
		}
		file, args = rest[0], rest[1:]
	}
	if file == "" {
		return "", badArgs("%s needs an event FILE", cmd)
	}
	if _, err := os.Stat(file); err != nil {
		return "", err
	}
	return file, nil
}

// num writes a weight without an exponent.
func num(w float64) string { return strconv.FormatFloat(w, 'f', -1, 64) }
