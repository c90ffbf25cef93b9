package project_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/layers"
	"maliatlas/project"
)

func titled(names ...string) project.Briefing {
	b := project.Briefing{ID: "t"}
	for _, n := range names {
		b.Add(project.Step{Title: project.I18n{"en": n}})
	}
	return b
}

func titles(b project.Briefing) string {
	var s []string
	for _, st := range b.Steps {
		s = append(s, st.Title["en"])
	}
	return strings.Join(s, "")
}

// moved is the reference for Move: take the item out, insert it at to.
func moved(s string, from, to int) string {
	r := []byte(s)
	c := r[from]
	r = slices.Delete(r, from, from+1)
	r = slices.Insert(r, to, c)
	return string(r)
}

func TestBriefingMoveEveryPair(t *testing.T) {
	const start = "ABCDE"
	for from := range len(start) {
		for to := range len(start) {
			b := titled(strings.Split(start, "")...)
			require.NoError(t, b.Move(from, to))
			assert.Equal(t, moved(start, from, to), titles(b), "Move(%d, %d)", from, to)
		}
	}
	b := titled("A", "B", "C", "D")
	require.NoError(t, b.Move(0, 3))
	assert.Equal(t, "BCDA", titles(b))
	require.NoError(t, b.Move(3, 1))
	assert.Equal(t, "BACD", titles(b))
}

func TestBriefingEditSequence(t *testing.T) {
	b := titled("A", "B", "C")
	b.Add(project.Step{Title: project.I18n{"en": "D"}})
	assert.Equal(t, "ABCD", titles(b))
	require.NoError(t, b.Delete(1))
	assert.Equal(t, "ACD", titles(b))
	require.NoError(t, b.Update(0, project.Step{Title: project.I18n{"en": "X"}, Narrative: "gold-overview"}))
	assert.Equal(t, "XCD", titles(b))
	assert.Equal(t, "gold-overview", b.Steps[0].Narrative)
	require.NoError(t, b.Move(2, 0))
	assert.Equal(t, "DXC", titles(b))
	require.NoError(t, b.Delete(2))
	require.NoError(t, b.Delete(0))
	assert.Equal(t, "X", titles(b))
	require.NoError(t, b.Delete(0))
	assert.Empty(t, b.Steps)
}

func TestBriefingBounds(t *testing.T) {
	b := titled("A", "B", "C")
	for name, err := range map[string]error{
		"move from -1": b.Move(-1, 0),
		"move to 3":    b.Move(0, 3),
		"delete 3":     b.Delete(3),
		"delete -1":    b.Delete(-1),
		"update 3":     b.Update(3, project.Step{}),
	} {
		require.Error(t, err, name)
		assert.True(t, errors.Is(err, project.ErrStepRange), name)
		assert.Contains(t, err.Error(), `briefing "t"`, name)
	}
	assert.Equal(t, "ABC", titles(b), "a refused edit changes nothing")
	var empty project.Briefing
	assert.Error(t, empty.Delete(0))
	assert.Error(t, empty.Move(0, 0))
}

func fullStep() project.Step {
	return project.Step{
		Title:     project.I18n{"en": "Armed groups in 2012", "fr": "Les groupes armés en 2012"},
		Caption:   project.I18n{"en": "One [greydynamics-2017].", "fr": "Un « exemple » [greydynamics-2017]."},
		Narrative: "armed-mnla-fla",
		View:      project.View{Lon: -1.1644, Lat: 20.0503, Zoom: 6.677},
		Layers: []project.LayerState{
			{ID: "armed_groups", Visible: true, Opacity: 0.85, HiddenCategories: []string{"state", "militia"}},
			{ID: "towns", Visible: false, Opacity: 1},
		},
		Period:      project.Period{From: 2012, To: 2012},
		Selected:    "zone-mnla-2012-north",
		Annotations: []string{"a1", "a2"},
	}
}

func TestStepRoundTripsThroughProjectJSON(t *testing.T) {
	p := project.Project{Schema: project.Schema, Version: project.Version, Lang: "fr",
		Layers: []project.LayerState{}, Annotations: []project.Annotation{}}
	b := project.Briefing{ID: "mine", Title: project.I18n{"en": "Mine", "fr": "La mienne"}}
	b.Add(fullStep())
	b.Add(project.Step{Title: project.I18n{"en": "Bare"}, Layers: []project.LayerState{}})
	p.Briefings = append(p.Briefings, b)
	raw, err := json.Marshal(p)
	require.NoError(t, err)
	var back project.Project
	require.NoError(t, json.Unmarshal(raw, &back))
	assert.Equal(t, p, back)
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(raw), string(again))
}

