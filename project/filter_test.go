package project

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"

	"maliatlas/layers"
)

func TestLayerFilterHidesCategoriesConfidencesAndOtherYears(t *testing.T) {
	fc := geojson.NewFeatureCollection()
	for _, p := range []geojson.Properties{
		{"id": "a", "category": "north", "confidence": "suspected", "period": map[string]any{"from": 2023.0}},
		{"id": "b", "category": "north", "confidence": "confirmed", "period": map[string]any{"from": 2012.0, "to": 2013.0}},
		{"id": "c", "category": "south", "confidence": "reported", "period": map[string]any{"from": 2024.0}},
	} {
		f := geojson.NewFeature(orb.Point{0, 0})
		f.Properties = p
		fc.Append(f)
	}
	l := layers.NewLayer(layers.LayerSpec{ID: "r", Kind: "point"}, fc)
	kept := func(keep func(*layers.Feature) bool) (ids []string) {
		for _, f := range l.Features {
			if keep == nil || keep(f) {
				ids = append(ids, f.ID)
			}
		}
		return
	}
	assert.Nil(t, LayerFilter(nil, Period{}), "nothing hidden: no filter")
	onlySuspected := []LayerState{{ID: "r", Visible: true, Opacity: 1, HiddenConfidence: []string{"confirmed", "reported"}}}
	assert.Equal(t, []string{"a"}, kept(LayerFilter(onlySuspected, Period{})))
	noSouth := []LayerState{{ID: "r", Visible: true, Opacity: 1, HiddenCategories: []string{"south"}}}
	assert.Equal(t, []string{"a", "b"}, kept(LayerFilter(noSouth, Period{})))
	assert.Equal(t, []string{"b"}, kept(LayerFilter(nil, Period{From: 2012, To: 2012})))
	assert.Equal(t, []string{"a"}, kept(LayerFilter(noSouth, Period{From: 2023, To: 2025})))
}

func TestHiddenConfidenceIsValidated(t *testing.T) {
	p := New()
	p.Layers = []LayerState{{ID: "r", Opacity: 1, HiddenConfidence: []string{"maybe"}}}
	err := p.Validate()
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), "hidden_confidence[0]")
	}
}

// A category hidden on a basemap layer is hidden in its zoom bands too.
func TestLayerFilterAppliesToZoomBands(t *testing.T) {
	parent := &layers.Layer{Spec: layers.LayerSpec{ID: "places-osm"}}
	band := &layers.Layer{Spec: layers.LayerSpec{ID: "places-osm@2", Parent: "places-osm"}}
	keep := LayerFilter([]LayerState{{ID: "places-osm", Visible: true, HiddenCategories: []string{"village"}}}, Period{})
	for _, l := range []*layers.Layer{parent, band} {
		if keep(&layers.Feature{Layer: l, Category: "village"}) {
			t.Errorf("%s: a hidden village is kept", l.Spec.ID)
		}
		if !keep(&layers.Feature{Layer: l, Category: "town"}) {
			t.Errorf("%s: a town is dropped", l.Spec.ID)
		}
	}
}
