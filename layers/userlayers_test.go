package layers

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWithUserLayersLeavesTheOldCatalogueAlone(t *testing.T) {
	base := NewLayer(LayerSpec{ID: "towns", Group: "base", Kind: "point"}, geojson.NewFeatureCollection())
	c := NewCatalog([]*Layer{base}, nil)
	fc := geojson.NewFeatureCollection()
	f := geojson.NewFeature(orb.Point{1, 2})
	f.ID = "p1"
	fc.Append(f)
	u := NewUserLayer("import-x", "x.geojson", fc, 0)
	c2 := c.WithUserLayers(u)
	assert.Len(t, c.Layers, 1, "the old catalogue is unchanged")
	assert.Nil(t, c.Layer("import-x"))
	require.Len(t, c2.Layers, 2)
	assert.Same(t, u, c2.Layer("import-x"))
	assert.NotNil(t, c2.Feature("p1"))
	assert.Equal(t, []*Layer{u}, c2.UserLayers())

	// Replacing the user layers drops the old ones.
	c3 := c2.WithUserLayers()
	assert.Len(t, c3.Layers, 1)
	assert.Nil(t, c3.Feature("p1"))
	assert.Len(t, c2.Layers, 2)
}
