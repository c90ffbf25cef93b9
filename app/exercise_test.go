package app

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/project"
	"maliatlas/render"
)

// limeShare is the share of row y of the map's last frame that is the
// fictional band's colour.
func limeShare(t *testing.T, s *Shell, y int) float64 {
	t.Helper()
	s.Map.WaitFrame()
	img, _ := s.Map.Frame()
	n := 0
	b := img.Bounds()
	for x := b.Min.X; x < b.Max.X; x++ {
		c := img.RGBAAt(x, y)
		if int(c.R)-int(render.FictionalInk.R) < 30 && int(render.FictionalInk.R)-int(c.R) < 30 && c.G > 225 && c.B < 40 {
			n++
		}
	}
	return float64(n) / float64(b.Dx())
}

// The trainer opens an exercise, presents it and releases injects: the map
// carries the band, shows what is new, and the project keeps what was released.
func TestExercisePresenterReleasesInjects(t *testing.T) {
	s := newTestShell(t)
	assert.Less(t, limeShare(t, s, 3), 0.1, "an ordinary map has no fictional band")
	require.NoError(t, s.NewExercise("sablier-x"))
	s.Map.WaitFrame()
	s.PresentExercise()
	require.True(t, s.ExercisePresenting())
	assert.Equal(t, 0, s.ExerciseInject())
	for i := 0; i < 3; i++ {
		s.ExercisePresenterKey(fyne.KeyRight)
	}
	assert.Equal(t, 3, s.ExerciseInject())
	assert.Equal(t, 3, s.Project().Scenario.Released, "the released count is saved with the project")
	title, news := s.ExerciseSummary()
	assert.Contains(t, title, "Inject 3 of 5")
	assert.Contains(t, news, "Patrol report [A2]")
	assert.Contains(t, news, "Withdrawn")
	// The map shows inject 3 with what is new marked.
	s.Map.mu.Lock()
	fv := s.Map.exercise
	s.Map.mu.Unlock()
	require.NotNil(t, fv)
	assert.True(t, fv.New["f-toll"], "the toll point of inject 3 is new")
	assert.False(t, fv.New["f-convoy"], "the convoy of inject 1 is not new")
	assert.NotEmpty(t, fv.Retracted, "inject 3 withdraws features")
	assert.Empty(t, fv.Solution, "the solution is hidden outside the debrief")
	// Fictional features never enter the catalogue of sourced layers.
	for _, f := range fv.Features {
		assert.Nil(t, s.Cat.Feature(f.ID), "fictional feature %s is in the catalogue", f.ID)
	}
	for _, l := range s.Scenario().Layers {
		assert.Nil(t, s.Cat.Layer(l.ID), "fictional layer %s is in the catalogue", l.ID)
	}
	assert.Greater(t, limeShare(t, s, 3), 0.5, "the map carries the fictional band")
	// Looking back does not un-release.
	s.ExercisePresenterKey(fyne.KeyLeft)
	assert.Equal(t, 2, s.ExerciseInject())
	assert.Equal(t, 3, s.Project().Scenario.Released)
	s.ExercisePresenterKey(fyne.KeyRight)
	assert.Equal(t, 3, s.ExerciseInject())
	// D shows the solution, G the groups; again hides them.
	s.ExercisePresenterKey(fyne.KeyD)
	s.Map.mu.Lock()
	withSolution := len(s.Map.exercise.Solution)
	s.Map.mu.Unlock()
	assert.Greater(t, withSolution, 0, "D shows the solution")
	s.ExercisePresenterKey(fyne.KeyD)
	s.ExercisePresenterKey(fyne.KeyG)
	assert.True(t, s.exui().groups)
	s.ExercisePresenterKey(fyne.KeyG)
	s.ExercisePresenterKey(fyne.KeyEscape)
	assert.False(t, s.ExercisePresenting())
	// The export of the view carries the band too.
	m, _, err := s.ExportMap(s.DefaultExportSettings())
	require.NoError(t, err)
	assert.True(t, m.Fictional)
	assert.NotNil(t, m.Exercise)
}

// builtinExercise is the trainer's project of the first built-in
// scenario with released injects released.
func builtinExercise(t *testing.T, released int) *project.Project {
	t.Helper()
	ss, err := project.LoadBuiltinScenarios(data.FS)
	require.NoError(t, err)
	tr := project.NewExercise(ss[0], "en")
	tr.Scenario.Released = released
	return tr
}

