package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/paulmach/orb"

	"maliatlas/gazetteer"
	"maliatlas/geo"
)

// MeasureUsage describes `maliatlas measure`.
const MeasureUsage = `  maliatlas measure PLACE PLACE [PLACE...] [--road] [--format table|tsv] [--lang fr|en]
                                      the distance between places (names as search finds
                                      them, or coordinates "16.27, -0.04"), leg by leg and in
                                      all: straight (geodesic) and, with --road, along the
                                      roads and tracks of the basemap (e.g. Gao Kidal: RN18)
`

type measureArgs struct {
	places []string
	road   bool
	format string
	lang   string
}

// parseMeasureArgs reads PLACE PLACE... [--road] [--format table|tsv]
// [--lang fr|en]; each PLACE is one argument (quote names and coordinates
// with spaces).
func parseMeasureArgs(args []string) (measureArgs, error) {
	a := measureArgs{format: "table"}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			a.places = append(a.places, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(arg, "--") {
			a.places = append(a.places, arg)
			continue
		}
		name, val, hasVal := strings.Cut(arg[2:], "=")
		switch name {
		case "road":
			if hasVal {
				return a, badArgs("measure: --road takes no value")
			}
			a.road = true
			continue
		case "format", "lang":
		default:
			return a, badArgs("measure: unknown option %q", arg)
		}
		if !hasVal {
			if i+1 >= len(args) {
				return a, badArgs("measure: --%s needs a value", name)
			}
			i++
			val = args[i]
		}
		if name == "format" {
			if val != "table" && val != "tsv" {
				return a, badArgs("measure: --format must be table or tsv, not %q", val)
			}
			a.format = val
		} else {
			a.lang = val
		}
	}
	for i, p := range a.places {
		a.places[i] = strings.TrimSpace(p)
		if a.places[i] == "" {
			return a, badArgs("measure: place %d is empty", i+1)
		}
	}
	if len(a.places) < 2 {
		return a, badArgs("measure needs at least two places (names or coordinates)")
	}
	var err error
	a.lang, err = parseLang(a.lang)
	return a, err
}

// measureLeg is one leg measured: straight, and by road when asked.
type measureLeg struct {
	from, to string
	straight float64 // km
	road     float64 // km; 0 with no road
	refs     []string
	roadErr  error
}

// runMeasure prints the straight and (with --road) road distances between
// the places given, leg by leg, then in all.
func runMeasure(args []string, stdout io.Writer) error {
	a, err := parseMeasureArgs(args)
	if err != nil {
		return err
	}
	s, cat, err := loadSearcher()
	if err != nil {
		return err
	}
	names := make([]string, len(a.places))
	pts := make([]orb.Point, len(a.places))
	for i, q := range a.places {
		rs := s.Search(gazetteer.Query{Text: q, Lang: a.lang, Limit: 1})
		if len(rs) == 0 {
			return fmt.Errorf("measure: no place matches %q (place %d)", q, i+1)
		}
		names[i], pts[i] = rs[0].Name, rs[0].Point
	}
	legs := make([]measureLeg, 0, len(pts)-1)
	for i := 1; i < len(pts); i++ {
		l := measureLeg{from: names[i-1], to: names[i], straight: geo.Distance(pts[i-1], pts[i]) / 1000}
		if a.road {
			p, err := cat.Roads().Path(pts[i-1], pts[i])
			if err == nil {
				l.road, l.refs = (p.Length+p.SnapA+p.SnapB)/1000, p.Refs
			}
			l.roadErr = err
		}
		legs = append(legs, l)
	}
	if a.format == "tsv" {
		return writeMeasureTSV(stdout, legs, a.road)
	}
	return writeMeasureTable(stdout, legs, a.road, pts, names)
}

// roadCell is a leg's road distance as printed: km, or "no road".
func (l *measureLeg) roadCell() string {
	if l.roadErr != nil {
		return "no road"
	}
	return fmt.Sprintf("%.0f", l.road)
}

func writeMeasureTSV(w io.Writer, legs []measureLeg, road bool) error {
	head := "from\tto\tstraight_km"
	if road {
		head += "\troad_km\troads"
	}
	fmt.Fprintln(w, head)
	for i := range legs {
		l := &legs[i]
		line := fmt.Sprintf("%s\t%s\t%.1f", tsvField(l.from), tsvField(l.to), l.straight)
		if road {
			km := ""
			if l.roadErr == nil {
				km = fmt.Sprintf("%.1f", l.road)
			}
			line += "\t" + km + "\t" + strings.Join(l.refs, ",")
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

func writeMeasureTable(w io.Writer, legs []measureLeg, road bool, pts []orb.Point, names []string) error {
	for i, n := range names {
		fmt.Fprintf(w, "%d. %s (%.5f, %.5f)\n", i+1, n, pts[i][0], pts[i][1])
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "FROM\tTO\tSTRAIGHT KM\t"
	if road {
		head += "ROAD KM\tROADS\t"
	}
	fmt.Fprintln(tw, head)
	var straight, byRoad float64
	allRoad := true
	for i := range legs {
		l := &legs[i]
		straight += l.straight
		if l.roadErr == nil {
			byRoad += l.road
		} else {
			byRoad += l.straight
			allRoad = false
		}
		line := fmt.Sprintf("%s\t%s\t%.0f\t", tsvField(l.from), tsvField(l.to), l.straight)
		if road {
			line += l.roadCell() + "\t" + strings.Join(l.refs, ", ") + "\t"
		}
		fmt.Fprintln(tw, line)
	}
	if len(legs) > 1 || road {
		line := fmt.Sprintf("Total\t\t%.0f\t", straight)
		if road {
			note := ""
			if !allRoad {
				note = "(straight where no road)"
			}
			line += fmt.Sprintf("%.0f\t%s\t", byRoad, note)
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}
