package export

import (
	"bytes"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"maliatlas/assets"
	"maliatlas/data"
	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/render"
)

func fictionalScene(t testing.TB) *render.Scene {
	t.Helper()
	cat, err := layers.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	f := assets.MapFonts()
	return render.NewScene(cat, render.FontSet{Regular: f.Regular, Bold: f.Bold, Italic: f.Italic})
}

// exerciseProject is the built-in scenario at inject 3 with two groups' work.
func exerciseProject(t testing.TB, lang string) *project.Project {
	t.Helper()
	ss, err := project.LoadBuiltinScenarios(data.FS)
	if err != nil || len(ss) == 0 {
		t.Fatal(err)
	}
	p := project.NewExercise(ss[0], lang)
	p.Scenario.Released = 3
	for i, name := range []string{"A", "B"} {
		g, err := project.GroupCopy(p, name, project.GroupColors[i])
		if err != nil {
			t.Fatal(err)
		}
		g.Annotations = append(g.Annotations, project.Annotation{ID: name + "1", Kind: project.KindMarker,
			Points: [][2]float64{{0.1 * float64(i), 17.4}}, Text: "toll", Grade: "C3", Inject: "day1"})
		g.Scenario.Answers = []project.Answer{{Question: "q1", Text: "north of Bourem"}}
		if _, err := project.MergeGroup(p, g, name+".matlas", testTime); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// exportsOf lists every kind of page a scenario is exported as.
func exportsOf(t testing.TB, scene *render.Scene, p *project.Project, pg Page) map[string]*Map {
	out := map[string]*Map{}
	m := FromProject(scene, p, pg)
	out["project view"] = m
	s := *FromProject(scene, p, pg)
	s.Sensitive, s.Watermark, s.Title, s.Legend, s.Inset = true, "DRAFT", "", true, true
	out["sensitive, no title, legend"] = &s
	hs, err := HandoutMaps(scene, p, true)
	if err != nil {
		t.Fatal(err)
	}
	out["handout first"], out["handout last"] = hs[0], hs[len(hs)-1]
	ds, err := DebriefMaps(scene, p)
	if err != nil {
		t.Fatal(err)
	}
	out["debrief first"], out["debrief last"] = ds[0], ds[len(ds)-1]
	// A page that only carries the scenario's features still gets the band.
	bare := &Map{Scene: scene, BBox: scenarioBound(p.Scenario), Options: render.Options{Lang: p.Lang}, Exercise: ScenarioView(p, 1, false)}
	out["features only"] = bare
	return out
}

func near(c color.Color, want color.NRGBA, tol float64) bool {
	r, g, b, _ := c.RGBA()
	d := math.Sqrt(sq(float64(r>>8)-float64(want.R)) + sq(float64(g>>8)-float64(want.G)) + sq(float64(b>>8)-float64(want.B)))
	return d <= tol
}

func sq(x float64) float64 { return x * x }

// bandRow reports the share of row y of img (scaled from a page of height
// pageH) that is the band's lime.
func limeShare(img image.Image, y int) float64 {
	b := img.Bounds()
	n := 0
	for x := b.Min.X; x < b.Max.X; x++ {
		if near(img.At(x, y), render.FictionalInk, 40) {
			n++
		}
	}
	return float64(n) / float64(b.Dx())
}

// checkBandPixels checks that the band's rows of img (the page drawn at
// scale img.H/pageH) are mostly lime, at the top and the bottom edge.
func checkBandPixels(t *testing.T, name string, img image.Image, m *Map, pg Page) {
	t.Helper()
	top, _ := m.bands(pg)
	band := m.bandHeight(pg)
	k := float64(img.Bounds().Dy()) / float64(pg.H)
	// A row a quarter into the band: between the stripes, above the text's middle.
	for _, y := range []float64{top - band*0.85, top - band*0.15, float64(pg.H) - band*0.7*0.1} {
		row := int(y * k)
		if s := limeShare(img, row); s < 0.5 {
			t.Errorf("%s: row %d (of %d) is %.0f%% band lime, want the band", name, row, img.Bounds().Dy(), s*100)
		}
	}
}

var bandTexts = []string{render.FictionalBandEN, render.FictionalBandFR}

// No export of a scenario lacks the fictional band: every kind of page, in
// every format (PNG pixels, SVG text, PDF text and pixels), both languages.
func TestNoScenarioExportLacksTheBand(t *testing.T) {
	scene := fictionalScene(t)
	pg := SizePage(900, 640)
	popplerOK := true
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is needed (poppler-utils)", tool)
			}
			t.Logf("%s not installed: PDF pages are checked by their drawing calls only", tool)
			popplerOK = false
		}
	}
	dir := t.TempDir()
	for _, lang := range []string{"en", "fr"} {
		p := exerciseProject(t, lang)
		for name, m := range exportsOf(t, scene, p, pg) {
			name = lang + " " + name
			// PNG
			var buf bytes.Buffer
			if err := Write(&buf, PNG, m, pg); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			checkBandPixels(t, name+" PNG", img, m, pg)
			// SVG
			buf.Reset()
			if err := Write(&buf, SVG, m, pg); err != nil {
				t.Fatal(err)
			}
			svg := html.UnescapeString(buf.String())
			for _, s := range bandTexts {
				if !strings.Contains(svg, s) {
					t.Errorf("%s SVG: no %q", name, s)
				}
			}
			// PDF: one page alone and the same page in a multi-page handout.
			path := filepath.Join(dir, "page.pdf")
			if err := WriteFile(path, m, pg); err != nil {
				t.Fatal(err)
			}
			var rec render.Recording
			m.Draw(&rec, pg)
			if !popplerOK {
				continue
			}
			txt, err := exec.Command("pdftotext", path, "-").CombinedOutput()
			if err != nil {
				t.Fatalf("pdftotext: %v %s", err, txt)
			}
			for _, s := range bandTexts {
				if !strings.Contains(string(txt), s) {
					t.Errorf("%s PDF: no %q in\n%s", name, s, txt)
				}
			}
			prefix := filepath.Join(dir, "pdfpage")
			if out, err := exec.Command("pdftoppm", "-png", "-r", "48", "-singlefile", path, prefix).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v %s", err, out)
			}
			f, err := os.Open(prefix + ".png")
			if err != nil {
				t.Fatal(err)
			}
			pimg, err := png.Decode(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			checkBandPixels(t, name+" PDF", pimg, m, pg)
		}
		// The handout and debrief as written (several pages): every page.
		for _, kind := range []string{"handout", "debrief"} {
			var maps []*Map
			if kind == "handout" {
				maps, _ = HandoutMaps(scene, p, true)
			} else {
				maps, _ = DebriefMaps(scene, p)
			}
			path := filepath.Join(dir, kind+".pdf")
			a4, _ := PaperPage("A4", true, 100)
			if err := WritePages(path, maps, a4); err != nil {
				t.Fatal(err)
			}
			if !popplerOK {
				continue
			}
			txt, _ := exec.Command("pdftotext", path, "-").CombinedOutput()
			pages := strings.Split(strings.TrimRight(string(txt), "\f\n"), "\f")
			if len(pages) != len(maps) {
				t.Errorf("%s %s: %d pages of text for %d pages", lang, kind, len(pages), len(maps))
			}
			for i, pgText := range pages {
				for _, s := range bandTexts {
					if !strings.Contains(pgText, s) {
						t.Errorf("%s %s page %d: no %q", lang, kind, i+1, s)
					}
				}
			}
		}
	}
	// And the test can fail: an ordinary project's export has no band.
	q := project.New()
	m := FromProject(scene, q, pg)
	var buf bytes.Buffer
	if err := Write(&buf, SVG, m, pg); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html.UnescapeString(buf.String()), render.FictionalBandEN) || m.bandHeight(pg) != 0 {
		t.Error("an ordinary project's export carries the fictional band")
	}
	buf.Reset()
	_ = Write(&buf, PNG, m, pg)
	img, _ := png.Decode(&buf)
	if s := limeShare(img, 5); s > 0.2 {
		t.Errorf("an ordinary project's top row is %.0f%% band lime", s*100)
	}
}

