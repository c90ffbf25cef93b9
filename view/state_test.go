package view

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/render"
)

// testCatalog has a polygon layer "regions" (visible by default, context
// "countries" under it) and a point layer "sites" (hidden by default) with
// two synthetic features of two categories and confidences.
func testCatalog(t *testing.T) *layers.Catalog {
	t.Helper()
	mk := func(spec layers.LayerSpec, feats ...*geojson.Feature) *layers.Layer {
		fc := geojson.NewFeatureCollection()
		for _, f := range feats {
			fc.Append(f)
		}
		return layers.NewLayer(spec, fc)
	}
	pt := func(id, cat, conf string, lon, lat float64) *geojson.Feature {
		f := geojson.NewFeature(orb.Point{lon, lat})
		f.Properties = geojson.Properties{"id": id, "category": cat, "confidence": conf,
			"period": map[string]any{"from": 2015.0, "to": 2018.0}}
		return f
	}
	poly := geojson.NewFeature(orb.Polygon{{{-5, 10}, {0, 10}, {0, 15}, {-5, 15}, {-5, 10}}})
	poly.Properties = geojson.Properties{"id": "region-1"}
	country := geojson.NewFeature(orb.Polygon{{{-10, 5}, {5, 5}, {5, 20}, {-10, 20}, {-10, 5}}})
	country.Properties = geojson.Properties{"id": "country-1"}
	return layers.NewCatalog([]*layers.Layer{
		mk(layers.LayerSpec{ID: "countries", Group: "base", Kind: "polygon", Visible: true, Context: true, Order: 1}, country),
		mk(layers.LayerSpec{ID: "regions", Group: "base", Kind: "polygon", Visible: true, Order: 2}, poly),
		mk(layers.LayerSpec{ID: "sites", Group: "overlay", Kind: "point", Order: 3, CategoryProp: "category"},
			pt("site-a", "gold", "confirmed", -2, 12), pt("site-b", "salt", "suspected", -1, 13)),
	}, nil)
}

func TestDefaultShowsTheDefaultLayers(t *testing.T) {
	cat := testCatalog(t)
	s := Default(cat, "fr")
	o := s.Options(cat)
	assert.Equal(t, []string{"countries", "regions"}, o.Visible)
	assert.Equal(t, "fr", o.Lang)
	assert.Nil(t, o.Filter, "nothing hidden: no filter")
	assert.Empty(t, o.Highlight)
}

func TestStepAndApplyRoundTrip(t *testing.T) {
	cat := testCatalog(t)
	s := Default(cat, "en")
	s.Visible["sites"] = true
	s.Visible["regions"] = false
	s.Opacity["sites"] = 0.4
	s.SetCategory("sites", "salt", false)
	s.SetConfidence("sites", "suspected", false)
	s.Period = layers.Period{From: 2016, To: 2017}
	s.Selected = "site-a"
	s.View = project.View{Lon: -2, Lat: 12, Zoom: 7}
	anns := []project.Annotation{{ID: "a1"}, {ID: "a2"}}
	s.Shown = map[string]bool{"a2": true}

	st := s.Step(cat, "Title", "Caption", anns)
	assert.Equal(t, []string{"a2"}, st.Annotations)

	got := Default(cat, "en")
	got.Apply(cat, st)
	assert.Equal(t, s.Layers(cat), got.Layers(cat))
	assert.Equal(t, s.Period, got.Period)
	assert.Equal(t, s.Selected, got.Selected)
	assert.Equal(t, s.Shown, got.Shown)
	assert.Equal(t, s.View, got.View)

	// What the options draw follows the state.
	o := got.Options(cat)
	assert.Equal(t, []string{"countries", "sites"}, o.Visible)
	assert.Equal(t, map[string]float64{"sites": 0.4}, o.Opacity)
	assert.Equal(t, map[string]bool{"site-a": true}, o.Highlight)
	require.NotNil(t, o.Filter)
	assert.True(t, o.Filter(cat.Feature("site-a")))
	assert.False(t, o.Filter(cat.Feature("site-b")), "a hidden category")
	assert.Equal(t, []project.Annotation{{ID: "a2"}}, got.Annotations(anns))

	// A step listing no annotation shows none, in the window as on paper.
	st.Annotations = nil
	got.Apply(cat, st)
	assert.Empty(t, got.Annotations(anns))
}