// Groups' files come back and are overlaid in their colours; a mark a
// group draws is stamped with the group, the time and the inject.
func TestExerciseGroupsOverlaid(t *testing.T) {
	dir := t.TempDir()
	tr := builtinExercise(t, 2)
	trPath := filepath.Join(dir, "trainer.matlas")
	require.NoError(t, project.Save(trPath, tr))

	// Group A works in the app.
	s := newTestShell(t)
	ga, err := project.GroupCopy(tr, "Group A", project.GroupColors[0])
	require.NoError(t, err)
	gaPath := filepath.Join(dir, "a.matlas")
	require.NoError(t, project.Save(gaPath, ga))
	require.NoError(t, s.OpenFile(gaPath))
	assert.False(t, s.ReleaseNext(), "a group cannot release injects")
	s.change(nil, &project.Annotation{ID: s.newAnnID(), Kind: project.KindMarker, Points: [][2]float64{{0.1, 17.5}}, Text: "toll", Grade: "C3"})
	a := s.Project().Annotations[0]
	assert.Equal(t, "Group A", a.Author)
	assert.Equal(t, "day2", a.Inject)
	_, err = time.Parse(time.RFC3339, a.Time)
	assert.NoError(t, err)
	require.NoError(t, s.SaveTo(gaPath))

	gb, err := project.GroupCopy(tr, "Group B", project.GroupColors[1])
	require.NoError(t, err)
	gb.Annotations = append(gb.Annotations, project.Annotation{ID: "b1", Kind: project.KindMarker, Points: [][2]float64{{-0.3, 16.9}}, Text: "depot", Author: "Group B"})
	gbPath := filepath.Join(dir, "b.matlas")
	require.NoError(t, project.Save(gbPath, gb))

	// The trainer imports both.
	require.NoError(t, s.OpenFile(trPath))
	for _, p := range []string{gaPath, gbPath} {
		msg, err := s.MergeGroupFile(p)
		require.NoError(t, err)
		assert.Contains(t, msg, "version 1")
	}
	msg, err := s.MergeGroupFile(gaPath)
	require.NoError(t, err)
	assert.Contains(t, msg, "nothing new")
	s.Map.mu.Lock()
	fv := s.Map.exercise
	s.Map.mu.Unlock()
	require.Len(t, fv.Groups, 2)
	assert.Equal(t, project.GroupColors[1], fv.Groups[1].Color)
	assert.Equal(t, "depot", fv.Groups[1].Annotations[0].Text)
	w := s.ShowGroupsSideBySide()
	require.NotNil(t, w)
	w.Close()
	// Saved and reopened, the groups' work is there.
	out := filepath.Join(dir, "merged.matlas")
	require.NoError(t, s.SaveTo(out))
	back, err := project.Load(out)
	require.NoError(t, err)
	assert.Len(t, back.Scenario.Groups, 2)
}

// A group grades its marks and answers the questions in the window.
func TestExerciseGradeAndAnswers(t *testing.T) {
	tr := builtinExercise(t, 1)
	g, err := project.GroupCopy(tr, "Group A", project.GroupColors[0])
	require.NoError(t, err)
	s := newTestShell(t)
	s.LoadProject(g)
	s.change(nil, &project.Annotation{ID: s.newAnnID(), Kind: project.KindMarker, Points: [][2]float64{{0.1, 17.5}}, Text: "toll"})
	a := s.SelectedAnnotation()
	require.NotNil(t, a)
	items := s.gradeItems(a)
	sel := items[1].(*fyne.Container).Objects
	sel[0].(*widget.Select).SetSelected("B")
	assert.Equal(t, "", s.SelectedAnnotation().Grade, "half a grade is not kept")
	sel[1].(*widget.Select).SetSelected("2")
	assert.Equal(t, "B2", s.SelectedAnnotation().Grade)
	assert.Contains(t, items[2].(*widget.Label).Text, "usually reliable")

	st := s.Scenario().StateAt(s.ExerciseInject())
	box := s.answerItems(&st).(*fyne.Container)
	var entry *widget.Entry
	var button *widget.Button
	for _, o := range box.Objects {
		switch w := o.(type) {
		case *widget.Entry:
			if entry == nil {
				entry = w
			}
		case *widget.Button:
			button = w
		}
	}
	require.NotNil(t, entry)
	require.NotNil(t, button)
	entry.SetText("north of Bourem")
	test.Tap(button)
	ans := s.Project().Scenario.Answers
	require.Len(t, ans, 1)
	assert.Equal(t, "q1", ans[0].Question)
	assert.Equal(t, "Group A", ans[0].Author)
	// The trainer's copy has no answer form.
	s.LoadProject(tr)
	st = s.Scenario().StateAt(1)
	assert.Nil(t, s.answerItems(&st))
}

// The groups' marks overlaid are those each group had made as of the
// inject shown: stepping back to inject 1 hides what was marked at inject 2.
func TestExerciseGroupsFilteredPerInject(t *testing.T) {
	tr := builtinExercise(t, 2)
	g, err := project.GroupCopy(tr, "Group A", project.GroupColors[0])
	require.NoError(t, err)
	g.Annotations = append(g.Annotations,
		project.Annotation{ID: "a1", Kind: project.KindMarker, Points: [][2]float64{{0, 16.3}}, Text: "first", Inject: "day1"},
		project.Annotation{ID: "a2", Kind: project.KindMarker, Points: [][2]float64{{0.1, 17.4}}, Text: "second", Inject: "day2"})
	_, err = project.MergeGroup(tr, g, "a.matlas", time.Now())
	require.NoError(t, err)
	s := newTestShell(t)
	s.LoadProject(tr)
	texts := func() []string {
		s.Map.mu.Lock()
		defer s.Map.mu.Unlock()
		require.Len(t, s.Map.exercise.Groups, 1)
		var out []string
		for _, a := range s.Map.exercise.Groups[0].Annotations {
			out = append(out, a.Text)
		}
		return out
	}
	assert.Equal(t, []string{"first", "second"}, texts(), "at inject 2")
	s.PresentExercise()
	s.ExercisePresenterKey(fyne.KeyLeft)
	assert.Equal(t, 1, s.ExerciseInject())
	assert.Equal(t, []string{"first"}, texts(), "at inject 1")
	w := s.ShowGroupsSideBySide()
	require.NotNil(t, w)
	w.Close()
	s.ExercisePresenterKey(fyne.KeyEscape)
}
