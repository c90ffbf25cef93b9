package layers_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
	"maliatlas/layers"
)

// TestParseNarrativeLongLine: a line over 64 KiB was cut silently (the
// scanner's error was never read); now lines up to MaxNarrativeLine are
// read whole and a longer one is reported with its line number.
func TestParseNarrativeLongLine(t *testing.T) {
	long := strings.Repeat("word ", 100<<10/5) // 100 KiB
	n, err := layers.ParseNarrative("l.md", "---\nid: a\ntitle: A\n---\nfirst\n"+long+"\nlast\n")
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(n.Body, "last"), "the body goes on after the long line")
	assert.Contains(t, n.Body, strings.TrimSpace(long))

	tooLong := strings.Repeat("x", layers.MaxNarrativeLine+1)
	_, err = layers.ParseNarrative("l.md", "---\nid: a\ntitle: A\n---\nfirst\n"+tooLong+"\nlast\n")
	require.Error(t, err)
	assert.Equal(t, "l.md:6: line is longer than 1024 KiB: break it into shorter lines", err.Error())
}

// TestNullGeometryFeaturesAreKeptNotDrawn: a feature with "geometry": null
// is kept in the layer (Unplaced) but not among the features drawn.
func TestNullGeometryFeaturesAreKeptNotDrawn(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"a","properties":{"name":"nowhere"},"geometry":null},
{"type":"Feature","id":"b","properties":{},"geometry":{"type":"Point","coordinates":[-8,12]}}]}`
	fc, err := geo.ReadFeatureCollection("n.geojson", strings.NewReader(in))
	require.NoError(t, err)
	cat := layers.NewCatalog(nil, nil)
	l := cat.AddUserLayer("user1-n", "n.geojson", fc, 0)
	require.Len(t, l.Features, 1)
	assert.Equal(t, "b", l.Features[0].ID)
	require.Len(t, l.Unplaced, 1)
	assert.Equal(t, "nowhere", l.Unplaced[0].Name("en"))
	assert.Equal(t, "point", l.Spec.Kind)
}
