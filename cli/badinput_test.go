package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckAndAddReadFeatureAndGeometryRoots: RFC 7946 GeoJSON texts whose
// root is one Feature or a bare geometry are valid; check and export --add
// refused them ("not a FeatureCollection").
func TestCheckAndAddReadFeatureAndGeometryRoots(t *testing.T) {
	feature := writeFile(t, "one.geojson", `{"type":"Feature","id":"k","properties":{"name":"Kéniéba"},"geometry":{"type":"Point","coordinates":[-11.2361,12.8414]}}`)
	gc := writeFile(t, "gc.geojson", "\xef\xbb\xbf"+`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[-11.7,13.9]},{"type":"LineString","coordinates":[[-11.5,12],[-10.5,13]]}]}`)
	code, out, _ := run("check", feature, gc)
	assert.Equal(t, 0, code, out)
	assert.Equal(t, "2 file(s): ok\n", out)
	for _, p := range []string{feature, gc} {
		svg := filepath.Join(t.TempDir(), "m.svg")
		code, _, stderr := run("export", "--out", svg, "--size", "800x600", "--bbox", "-12.5,11.5,-9.5,14.5", "--add", p)
		require.Equal(t, 0, code, stderr)
		data, err := os.ReadFile(svg)
		require.NoError(t, err)
		assert.Contains(t, string(data), filepath.Base(p), "the layer is in the legend")
	}
}

// TestCheckReportsNullGeometriesOnce: features with "geometry": null are
// valid, kept and reported in one line.
func TestCheckReportsNullGeometriesOnce(t *testing.T) {
	p := writeFile(t, "n.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"n":1},"geometry":null},
{"type":"Feature","properties":{"n":2},"geometry":null},
{"type":"Feature","properties":{"n":3},"geometry":{"type":"Point","coordinates":[-8,12]}}]}`)
	code, out, _ := run("check", p)
	assert.Equal(t, 0, code, out)
	assert.Equal(t, p+`: 2 of 3 features have no geometry ("geometry": null): kept, not drawn`+"\n1 file(s): ok\n", out)
}

// TestCheckCapsProblems: a file with thousands of problems prints the
// first 100 and a count, not megabytes.
func TestCheckCapsProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("lon,lat\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "%d,95\n", i%180)
	}
	p := writeFile(t, "many.csv", b.String())
	code, out, _ := run("check", p)
	assert.Equal(t, 1, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 101)
	assert.Equal(t, "… and 4900 more problems", lines[100])
}