func TestProjectRoundTrip(t *testing.T) {
	cat := testCatalog(t)
	p := project.New()
	p.Lang = "fr"
	p.Layers = []project.LayerState{{ID: "sites", Visible: true, Opacity: 0.5, HiddenConfidence: []string{"confirmed"}}, {ID: "gone", Visible: true, Opacity: 1}}
	p.Period = project.Period{From: 2019}
	p.Selected = "no-such-feature"
	s := FromProject(cat, p)
	assert.Equal(t, "fr", s.Lang)
	assert.True(t, s.Visible["regions"], "an unlisted layer keeps its default")
	assert.False(t, s.Visible["gone"], "a layer the catalogue lacks is ignored")
	assert.Equal(t, "", s.Selected, "a missing feature is not selected")
	o := s.Options(cat)
	assert.False(t, o.Filter(cat.Feature("site-a")), "hidden confidence and period")

	q := project.New()
	s.Store(cat, q)
	assert.Equal(t, s.Layers(cat), q.Layers)
	assert.Equal(t, project.Period{From: 2019}, q.Period)
	assert.Equal(t, s.Layers(cat), FromProject(cat, q).Layers(cat))
}

func TestCloneSharesNothing(t *testing.T) {
	cat := testCatalog(t)
	s := Default(cat, "en")
	s.SetCategory("sites", "gold", false)
	c := s.Clone()
	c.Visible["sites"] = true
	c.SetCategory("sites", "gold", true)
	assert.False(t, s.Visible["sites"])
	assert.True(t, s.HiddenCats["sites"]["gold"])
}

func TestPickablePrefersPointsAndSkipsContext(t *testing.T) {
	cat := testCatalog(t)
	hit := func(id string) render.Hit {
		f := cat.Feature(id)
		return render.Hit{Layer: f.Layer, Feature: f}
	}
	got := Pickable([]render.Hit{hit("site-a"), hit("region-1"), hit("country-1")})
	require.Len(t, got, 1)
	assert.Equal(t, "site-a", got[0].Feature.ID)
	got = Pickable([]render.Hit{hit("region-1"), hit("country-1")})
	require.Len(t, got, 1)
	assert.Equal(t, "region-1", got[0].Feature.ID, "an area when no point is under the pointer; never the context layer")
	assert.Empty(t, Pickable([]render.Hit{hit("country-1")}))
}

func TestScaleDenominator(t *testing.T) {
	// At the equator, zoom 2 on a 256-pixel world: 40 075 017 m / 1024 px =
	// 39 135.8 m per pixel; a 96 dpi pixel is 0.264583 mm: 1:147 914 000.
	v := geo.Viewport{Center: orb.Point{0, 0}, Zoom: 2, Width: 800, Height: 600, Scale: 1}
	assert.Equal(t, int64(150_000_000), ScaleDenominator(v))
	v.Zoom = 3
	assert.Equal(t, int64(74_000_000), ScaleDenominator(v), "one zoom level halves it (rounded)")
	v.Scale = 2 // a HiDPI screen: the same logical pixels
	assert.Equal(t, int64(74_000_000), ScaleDenominator(v))
	v.Center = orb.Point{0, 60} // cos 60° = 0.5
	assert.Equal(t, int64(37_000_000), ScaleDenominator(v))
	assert.Equal(t, "12\u202f000\u202f000", GroupThousands(12_000_000))
	assert.Equal(t, "950", GroupThousands(950))
	assert.Equal(t, "-1\u202f500", GroupThousands(-1500))
	assert.Equal(t, int64(0), roundScale(0))
}

func TestFirstParagraphWithoutMarkdown(t *testing.T) {
	md := "## Heading\n\nGold is **one** of *Mali's* largest [markets](https://x.org/a) [ocindex-2025],\n" +
		"taxed by `groups` in _the north_ (layer *gold_sites*).\n\nSecond paragraph.\n"
	assert.Equal(t, "Gold is one of Mali's largest markets [ocindex-2025], taxed by groups in the north (layer gold_sites).", FirstParagraph(md))
	assert.Equal(t, "Kayes: sites Bamako: the hub", FirstParagraph("| a | b |\n| --- | --- |\n\n- **Kayes**: sites\n- Bamako: the hub\n\nMore."))
	assert.Equal(t, "", FirstParagraph("# Only a title\n"))
}

func TestStepCaptionFallsBackToTheNarrative(t *testing.T) {
	cat := testCatalog(t)
	st := project.Step{Caption: project.I18n{"fr": "Légende"}}
	assert.Equal(t, "Légende", StepCaption(cat, st, "en"), "another language rather than nothing")
	assert.Equal(t, "", StepCaption(cat, project.Step{Narrative: "missing"}, "en"))
}
