package cli

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"

	"maliatlas/data"
	"maliatlas/layers"
	"maliatlas/project"
)

func builtinBriefing(t *testing.T) project.Briefing {
	t.Helper()
	bs, err := project.LoadBuiltin(data.FS)
	require.NoError(t, err)
	require.NotEmpty(t, bs)
	return bs[0]
}

var pageRe = regexp.MustCompile(`/Type\s*/Page\b`)

// pdfTexts returns the text each BT…ET block of the PDF's content streams
// shows, as the raw bytes of its literal strings (WinAnsi codes).
func pdfTexts(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	streamRe := regexp.MustCompile(`(?s)/FlateDecode[^>]*>>\s*stream\r?\n`)
	for _, loc := range streamRe.FindAllIndex(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(pdf[loc[1]:]))
		if err != nil {
			continue
		}
		content, _ := io.ReadAll(zr) // the reader stops at the end of the zlib data
		for _, block := range regexp.MustCompile(`(?s)\bBT\b(.*?)\bET\b`).FindAllSubmatch(content, -1) {
			out = append(out, literalStrings(block[1]))
		}
	}
	return out
}

// literalStrings concatenates the PDF literal strings "(…)" in b, escapes
// resolved.
func literalStrings(b []byte) string {
	var s []byte
	for i := 0; i < len(b); i++ {
		if b[i] != '(' {
			continue
		}
		depth := 1
		for i++; i < len(b) && depth > 0; i++ {
			c := b[i]
			switch {
			case c == '\\' && i+1 < len(b):
				i++
				switch e := b[i]; {
				case e >= '0' && e <= '7':
					j := i
					for j < len(b) && j < i+3 && b[j] >= '0' && b[j] <= '7' {
						j++
					}
					v, _ := strconv.ParseUint(string(b[i:j]), 8, 8)
					s = append(s, byte(v))
					i = j - 1
				case e == 'n':
					s = append(s, '\n')
				case e == 'r':
					s = append(s, '\r')
				case e == 't':
					s = append(s, '\t')
				default:
					s = append(s, e)
				}
			case c == '(':
				depth++
				s = append(s, c)
			case c == ')':
				depth--
				if depth > 0 {
					s = append(s, c)
				}
			default:
				s = append(s, c)
			}
		}
		i--
	}
	return string(s)
}

func winAnsi(t *testing.T, s string) string {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().String(pdfSpaces(s))
	require.NoError(t, err, s)
	return b
}

// pdfSpaces is s as a PDF's text shows it: French typography's narrow
// no-break space, which WinAnsi lacks, is written as the no-break space.
func pdfSpaces(s string) string { return strings.ReplaceAll(s, "\u202f", "\u00a0") }

func exportHandout(t *testing.T, lang string) (string, []byte) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "handout-"+lang+".pdf")
	code, stdout, stderr := run("briefing", "export", "--out", out, "--lang", lang, "--dpi", "72")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, out)
	pdf, err := os.ReadFile(out)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))
	return out, pdf
}

func TestBriefingHandoutOnePagePerStep(t *testing.T) {
	b := builtinBriefing(t)
	_, pdf := exportHandout(t, "en")
	assert.Len(t, pageRe.FindAll(pdf, -1), len(b.Steps), "one page per step")
	assert.Regexp(t, `/MediaBox\s*\[\s*0 0 842 595\s*\]`, string(pdf), "A4 landscape by default")
}

