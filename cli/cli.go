// Package cli is the headless command line: export, layers and check. It
// never touches Fyne, so it runs on a server with no display.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/assets"
	"maliatlas/data"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/render"
	"maliatlas/render/export"
)

// Usage is printed for bad arguments.
const Usage = `usage:
  maliatlas [gui]                     open the window
  maliatlas --version                 print the version
  maliatlas export --out FILE [options]     FILE ends in .png, .svg or .pdf
      --project FILE.matlas           view, layers (visible, opacity, hidden categories),
                                      period, language, title and annotations from a project
      --size WxH                      pixels (default 1600x1200; 1920x1080 for a slide), or
      --paper A4|A3|letter [--landscape] [--dpi N]   (dpi 36..1200, default 150)
      --bbox minlon,minlat,maxlon,maxlat   (default: the project's view at the page
                                      size, else all of Mali with a margin)
      --layers id,id,...              the overlays (default: the project's, else those
                                      visible by default); the base map stays unless
      --base none|id,id,...           says which base layers to draw (default: the
                                      project's, else those shown by default)
      --add PATH                      a file drawn as an extra layer (repeatable): GeoJSON,
                                      GeoJSONSeq, CSV, KML, KMZ, Shapefile (.shp or .zip),
                                      GeoPackage (file.gpkg, or file.gpkg:table,...);
                                      ACLED and UCDP GED files become event layers
      --hotspots hex|kde|cluster|points   draw the added files as events, with
        [--cell-km N] [--bandwidth-km N] [--weight COLUMN|count] [--ramp viridis|cividis|magma]
        [--classes quantiles|natural] [--from DATE] [--to DATE] [--precise] [--mapping FILE.json]
      --title TEXT  --subtitle TEXT   (a subtitle: a date, a place)
      --lang fr|en                    (default: the project's, else the environment's, else en)
      --period all|YYYY|YYYY-YYYY     only the features of those years, e.g. 2023-2025
                                      (default: the project's, else all years)
      --legend --scalebar --north --inset --attribution
                                      layout elements: with none of these, all but the
                                      inset are drawn; with any, exactly those. The
                                      attribution (data credits and sources) is always
                                      drawn: credits must appear on every export.
      --sensitive                     leave out sensitive layers and snap sites to a grid
      --coarsen-km N                  the grid, in km (default 10 with --sensitive)
      --watermark TEXT                drawn diagonally across the page
  maliatlas layers [--lang fr|en]     list layer ids, titles and feature counts
  maliatlas check [PATH...]           validate files of features, in any format --add reads
                                      (no PATH: the embedded data)
  maliatlas search QUERY [--limit N] [--format table|tsv] [--lang fr|en]
                                      find places, physical features and the map's features
                                      (any spelling, with or without accents) or read
                                      coordinates ("16.27, -0.04", "16°16'N 0°02'W"); prints
                                      name, kind, lon, lat, region (default: 10, as a table)
  maliatlas briefing export --out handout.pdf [--project FILE.matlas] [--lang fr|en]
  maliatlas briefing export --out-dir DIR [--project FILE.matlas] [--lang fr|en]
                                      a briefing as a PDF handout (one page per step) or PNGs
` + MeasureUsage + dataUsage + EventsUsage

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func badArgs(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// Main runs the command in args (without the program name) and returns the
// exit status: 0 done, 1 failed (bad input, I/O), 2 bad arguments.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, Usage)
		return 2
	}
	var err error
	switch args[0] {
	case "export":
		err = runExport(args[1:], stdout)
	case "layers":
		err = runLayers(args[1:], stdout)
	case "check":
		err = runCheck(args[1:], stdout)
	case "briefing":
		err = runBriefing(args[1:], stdout)
	case "data":
		err = runData(args[1:], stdout)
	case "search":
		err = runSearch(args[1:], stdout)
	case "measure":
		err = runMeasure(args[1:], stdout) // measure.go
	case "exercise":
		err = runExercise(args[1:], stdout) // exercise.go
	case "events":
		err = runEvents(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, Usage+ExerciseUsage)
		return 0
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "maliatlas %s\n", Version)
		return 0
	default:
		err = badArgs("unknown command %q", args[0])
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "maliatlas: %s\n%s", ue.msg, Usage+ExerciseUsage)
		return 2
	case errors.Is(err, errChecked):
		return 1
	default:
		fmt.Fprintf(stderr, "maliatlas: %v\n", err)
		return 1
	}
}

