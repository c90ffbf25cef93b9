package layers

import (
	"image/color"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseColor(t *testing.T) {
	for in, want := range map[string]color.NRGBA{
		"#fff":      {255, 255, 255, 255},
		"#1f6fb4":   {0x1f, 0x6f, 0xb4, 255},
		"#1f6fb480": {0x1f, 0x6f, 0xb4, 0x80},
		"":          {},
	} {
		got, err := ParseColor(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"red", "#12", "#gggggg", "#1234567"} {
		_, err := ParseColor(bad)
		assert.Error(t, err, bad)
	}
}

func routeLayer() *Layer {
	spec := LayerSpec{ID: "r", Kind: "line", Group: "overlay",
		Style: Style{Stroke: "#d6337f", Width: 2, Arrows: true, ByConfidence: true, WidthByImportance: []float64{1.5, 2.5, 4}},
		Categories: []Category{
			{Value: "north", Title: I18n{"en": "North", "fr": "Nord"}, Style: Style{Stroke: "#000000"}},
		}}
	fc := geojson.NewFeatureCollection()
	for i, p := range []geojson.Properties{
		{"id": "a", "category": "north", "importance": 3.0, "confidence": "confirmed"},
		{"id": "b", "category": "south", "importance": 1.0, "confidence": "suspected"},
		{"id": "c", "category": "north", "importance": 3.0, "confidence": "confirmed"},
	} {
		f := geojson.NewFeature(orb.LineString{{0, 0}, {float64(i), 1}})
		f.Properties = p
		fc.Append(f)
	}
	return NewLayer(spec, fc)
}

func TestSymbolByCategoryImportanceAndConfidence(t *testing.T) {
	l := routeLayer()
	a, b, c := l.Symbol(l.Features[0]), l.Symbol(l.Features[1]), l.Symbol(l.Features[2])
	assert.Equal(t, color.NRGBA{0, 0, 0, 255}, a.Stroke, "the category's stroke overrides the layer's")
	assert.Equal(t, 4.0, a.Width, "importance 3 takes the third width")
	assert.Nil(t, a.Dash, "confirmed routes are solid")
	assert.Equal(t, color.NRGBA{0xd6, 0x33, 0x7f, 255}, b.Stroke, "an unknown category keeps the layer style")
	assert.Equal(t, 1.5, b.Width)
	require.Len(t, b.Dash, 2, "suspected routes are dashed")
	assert.Same(t, a, c, "features with the same category, importance and confidence share a symbol")
	assert.True(t, a.Arrows)
}

func TestConfidenceFadesFills(t *testing.T) {
	spec := LayerSpec{ID: "z", Kind: "polygon", Style: Style{Fill: "#4d5e1f80", ByConfidence: true,
		Hatch: &Hatch{Color: "#4d5e1f", Angle: 45, Spacing: 8, Width: 1}}}
	confirmed := spec.Style.resolve("polygon", 2, Confirmed)
	suspected := spec.Style.resolve("polygon", 2, Suspected)
	assert.Greater(t, confirmed.Fill.A, suspected.Fill.A)
	assert.Greater(t, confirmed.Hatch.Color.A, suspected.Hatch.Color.A)
}

func TestPeriodOverlaps(t *testing.T) {
	p2012 := Period{2012, 2013}
	open23 := Period{From: 2023}
	assert.True(t, p2012.Overlaps(Period{2013, 2018}))
	assert.False(t, p2012.Overlaps(open23))
	assert.True(t, open23.Overlaps(Period{2025, 2025}))
	assert.True(t, Period{}.Overlaps(p2012), "an empty period matches all")
}
