package cli

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/project"
	"maliatlas/render"
)

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

const brokenGeoJSON = `{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "ok", "properties": {},
   "geometry": {"type": "Point", "coordinates": [-8.0, 12.6]}},
  {"type": "Feature", "id": "far", "properties": {},
   "geometry": {"type": "Point",
     "coordinates": [-8.0, 95.0]}}
]}
`

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	return p
}

func TestCheckReportsBrokenFileWithPosition(t *testing.T) {
	p := writeFile(t, "broken.geojson", brokenGeoJSON)
	code, out, _ := run("check", p)
	assert.Equal(t, 1, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 1, out)
	assert.Regexp(t, regexp.QuoteMeta(p)+`:[67]:\d+: feature 1 \(id "far"\): .*latitude`, lines[0])
}

func TestCheckTruncatedFile(t *testing.T) {
	p := writeFile(t, "cut.geojson", brokenGeoJSON[:150])
	code, out, _ := run("check", p)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, p+":")
}

func TestCheckCleanFileAndEmbeddedData(t *testing.T) {
	p := writeFile(t, "fine.geojson", strings.Replace(brokenGeoJSON, "95.0", "15.0", 1))
	code, out, _ := run("check", p)
	assert.Equal(t, 0, code, out)
	code, out, _ = run("check")
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "embedded data: ok")
}

func TestBadArgumentsExit2AndWriteNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "m.png")
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"export"},
		{"export", "--out", filepath.Join(dir, "m.txt")},
		{"export", "--out", out, "--size", "big"},
		{"export", "--out", out, "--paper", "A5"},
		{"export", "--out", out, "--bbox", "1,2,3"},
		{"export", "--out", out, "--bbox", "10,4,-18,27"},
		{"export", "--out", out, "--layers", "regions,nope"},
		{"export", "--out", out, "--lang", "de"},
		{"export", "--out", out, "--size", "800x600", "--paper", "A4"},
	} {
		code, _, stderr := run(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Contains(t, stderr, "usage:", "%v", args)
	}
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
}

func TestExportBadAddFileLeavesNothing(t *testing.T) {
	bad := writeFile(t, "bad.geojson", brokenGeoJSON)
	dir := t.TempDir()
	out := filepath.Join(dir, "m.png")
	code, _, stderr := run("export", "--out", out, "--size", "200x150", "--add", bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, bad+":")
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries, "no file, not even a temporary one")
}

func TestExportPNGHasRequestedSize(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.png")
	code, _, stderr := run("export", "--out", out, "--size", "640x480", "--title", "Mali")
	require.Equal(t, 0, code, stderr)
	f, err := os.Open(out)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	assert.Equal(t, 640, img.Bounds().Dx())
	assert.Equal(t, 480, img.Bounds().Dy())
}

func TestExportSVGParses(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.svg")
	code, _, stderr := run("export", "--out", out, "--size", "1400x1000", "--lang", "fr")
	require.Equal(t, 0, code, stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
	}
	for _, name := range []string{"SÉGOU", "MÉNAKA", "TOMBOUCTOU", "Légende"} {
		assert.True(t, bytes.Contains(data, []byte(name)), "the SVG should show %q", name)
	}
}

func TestExportPDFPaper(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.pdf")
	code, _, stderr := run("export", "--out", out, "--paper", "A4", "--landscape", "--dpi", "72")
	require.Equal(t, 0, code, stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, []byte("%PDF-")))
	assert.Regexp(t, `/MediaBox\s*\[\s*0 0 842 595\s*\]`, string(data))
	assert.Len(t, regexp.MustCompile(`/Type\s*/Page\b`).FindAll(data, -1), 1, "one page")
}

func TestLayersListsBaseLayersWithCounts(t *testing.T) {
	code, out, _ := run("layers", "--lang", "en")
	require.Equal(t, 0, code)
	assert.Regexp(t, `(?m)^regions\s+base\s+polygon\s+10\s`, out)
	assert.Regexp(t, `(?m)^cercles\s+base\s+polygon\s+53\s`, out)
	assert.Regexp(t, `(?m)^towns\s+`, out)
}