func TestStepRoundTripsThroughProjectFile(t *testing.T) {
	p := project.New()
	p.Annotations = []project.Annotation{
		{ID: "a1", Kind: project.KindText, Points: [][2]float64{{-8, 12.6}}, Text: "Bamako"},
		{ID: "a2", Kind: project.KindArrow, Points: [][2]float64{{-8, 12.6}, {-0.05, 16.27}}},
	}
	b := project.Briefing{ID: "mine", Title: project.I18n{"en": "Mine"}}
	b.Add(fullStep())
	builtin, err := project.LoadBuiltin(data.FS)
	require.NoError(t, err)
	p.Briefings = append(p.Briefings, b, builtin[0])
	path := t.TempDir() + "/brief" + project.Ext
	require.NoError(t, project.Save(path, p))
	back, err := project.Load(path)
	require.NoError(t, err)
	require.Len(t, back.Briefings, 2)
	assert.Equal(t, fullStep(), back.Briefings[0].Steps[0])
	assert.Equal(t, builtin[0], back.Briefings[1])
	// Edits made after loading are saved too.
	n := len(builtin[0].Steps)
	require.GreaterOrEqual(t, n, 2)
	require.NoError(t, back.Briefings[1].Move(n-1, 0))
	require.NoError(t, back.Briefings[1].Delete(1))
	require.NoError(t, project.Save(path, back))
	again, err := project.Load(path)
	require.NoError(t, err)
	assert.Equal(t, back.Briefings, again.Briefings)
	assert.Equal(t, builtin[0].Steps[n-1].Title, again.Briefings[1].Steps[0].Title)
	assert.Equal(t, builtin[0].Steps[1].Title, again.Briefings[1].Steps[1].Title)
	assert.Len(t, again.Briefings[1].Steps, n-1)
}

func TestStepShown(t *testing.T) {
	defaults := []string{"countries", "regions", "rivers", "towns"}
	s := fullStep()
	vis, op := s.Shown(defaults)
	assert.Equal(t, []string{"countries", "regions", "rivers", "armed_groups"}, vis)
	assert.Equal(t, map[string]float64{"armed_groups": 0.85}, op)
	var bare project.Step
	vis, op = bare.Shown(defaults)
	assert.Equal(t, defaults, vis)
	assert.Empty(t, op)
}

func TestStepFilter(t *testing.T) {
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	s := fullStep()
	keep := s.Filter()
	require.NotNil(t, keep)
	byPeriod := layers.PeriodFilter(layers.Period{From: 2012, To: 2012})
	n := 0
	for _, f := range cat.Layer("armed_groups").Features {
		want := byPeriod(f) && f.Category != "state" && f.Category != "militia"
		assert.Equal(t, want, keep(f), f.ID)
		if want {
			n++
		}
	}
	assert.Positive(t, n)
	// Hidden categories apply to their own layer only.
	s.Period = project.Period{}
	s.Layers[0].HiddenCategories = []string{"hub"}
	keep = s.Filter()
	assert.True(t, keep(cat.Feature("gold-hub-bamako")))
	var bare project.Step
	assert.Nil(t, bare.Filter())
}

func TestLoadBuiltinErrorsNameTheFile(t *testing.T) {
	good := `{"id": "a", "title": {"en": "A"}, "steps": [{"title": {"en": "x"}, "view": {"lon": 0, "lat": 15, "zoom": 6}, "layers": [], "period": {}}]}`
	for name, c := range map[string]struct {
		files map[string]string
		re    string
	}{
		"syntax":    {map[string]string{"briefings/b.json": "{\n  \"id\": \"b\",\n  \"steps\": [,]\n}"}, `^data/briefings/b\.json:3:\d+: `},
		"type":      {map[string]string{"briefings/b.json": "{\n\"id\": 7}"}, `^data/briefings/b\.json:2:\d+: `},
		"unknown":   {map[string]string{"briefings/b.json": `{"id": "b", "stepz": []}`}, `^data/briefings/b\.json: .*unknown field "stepz"`},
		"no id":     {map[string]string{"briefings/b.json": strings.Replace(good, `"id": "a"`, `"id": ""`, 1)}, `^data/briefings/b\.json: the briefing has no id`},
		"no steps":  {map[string]string{"briefings/b.json": `{"id": "b", "title": {}, "steps": []}`}, `^data/briefings/b\.json: briefing "b" has no steps`},
		"duplicate": {map[string]string{"briefings/a.json": good, "briefings/b.json": good}, `^data/briefings/b\.json: briefing id "a" is also used by data/briefings/a\.json`},
	} {
		fsys := fstest.MapFS{}
		for p, s := range c.files {
			fsys[p] = &fstest.MapFile{Data: []byte(s)}
		}
		_, err := project.LoadBuiltin(fsys)
		require.Error(t, err, name)
		assert.Regexp(t, regexp.MustCompile(c.re), err.Error(), name)
	}
	bs, err := project.LoadBuiltin(fstest.MapFS{"briefings/a.json": {Data: []byte(good)}})
	require.NoError(t, err)
	require.Len(t, bs, 1)
	assert.Equal(t, "a", bs[0].ID)
}

