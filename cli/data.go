package cli

import (
	"fmt"
	"io"
	"strings"

	"maliatlas/assets"
	"maliatlas/data"
	"maliatlas/exchange"
	"maliatlas/layers"
	"maliatlas/project"
)

// dataUsage is the usage of "maliatlas data".
const dataUsage = `  maliatlas data export --out FILE [--layers ID,...|all] [--period P]
                 [--project FILE.matlas] [--lang fr|en]
                                      the layers' data for QGIS or Google Earth; the
                                      format follows FILE's extension: .geojson (RFC 7946),
                                      .kml or .kmz (styled as the map, one Folder per layer
                                      and category, narratives and sources in the
                                      descriptions), .gpkg (one table per layer), .csv (WKT).
                                      --layers all: the whole atlas but the basemap; "annotations": the
                                      project's annotations (default: the project's
                                      visible layers, else those visible by default)
`

// runData runs "maliatlas data …".
func runData(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "export" {
		return badArgs("data: the only subcommand is export")
	}
	fs := newFlagSet("data export")
	out := fs.String("out", "", "")
	layerList := fs.String("layers", "", "")
	periodFlag := fs.String("period", "", "")
	projPath := fs.String("project", "", "")
	lang := fs.String("lang", "", "")
	if err := fs.Parse(args[1:]); err != nil {
		return badArgs("data export: %v", err)
	}
	if fs.NArg() > 0 {
		return badArgs("data export: unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return badArgs("data export needs --out FILE")
	}
	if _, err := exchange.FormatOf(*out); err != nil {
		return badArgs("%v", err)
	}
	if *projPath != "" && !strings.HasSuffix(strings.ToLower(*projPath), project.Ext) {
		return badArgs("--project %q: a project file ends in %s", *projPath, project.Ext)
	}
	period, err := layers.ParsePeriod(*periodFlag)
	if err != nil {
		return badArgs("--period: %v", err)
	}
	sel := exchange.Selection{Period: period, PeriodSet: *periodFlag != ""}
	if *layerList != "" {
		for _, id := range strings.Split(*layerList, ",") {
			if id = strings.TrimSpace(id); id != "" {
				sel.Layers = append(sel.Layers, id)
			}
		}
	}
	cat, err := layers.Load(data.FS)
	if err != nil {
		return err
	}
	if *projPath != "" {
		if sel.Project, err = project.Load(*projPath); err != nil {
			return err
		}
		if err := exchange.AddImports(cat, sel.Project, *projPath); err != nil {
			return err
		}
	}
	lg := *lang
	if lg == "" && sel.Project != nil {
		lg = sel.Project.Lang
	}
	if sel.Lang, err = parseLang(lg); err != nil {
		return err
	}
	ls, err := exchange.Gather(cat, sel)
	if err != nil {
		return badArgs("--layers: %v", err)
	}
	meta := exchange.Meta{Title: "Mali Routes Atlas", Credits: assets.T(sel.Lang, "layout.credits"), Sources: exchange.Sources(cat, ls)}
	if sel.Project != nil && sel.Project.Title != "" {
		meta.Title = sel.Project.Title
	}
	if err := exchange.Write(*out, ls, meta); err != nil {
		return err
	}
	n := 0
	for _, l := range ls {
		n += len(l.Features)
	}
	fmt.Fprintf(stdout, "%s: %d layer(s), %d feature(s)\n", *out, len(ls), n)
	return nil
}