// EnvLang is the language the environment asks for: fr or en.
func EnvLang() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "fr") {
				return "fr"
			}
			return "en"
		}
	}
	return "en"
}

func parseLang(s string) (string, error) {
	switch s {
	case "":
		return EnvLang(), nil
	case "en", "fr":
		return s, nil
	}
	return "", badArgs("--lang must be fr or en, not %q", s)
}

// LoadScene loads the embedded catalogue with the map fonts.
func LoadScene() (*render.Scene, error) {
	cat, err := layers.Load(data.FS)
	if err != nil {
		return nil, err
	}
	f := assets.MapFonts()
	sc := render.NewScene(cat, render.FontSet{Regular: f.Regular, Bold: f.Bold, Italic: f.Italic})
	// No DataExtent: the basemap's world layer draws the land beyond it.
	return sc, nil
}

// MaliBound is Mali's extent from the embedded regions, with a margin.
func MaliBound(cat *layers.Catalog) orb.Bound {
	b := orb.Bound{Min: orb.Point{-12.3, 10.1}, Max: orb.Point{4.3, 25.0}}
	if l := cat.Layer("regions"); l != nil && len(l.Features) > 0 {
		b = l.Features[0].Bound
		for _, f := range l.Features[1:] {
			b = b.Union(f.Bound)
		}
	}
	return b.Pad(0.6)
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseBBox(s string) (orb.Bound, error) {
	var v [4]float64
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return orb.Bound{}, badArgs("--bbox is minlon,minlat,maxlon,maxlat, not %q", s)
	}
	for i, p := range parts {
		if _, err := fmt.Sscanf(strings.TrimSpace(p), "%g", &v[i]); err != nil {
			return orb.Bound{}, badArgs("--bbox: %q is not a number", p)
		}
	}
	if v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -85 || v[3] > 85 {
		return orb.Bound{}, badArgs("--bbox %q: need minlon < maxlon within ±180 and minlat < maxlat within ±85", s)
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}

func runExport(args []string, stdout io.Writer) error {
	fs := newFlagSet("export")
	out := fs.String("out", "", "")
	size := fs.String("size", "", "")
	paper := fs.String("paper", "", "")
	landscape := fs.Bool("landscape", false, "")
	dpi := fs.Float64("dpi", 150, "")
	bbox := fs.String("bbox", "", "")
	layerList := fs.String("layers", "", "")
	baseList := fs.String("base", "", "")
	title := fs.String("title", "", "")
	subtitle := fs.String("subtitle", "", "")
	lang := fs.String("lang", "", "")
	projPath := fs.String("project", "", "")
	legend := fs.Bool("legend", false, "")
	scalebar := fs.Bool("scalebar", false, "")
	north := fs.Bool("north", false, "")
	inset := fs.Bool("inset", false, "")
	fs.Bool("attribution", true, "")
	watermark := fs.String("watermark", "", "")
	coarsen := fs.Float64("coarsen-km", 0, "")
	sensitive := fs.Bool("sensitive", false, "")
	periodFlag := fs.String("period", "", "")
	var adds multiFlag
	fs.Var(&adds, "add", "")
	evFlags := addEventExportFlags(fs) // event files among --add (cli/events_export.go)
	if err := fs.Parse(args); err != nil {
		return badArgs("export: %v", err)
	}
	if fs.NArg() > 0 {
		return badArgs("export: unexpected argument %q", fs.Arg(0))
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if *out == "" {
		return badArgs("export needs --out FILE")
	}
	if _, err := export.FormatOf(*out); err != nil {
		return badArgs("%v", err)
	}
	if !(*coarsen >= 0 && *coarsen <= 1000) {
		return badArgs("--coarsen-km must be 0..1000 km, not %g", *coarsen)
	}
	if *projPath != "" && !strings.HasSuffix(strings.ToLower(*projPath), project.Ext) {
		return badArgs("--project %q: a project file ends in %s", *projPath, project.Ext)
	}
	if *lang != "" {
		if _, err := parseLang(*lang); err != nil {
			return err
		}
	}
	period, err := layers.ParsePeriod(*periodFlag)
	if err != nil {
		return badArgs("--period: %v", err)
	}
	var pg export.Page
	switch {
	case *paper != "" && *size != "":
		return badArgs("give --size or --paper, not both")
	case *paper != "":
		pg, err = export.PaperPage(*paper, *landscape, *dpi)
	default:
		if *size == "" {
			*size = "1600x1200"
		}
		var w, h int
		w, h, err = export.ParseSize(*size)
		pg = export.SizePage(w, h)
	}
	if err != nil {
		return badArgs("%v", err)
	}
	var bound orb.Bound
	if *bbox != "" {
		if bound, err = parseBBox(*bbox); err != nil {
			return err
		}
	}
	var proj *project.Project
	if *projPath != "" {
		if proj, err = project.Load(*projPath); err != nil {
			return err
		}
	}
	pending := readGeoJSONFiles(adds, evFlags.asEvents) // read while the catalogue loads
	scene, err := LoadScene()
	if err != nil {
		return err
	}
	cat := scene.Catalog
	if proj != nil {
		for i, im := range proj.Imports {
			// The window's check (a bad import is refused here: a handout
			// must not silently miss a layer).
			_, fc, err := project.ReadImport(fmt.Sprintf("%s: imports[%d] (%s)", *projPath, i, im.Title), im.GeoJSON)
			if err != nil {
				return err
			}
			cat.AddUserLayer(im.ID, im.Title, fc, i)
		}
	}
	var evLayers []*render.EventLayer
	for i, p := range adds {
		id := fmt.Sprintf("user%d-%s", i+1, strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)))
		fc, isEvents, err := pending.take(i)
		if isEvents {
			ev, err := evFlags.eventLayer(p, id)
			if err != nil {
				return err
			}
			evLayers = append(evLayers, ev)
			continue
		}
		if err != nil {
			return err
		}
		n := i
		if proj != nil {
			n += len(proj.Imports)
		}
		cat.AddUserLayer(id, filepath.Base(p), fc, n)
	}
	// Reading large files leaves their bytes and the reader's records
	// behind: collect them before drawing, so that the drawing's memory does
	// not come on top of them (the peak of a large export, issue #13).
	// Then the heap may grow to 1.5 times what is live rather than twice
	// (GOGC 50): the scene prepared for drawing and the recording roughly
	// double the live heap while drawing, and the garbage of drawing and
	// encoding would otherwise take the peak to twice that (10x bench
	// scene: 229 -> 217 MiB max RSS, for a few more collections).
	if addedBytes(adds) >= 16<<20 {
		runtime.GC()
		if os.Getenv("GOGC") == "" {
			defer debug.SetGCPercent(debug.SetGCPercent(50))
		}
	}
	var m *export.Map
	if proj != nil {
		m = export.FromProject(scene, proj, pg)
	} else {
		m = &export.Map{Scene: scene, BBox: MaliBound(cat), Options: render.Options{Lang: EnvLang(), Visible: cat.DefaultVisible()}}
	}
	if *bbox != "" {
		m.BBox = bound
	}
	if *lang != "" {
		m.Options.Lang = *lang
	}
	if given["title"] {
		m.Title = *title
	}
	m.Subtitle = *subtitle
	if *layerList != "" || given["base"] {
		if m.Options.Visible, err = selectLayers(cat, m.Options.Visible, *layerList, *baseList, given["base"]); err != nil {
			return err
		}
	}
	m.Options.Events = evLayers
	for i, p := range adds {
		id := fmt.Sprintf("user%d-%s", i+1, strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)))
		if cat.Layer(id) != nil && !slices.Contains(m.Options.Visible, id) {
			m.Options.Visible = append(m.Options.Visible, id)
		}
	}
	// Layout: none of the element flags means all but the inset; any means
	// exactly those. Attribution is always on.
	if given["legend"] || given["scalebar"] || given["north"] || given["inset"] || given["attribution"] {
		m.Legend, m.ScaleBar, m.North, m.Inset = *legend, *scalebar, *north, *inset
	} else {
		m.Legend, m.ScaleBar, m.North = true, true, true
	}
	if given["period"] {
		// The period given replaces the project's.
		var hidden func(*layers.Feature) bool
		if proj != nil {
			proj.Period = project.Period{}
			hidden = export.FromProject(scene, proj, pg).Options.Filter
		}
		m.Period = period
		m.Options.Filter = layers.And(hidden, layers.PeriodFilter(period))
	}
	m.Attribution = true
	m.Watermark = *watermark
	m.Sensitive = *sensitive
	m.CoarsenKm = *coarsen
	return export.WriteFile(*out, m, pg)
}

