package render

import (
	"image"
	"testing"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	mproject "maliatlas/project"
)

type countSink struct {
	diamonds, paths int
	texts           []string
}

func (c *countSink) Path(p *Path, st *Style) { c.paths++ }
func (c *countSink) Markers(m *Marker, at []Point) {
	if m.Shape == Diamond && m.Fill == FictionalInk {
		c.diamonds += len(at)
	}
}
func (c *countSink) Text(t *Text)                  { c.texts = append(c.texts, t.S) }
func (c *countSink) Image(img image.Image, r Rect) {}

func TestMarkerTitleCarriesTheGrade(t *testing.T) {
	for _, c := range []struct{ text, grade, want string }{
		{"toll", "", "toll"}, {"toll", "B2", "toll [B2]"}, {"", "C3", "[C3]"}, {"toll [B2]", "B2", "toll [B2]"},
	} {
		if got := markerTitle(&mproject.Annotation{Text: c.text, Grade: c.grade}); got != c.want {
			t.Errorf("markerTitle(%q, %q) = %q, want %q", c.text, c.grade, got, c.want)
		}
	}
}

// Fictional points are lime diamonds; new ones are labelled NEW, withdrawn
// ones RETRACTED; groups' marks take the group's colour and name.
func TestDrawFictional(t *testing.T) {
	v := geo.FitBound(orb.Bound{Min: orb.Point{-1, 15}, Max: orb.Point{2, 19}}, 600, 600, 1, 8)
	pt := func(id string, lon, lat float64) mproject.FictionalFeature {
		return mproject.FictionalFeature{ID: id, Kind: mproject.FictionalPoint, Points: [][2]float64{{lon, lat}}, Name: mproject.I18n{"en": id}, Grade: "B2"}
	}
	fv := &FictionalView{Lang: "en",
		Features:  []mproject.FictionalFeature{pt("a", 0, 16), pt("b", 1, 17)},
		New:       map[string]bool{"b": true},
		Retracted: []mproject.FictionalFeature{pt("c", 0.5, 18)},
		Groups: []GroupMarks{{Name: "G1", Color: "#1f77b4", Annotations: []mproject.Annotation{
			{ID: "m", Kind: mproject.KindMarker, Points: [][2]float64{{0, 17}}, Text: "x", Grade: "C3"}}}},
	}
	var c countSink
	DrawFictional(&c, v, fv, FontSet{})
	if c.diamonds != 2 {
		t.Errorf("%d lime diamonds, want 2 (the retracted one is grey)", c.diamonds)
	}
	g := GroupColored(fv.Groups[0])
	if g[0].Color != "#1f77b4" || g[0].Text != "G1: x" || markerTitle(&g[0]) != "G1: x [C3]" {
		t.Errorf("group mark %+v", g[0])
	}
	if FictionalBandText("fr")[:len(FictionalBandFR)] != FictionalBandFR || FictionalBandText("en")[:len(FictionalBandEN)] != FictionalBandEN {
		t.Error("the band does not start with the page's language")
	}
}