// Fictional features have a symbology no sourced layer uses: the hazard
// lime is far from every colour of the catalogue's layers.
func TestFictionalSymbologyIsDistinct(t *testing.T) {
	scene := fictionalScene(t)
	for _, l := range scene.Catalog.Layers {
		syms := []*layers.Symbol{l.CategorySymbol(nil)}
		for i := range l.Spec.Categories {
			syms = append(syms, l.CategorySymbol(&l.Spec.Categories[i]))
		}
		for _, s := range syms {
			for _, c := range []color.NRGBA{s.Fill, s.Stroke, s.Casing, s.MarkerStroke} {
				if c.A < 40 {
					continue
				}
				if near(c, render.FictionalInk, 90) {
					t.Errorf("layer %s uses %v, too close to the fictional lime %v", l.Spec.ID, c, render.FictionalInk)
				}
			}
		}
	}
	for _, g := range project.GroupColors {
		c, _ := layers.ParseColor(g)
		if near(c, render.FictionalInk, 90) || near(c, render.SolutionInk, 60) {
			t.Errorf("group colour %s is too close to the fictional or solution colour", g)
		}
	}
}

var testTime = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

// Handout and debrief pages show the base map only under the invented
// features: no sourced overlay beside them, and the legend explains the symbols.
func TestExercisePagesShowNoSourcedOverlay(t *testing.T) {
	scene := fictionalScene(t)
	p := exerciseProject(t, "fr")
	hs, err := HandoutMaps(scene, p, true)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := DebriefMaps(scene, p)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range append(hs, ds...) {
		for _, id := range m.Options.Visible {
			if l := scene.Catalog.Layer(id); l == nil || l.Spec.Group != "base" {
				t.Errorf("page %d shows layer %q", i+1, id)
			}
		}
		last := m.Panel.Blocks[len(m.Panel.Blocks)-1]
		if last.Heading != "Légende" {
			t.Errorf("page %d: the last block is %q, not the legend", i+1, last.Heading)
		}
	}
	// The debrief shows the solution; the handout never does.
	for i, m := range hs {
		if len(m.Exercise.Solution) > 0 || len(m.Exercise.Groups) > 0 {
			t.Errorf("handout page %d shows the solution or the groups", i+1)
		}
	}
	if len(ds[len(ds)-1].Exercise.Solution) == 0 || len(ds[0].Exercise.Groups) != 2 {
		t.Error("the debrief lacks the solution or the groups")
	}
	// A group's copy has no solution: no debrief from it.
	g, _ := project.GroupCopy(p, "C", "#123456")
	if _, err := DebriefMaps(scene, g); err == nil {
		t.Error("a debrief from a group's copy")
	}
}

// TestRetractLinesNameEachItem: a debrief page lists what its inject
// withdraws by name (a report with its grade, a question after its id),
// never by a bare id, for every inject of the built-in scenario.
func TestRetractLinesNameEachItem(t *testing.T) {
	s := exerciseProject(t, "en").Scenario
	n := 0
	for i := range s.Injects {
		in := &s.Injects[i]
		lines := retractLines(s, in, "en")
		if len(lines) != len(in.Retracts) {
			t.Fatalf("inject %s: %d lines for %d withdrawals", in.ID, len(lines), len(in.Retracts))
		}
		for k, id := range in.Retracts {
			name, grade, kind, ok := s.ItemName(id, "en")
			if !ok {
				t.Errorf("inject %s withdraws unknown %q", in.ID, id)
				continue
			}
			want := "× " + name
			switch kind {
			case project.ReportItem:
				want += " (" + grade + ")"
			case project.QuestionItem:
				want = "× " + id + ". " + name
			}
			if lines[k].Text != want || name == "" {
				t.Errorf("inject %s: %q, want %q", in.ID, lines[k].Text, want)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("the built-in scenario withdraws nothing: the test checks nothing")
	}
}
