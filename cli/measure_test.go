package cli

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Gao to Kidal by road is the RN18, some 395 km; straight, about 286 km.
func TestMeasureGaoKidalByRoad(t *testing.T) {
	code, out, errs := run("measure", "--road", "Gao", "Kidal", "--format", "tsv")
	require.Equal(t, 0, code, errs)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 2, out)
	assert.Equal(t, "from\tto\tstraight_km\troad_km\troads", lines[0])
	f := strings.Split(lines[1], "\t")
	require.Len(t, f, 5)
	assert.Equal(t, []string{"Gao", "Kidal"}, f[:2])
	straight, err := strconv.ParseFloat(f[2], 64)
	require.NoError(t, err)
	road, err := strconv.ParseFloat(f[3], 64)
	require.NoError(t, err)
	assert.InDelta(t, 286, straight, 10)
	assert.True(t, road > 350 && road < 450, "by road: %v km", road)
	assert.Contains(t, strings.Split(f[4], ","), "RN18")

	// The table, with coordinates for one end, and the total.
	code, out, errs = run("measure", "--road", "16.27, -0.04", "Kidal")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "RN18")
	assert.Contains(t, out, "Total")
	assert.Contains(t, out, "ROAD KM")

	// Without --road: the straight distance only.
	code, out, _ = run("measure", "Gao", "Kidal", "--format=tsv")
	require.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, "from\tto\tstraight_km\n"), out)
}

// Where no road joins two places the table says so and counts the straight
// distance in the total.
func TestMeasureNoRoad(t *testing.T) {
	code, out, errs := run("measure", "--road", "22.5, -3.5", "Gao")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "no road")
	assert.Contains(t, out, "(straight where no road)")
}

func TestMeasureBadArguments(t *testing.T) {
	for _, args := range [][]string{
		{"measure"},
		{"measure", "Gao"},
		{"measure", "Gao", "Kidal", "--format", "csv"},
		{"measure", "Gao", "Kidal", "--road=yes"},
		{"measure", "Gao", "Kidal", "--limit", "3"},
		{"measure", "Gao", " "},
	} {
		code, _, errs := run(args...)
		assert.Equal(t, 2, code, "%q: %s", args, errs)
	}
	code, _, errs := run("measure", "Gao", "Xqzzyplace")
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, `"Xqzzyplace"`)
}
