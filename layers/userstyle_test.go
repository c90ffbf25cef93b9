package layers

import (
	"image/color"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func styledLine(folder, stroke string, width float64) *geojson.Feature {
	f := geojson.NewFeature(orb.LineString{{-4, 16}, {-3, 17}})
	f.Properties = geojson.Properties{"name": folder + " line"}
	if folder != "" {
		f.Properties["folder"] = folder
	}
	if stroke != "" {
		f.Properties["stroke"], f.Properties["stroke-opacity"], f.Properties["stroke-width"] = stroke, 1.0, width
	}
	return f
}

func TestUserLayerTakesFileStyles(t *testing.T) {
	// One style per folder: a category per folder.
	fc := geojson.NewFeatureCollection()
	fc.Append(styledLine("North", "#ff0000", 3))
	fc.Append(styledLine("North", "#ff0000", 3))
	fc.Append(styledLine("South", "#0000ff", 1.5))
	l := NewCatalog(nil, nil).AddUserLayer("u", "u.kml", fc, 0)
	assert.Equal(t, "folder", l.CategoryProp())
	require.Len(t, l.Spec.Categories, 2)
	s := l.Symbol(l.Features[2])
	assert.Equal(t, color.NRGBA{B: 255, A: 255}, s.Stroke)
	assert.Equal(t, 1.5, s.Width)
	assert.Equal(t, color.NRGBA{R: 255, A: 255}, l.Symbol(l.Features[0]).Stroke)

	// Styles that differ inside a folder (GDAL's inline styles): a category
	// per style, named after its feature.
	fc = geojson.NewFeatureCollection()
	fc.Append(styledLine("All", "#ff0000", 3))
	fc.Append(styledLine("All", "#00ff00", 2))
	l = NewCatalog(nil, nil).AddUserLayer("v", "v.kml", fc, 0)
	assert.Equal(t, "style", l.CategoryProp())
	require.Len(t, l.Spec.Categories, 2)
	assert.Equal(t, "All: All line", l.Spec.Categories[1].Title.In("en"))
	assert.Equal(t, color.NRGBA{G: 255, A: 255}, l.Symbol(l.Features[1]).Stroke)

	// No styles in the file: the default palette, no categories.
	fc = geojson.NewFeatureCollection()
	fc.Append(styledLine("", "", 0))
	l = NewCatalog(nil, nil).AddUserLayer("w", "w.geojson", fc, 0)
	assert.Empty(t, l.Spec.Categories)
	assert.Equal(t, userPalette[0], l.Spec.Style.Stroke)
}
