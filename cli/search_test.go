package cli

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/gazetteer"
)

// tsvRows splits TSV output into rows of fields, checking the header.
func tsvRows(t *testing.T, out string) [][]string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.NotEmpty(t, lines)
	assert.Equal(t, "name\tkind\tlon\tlat\tregion", lines[0], "the columns, exactly")
	var rows [][]string
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		require.Len(t, f, 5, "%q", l)
		rows = append(rows, f)
	}
	return rows
}

func TestSearchTSV(t *testing.T) {
	code, out, errs := run("search", "Tessit", "--format", "tsv", "--limit", "3")
	require.Equal(t, 0, code, errs)
	rows := tsvRows(t, out)
	require.NotEmpty(t, rows)
	assert.LessOrEqual(t, len(rows), 3)
	assert.Equal(t, []string{"Tessit", "town", "0.29208", "15.22558", "Gao"}, rows[0],
		"where the town is (OSM), not GeoNames's point with the sign flipped")

	// Options before the query, French region names, an alternate spelling.
	code, out, _ = run("search", "--lang", "fr", "--format=tsv", "--limit=1", "Timbuktu")
	require.Equal(t, 0, code)
	rows = tsvRows(t, out)
	require.Len(t, rows, 1)
	assert.Equal(t, "Tombouctou", rows[0][0])
	assert.Equal(t, "city", rows[0][1])
	assert.Equal(t, "Tombouctou", rows[0][4])
	lon, _ := strconv.ParseFloat(rows[0][2], 64)
	lat, _ := strconv.ParseFloat(rows[0][3], 64)
	assert.InDelta(t, -3.0, lon, 0.02)
	assert.InDelta(t, 16.77, lat, 0.02)

	// A feature of the map: its layer as the kind.
	code, out, _ = run("search", "kidal", "--format", "tsv", "--lang", "en", "--limit", "20")
	require.Equal(t, 0, code)
	var kinds []string
	for _, r := range tsvRows(t, out) {
		kinds = append(kinds, r[1])
	}
	assert.Equal(t, "city", kinds[0])
	assert.Contains(t, kinds, "layer:regions")
}

func TestSearchTableAndCoordinates(t *testing.T) {
	code, out, _ := run("search", "Tin", "Zaouatine", "--lang", "en")
	require.Equal(t, 0, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.Regexp(t, `^NAME\s+KIND\s+LON\s+LAT\s+REGION$`, lines[0])
	assert.Regexp(t, `^Tin Zaouatine\s+town\s+2\.96946\s+19\.95421\s+Kidal$`, lines[1])

	// Coordinates, a negative number read as part of the query.
	code, out, _ = run("search", "16.27", "-0.04", "--format", "tsv")
	require.Equal(t, 0, code)
	rows := tsvRows(t, out)
	assert.Equal(t, []string{"16.27000, -0.04000", "coordinates", "-0.04000", "16.27000", "Gao"}, rows[0])
	code, out, _ = run("search", "16°16'N 0°02'W", "--format", "tsv", "--lang", "fr")
	require.Equal(t, 0, code)
	assert.Equal(t, "coordinates", tsvRows(t, out)[0][1])
}

func TestSearchBadArguments(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"search"}, "search needs a QUERY"},
		{[]string{"search", "gao", "--limit", "0"}, "--limit must be"},
		{[]string{"search", "gao", "--limit"}, "--limit needs a value"},
		{[]string{"search", "gao", "--format", "csv"}, "--format must be table or tsv"},
		{[]string{"search", "gao", "--colour"}, `unknown option "--colour"`},
		{[]string{"search", "gao", "--lang", "de"}, "--lang must be fr or en"},
	} {
		code, _, errs := run(c.args...)
		assert.Equal(t, 2, code, "%v", c.args)
		assert.Contains(t, errs, c.msg, "%v", c.args)
	}
	code, out, errs := run("search", "qqqxzzj")
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, `no place or feature matches "qqqxzzj"`)
}

func TestCheckReportsGazetteerLines(t *testing.T) {
	code, out, _ := run("check")
	assert.Equal(t, 0, code, out)
	assert.Empty(t, gazetteerProblems(), "the embedded gazetteer reads cleanly")
	_, err := gazetteer.Read("g.tsv", strings.NewReader("A\t\ttown\t1\t2\t3\t\nB\t\ttown\t1\t200\t3\t\nC\t\ttown\n"))
	require.Error(t, err)
	assert.Equal(t, []string{
		`g.tsv:2: lat: "200" is not a latitude (-90..90)`,
		"g.tsv:3: 3 fields, want 7 (name, alternate names, kind, lon, lat, importance, region)",
	}, problemLinesOf(err))
}
