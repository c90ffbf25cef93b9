package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"maliatlas/data"
	"maliatlas/project"
	"maliatlas/render"
	"maliatlas/render/export"
	"maliatlas/view"
)

// Default pages of a briefing: an A4 landscape handout, full-HD slides.
const (
	briefingPaper   = "A4"
	briefingDPI     = 150
	briefingPNGSize = "1920x1080"
)

// runBriefing runs "maliatlas briefing …".
func runBriefing(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "export" {
		return badArgs("briefing: the only subcommand is export")
	}
	return runBriefingExport(args[1:], stdout)
}

// briefingArgs are the parsed options of "briefing export".
type briefingArgs struct {
	out, outDir, projectPath, lang string
	page                           export.Page
}

func parseBriefingArgs(args []string) (*briefingArgs, error) {
	fs := newFlagSet("briefing export")
	a := &briefingArgs{}
	fs.StringVar(&a.out, "out", "", "")
	fs.StringVar(&a.outDir, "out-dir", "", "")
	fs.StringVar(&a.projectPath, "project", "", "")
	fs.StringVar(&a.lang, "lang", "", "")
	size := fs.String("size", "", "")
	paper := fs.String("paper", "", "")
	landscape := fs.Bool("landscape", false, "")
	dpi := fs.Float64("dpi", briefingDPI, "")
	if err := fs.Parse(args); err != nil {
		return nil, badArgs("briefing export: %v", err)
	}
	if fs.NArg() > 0 {
		return nil, badArgs("briefing export: unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case a.out == "" && a.outDir == "":
		return nil, badArgs("briefing export needs --out FILE.pdf or --out-dir DIR")
	case a.out != "" && a.outDir != "":
		return nil, badArgs("briefing export: give --out or --out-dir, not both")
	case a.out != "" && !strings.EqualFold(filepath.Ext(a.out), ".pdf"):
		return nil, badArgs("briefing export: --out %s: the handout is a PDF (.pdf); use --out-dir for PNG images", a.out)
	case *size != "" && *paper != "":
		return nil, badArgs("briefing export: give --size or --paper, not both")
	case *size != "" && (set["dpi"] || set["landscape"]):
		return nil, badArgs("briefing export: --dpi and --landscape go with --paper, not --size")
	case a.lang != "" && a.lang != "en" && a.lang != "fr":
		return nil, badArgs("--lang must be fr or en, not %q", a.lang)
	}
	var err error
	switch {
	case *size != "":
		var w, h int
		if w, h, err = export.ParseSize(*size); err != nil {
			return nil, badArgs("%v", err)
		}
		a.page = export.SizePage(w, h)
	case *paper != "":
		a.page, err = export.PaperPage(*paper, *landscape, *dpi)
	case a.out != "" || set["dpi"]:
		// The handout's default: A4 landscape.
		a.page, err = export.PaperPage(briefingPaper, true, *dpi)
	default:
		w, h, _ := export.ParseSize(briefingPNGSize)
		a.page = export.SizePage(w, h)
	}
	if err != nil {
		return nil, badArgs("%v", err)
	}
	return a, nil
}

func runBriefingExport(args []string, stdout io.Writer) error {
	a, err := parseBriefingArgs(args)
	if err != nil {
		return err
	}
	scene, err := LoadScene()
	if err != nil {
		return err
	}
	var b project.Briefing
	var anns []project.Annotation
	lang := a.lang
	where := "built-in briefing"
	if a.projectPath != "" {
		p, err := project.Load(a.projectPath)
		if err != nil {
			return err
		}
		if len(p.Briefings) == 0 {
			return fmt.Errorf("%s: the project has no briefing", a.projectPath)
		}
		b = p.Briefings[0]
		anns = p.Annotations
		if lang == "" {
			lang = p.Lang
		}
		where = a.projectPath
		for i, im := range p.Imports {
			_, fc, err := project.ReadImport(fmt.Sprintf("%s: imports[%d] (%s)", a.projectPath, i, im.Title), im.GeoJSON)
			if err != nil {
				return err
			}
			scene.Catalog.AddUserLayer(im.ID, im.Title, fc, i)
		}
	} else {
		bs, err := project.LoadBuiltin(data.FS)
		if err != nil {
			return err
		}
		if len(bs) == 0 {
			return fmt.Errorf("no built-in briefing in data/%s", project.BuiltinDir)
		}
		b = bs[0]
	}
	if lang, err = parseLang(lang); err != nil {
		return err
	}
	if len(b.Steps) == 0 {
		return fmt.Errorf("%s: briefing %q has no steps", where, b.ID)
	}
	maps, err := BriefingMaps(scene, &b, anns, lang)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if a.out != "" {
		if err := export.WritePages(a.out, maps, a.page); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d pages\n", a.out, len(maps))
		return nil
	}
	if err := os.MkdirAll(a.outDir, 0o755); err != nil {
		return err
	}
	for i, m := range maps {
		p := filepath.Join(a.outDir, fmt.Sprintf("step-%02d.png", i+1))
		if err := export.WriteFile(p, m, a.page); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "%s: %d images\n", a.outDir, len(maps))
	return nil
}

// BriefingMaps lays out each step of b as an export page in lang: the
// step's view, its layers, period filter and selected feature highlighted,
// the annotations it names (from anns, the project's), its title as the page
// title and its caption as the subtitle, with legend, scale bar, north arrow
// and sources.
func BriefingMaps(scene *render.Scene, b *project.Briefing, anns []project.Annotation, lang string) ([]*export.Map, error) {
	byID := map[string]*project.Annotation{}
	for i := range anns {
		byID[anns[i].ID] = &anns[i]
	}
	cat := scene.Catalog
	maps := make([]*export.Map, 0, len(b.Steps))
	for i := range b.Steps {
		s := &b.Steps[i]
		for _, st := range s.Layers {
			if cat.Layer(st.ID) == nil {
				return nil, fmt.Errorf("briefing %q step %d: no layer %q", b.ID, i+1, st.ID)
			}
		}
		if s.Selected != "" && cat.Feature(s.Selected) == nil {
			return nil, fmt.Errorf("briefing %q step %d: no feature %q to select", b.ID, i+1, s.Selected)
		}
		for _, id := range s.Annotations {
			if _, ok := byID[id]; !ok {
				return nil, fmt.Errorf("briefing %q step %d: no annotation %q", b.ID, i+1, id)
			}
		}
		// The presenter's state of the step, through the same view state.
		vs := view.Default(cat, lang)
		vs.Apply(cat, *s)
		o := vs.Options(cat)
		shown := vs.Annotations(anns)
		maps = append(maps, &export.Map{
			Scene:       scene,
			Options:     o,
			BBox:        s.View.Bound(),
			Title:       s.Title.In(lang),
			Subtitle:    view.StepCaption(cat, *s, lang),
			Annotations: shown,
			Period:      vs.Period,
			Legend:      true,
			ScaleBar:    true,
			North:       true,
			Attribution: true,
		})
	}
	return maps, nil
}
