package app

import (
	"image"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/project"
	"maliatlas/render"
)

// walk calls f on o and everything it contains.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, x := range c.Objects {
			walk(x, f)
		}
	case *container.Scroll:
		walk(c.Content, f)
	}
}

// button finds the editor's button labelled text.
func editorButton(t *testing.T, e *scenarioEditor, text string) *widget.Button {
	t.Helper()
	var b *widget.Button
	walk(e.root, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && x.Text == text && b == nil {
			b = x
		}
	})
	require.NotNil(t, b, "no button %q", text)
	return b
}

// labelled returns the objects that follow the label with text, in the
// editor's form order.
func editorAfter(e *scenarioEditor, text string) []fyne.CanvasObject {
	var all []fyne.CanvasObject
	walk(e.root, func(o fyne.CanvasObject) { all = append(all, o) })
	for i, o := range all {
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			return all[i+1:]
		}
	}
	return nil
}

func firstOf[T any](objs []fyne.CanvasObject) T {
	for _, o := range objs {
		if x, ok := o.(T); ok {
			return x
		}
	}
	var zero T
	return zero
}

// A trainer writes a scenario in the window: a new exercise, a second
// inject, a point placed by clicking on the map, its grade, a report;
// saved and reopened, the scenario is the same; undo takes edits back;
// an invalid edit is shown and not kept.
func TestScenarioEditorWritesAScenario(t *testing.T) {
	s := newTestShell(t)
	require.Nil(t, s.Scenario())
	e := s.EditScenario()
	require.NotNil(t, s.Scenario(), "the editor starts a scenario")
	assert.Greater(t, limeShare(t, s, 3), 0.5, "the map carries the fictional band while editing")
	assert.Contains(t, e.status.Text, "valid")

	// A second inject, titled.
	test.Tap(editorButton(t, e, "Add an inject"))
	require.Len(t, s.Scenario().Injects, 2)
	assert.Equal(t, 1, e.inject)
	title := firstOf[*widget.Entry](editorAfter(e, "When (exercise time)"))
	require.NotNil(t, title)
	test.Type(title, "Day 2, morning")
	assert.Equal(t, "Day 2, morning", s.Scenario().Injects[1].When["en"])

	// A point placed by clicking on the map.
	test.Tap(editorButton(t, e, "Add a point on the map"))
	assert.Equal(t, pickPoint, e.pick)
	at := fyne.NewPos(500, 400)
	want := s.Map.GeoAt(at)
	test.TapAt(s.Map, at)
	in := s.Scenario().Injects[1]
	require.Len(t, in.Features, 1, "the click added a point")
	f := in.Features[0]
	assert.Equal(t, project.FictionalPoint, f.Kind)
	assert.InDelta(t, want[0], f.Points[0][0], 1e-9)
	assert.InDelta(t, want[1], f.Points[0][1], 1e-9)
	assert.Equal(t, "", e.pick, "one click, one point")

	// Its grade.
	sels := editorAfter(e, "Grade of what reported it")
	rel := firstOf[*fyne.Container](sels).Objects
	rel[0].(*widget.Select).SetSelected("B")
	assert.Equal(t, "", s.Scenario().Injects[1].Features[0].Grade, "half a grade is not kept")
	rel[1].(*widget.Select).SetSelected("2")
	assert.Equal(t, "B2", s.Scenario().Injects[1].Features[0].Grade)

	// A report, and a question.
	test.Tap(editorButton(t, e, "Add a report"))
	test.Tap(editorButton(t, e, "Add a question"))
	require.Len(t, s.Scenario().Injects[1].Reports, 1)
	assert.Equal(t, "F6", s.Scenario().Injects[1].Reports[0].Grade)
	require.Len(t, s.Scenario().Injects[1].Questions, 1)

	// The report names the point it reports.
	var fbox *widget.Check
	walk(e.root, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, f.ID+" · ") {
			fbox = c
		}
	})
	require.NotNil(t, fbox, "the report lists the live features")
	fbox.SetChecked(true)
	assert.Equal(t, []string{f.ID}, s.Scenario().Injects[1].Reports[0].Features)

	// An invalid edit: the title emptied in both languages.
	for _, en := range editorAfter(e, "Title")[:8] {
		if x, ok := en.(*widget.Entry); ok {
			x.SetText("")
		}
	}
	assert.Contains(t, e.status.Text, "scenario.title: missing", "the error names the field")
	assert.Equal(t, project.I18n{"fr": "Nouvel exercice"}, s.Scenario().Title, "the last valid title is kept, not the invalid one")
	assert.NoError(t, s.Scenario().Validate())
	for _, en := range editorAfter(e, "Title")[:8] {
		if x, ok := en.(*widget.Entry); ok {
			x.SetText("Sandglass")
			break
		}
	}
	assert.Equal(t, "Sandglass", s.Scenario().Title["en"])
	assert.NotContains(t, e.status.Text, "Not kept")

	// Saved and reopened: the same scenario.
	path := filepath.Join(t.TempDir(), "mine.matlas")
	require.NoError(t, s.SaveTo(path))
	saved := s.Scenario().Clone()
	back, err := project.Load(path)
	require.NoError(t, err)
	assert.True(t, reflect.DeepEqual(saved, back.Scenario), "read back:\n%+v\nwant\n%+v", back.Scenario, saved)
	require.NoError(t, s.OpenFile(path))
	assert.False(t, s.ScenarioEditorOpen(), "opening a file closes the editor")
	assert.True(t, reflect.DeepEqual(saved, s.Scenario()))
	e = s.EditScenario()
	assert.Equal(t, 2, len(e.draft.Injects))

	// The editor follows the language, on the same draft.
	s.SetLang("fr")
	e = s.exui().editor
	require.NotNil(t, e)
	test.Tap(editorButton(t, e, "Ajouter un inject"))
	assert.Equal(t, "Jour 3", s.Scenario().Injects[2].Title["fr"])
	s.Undo()
	s.SetLang("en")
	e = s.exui().editor

	// Undo takes the last edit back, and the editor follows.
	test.Tap(editorButton(t, e, "Add an inject"))
	require.Len(t, s.Scenario().Injects, 3)
	require.True(t, s.Undo())
	assert.Len(t, s.Scenario().Injects, 2)
	assert.Len(t, e.draft.Injects, 2)
	assert.True(t, s.ScenarioEditorOpen())
}