// TestMapFontCoversEveryName: every name, title and label the map or the
// legend can draw has a glyph in the map font (a missing one draws a box).
func TestMapFontCoversEveryName(t *testing.T) {
	scene, err := LoadScene()
	require.NoError(t, err)
	fonts := []*render.Font{scene.Fonts.Regular, scene.Fonts.Bold, scene.Fonts.Italic}
	check := func(where, s string) {
		for _, r := range s {
			for _, f := range fonts {
				if r > ' ' && f.GlyphIndex(r) == 0 {
					t.Errorf("%s: %q has no glyph for %q in %s", where, s, r, f.Name)
				}
			}
		}
	}
	for _, l := range scene.Catalog.Layers {
		for _, lang := range []string{"en", "fr"} {
			check(l.Spec.ID, l.Title(lang))
			for _, c := range l.Spec.Categories {
				check(l.Spec.ID, c.Title.In(lang))
			}
			for _, f := range l.Features {
				check(f.ID, f.Name(lang))
				check(f.ID, f.I18nProp("offmap", lang))
			}
		}
	}
}

// writeProject saves a small project with one annotation of each kind.
func writeProject(t *testing.T, edit func(p *project.Project)) string {
	t.Helper()
	p := project.New()
	p.Title = "Kayes gold"
	p.View = project.View{Lon: -9.5, Lat: 13, Zoom: 6}
	p.Layers = []project.LayerState{{ID: "gold_sites", Visible: true, Opacity: 1}, {ID: "towns", Visible: false, Opacity: 1}}
	p.Annotations = []project.Annotation{
		{ID: "t", Kind: project.KindText, Points: [][2]float64{{-9.5, 14.5}}, Text: "Gold belt", Halo: true},
		{ID: "a", Kind: project.KindArrow, Points: [][2]float64{{-10, 12}, {-8, 12.6}}},
		{ID: "m", Kind: project.KindMarker, Points: [][2]float64{{-11.2, 12.8}}, Text: "Pin title"},
		{ID: "f", Kind: project.KindFreehand, Points: [][2]float64{{-9, 13}, {-8.8, 13.2}}},
		{ID: "r", Kind: project.KindArea, Points: [][2]float64{{-9, 12}, {-8.5, 12}, {-8.5, 12.5}}, Hatch: true},
		{ID: "c", Kind: project.KindCircle, Points: [][2]float64{{-8, 13}}, RadiusKm: 40},
	}
	if edit != nil {
		edit(p)
	}
	path := filepath.Join(t.TempDir(), "kayes.matlas")
	require.NoError(t, project.Save(path, p))
	return path
}

