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

func runExercise(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return badArgs("exercise: give a subcommand: list, new, release, group, merge, handout or debrief")
	}
	sub, args := args[0], args[1:]
	fs := newFlagSet("exercise " + sub)
	scenario := fs.String("scenario", "", "")
	out := fs.String("out", "", "")
	projPath := fs.String("project", "", "")
	lang := fs.String("lang", "", "")
	groups := fs.String("groups", "", "")
	name := fs.String("name", "", "")
	color := fs.String("color", "", "")
	inject := fs.Int("inject", 0, "")
	all := fs.Bool("all", false, "")
	if err := fs.Parse(args); err != nil {
		return badArgs("exercise %s: %v", sub, err)
	}
	if fs.NArg() > 0 {
		return badArgs("exercise %s: unexpected argument %q", sub, fs.Arg(0))
	}
	lg, err := parseLang(*lang) // the environment's language when not given
	if err != nil {
		return err
	}
	need := func(v *string, flag string) error {
		if *v == "" {
			return badArgs("exercise %s needs --%s", sub, flag)
		}
		return nil
	}
	switch sub {
	case "list":
		ss, err := project.LoadBuiltinScenarios(data.FS)
		if err != nil {
			return err
		}
		for _, s := range ss {
			fmt.Fprintf(stdout, "%s\t%d injects\t%s\n", s.ID, len(s.Injects), s.Title.In(lg))
		}
		return nil
	case "new":
		if err := need(scenario, "scenario"); err != nil {
			return err
		}
		if err := need(out, "out"); err != nil {
			return err
		}
		ss, err := project.LoadBuiltinScenarios(data.FS)
		if err != nil {
			return err
		}
		if strings.HasSuffix(strings.ToLower(*scenario), ".json") {
			// A scenario the trainer wrote (the format of data/scenarios).
			raw, err := os.ReadFile(*scenario)
			if err != nil {
				return err
			}
			sc, err := project.DecodeScenario(*scenario, raw)
			if err != nil {
				return err
			}
			scene, err := LoadScene()
			if err != nil {
				return err
			}
			if err := sc.CheckNoSourceKeys(sourceKeys(scene)); err != nil {
				return fmt.Errorf("%s: %w", *scenario, err)
			}
			ss = []*project.Scenario{sc}
			*scenario = sc.ID
		}
		var ids []string
		for _, s := range ss {
			if s.ID == *scenario {
				p := project.NewExercise(s, lg)
				if err := project.Save(*out, p); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "%s: exercise %q, %d injects, none released\n", *out, s.ID, len(s.Injects))
				return nil
			}
			ids = append(ids, s.ID)
		}
		return fmt.Errorf("no built-in scenario %q (there are: %s)", *scenario, strings.Join(ids, ", "))
	}
	if err := need(projPath, "project"); err != nil {
		return err
	}
	p, err := loadExercise(*projPath)
	if err != nil {
		return err
	}
	if *lang != "" {
		p.Lang = *lang
	}
	s := p.Scenario
	switch sub {
	case "release":
		n := s.Released + 1
		if *inject != 0 {
			n = *inject
		}
		if n < 1 || n > len(s.Injects) {
			return fmt.Errorf("%s: inject %d is outside 1..%d (released: %d)", *projPath, n, len(s.Injects), s.Released)
		}
		if s.Group != nil {
			return fmt.Errorf("%s: a group's copy: release injects in the trainer's project", *projPath)
		}
		s.Released = n
		if err := project.Save(*projPath, p); err != nil {
			return err
		}
		in := s.Injects[n-1]
		fmt.Fprintf(stdout, "%s: inject %d of %d released: %s\n", *projPath, n, len(s.Injects), in.Title.In(p.Lang))
		return nil
	case "group":
		if err := need(name, "name"); err != nil {
			return err
		}
		if err := need(out, "out"); err != nil {
			return err
		}
		if s.Group != nil {
			return fmt.Errorf("%s: already a group's copy; make group copies from the trainer's project", *projPath)
		}
		if old, err := project.Load(*out); err == nil && old.Scenario != nil && old.Scenario.Group != nil && old.Scenario.Group.Name == *name {
			if err := project.UpdateGroupCopy(old, p); err != nil {
				return fmt.Errorf("%s: %w", *out, err)
			}
			if err := project.Save(*out, old); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: group %q brought up to inject %d; its %d mark(s) and %d answer(s) kept\n", *out, *name, old.Scenario.Released, len(old.Annotations), len(old.Scenario.Answers))
			return nil
		} else if err == nil {
			return fmt.Errorf("%s: exists and is not group %q's copy of this exercise: not overwritten", *out, *name)
		} else if !os.IsNotExist(underlying(err)) && fileExists(*out) {
			return err
		}
		c := *color
		if c == "" {
			c = project.GroupColors[len(s.LatestGroups())%len(project.GroupColors)]
		}
		g, err := project.GroupCopy(p, *name, c)
		if err != nil {
			return badArgs("exercise group: %v", err)
		}
		if err := project.Save(*out, g); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: group %q (%s), injects 1..%d, no solution\n", *out, *name, c, g.Scenario.Released)
		return nil
	case "merge":
		if err := need(groups, "groups"); err != nil {
			return err
		}
		if err := mergeGroups(p, *groups, stdout); err != nil {
			return err
		}
		return project.Save(*projPath, p)
	case "handout", "debrief":
		if err := need(out, "out"); err != nil {
			return err
		}
		if !strings.EqualFold(filepath.Ext(*out), ".pdf") {
			return badArgs("exercise %s: --out %s: the handout is a PDF (.pdf)", sub, *out)
		}
		scene, err := LoadScene()
		if err != nil {
			return err
		}
		if err := s.CheckNoSourceKeys(sourceKeys(scene)); err != nil {
			return fmt.Errorf("%s: %w", *projPath, err)
		}
		var maps []*export.Map
		if sub == "handout" {
			maps, err = export.HandoutMaps(scene, p, *all)
		} else {
			if *groups != "" {
				if err := mergeGroups(p, *groups, stdout); err != nil {
					return err
				}
			}
			maps, err = export.DebriefMaps(scene, p)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", *projPath, err)
		}
		pg, err := export.PaperPage("A4", true, 150)
		if err != nil {
			return err
		}
		if err := export.WritePages(*out, maps, pg); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d pages\n", *out, len(maps))
		return nil
	}
	return badArgs("exercise: unknown subcommand %q (list, new, release, group, merge, handout, debrief)", sub)
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