// Injects are reordered; a move that makes a retraction name a later
// item is refused by the scenario's validation, shown, and not kept.
func TestScenarioEditorReorderAndRetract(t *testing.T) {
	s := newTestShell(t)
	require.NoError(t, s.NewExercise("sablier-x"))
	e := s.EditScenario()
	e.SelectInject(2) // inject 3 withdraws earlier items
	require.NotEmpty(t, e.in().Retracts)
	ids := func() string {
		var out []string
		for _, in := range s.Scenario().Injects {
			out = append(out, in.ID)
		}
		return strings.Join(out, ",")
	}
	test.Tap(editorButton(t, e, "Earlier"))
	assert.Equal(t, "day1,day3,day2,day4,day5", ids(), "a valid move is kept")
	s.Undo()
	assert.Equal(t, "day1,day2,day3,day4,day5", ids())
	assert.Equal(t, 2, e.inject)
	test.Tap(editorButton(t, e, "Earlier"))
	test.Tap(editorButton(t, e, "Earlier"))
	assert.Contains(t, e.status.Text, "retracts", "a withdrawal of a later item is an error")
	assert.Equal(t, "day1,day3,day2,day4,day5", ids(), "the invalid order is not kept")
	test.Tap(editorButton(t, e, "Later"))
	test.Tap(editorButton(t, e, "Later"))
	assert.Contains(t, e.status.Text, "valid")
	assert.Equal(t, "day1,day2,day3,day4,day5", ids())
	// A withdrawal ticked off and on.
	id := e.in().Retracts[0]
	var box *widget.Check
	walk(e.root, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, id+" · ") {
			box = c
		}
	})
	require.NotNil(t, box)
	require.True(t, box.Checked)
	box.SetChecked(false)
	assert.NotContains(t, s.Scenario().Injects[2].Retracts, id)
	s.Undo()
	assert.Contains(t, s.Scenario().Injects[2].Retracts, id)
}

// A line is placed by clicking its points, then Finish the line.
func TestScenarioEditorLine(t *testing.T) {
	s := newTestShell(t)
	e := s.EditScenario()
	test.Tap(editorButton(t, e, "Add a line on the map"))
	assert.True(t, e.finish.Visible(), "Finish shows while a line is drawn")
	test.TapAt(s.Map, fyne.NewPos(400, 300))
	assert.True(t, e.finish.Disabled(), "one point is not a line")
	test.TapAt(s.Map, fyne.NewPos(520, 380))
	test.Tap(e.finish)
	fs := s.Scenario().Injects[0].Features
	require.Len(t, fs, 1)
	assert.Equal(t, project.FictionalLine, fs[0].Kind)
	assert.Len(t, fs[0].Points, 2)
	assert.False(t, e.finish.Visible())
	// The labels the map draws for the exercise do not overlap.
	fv := s.exerciseView()
	fv.Features = append(fv.Features, project.FictionalFeature{ID: "x", Kind: project.FictionalPoint, Points: [][2]float64{fs[0].Points[0]}, Name: project.I18n{"en": "A long invented name"}})
	var c boxSink
	drawExercise(&c, s.Map.View(), fv, s.Scene.Fonts, nil)
	require.GreaterOrEqual(t, len(c.boxes), 3, "two labels and the band")
	for i := range c.boxes {
		for j := i + 1; j < len(c.boxes); j++ {
			assert.False(t, c.boxes[i].Overlaps(c.boxes[j]), "%q overlaps %q", c.texts[i], c.texts[j])
		}
	}
}

// boxSink keeps the boxes of the texts drawn.
type boxSink struct {
	boxes []render.Rect
	texts []string
}

func (b *boxSink) Path(*render.Path, *render.Style)       {}
func (b *boxSink) Markers(*render.Marker, []render.Point) {}
func (b *boxSink) Image(image.Image, render.Rect)         {}
func (b *boxSink) Text(t *render.Text) {
	asc, desc := t.Font.Metrics()
	w := t.Font.Measure(t.S, t.Size)
	b.boxes = append(b.boxes, render.Rect{Min: render.Point{X: t.X, Y: t.Y - asc*t.Size*0.8}, Max: render.Point{X: t.X + w, Y: t.Y + desc*t.Size*0.8}})
	b.texts = append(b.texts, t.S)
}

// A group's copy is not edited; presenting closes the editor.
func TestScenarioEditorTrainerOnly(t *testing.T) {
	s := newTestShell(t)
	require.NoError(t, s.NewExercise("sablier-x"))
	require.NotNil(t, s.EditScenario())
	s.PresentExercise()
	assert.False(t, s.ScenarioEditorOpen(), "presenting closes the editor")
	s.StopExercisePresenter()
	g, err := project.GroupCopy(s.Project(), "Group A", project.GroupColors[0])
	require.NoError(t, err)
	s.LoadProject(g)
	assert.Nil(t, s.EditScenario())
	assert.False(t, s.ScenarioEditorOpen())
}
