package export_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/assets"
	"maliatlas/data"
	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/render"
	"maliatlas/render/export"
)

func loadScene(t testing.TB) *render.Scene {
	t.Helper()
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	f := assets.MapFonts()
	return render.NewScene(cat, render.FontSet{Regular: f.Regular, Bold: f.Bold, Italic: f.Italic})
}

var maliBox = orb.Bound{Min: orb.Point{-12.5, 9.8}, Max: orb.Point{4.5, 25.2}}

func goldMap(t testing.TB) *export.Map {
	sc := loadScene(t)
	return &export.Map{
		Scene: sc, BBox: maliBox, Title: "Gold",
		Options: render.Options{Lang: "en", Visible: []string{"countries", "regions", "towns", "gold_flows", "gold_sites"}},
		Legend:  true, ScaleBar: true, North: true, Attribution: true,
	}
}

// calls records what a page draws.
type calls struct {
	paths   []recPath
	markers []recMarkers
	texts   []render.Text
}

type recPath struct {
	sub [][]render.Point
	st  render.Style
}

type recMarkers struct {
	m  render.Marker
	at []render.Point
}

func (c *calls) Path(p *render.Path, st *render.Style) {
	var sub [][]render.Point
	for _, s := range p.Sub {
		sub = append(sub, append([]render.Point(nil), s...))
	}
	c.paths = append(c.paths, recPath{sub, *st})
}
func (c *calls) Markers(m *render.Marker, at []render.Point) {
	c.markers = append(c.markers, recMarkers{*m, append([]render.Point(nil), at...)})
}
func (c *calls) Text(t *render.Text)                  { c.texts = append(c.texts, *t) }
func (c *calls) Image(img image.Image, r render.Rect) {}
func (c *calls) hasText(s string) bool {
	for _, t := range c.texts {
		if strings.Contains(t.S, s) {
			return true
		}
	}
	return false
}

func TestSVGHasLegendEntriesAndScaleBar(t *testing.T) {
	m := goldMap(t)
	var buf bytes.Buffer
	require.NoError(t, export.Write(&buf, export.SVG, m, export.SizePage(1400, 1000)))
	svg := buf.String()
	for _, s := range []string{"Legend", "Industrial mine", "Artisanal mining area", "Regions of Mali", ">km<"} {
		assert.Contains(t, svg, s)
	}
	assert.NotContains(t, svg, "Cocaine", "layers not shown are not in the legend")
}

func TestScaleBarIsTrueAtItsLatitude(t *testing.T) {
	for _, box := range []orb.Bound{maliBox, {Min: orb.Point{-6, 18}, Max: orb.Point{2, 24}}} {
		m := goldMap(t)
		m.BBox = box
		m.Legend = false
		pg := export.SizePage(1200, 900)
		var c calls
		m.Draw(&c, pg)
		v := m.Viewport(pg)
		// The bar's outline: a stroked closed rectangle 5 px high.
		var bar []render.Point
		for _, p := range c.paths {
			if p.st.HasStroke() && !p.st.HasFill() && len(p.sub) == 1 && len(p.sub[0]) == 4 && math.Abs(p.sub[0][2].Y-p.sub[0][0].Y-5) < 1e-9 {
				bar = p.sub[0]
			}
		}
		require.NotNil(t, bar, "the scale bar is drawn")
		var km float64
		for _, tx := range c.texts {
			var n float64
			if _, err := fmt.Sscanf(tx.S, "%g", &n); err == nil && n > 0 && tx.Y < bar[0].Y && tx.X > bar[0].X {
				km = n
			}
		}
		require.NotZero(t, km, "the bar's length is labelled")
		a, b := v.ToGeo(bar[0].X, bar[0].Y), v.ToGeo(bar[1].X, bar[1].Y)
		d := geo.Distance(a, b) / 1000
		assert.InDelta(t, km, d, km*0.005, "bar of %g km at lat %.1f measures %.2f km", km, a[1], d)
	}
}

func TestPDFPageIsA4Landscape(t *testing.T) {
	pg, err := export.PaperPage("A4", true, 72)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, export.Write(&buf, export.PDF, goldMap(t), pg))
	assert.Regexp(t, `/MediaBox\s*\[\s*0 0 842 595\s*\]`, buf.String())
}

func TestPNGRecordsDPI(t *testing.T) {
	pg := export.Page{W: 240, H: 180, DPI: 300, Scale: 1}
	path := filepath.Join(t.TempDir(), "m.png")
	require.NoError(t, export.WriteFile(path, goldMap(t), pg))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	i := bytes.Index(b, []byte("pHYs"))
	require.Greater(t, i, 0, "a pHYs chunk")
	x, y, unit := binary.BigEndian.Uint32(b[i+4:]), binary.BigEndian.Uint32(b[i+8:]), b[i+12]
	assert.Equal(t, uint32(11811), x)
	assert.Equal(t, uint32(11811), y)
	assert.Equal(t, byte(1), unit, "per metre")
	assert.Less(t, i, bytes.Index(b, []byte("IDAT")), "pHYs comes before the image data")
}

