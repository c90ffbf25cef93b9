package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"maliatlas/data"
	"maliatlas/project"
	"maliatlas/render"
	"maliatlas/render/export"
)

// ExerciseUsage is the part of Usage about exercises.
const ExerciseUsage = `  maliatlas exercise list             the built-in training scenarios
  maliatlas exercise new --scenario ID|FILE.json --out trainer.matlas [--lang fr|en]
                                      from a built-in scenario or one written by the trainer
                                      (the format of data/scenarios, project/SCHEMA.md)
  maliatlas exercise release --project trainer.matlas [--inject N]
                                      release the next inject (or up to N)
  maliatlas exercise group --project trainer.matlas --name NAME [--color #rrggbb] --out group.matlas
                                      a group's copy (no solution, released injects only);
                                      an existing copy of that group is brought up to date,
                                      keeping the group's work
  maliatlas exercise merge --project trainer.matlas --groups a.matlas,b.matlas
                                      import the groups' work (each import a new version)
  maliatlas exercise handout --project FILE --out x.pdf [--lang fr|en] [--all]
  maliatlas exercise debrief --project trainer.matlas [--groups a.matlas,b.matlas] --out x.pdf [--lang fr|en]
`

// exerciseArgs are an exercise subcommand's flags.
type exerciseArgs struct {
	sub                                               string
	scenario, out, project, lang, groups, name, color string
	inject                                            int
	all                                               bool
	lg                                                string // --lang, else the environment's
}

// need refuses an empty value of the flag named flag.
func (a *exerciseArgs) need(v, flag string) error {
	if v == "" {
		return badArgs("exercise %s needs --%s", a.sub, flag)
	}
	return nil
}

func runExercise(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return badArgs("exercise: give a subcommand: list, new, release, group, merge, handout or debrief")
	}
	a := exerciseArgs{sub: args[0]}
	args = args[1:]
	fs := newFlagSet("exercise " + a.sub)
	fs.StringVar(&a.scenario, "scenario", "", "")
	fs.StringVar(&a.out, "out", "", "")
	fs.StringVar(&a.project, "project", "", "")
	fs.StringVar(&a.lang, "lang", "", "")
	fs.StringVar(&a.groups, "groups", "", "")
	fs.StringVar(&a.name, "name", "", "")
	fs.StringVar(&a.color, "color", "", "")
	fs.IntVar(&a.inject, "inject", 0, "")
	fs.BoolVar(&a.all, "all", false, "")
	if err := fs.Parse(args); err != nil {
		return badArgs("exercise %s: %v", a.sub, err)
	}
	if fs.NArg() > 0 {
		return badArgs("exercise %s: unexpected argument %q", a.sub, fs.Arg(0))
	}
	var err error
	if a.lg, err = parseLang(a.lang); err != nil { // the environment's language when not given
		return err
	}
	switch a.sub {
	case "list":
		return exerciseList(&a, stdout)
	case "new":
		return exerciseNew(&a, stdout)
	}
	run := map[string]func(*exerciseArgs, *project.Project, io.Writer) error{
		"release": exerciseRelease,
		"group":   exerciseGroup,
		"merge":   exerciseMerge,
		"handout": exercisePapers,
		"debrief": exercisePapers,
	}[a.sub]
	if run == nil {
		return badArgs("exercise: unknown subcommand %q (list, new, release, group, merge, handout, debrief)", a.sub)
	}
	if err := a.need(a.project, "project"); err != nil {
		return err
	}
	p, err := loadExercise(a.project)
	if err != nil {
		return err
	}
	if a.lang != "" {
		p.Lang = a.lang
	}
	return run(&a, p, stdout)
}

// exerciseList lists the built-in scenarios.
func exerciseList(a *exerciseArgs, stdout io.Writer) error {
	ss, err := project.LoadBuiltinScenarios(data.FS)
	if err != nil {
		return err
	}
	for _, s := range ss {
		fmt.Fprintf(stdout, "%s\t%d injects\t%s\n", s.ID, len(s.Injects), s.Title.In(a.lg))
	}
	return nil
}

// exerciseNew writes a trainer's project from a built-in scenario or one
// the trainer wrote.
func exerciseNew(a *exerciseArgs, stdout io.Writer) error {
	if err := a.need(a.scenario, "scenario"); err != nil {
		return err
	}
	if err := a.need(a.out, "out"); err != nil {
		return err
	}
	ss, err := project.LoadBuiltinScenarios(data.FS)
	if err != nil {
		return err
	}
	want := a.scenario
	if strings.HasSuffix(strings.ToLower(a.scenario), ".json") {
		// A scenario the trainer wrote (the format of data/scenarios).
		raw, err := os.ReadFile(a.scenario)
		if err != nil {
			return err
		}
		sc, err := project.DecodeScenario(a.scenario, raw)
		if err != nil {
			return err
		}
		scene, err := LoadScene()
		if err != nil {
			return err
		}
		if err := sc.CheckNoSourceKeys(sourceKeys(scene)); err != nil {
			return fmt.Errorf("%s: %w", a.scenario, err)
		}
		ss, want = []*project.Scenario{sc}, sc.ID
	}
	var ids []string
	for _, s := range ss {
		if s.ID == want {
			p := project.NewExercise(s, a.lg)
			if err := project.Save(a.out, p); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: exercise %q, %d injects, none released\n", a.out, s.ID, len(s.Injects))
			return nil
		}
		ids = append(ids, s.ID)
	}
	return fmt.Errorf("no built-in scenario %q (there are: %s)", want, strings.Join(ids, ", "))
}