var citeRe = regexp.MustCompile(`\[([a-z0-9-]+)\]`)

// TestBuiltinBriefingResolves checks every id of the built-in briefings
// against the embedded catalogue: layers, categories, narratives in both
// languages, selected features, cited sources, periods and views.
func TestBuiltinBriefingResolves(t *testing.T) {
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	bs, err := project.LoadBuiltin(data.FS)
	require.NoError(t, err)
	require.NotEmpty(t, bs)
	ids := map[string]bool{}
	for _, b := range bs {
		ids[b.ID] = true
		for _, lang := range []string{"en", "fr"} {
			assert.NotEmpty(t, b.Title[lang], "%s: title in %s", b.ID, lang)
		}
		for i, s := range b.Steps {
			where := func(what string) string { return fmt.Sprintf("%s step %d: %s", b.ID, i+1, what) }
			for _, lang := range []string{"en", "fr"} {
				assert.NotEmpty(t, s.Title[lang], where("title "+lang))
				c := s.Caption[lang]
				assert.NotEmpty(t, c, where("caption "+lang))
				cites := citeRe.FindAllStringSubmatch(c, -1)
				assert.NotEmpty(t, cites, where("caption "+lang+" cites a source"))
				for _, m := range cites {
					_, ok := cat.Source(m[1])
					assert.True(t, ok, where("source "+m[1]))
				}
			}
			// Both languages cite the same sources.
			assert.ElementsMatch(t, keysOf(s.Caption["en"]), keysOf(s.Caption["fr"]), where("same sources in en and fr"))
			require.NotEmpty(t, s.Narrative, where("narrative"))
			for _, lang := range []string{"en", "fr"} {
				assert.NotNil(t, cat.Narratives.Get(lang, s.Narrative), where("narrative "+s.Narrative+" in "+lang))
			}
			if !s.Period.Span().IsZero() {
				_, ok := layers.PresetOf(s.Period.Span())
				assert.True(t, ok, where("period is a preset"))
			}
			vis, _ := s.Shown(cat.DefaultVisible())
			shown := map[string]bool{}
			for _, id := range vis {
				shown[id] = true
			}
			overlays := 0
			for _, st := range s.Layers {
				l := cat.Layer(st.ID)
				if !assert.NotNil(t, l, where("layer "+st.ID)) {
					continue
				}
				assert.InDelta(t, 0.5, st.Opacity, 0.5, where("opacity of "+st.ID))
				for _, c := range st.HiddenCategories {
					assert.NotNil(t, l.Category(c), where("category "+c+" of "+st.ID))
				}
				if st.Visible && l.Spec.Group == "overlay" {
					overlays++
				}
			}
			frame := s.View.Bound()
			assert.True(t, s.View.Zoom >= 5 && s.View.Zoom <= 12, where("zoom"))
			assert.True(t, orb.Bound{Min: orb.Point{-18, 4}, Max: orb.Point{10, 27}}.Contains(orb.Point{s.View.Lon, s.View.Lat}), where("view centre in the map extent"))
			// The page is not empty, and no feature the step shows lies
			// wholly off the frame.
			keep := s.Filter()
			inFrame := 0
			for _, l := range cat.Layers {
				if !shown[l.Spec.ID] || l.Spec.Group != "overlay" {
					continue
				}
				for _, f := range l.Features {
					if keep != nil && !keep(f) {
						continue
					}
					if assert.True(t, frame.Intersects(f.Bound), where("feature "+f.ID+" is in the frame")) {
						inFrame++
					}
				}
			}
			if overlays > 0 {
				assert.Positive(t, inFrame, where("an overlay feature in the frame"))
			}
			if s.Selected != "" {
				f := cat.Feature(s.Selected)
				if assert.NotNil(t, f, where("selected "+s.Selected)) {
					assert.True(t, shown[f.Layer.Spec.ID], where("selected feature's layer is shown"))
					assert.True(t, keep == nil || keep(f), where("selected feature is kept by the filter"))
					assert.True(t, frame.Contains(f.Bound.Center()), where("selected feature is in the frame"))
				}
			}
		}
	}
	assert.True(t, ids["mali-illicit-economies"])
}

func keysOf(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range citeRe.FindAllStringSubmatch(s, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}
