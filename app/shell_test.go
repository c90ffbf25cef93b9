package app

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
	"maliatlas/layers"
)

// pixelAt returns the colour of the last frame at lon/lat.
func pixelAt(t *testing.T, s *Shell, p orb.Point) color.RGBA {
	t.Helper()
	s.Map.WaitFrame()
	img, v := s.Map.Frame()
	x, y := v.ToScreen(p)
	return img.RGBAAt(int(x), int(y))
}

// screenOf returns the logical position of lon/lat in the current view.
func screenOf(s *Shell, p orb.Point) fyne.Position {
	v := s.Map.View()
	x, y := v.ToScreen(p)
	sc := v.DeviceScale()
	return fyne.NewPos(float32(x/sc), float32(y/sc))
}

func tapAt(s *Shell, pos fyne.Position) {
	s.Map.Tapped(&fyne.PointEvent{Position: pos})
	s.Map.WaitFrame()
}

func TestUncheckingALayerRemovesItFromTheMap(t *testing.T) {
	s := newTestShell(t)
	inMopti := orb.Point{-4.6, 22.6} // the empty north of Tombouctou region
	withRegions := pixelAt(t, s, inMopti)
	check := s.layerPanel.Check("regions")
	require.NotNil(t, check)
	check.SetChecked(false)
	without := pixelAt(t, s, inMopti)
	assert.NotEqual(t, withRegions, without, "the region fill should be gone")
	check.SetChecked(true)
	assert.Equal(t, withRegions, pixelAt(t, s, inMopti))
}

// firstFeature returns an overlay feature with a narrative, point geometry preferred.
func firstPointFeature(t *testing.T, s *Shell, layer string) *layers.Feature {
	t.Helper()
	l := s.Cat.Layer(layer)
	require.NotNil(t, l, layer)
	for _, f := range l.Features {
		if _, ok := f.Geom.(orb.Point); ok && f.Narrative != "" {
			return f
		}
	}
	t.Fatalf("no point feature in %s", layer)
	return nil
}

func TestTappingAFeatureShowsItsNarrative(t *testing.T) {
	s := newTestShell(t)
	s.SetLayerVisible("places", true)
	f := firstPointFeature(t, s, "places")
	s.FlyTo(f.Bound.Pad(0.3))
	s.Map.WaitFrame()
	tapAt(s, screenOf(s, f.Geom.(orb.Point)))
	if s.Selected() == nil && s.chooser != nil {
		// Several features under the pointer: the chooser lists them.
		for _, it := range s.chooser.Items {
			if strings.HasPrefix(it.Label, f.Name("en")) {
				it.Action()
			}
		}
	}
	require.NotNil(t, s.Selected())
	assert.Equal(t, f.ID, s.Selected().ID)
	assert.Equal(t, f.Name("en"), s.narrative.Title())
	n := s.Cat.Narratives.Get("en", f.Narrative)
	require.NotNil(t, n)
	assert.Contains(t, s.narrative.Text(), firstLine(n.Body))
	assert.True(t, s.Map.Options().Highlight[f.ID], "the selected feature is highlighted")
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	if len(l) > 40 {
		l = l[:40]
	}
	return l
}

func TestChoosingANarrativeCentresTheMapOnItsFeature(t *testing.T) {
	s := newTestShell(t)
	idx := -1
	var want *layers.Feature
	for i, id := range s.narrative.Entries() {
		n := s.Cat.Narratives.Get("en", id)
		if n.Kind == "feature" && len(n.Features) == 1 {
			if f := s.Cat.Feature(n.Features[0]); f != nil {
				idx, want = i, f
				break
			}
		}
	}
	require.GreaterOrEqual(t, idx, 0, "a narrative about one feature")
	s.narrative.Choose(idx)
	s.Map.WaitFrame()
	c := s.Map.View().Center
	x0, y0 := geo.Project(want.Bound.Min)
	x1, y1 := geo.Project(want.Bound.Max)
	mid := geo.Unproject((x0+x1)/2, (y0+y1)/2) // the centre of the bound on the map
	assert.InDelta(t, mid[0], c[0], 0.01, "map centred on %s", want.ID)
	assert.InDelta(t, mid[1], c[1], 0.01)
	assert.True(t, s.Map.View().Bound().Contains(want.Bound.Min) && s.Map.View().Bound().Contains(want.Bound.Max))
	assert.True(t, s.Map.Options().Highlight[want.ID])
	assert.True(t, s.LayerVisible(want.Layer.Spec.ID), "its layer is turned on")
}

func TestSearchFindsTombouctouBothWays(t *testing.T) {
	s := newTestShell(t)
	for _, q := range []string{"tombouctou", "timbuktu", "TOMBOUCTOU"} {
		s.search.SetText(q)
		found := false
		for _, r := range s.SearchResults() {
			if r.Layer != nil && r.Layer.Spec.ID == "regions" && strings.HasPrefix(strings.ToLower(r.Feature.String("name_fr")), "tombouctou") {
				found = true
			}
		}
		assert.True(t, found, "%q should find the region", q)
	}
	// Choosing a result moves the map to it and selects it.
	s.search.SetText("kidal")
	require.NotEmpty(t, s.SearchResults())
	first := s.SearchResults()[0].Feature
	s.chooseResult(0)
	assert.Equal(t, first, s.Selected())
	assert.True(t, first.Bound.Pad(2).Contains(s.Map.View().Center))
}

func TestLanguageSwitchChangesLabels(t *testing.T) {
	s := newTestShell(t)
	assert.Equal(t, "Mali Routes Atlas", s.Window.Title())
	regionsEN := s.layerPanel.Title("regions")
	s.SetLang("fr")
	assert.Equal(t, "Atlas des routes du Mali", s.Window.Title())
	assert.NotEqual(t, regionsEN, s.layerPanel.Title("regions"))
	assert.Equal(t, s.Cat.Layer("regions").Title("fr"), s.layerPanel.Title("regions"))
	assert.Equal(t, "fr", s.Map.Options().Lang, "map labels follow")
	assert.Equal(t, "fr", s.App.Preferences().String(PrefLang), "remembered")
}

func TestRegionFactSheetListsOverlayFeatures(t *testing.T) {
	s := newTestShell(t)
	var kidal *layers.Feature
	for _, f := range s.Cat.Layer("regions").Features {
		if f.String("name_fr") == "Kidal" {
			kidal = f
		}
	}
	require.NotNil(t, kidal)
	s.Select(kidal)
	fs, err := s.Cat.RegionFactSheet(kidal.ID)
	require.NoError(t, err)
	require.NotEmpty(t, fs.Overlay)
	for _, h := range fs.Overlay {
		assert.Contains(t, s.narrative.Text(), h.Feature.Name("en"))
	}
}

func TestMeasureGivesGeodesicKm(t *testing.T) {
	s := newTestShell(t)
	s.ToggleMeasure()
	tapAt(s, screenOf(s, orb.Point{-8.0, 12.65}))  // Bamako
	tapAt(s, screenOf(s, orb.Point{-0.04, 16.27})) // Gao
	assert.InDelta(t, 946, s.MeasureKm(), 15)
	assert.Contains(t, s.measureLbl.Text, "km")
}
