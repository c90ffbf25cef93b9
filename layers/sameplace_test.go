package layers_test

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"

	"maliatlas/layers"
)

func placeFeature(lon, lat float64, props geojson.Properties) *layers.Feature {
	return &layers.Feature{Geom: orb.Point{lon, lat}, Props: props}
}

// Two points are one place when they lie within a few kilometres and share
// a name: as spelt, in another case or accents, in the feature's variants
// or the known variants of its names; not two neighbouring places, nor two
// of one name far apart.
func TestSamePlace(t *testing.T) {
	// The towns layer's points and OpenStreetMap's (data/base/towns.geojson,
	// data/basemap/places.3.mab), and two made-up points.
	aguelhok := placeFeature(0.85889, 19.46139, geojson.Properties{"name": "Aguelhok", "variants": []any{"Aguel'hoc", "Aguelhoc"}})
	taoudenit := placeFeature(-3.97922, 22.67691, geojson.Properties{"name": "Taoudénit", "name_en": "Taoudenni", "variants": []any{"Taoudeni"}})
	djenne := placeFeature(-4.55332, 13.90608, geojson.Properties{"name": "Djenné"})
	namers := []*layers.Feature{aguelhok, taoudenit, djenne}

	osm := []*layers.Feature{
		placeFeature(0.8549, 19.46491, geojson.Properties{"name": "Aguelock"}),    // 0.6 km: a known variant
		placeFeature(-3.98053, 22.67623, geojson.Properties{"name": "Taoudeni"}),  // 0.2 km: the town's variant
		placeFeature(-4.55373, 13.91455, geojson.Properties{"name": "Welingara"}), // 0.9 km, another name
		placeFeature(0.5, 19.3, geojson.Properties{"name": "AGUELHOK"}),           // made up: the name, 40 km away
		placeFeature(-4.57, 13.91, geojson.Properties{"name": "Djenne"}),          // made up: the name without accent, 2 km
		{Geom: orb.LineString{{0.86, 19.46}, {0.87, 19.47}}, Props: geojson.Properties{"name": "Aguelhok"}},
	}
	assert.Equal(t, []int32{0, 1, -1, -1, 2, -1}, layers.SamePlaces(osm, namers))

	assert.Contains(t, layers.PlaceNames(aguelhok), "aguelock", "the known variants of its names")
	assert.False(t, layers.SamePlace(orb.Point{0, 0}, []string{"a"}, orb.Point{0, 0}, []string{"b"}))
	assert.True(t, layers.SamePlace(orb.Point{0, 0}, []string{"a"}, orb.Point{0.04, 0}, []string{"b", "a"}), "4.5 km")
	assert.False(t, layers.SamePlace(orb.Point{0, 0}, []string{"a"}, orb.Point{0.05, 0}, []string{"a"}), "5.6 km")
}
