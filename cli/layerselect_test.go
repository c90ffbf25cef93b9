package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exportSVG runs export to an SVG and returns it.
func exportSVG(t *testing.T, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "m.svg")
	code, _, stderr := run(append([]string{"export", "--out", out, "--size", "800x600", "--lang", "en"}, args...)...)
	require.Equal(t, 0, code, stderr)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	return string(b)
}

func TestExportLayersKeepsTheBaseMap(t *testing.T) {
	// The README's example: --layers chooses the overlays; the towns,
	// regions and rivers of the base map stay.
	svg := exportSVG(t, "--layers", "cocaine")
	for _, want := range []string{"Bamako", "Timbuktu", "Regions of Mali", "Cocaine routes"} {
		assert.Contains(t, svg, want)
	}
	none := exportSVG(t, "--layers", "cocaine", "--base", "none")
	assert.NotContains(t, none, "Bamako")
	assert.NotContains(t, none, "Regions of Mali")
	assert.Contains(t, none, "Cocaine routes")
	some := exportSVG(t, "--layers", "cocaine", "--base", "regions")
	assert.Contains(t, some, "Regions of Mali")
	assert.NotContains(t, some, "Bamako", "towns not listed in --base")
}

func TestSelectLayers(t *testing.T) {
	scene, err := LoadScene()
	require.NoError(t, err)
	cat := scene.Catalog
	def := cat.DefaultVisible()
	got, err := selectLayers(cat, def, "cocaine,migrants", "", false)
	require.NoError(t, err)
	for _, id := range def {
		if cat.Layer(id).Spec.Group == "base" {
			assert.Contains(t, got, id)
		}
	}
	assert.Contains(t, got, "cocaine")
	assert.Contains(t, got, "migrants")
	// Only the overlays named: a default overlay not named is left out.
	for _, id := range got {
		l := cat.Layer(id)
		if l.Spec.Group != "base" {
			assert.Contains(t, []string{"cocaine", "migrants"}, id)
		}
	}
	got, err = selectLayers(cat, def, "", "none", true)
	require.NoError(t, err)
	for _, id := range got {
		assert.NotEqual(t, "base", cat.Layer(id).Spec.Group, "--base none without --layers keeps only the overlays")
	}
	for _, bad := range [][2]string{{"cocaine", "nowhere"}, {"cocaine", "cocaine"}, {"nope", ""}} {
		_, err := selectLayers(cat, def, bad[0], bad[1], bad[1] != "")
		require.Error(t, err, "%v", bad)
		assert.True(t, strings.Contains(err.Error(), "--"), err.Error())
	}
}