// exerciseRelease releases the next inject of the trainer's project p (or
// up to --inject).
func exerciseRelease(a *exerciseArgs, p *project.Project, stdout io.Writer) error {
	s := p.Scenario
	n := s.Released + 1
	if a.inject != 0 {
		n = a.inject
	}
	if n < 1 || n > len(s.Injects) {
		return fmt.Errorf("%s: inject %d is outside 1..%d (released: %d)", a.project, n, len(s.Injects), s.Released)
	}
	if s.Group != nil {
		return fmt.Errorf("%s: a group's copy: release injects in the trainer's project", a.project)
	}
	s.Released = n
	if err := project.Save(a.project, p); err != nil {
		return err
	}
	in := s.Injects[n-1]
	fmt.Fprintf(stdout, "%s: inject %d of %d released: %s\n", a.project, n, len(s.Injects), in.Title.In(p.Lang))
	return nil
}

// exerciseGroup writes a group's copy of the trainer's project p, or
// brings that group's existing copy up to date, keeping its work.
func exerciseGroup(a *exerciseArgs, p *project.Project, stdout io.Writer) error {
	s := p.Scenario
	if err := a.need(a.name, "name"); err != nil {
		return err
	}
	if err := a.need(a.out, "out"); err != nil {
		return err
	}
	if s.Group != nil {
		return fmt.Errorf("%s: already a group's copy; make group copies from the trainer's project", a.project)
	}
	if old, err := project.Load(a.out); err == nil && old.Scenario != nil && old.Scenario.Group != nil && old.Scenario.Group.Name == a.name {
		if err := project.UpdateGroupCopy(old, p); err != nil {
			return fmt.Errorf("%s: %w", a.out, err)
		}
		if err := project.Save(a.out, old); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: group %q brought up to inject %d; its %d mark(s) and %d answer(s) kept\n", a.out, a.name, old.Scenario.Released, len(old.Annotations), len(old.Scenario.Answers))
		return nil
	} else if err == nil {
		return fmt.Errorf("%s: exists and is not group %q's copy of this exercise: not overwritten", a.out, a.name)
	} else if !os.IsNotExist(underlying(err)) && fileExists(a.out) {
		return err
	}
	c := a.color
	if c == "" {
		c = project.GroupColors[len(s.LatestGroups())%len(project.GroupColors)]
	}
	g, err := project.GroupCopy(p, a.name, c)
	if err != nil {
		return badArgs("exercise group: %v", err)
	}
	if err := project.Save(a.out, g); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: group %q (%s), injects 1..%d, no solution\n", a.out, a.name, c, g.Scenario.Released)
	return nil
}

// exerciseMerge imports the groups' work into the trainer's project p.
func exerciseMerge(a *exerciseArgs, p *project.Project, stdout io.Writer) error {
	if err := a.need(a.groups, "groups"); err != nil {
		return err
	}
	if err := mergeGroups(p, a.groups, stdout); err != nil {
		return err
	}
	return project.Save(a.project, p)
}

// exercisePapers writes the handout or the debrief of p as a PDF.
func exercisePapers(a *exerciseArgs, p *project.Project, stdout io.Writer) error {
	if err := a.need(a.out, "out"); err != nil {
		return err
	}
	if !strings.EqualFold(filepath.Ext(a.out), ".pdf") {
		return badArgs("exercise %s: --out %s: the handout is a PDF (.pdf)", a.sub, a.out)
	}
	scene, err := LoadScene()
	if err != nil {
		return err
	}
	if err := p.Scenario.CheckNoSourceKeys(sourceKeys(scene)); err != nil {
		return fmt.Errorf("%s: %w", a.project, err)
	}
	var maps []*export.Map
	if a.sub == "handout" {
		maps, err = export.HandoutMaps(scene, p, a.all)
	} else {
		if a.groups != "" {
			if err := mergeGroups(p, a.groups, stdout); err != nil {
				return err
			}
		}
		maps, err = export.DebriefMaps(scene, p)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", a.project, err)
	}
	pg, err := export.PaperPage("A4", true, 150)
	if err != nil {
		return err
	}
	if err := export.WritePages(a.out, maps, pg); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d pages\n", a.out, len(maps))
	return nil
}

func underlying(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return err
		}
		err = u.Unwrap()
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// loadExercise loads a project that must hold a scenario.
func loadExercise(path string) (*project.Project, error) {
	p, err := project.Load(path)
	if err != nil {
		return nil, err
	}
	if p.Scenario == nil {
		return nil, fmt.Errorf("%s: not an exercise (the project has no scenario; start one with \"maliatlas exercise new\")", path)
	}
	return p, nil
}

// mergeGroups imports the comma-separated group files into p's scenario.
func mergeGroups(p *project.Project, list string, stdout io.Writer) error {
	now := time.Now()
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		g, err := project.Load(f)
		if err != nil {
			return err
		}
		res, err := project.MergeGroup(p, g, filepath.Base(f), now)
		if err != nil {
			return err
		}
		switch {
		case res.Version == 0:
			fmt.Fprintf(stdout, "%s: group %q: nothing new since its last import\n", f, res.Group)
		case len(res.Conflicts) > 0:
			fmt.Fprintf(stdout, "%s: group %q version %d: %d mark(s), %d answer(s); other content than an earlier version for %s: both kept\n", f, res.Group, res.Version, res.Marks, res.Answers, strings.Join(res.Conflicts, ", "))
		default:
			fmt.Fprintf(stdout, "%s: group %q version %d: %d mark(s), %d answer(s)\n", f, res.Group, res.Version, res.Marks, res.Answers)
		}
	}
	return nil
}

// sourceKeys are the catalogue's source keys.
func sourceKeys(scene *render.Scene) []string {
	var keys []string
	for _, s := range scene.Catalog.Sources {
		keys = append(keys, s.Key)
	}
	return keys
}