// addedBytes is the size of the files given to --add.
func addedBytes(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

func readGeoJSONFile(p string) (*geojson.FeatureCollection, error) {
	return geo.ReadFile(p)
}

func runLayers(args []string, stdout io.Writer) error {
	fs := newFlagSet("layers")
	lang := fs.String("lang", "", "")
	if err := fs.Parse(args); err != nil {
		return badArgs("layers: %v", err)
	}
	lg, err := parseLang(*lang)
	if err != nil {
		return err
	}
	cat, err := layers.Load(data.FS)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%-18s %-8s %-8s %8s  %-7s %s\n", "ID", "GROUP", "KIND", "FEATURES", "SHOWN", "TITLE")
	for _, l := range cat.Layers {
		if err := l.Load(); err != nil { // a basemap band is decoded on first use
			return err
		}
		shown := "no"
		if l.Spec.Visible || l.Spec.Parent != "" && cat.Layer(l.Spec.Parent) != nil && cat.Layer(l.Spec.Parent).Spec.Visible {
			shown = "yes"
		}
		fmt.Fprintf(stdout, "%-18s %-8s %-8s %8d  %-7s %s\n", l.Spec.ID, l.Spec.Group, l.Spec.Kind, len(l.Features), shown, l.Title(lg))
	}
	return nil
}

// errChecked: check found problems and printed them.
var errChecked = errors.New("problems found")

func runCheck(args []string, stdout io.Writer) error {
	var problems, notes []string
	if len(args) == 0 {
		problems = layers.CheckFS(data.FS)
		problems = append(problems, gazetteerProblems()...) // search.go
	}
	for _, p := range args {
		if strings.HasPrefix(p, "-") {
			return badArgs("check: unknown option %q", p)
		}
		fc, err := geo.ReadFile(p)
		if _, open := err.(*fs.PathError); open { // os.Open's error, not wrapped
			problems = append(problems, fmt.Sprintf("%s: %v", p, err))
		} else if err != nil {
			problems = append(problems, problemLines(err)...)
		} else if n := geo.Unplaced(fc); n > 0 {
			notes = append(notes, fmt.Sprintf("%s: %d of %d features have no geometry (\"geometry\": null): kept, not drawn", p, n, len(fc.Features)))
		}
	}
	for _, p := range append(notes, problems...) {
		fmt.Fprintln(stdout, p)
	}
	if len(problems) > 0 {
		return errChecked
	}
	if len(args) == 0 {
		fmt.Fprintln(stdout, "embedded data: ok")
	} else {
		fmt.Fprintf(stdout, "%d file(s): ok\n", len(args))
	}
	return nil
}

// problemLines splits a reading error into one line per problem.
func problemLines(err error) []string {
	var ie *geo.InputError
	if errors.As(err, &ie) {
		return ie.Lines()
	}
	return []string{err.Error()}
}
