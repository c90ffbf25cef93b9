package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/project"
)

// exerciseDir is where the exercise test leaves its files: a temporary
// folder, or EXERCISE_OUT to look at them.
func exerciseDir(t *testing.T) string {
	if d := os.Getenv("EXERCISE_OUT"); d != "" {
		require.NoError(t, os.MkdirAll(d, 0o755))
		return d
	}
	return t.TempDir()
}

// addMarks plays a group: marks with grades at the current inject, and answers.
func addMarks(t *testing.T, path string, marks []project.Annotation, answers []project.Answer) {
	t.Helper()
	p, err := project.Load(path)
	require.NoError(t, err)
	p.Annotations = append(p.Annotations, marks...)
	p.Scenario.Answers = append(p.Scenario.Answers, answers...)
	require.NoError(t, project.Save(path, p))
}

func mark(id, text, grade, author, inject string, lon, lat float64) project.Annotation {
	return project.Annotation{ID: id, Kind: project.KindMarker, Points: [][2]float64{{lon, lat}}, Text: text,
		Grade: grade, Author: author, Inject: inject, Time: "2026-11-30T10:15:00Z"}
}

// The whole exercise from the command line: new, release, group copies,
// groups' work, an update, merge, handout and debrief.
func TestExerciseCommandLine(t *testing.T) {
	dir := exerciseDir(t)
	tr := filepath.Join(dir, "trainer.matlas")
	a, b := filepath.Join(dir, "group-a.matlas"), filepath.Join(dir, "group-b.matlas")
	for _, f := range []string{tr, a, b} {
		os.Remove(f)
	}
	step := func(args ...string) string {
		t.Helper()
		code, out, errs := run(args...)
		require.Equal(t, 0, code, "%v: %s%s", args, out, errs)
		return out
	}
	out := step("exercise", "list")
	assert.Contains(t, out, "sablier-x")
	step("exercise", "new", "--scenario", "sablier-x", "--out", tr, "--lang", "fr")
	step("exercise", "release", "--project", tr)
	step("exercise", "release", "--project", tr)
	step("exercise", "group", "--project", tr, "--name", "Groupe A", "--out", a)
	step("exercise", "group", "--project", tr, "--name", "Groupe B", "--color", "#e07000", "--out", b)
	g, err := project.Load(a)
	require.NoError(t, err)
	assert.Nil(t, g.Scenario.Solution, "a group's copy has no solution")
	assert.Len(t, g.Scenario.Injects, 2, "a group's copy has the released injects only")

	addMarks(t, a, []project.Annotation{
		mark("a1", "péage ?", "C3", "Groupe A", "day1", 0.05, 17.3),
		mark("a2", "FICTIVA = plaque", "B2", "Groupe A", "day2", -0.02, 16.29),
	}, []project.Answer{{Question: "q1", Text: "au nord de Bourem", Grade: "C3"}, {Question: "q3", Text: "l'argent des convois est changé chez FICTIVA"}})
	addMarks(t, b, []project.Annotation{
		mark("b1", "dépôt Bourem", "F6", "Groupe B", "day1", -0.35, 16.96),
		mark("b2", "KILO-7", "D4", "Groupe B", "day2", 0.6, 18.05),
	}, []project.Answer{{Question: "q1", Text: "Bourem"}})

	// Day 3 released: group A's copy is brought up to date, its work kept.
	step("exercise", "release", "--project", tr)
	out = step("exercise", "group", "--project", tr, "--name", "Groupe A", "--out", a)
	assert.Contains(t, out, "kept")
	addMarks(t, a, []project.Annotation{mark("a3", "péage Tarkint", "A2", "Groupe A", "day3", 0.12, 17.48)},
		[]project.Answer{{Question: "q4", Text: "FICTIVA et LIMA-3"}})
	g, err = project.Load(a)
	require.NoError(t, err)
	assert.Len(t, g.Scenario.Injects, 3)
	assert.Len(t, g.Annotations, 3)

	out = step("exercise", "merge", "--project", tr, "--groups", a+","+b)
	assert.Contains(t, out, "version 1")
	out = step("exercise", "merge", "--project", tr, "--groups", a)
	assert.Contains(t, out, "nothing new")
	p, err := project.Load(tr)
	require.NoError(t, err)
	require.Len(t, p.Scenario.Groups, 2)

	hand := filepath.Join(dir, "handout.pdf")
	out = step("exercise", "handout", "--project", a, "--out", hand)
	assert.Contains(t, out, "3 pages")
	deb := filepath.Join(dir, "debrief.pdf")
	out = step("exercise", "debrief", "--project", tr, "--out", deb)
	assert.Contains(t, out, "5 pages")

	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", deb, "-").CombinedOutput()
		require.NoError(t, err, "%s", txt)
		s := string(txt)
		for _, w := range []string{"FICTIF — SCÉNARIO D'EXERCICE", "FICTIONAL — TRAINING SCENARIO", "Groupe A", "Groupe B", "au nord de Bourem", "Débriefing", "C3"} {
			assert.Contains(t, s, w)
		}
		// Every page carries the band.
		for i, page := range strings.Split(s, "\f") {
			if strings.TrimSpace(page) != "" {
				assert.Contains(t, page, "FICTIF — SCÉNARIO D'EXERCICE", "page %d", i+1)
			}
		}
	}
	// A group cannot debrief: it has no solution.
	code, _, errs := run("exercise", "debrief", "--project", a, "--out", filepath.Join(dir, "x.pdf"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "no solution")
	// Not overwriting another group's copy.
	code, _, errs = run("exercise", "group", "--project", tr, "--name", "Groupe C", "--out", b)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "not overwritten")
	// Bad arguments.
	code, _, _ = run("exercise", "release", "--project", tr, "--inject", "9")
	assert.Equal(t, 1, code)
	code, _, _ = run("exercise", "new", "--scenario", "nope", "--out", filepath.Join(dir, "n.matlas"))
	assert.Equal(t, 1, code)
	code, _, _ = run("exercise", "frobnicate")
	assert.Equal(t, 2, code)
}