func TestExportProjectPDF(t *testing.T) {
	proj := writeProject(t, nil)
	out := filepath.Join(t.TempDir(), "map.pdf")
	code, _, stderr := run("export", "--project", proj, "--out", out, "--paper", "A4", "--landscape", "--dpi", "72", "--inset", "--watermark", "DRAFT")
	require.Equal(t, 0, code, stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Regexp(t, `/MediaBox\s*\[\s*0 0 842 595\s*\]`, string(data))
}

func TestExportProjectSVGUsesProject(t *testing.T) {
	proj := writeProject(t, func(p *project.Project) { p.Lang = "fr" })
	out := filepath.Join(t.TempDir(), "map.svg")
	code, _, stderr := run("export", "--project", proj, "--out", out, "--size", "1200x900", "--subtitle", "Mai 2025")
	require.Equal(t, 0, code, stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	svg := string(data)
	for _, s := range []string{"Kayes gold", "Mai 2025", "Gold belt", "Pin title", "Légende", "Limites"} {
		assert.Contains(t, svg, s, "title, subtitle, annotations, the project's language, credits")
	}
	// The project's view is the bbox: Kayes is in it, Tessalit (far north-east) is not.
	assert.Contains(t, svg, "Kayes")
	assert.NotContains(t, svg, "Tessalit")
	assert.NotContains(t, svg, ">Bamako<", "towns are hidden in the project")
}

func TestExportLayoutFlags(t *testing.T) {
	dir := t.TempDir()
	svgOf := func(args ...string) string {
		out := filepath.Join(dir, "m.svg")
		code, _, stderr := run(append([]string{"export", "--out", out, "--size", "1000x800", "--lang", "en"}, args...)...)
		require.Equal(t, 0, code, stderr)
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		return string(b)
	}
	all := svgOf()
	assert.Contains(t, all, ">Legend<")
	assert.Contains(t, all, ">km<")
	assert.Contains(t, all, "Boundaries:")
	only := svgOf("--north")
	assert.NotContains(t, only, ">Legend<", "only the elements asked for")
	assert.NotContains(t, only, ">km<")
	assert.Contains(t, only, ">N<")
	assert.Contains(t, only, "Boundaries:", "credits are always drawn")
	noAttr := svgOf("--legend", "--attribution=false")
	assert.Contains(t, noAttr, ">Legend<")
	assert.Contains(t, noAttr, "Boundaries:", "attribution cannot be turned off")
}

func TestExportCorruptProjectExits1(t *testing.T) {
	proj := writeProject(t, nil)
	data, err := os.ReadFile(proj)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(proj, data[:len(data)/2], 0o644))
	dir := t.TempDir()
	code, _, stderr := run("export", "--project", proj, "--out", filepath.Join(dir, "m.png"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, proj+": file ends early")
	assert.NotContains(t, stderr, "usage:")
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)

	code, _, stderr = run("export", "--project", filepath.Join(dir, "none.matlas"), "--out", filepath.Join(dir, "m.png"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "none.matlas")
}

func TestExportBadNewFlagsExit2(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "m.png")
	for _, args := range [][]string{
		{"export", "--out", out, "--coarsen-km", "-3"},
		{"export", "--out", out, "--coarsen-km", "ten"},
		{"export", "--out", out, "--project", "notes.txt"},
		{"export", "--out", out, "--sensitive=maybe"},
		{"export", "--out", out, "--inset", "extra"},
	} {
		code, _, stderr := run(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Contains(t, stderr, "usage:", "%v", args)
	}
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
}

func TestExportSensitive(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.svg")
	code, _, stderr := run("export", "--out", out, "--size", "800x600", "--layers", "regions,gold_sites", "--sensitive", "--watermark", "RESTRICTED")
	require.Equal(t, 0, code, stderr)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(b), "Industrial mine", "a layer not marked sensitive stays")
}

func TestExportAddCSVAndCheckCSV(t *testing.T) {
	sites := writeFile(t, "sites.csv", "id;name;lon;lat\nk1;Kéniéba;-11,2361;12,8414\nk2;Sadiola;-11,6986;13,8892\n")
	code, out, _ := run("check", sites)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "1 file(s): ok")

	svgOf := func(add ...string) string {
		out := filepath.Join(t.TempDir(), "m.svg")
		args := []string{"export", "--out", out, "--size", "800x600", "--bbox", "-12.5,11.5,-9.5,14.5"}
		for _, p := range add {
			args = append(args, "--add", p)
		}
		code, _, stderr := run(args...)
		require.Equal(t, 0, code, stderr)
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		return string(data)
	}
	without, with := svgOf(), svgOf(sites)
	assert.NotContains(t, without, "sites.csv")
	assert.Contains(t, with, "sites.csv", "the CSV layer is in the legend")
	assert.Greater(t, strings.Count(with, "#1f77b4"), strings.Count(without, "#1f77b4"), "its points are drawn in the first user colour")

	bad := writeFile(t, "bad.csv", "id,lon,lat\nk1,-11.2,12.8\nk2,-11.7,95\n")
	dir := t.TempDir()
	code, _, stderr := run("export", "--out", filepath.Join(dir, "m.png"), "--size", "200x150", "--add", bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, bad+`:3:10: row 2: column "lat": latitude 95 is outside -90..90`)
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
	code, out, _ = run("check", bad)
	assert.Equal(t, 1, code)
	assert.Equal(t, bad+`:3:10: row 2: column "lat": latitude 95 is outside -90..90`+"\n", out)
}

func TestExportPeriodFiltersAndShowsInLegend(t *testing.T) {
	dir := t.TempDir()
	all := filepath.Join(dir, "all.svg")
	p2012 := filepath.Join(dir, "2012.svg")
	code, _, stderr := run("export", "--out", all, "--layers", "regions,armed_groups", "--size", "1200x900")
	require.Equal(t, 0, code, stderr)
	code, _, stderr = run("export", "--out", p2012, "--layers", "regions,armed_groups", "--size", "1200x900", "--period", "2012", "--lang", "en")
	require.Equal(t, 0, code, stderr)
	a, _ := os.ReadFile(all)
	b, _ := os.ReadFile(p2012)
	assert.Less(t, bytes.Count(b, []byte("<path")), bytes.Count(a, []byte("<path")), "fewer zones drawn")
	assert.Contains(t, string(b), "Period: 2012")
	code, _, _ = run("export", "--out", filepath.Join(dir, "x.png"), "--period", "soon")
	assert.Equal(t, 2, code)
}