func TestBriefingHandoutLanguage(t *testing.T) {
	b := builtinBriefing(t)
	for _, lang := range []string{"fr", "en"} {
		other := map[string]string{"fr": "en", "en": "fr"}[lang]
		out, pdf := exportHandout(t, lang)
		texts := strings.Join(pdfTexts(t, pdf), "\n")
		require.NotEmpty(t, texts, "text found in the content streams")
		for i, s := range b.Steps {
			assert.Contains(t, texts, winAnsi(t, s.Title[lang]), "step %d title in %s", i+1, lang)
			if s.Title[other] != s.Title[lang] {
				assert.NotContains(t, texts, winAnsi(t, s.Title[other]), "step %d title in %s", i+1, other)
			}
		}
		// The caption is the subtitle: its first words are on the page.
		words := strings.Fields(b.Steps[1].Caption[lang])
		assert.Contains(t, texts, winAnsi(t, strings.Join(words[:3], " ")), "caption of step 2 in %s", lang)

		if _, err := exec.LookPath("pdftotext"); err != nil {
			continue
		}
		txt, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
		require.NoError(t, err)
		pages := strings.Split(string(txt), "\f")
		require.GreaterOrEqual(t, len(pages), len(b.Steps))
		for i, s := range b.Steps {
			// pdftotext writes every no-break space as a space.
			plain := strings.NewReplacer("\u202f", " ", "\u00a0", " ")
			assert.Contains(t, plain.Replace(pages[i]), plain.Replace(s.Title[lang]), "pdftotext: page %d title", i+1)
		}
	}
}

func TestBriefingPNGDirectory(t *testing.T) {
	b := builtinBriefing(t)
	dir := filepath.Join(t.TempDir(), "slides")
	code, _, stderr := run("briefing", "export", "--out-dir", dir, "--size", "320x180", "--lang", "fr")
	require.Equal(t, 0, code, stderr)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, len(b.Steps))
	for i, e := range entries {
		assert.Equal(t, fmt.Sprintf("step-%02d.png", i+1), e.Name())
		f, err := os.Open(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		img, err := png.Decode(f)
		f.Close()
		require.NoError(t, err)
		assert.Equal(t, 320, img.Bounds().Dx(), e.Name())
		assert.Equal(t, 180, img.Bounds().Dy(), e.Name())
	}
}

func TestBriefingMapsFollowTheSteps(t *testing.T) {
	scene, err := LoadScene()
	require.NoError(t, err)
	b := builtinBriefing(t)
	maps, err := BriefingMaps(scene, &b, nil, "fr")
	require.NoError(t, err)
	require.Len(t, maps, len(b.Steps))
	armed := scene.Catalog.Layer("armed_groups")
	require.NotNil(t, armed)
	periods := 0
	for i, m := range maps {
		s := &b.Steps[i]
		assert.Equal(t, s.Title["fr"], m.Title)
		assert.Equal(t, s.Caption["fr"], m.Subtitle)
		assert.Equal(t, s.View.Bound(), m.BBox)
		assert.Equal(t, "fr", m.Options.Lang)
		assert.True(t, m.Legend && m.ScaleBar && m.North && m.Attribution)
		for _, st := range s.Layers {
			assert.Equal(t, st.Visible, contains(m.Options.Visible, st.ID), "step %d layer %s", i+1, st.ID)
		}
		if s.Selected != "" {
			assert.Equal(t, map[string]bool{s.Selected: true}, m.Options.Highlight, "step %d", i+1)
		} else {
			assert.Empty(t, m.Options.Highlight)
		}
		want := layers.PeriodFilter(s.Period.Span())
		if want == nil {
			continue
		}
		periods++
		require.NotNil(t, m.Options.Filter, "step %d", i+1)
		for _, f := range armed.Features {
			assert.Equal(t, want(f), m.Options.Filter(f), "step %d, %s", i+1, f.ID)
		}
	}
	assert.Positive(t, periods, "some steps filter by period")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func saveProject(t *testing.T, p *project.Project) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "talk"+project.Ext)
	require.NoError(t, project.Save(path, p))
	return path
}

func TestBriefingFromProject(t *testing.T) {
	b := builtinBriefing(t)
	p := project.New()
	p.Lang = "fr"
	mine := project.Briefing{ID: "mine", Title: project.I18n{"en": "Mine"}}
	mine.Add(b.Steps[5])
	mine.Add(b.Steps[1])
	p.Briefings = []project.Briefing{mine}
	path := saveProject(t, p)
	out := filepath.Join(t.TempDir(), "mine.pdf")
	code, _, stderr := run("briefing", "export", "--project", path, "--out", out, "--dpi", "72")
	require.Equal(t, 0, code, stderr)
	pdf, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Len(t, pageRe.FindAll(pdf, -1), 2)
	texts := strings.Join(pdfTexts(t, pdf), "\n")
	assert.Contains(t, texts, winAnsi(t, b.Steps[5].Title["fr"]), "the project's language by default")
}

func TestBriefingProjectErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.pdf")

	missing := filepath.Join(dir, "nope.matlas")
	code, _, stderr := run("briefing", "export", "--project", missing, "--out", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, missing)

	none := saveProject(t, project.New())
	code, _, stderr = run("briefing", "export", "--project", none, "--out", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, none+": the project has no briefing")

	p := project.New()
	p.Briefings = []project.Briefing{{ID: "b", Steps: []project.Step{
		{Title: project.I18n{"en": "One"}, View: project.View{Lon: -4, Lat: 17, Zoom: 6}},
		{Title: project.I18n{"en": "Two"}, View: project.View{Lon: -4, Lat: 17, Zoom: 6},
			Layers: []project.LayerState{{ID: "smugglers", Visible: true, Opacity: 1}}},
	}}}
	bad := saveProject(t, p)
	code, _, stderr = run("briefing", "export", "--project", bad, "--out", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, bad+`: briefing "b" step 2: no layer "smugglers"`)

	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries, "nothing written")
}

func TestBriefingBadArgumentsExit2(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "h.pdf")
	for _, args := range [][]string{
		{"briefing"},
		{"briefing", "play"},
		{"briefing", "export"},
		{"briefing", "export", "--out", filepath.Join(dir, "h.png")},
		{"briefing", "export", "--out", out, "--out-dir", dir},
		{"briefing", "export", "--out", out, "--lang", "de"},
		{"briefing", "export", "--out", out, "--paper", "A5"},
		{"briefing", "export", "--out", out, "--dpi", "5000"},
		{"briefing", "export", "--out", out, "--size", "big"},
		{"briefing", "export", "--out", out, "--size", "800x600", "--paper", "A4"},
		{"briefing", "export", "--out", out, "--size", "800x600", "--dpi", "300"},
		{"briefing", "export", "--out", out, "--frobnicate"},
		{"briefing", "export", "--out", out, "extra"},
	} {
		code, _, stderr := run(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Contains(t, stderr, "usage:", "%v", args)
	}
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
}

func TestBriefingMapsCarryTheStepsAnnotations(t *testing.T) {
	scene, err := LoadScene()
	require.NoError(t, err)
	anns := []project.Annotation{
		{ID: "a1", Kind: project.KindText, Points: [][2]float64{{-8, 12.6}}, Text: "Bamako"},
		{ID: "a2", Kind: project.KindMarker, Points: [][2]float64{{-0.05, 16.27}}, Text: "Gao"},
	}
	b := project.Briefing{ID: "b"}
	b.Add(project.Step{Title: project.I18n{"en": "None"}, View: project.View{Lon: -4, Lat: 17, Zoom: 6}})
	b.Add(project.Step{Title: project.I18n{"en": "Gao"}, View: project.View{Lon: -4, Lat: 17, Zoom: 6}, Annotations: []string{"a2"}})
	maps, err := BriefingMaps(scene, &b, anns, "en")
	require.NoError(t, err)
	assert.Empty(t, maps[0].Annotations)
	require.Len(t, maps[1].Annotations, 1)
	assert.Equal(t, anns[1], maps[1].Annotations[0])

	b.Steps[0].Annotations = []string{"a9"}
	_, err = BriefingMaps(scene, &b, anns, "en")
	assert.EqualError(t, err, `briefing "b" step 1: no annotation "a9"`)
	b.Steps[0].Annotations = nil
	b.Steps[1].Selected = "no-such-feature"
	_, err = BriefingMaps(scene, &b, anns, "en")
	assert.EqualError(t, err, `briefing "b" step 2: no feature "no-such-feature" to select`)
}