// goldSite is a known site of the gold layer.
const goldSite = "gold-site-kenieba"

func TestSensitiveExportSnapsSitesAndDropsLayers(t *testing.T) {
	m := goldMap(t)
	cat := m.Scene.Catalog
	cat.Layer("gold_flows").Spec.Sensitive = true // in this test's own catalogue
	site := cat.Feature(goldSite)
	require.NotNil(t, site)
	orig := site.Geom.(orb.Point)
	pg := export.SizePage(1600, 1200)

	var plain calls
	m.Draw(&plain, pg)
	flows := cat.Layer("gold_flows").Title("en")
	assert.True(t, plain.hasText(flows), "an ordinary export shows the flows in its legend")

	m.Sensitive = true
	var c calls
	m.Draw(&c, pg)
	v := m.Viewport(pg)

	snapped := export.SnapPoint(orig, export.DefaultCoarsenKm)
	// A node of the 10 km grid, within half a diagonal of the site.
	dLat := 10 / 111.32
	assert.InDelta(t, 0, math.Remainder(snapped[1], dLat), 1e-9, "latitude on a grid row")
	dLon := 10 / (111.32 * math.Cos(snapped[1]*math.Pi/180))
	assert.InDelta(t, 0, math.Remainder(snapped[0], dLon), 1e-9, "longitude on a grid node")
	assert.LessOrEqual(t, geo.Distance(orig, snapped), 7200.0)
	assert.NotEqual(t, orig, snapped)

	want := pt(v.ToScreen(snapped))
	was := pt(v.ToScreen(orig))
	assert.True(t, markedAt(c.markers, want), "the site is drawn on its grid node")
	assert.False(t, markedAt(c.markers, was), "and not where it really is")
	assert.True(t, markedAt(plain.markers, was), "an ordinary export draws it where it is")

	assert.False(t, c.hasText(flows), "the sensitive layer is left out (legend)")
	for _, p := range c.paths {
		for _, l := range cat.Layer("gold_flows").Features {
			sym := cat.Layer("gold_flows").Symbol(l)
			assert.False(t, p.st.HasStroke() && p.st.Stroke == sym.Stroke && p.st.Width == sym.Width*pg.Scale, "no flow line drawn")
		}
	}
	// The catalogue itself is unchanged.
	assert.Equal(t, orig, cat.Feature(goldSite).Geom)
	assert.Same(t, site, cat.Feature(goldSite))
}

func pt(x, y float64) render.Point { return render.Point{X: x, Y: y} }

func markedAt(ms []recMarkers, p render.Point) bool {
	for _, m := range ms {
		for _, q := range m.at {
			if math.Abs(q.X-p.X) < 1e-6 && math.Abs(q.Y-p.Y) < 1e-6 {
				return true
			}
		}
	}
	return false
}

func TestCoarsenSnapsOverlayLineVertices(t *testing.T) {
	m := goldMap(t)
	m.CoarsenKm = 25
	m.Options.Visible = []string{"gold_flows"}
	m.Legend, m.Attribution, m.ScaleBar, m.North = false, false, false, false
	pg := export.SizePage(800, 600)
	var c calls
	m.Draw(&c, pg)
	v := m.Viewport(pg)
	var nodes, lines int
	for _, p := range c.paths {
		if !p.st.HasStroke() || p.st.HasFill() || len(p.sub) == 0 || len(p.sub[0]) < 2 {
			continue
		}
		lines++
		q := v.ToGeo(p.sub[0][0].X, p.sub[0][0].Y)
		if s := export.SnapPoint(q, 25); geo.Distance(q, s) < 5 {
			nodes++
		}
	}
	require.NotZero(t, lines)
	assert.Equal(t, lines, nodes, "every line starts on a grid node")
}

func TestWritePagesGivesOnePagePerMap(t *testing.T) {
	dir := t.TempDir()
	pg, err := export.PaperPage("A4", false, 72)
	require.NoError(t, err)
	maps := []*export.Map{goldMap(t), goldMap(t), goldMap(t)}
	maps[1].Title = "Second"
	path := filepath.Join(dir, "handout.pdf")
	require.NoError(t, export.WritePages(path, maps, pg))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Len(t, regexp.MustCompile(`/Type\s*/Page\b`).FindAll(b, -1), 3)
	assert.Regexp(t, `/MediaBox\s*\[\s*0 0 595 842\s*\]`, string(b))

	err = export.WritePages(filepath.Join(dir, "handout.png"), maps, pg)
	assert.ErrorContains(t, err, "PDF")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "nothing but the PDF")
}