// A trainer's own scenario file starts an exercise; one citing a source is refused.
func TestExerciseNewFromFile(t *testing.T) {
	dir := t.TempDir()
	good := `{"id":"mine","title":{"en":"Mine"},"layers":[{"id":"l","title":{"en":"L"}}],
  "injects":[{"id":"d1","title":{"en":"Day 1"},"features":[{"id":"f","layer":"l","kind":"point","points":[[0,16]],"name":{"en":"A fictional place"}}]}]}`
	path := filepath.Join(dir, "mine.json")
	require.NoError(t, os.WriteFile(path, []byte(good), 0o644))
	out := filepath.Join(dir, "t.matlas")
	code, stdout, errs := run("exercise", "new", "--scenario", path, "--out", out)
	require.Equal(t, 0, code, "%s%s", stdout, errs)
	p, err := project.Load(out)
	require.NoError(t, err)
	assert.Equal(t, "mine", p.Scenario.ID)

	bad := strings.Replace(good, "A fictional place", "as unodc-unicri-2025 tells", 1)
	require.NoError(t, os.WriteFile(path, []byte(bad), 0o644))
	code, _, errs = run("exercise", "new", "--scenario", path, "--out", filepath.Join(dir, "u.matlas"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "never cites a source")
	bad = strings.Replace(good, `"points":[[0,16]]`, `"points":[[0,160]]`, 1)
	require.NoError(t, os.WriteFile(path, []byte(bad), 0o644))
	code, _, errs = run("exercise", "new", "--scenario", path, "--out", filepath.Join(dir, "u.matlas"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "mine.json: scenario.injects[0].features[0].points[0]")
}

// TestExerciseRefusesBadCommands: an unknown subcommand and a missing
// required flag are usage errors (exit 2) that name what is wrong.
func TestExerciseRefusesBadCommands(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"exercise"}, "give a subcommand"},
		{[]string{"exercise", "bogus"}, `unknown subcommand "bogus"`},
		{[]string{"exercise", "release"}, "exercise release needs --project"},
		{[]string{"exercise", "new", "--out", "x.matlas"}, "exercise new needs --scenario"},
		{[]string{"exercise", "merge", "--project", "nowhere.matlas", "extra"}, `unexpected argument "extra"`},
	} {
		code, out, errs := run(c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q%q; want exit 2 and %q", c.args, code, out, errs, c.want)
		}
	}
}