func TestCancelLeavesNoFile(t *testing.T) {
	for _, name := range []string{"m.png", "m.svg", "m.pdf"} {
		dir := t.TempDir()
		path := filepath.Join(dir, name)
		ctx, cancel := context.WithCancel(context.Background())
		calls := 0
		// Cancel as soon as the write reports progress: mid-way.
		err := export.WriteFileContext(ctx, path, goldMap(t), export.SizePage(800, 2000), func(done, total int) {
			calls++
			if done < total {
				cancel()
			}
		})
		cancel()
		assert.True(t, errors.Is(err, context.Canceled), "%s: %v", name, err)
		assert.NotZero(t, calls, name)
		entries, _ := os.ReadDir(dir)
		assert.Empty(t, entries, "%s: no file, not even a temporary one", name)
	}
}

func TestProgressReachesTotal(t *testing.T) {
	for _, name := range []string{"m.png", "m.pdf"} {
		path := filepath.Join(t.TempDir(), name)
		last, total := 0, 0
		require.NoError(t, export.WriteFileContext(context.Background(), path, goldMap(t), export.SizePage(400, 300), func(d, n int) {
			assert.GreaterOrEqual(t, d, last, "progress never goes back")
			last, total = d, n
		}))
		assert.Equal(t, total, last, name)
		assert.NotZero(t, total, name)
	}
}

func TestInsetWatermarkSubtitleAndAnnotations(t *testing.T) {
	red := color.NRGBA{220, 30, 30, 255}
	countRed := func(c *calls) int {
		n := 0
		for _, p := range c.paths {
			if p.st.Stroke == red {
				n++
			}
		}
		return n
	}
	m := goldMap(t)
	pg := export.SizePage(1200, 900)
	var off calls
	m.Draw(&off, pg)
	assert.Zero(t, countRed(&off))

	m.Inset, m.Watermark, m.Subtitle = true, "DRAFT", "12 May 2025"
	m.Annotations = []project.Annotation{{ID: "n", Kind: project.KindText, Points: [][2]float64{{-4, 17}}, Text: "Note here"}}
	var on calls
	m.Draw(&on, pg)
	assert.Equal(t, 1, countRed(&on), "the inset's extent rectangle")
	assert.True(t, on.hasText("12 May 2025"))
	assert.True(t, on.hasText("Note here"))
	// The watermark: one grey fill whose extent runs corner to corner.
	last := on.paths[len(on.paths)-1]
	require.True(t, last.st.HasFill())
	assert.Equal(t, uint8(128), last.st.Fill.R)
	var x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range last.sub {
		for _, p := range s {
			x0, x1 = math.Min(x0, p.X), math.Max(x1, p.X)
			y0, y1 = math.Min(y0, p.Y), math.Max(y1, p.Y)
		}
	}
	assert.Greater(t, x1-x0, 0.35*1200.0, "wide")
	assert.Greater(t, y1-y0, 0.35*900.0, "and tall: diagonal")
	assert.InDelta(t, 600, (x0+x1)/2, 20, "centred")
	assert.InDelta(t, 450, (y0+y1)/2, 20, "centred")
	// The annotation is drawn after the map and before the title band.
	ann, band := -1, -1
	for i, tx := range on.texts {
		if tx.S == "Note here" {
			ann = i
		}
		if tx.S == "Gold" {
			band = i
		}
	}
	assert.Less(t, ann, band)
}

func TestFromProjectFiltersPeriodAndCategories(t *testing.T) {
	sc := loadScene(t)
	p := project.New()
	p.Layers = []project.LayerState{{ID: "gold_sites", Visible: true, Opacity: 0.5, HiddenCategories: []string{"industrial"}}, {ID: "towns", Visible: false, Opacity: 1}}
	p.Period = project.Period{From: 1900, To: 1950}
	pg := export.SizePage(800, 600)
	m := export.FromProject(sc, p, pg)
	assert.Contains(t, m.Options.Visible, "gold_sites")
	assert.Contains(t, m.Options.Visible, "regions", "default layers stay")
	assert.NotContains(t, m.Options.Visible, "towns")
	assert.Equal(t, 0.5, m.Options.Opacity["gold_sites"])
	require.NotNil(t, m.Options.Filter)
	kept := 0
	for _, f := range sc.Catalog.Layer("gold_sites").Features {
		if m.Options.Filter(f) {
			kept++
			assert.NotEqual(t, "industrial", f.Category)
		}
	}
	assert.Zero(t, kept, "no site is attested in 1900-1950")
	p.Period = project.Period{}
	m = export.FromProject(sc, p, pg)
	for _, f := range sc.Catalog.Layer("gold_sites").Features {
		assert.Equal(t, f.Category != "industrial", m.Options.Filter(f), f.ID)
	}
	for _, f := range sc.Catalog.Layer("regions").Features {
		assert.True(t, m.Options.Filter(f), "features without a period are kept")
	}
}
