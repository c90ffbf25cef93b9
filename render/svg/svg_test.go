package svg

import (
	"bytes"
	"encoding/xml"
	"image/color"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"maliatlas/assets"
	"maliatlas/render"
	"maliatlas/render/internal/rendertest"

	"maliatlas/internal/testutil"
)

// drawScene draws the reference scene shared with the PDF backend's tests.
func drawScene(s render.Sink) { rendertest.DrawReferenceScene(s) }

// checkGolden compares got with testdata/name (testutil.Golden).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name), got)
}

func renderScene(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	c := New(&buf, 400, 320)
	c.SetTitle("Test scene: Ménaka & Ségou")
	c.SetBackground(color.NRGBA{245, 240, 225, 255})
	c.BeginGroup(`layer "zones" <1>`)
	drawScene(c)
	c.EndGroup()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSceneGolden(t *testing.T) {
	out := renderScene(t)
	checkGolden(t, "scene.svg", out)
}

// TestSceneXML parses the document with encoding/xml and checks the elements
// the scene should produce.
func TestSceneXML(t *testing.T) {
	out := renderScene(t)
	dec := xml.NewDecoder(bytes.NewReader(out))
	count := map[string]int{}
	var texts []string
	var inText bool
	var groupID string
	var root xml.StartElement
	glyphs := map[string]bool{} // glyph outlines defined
	var glyphUses []string      // glyph outlines placed
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root.Name.Local == "" {
				root = tok
			}
			name := tok.Name.Local
			for _, a := range tok.Attr {
				switch {
				case a.Name.Local == "id" && strings.HasPrefix(a.Value, "gl"):
					glyphs[a.Value] = true
					name = "glyph " + name
				case a.Name.Local == "href" && strings.HasPrefix(a.Value, "#gl"):
					glyphUses = append(glyphUses, a.Value[1:])
					name = "glyph " + name
				case a.Name.Local == "href" && strings.HasPrefix(a.Value, "#tx"):
					name = "run " + name
				}
			}
			count[name]++
			inText = tok.Name.Local == "text"
			if tok.Name.Local == "text" {
				texts = append(texts, "")
			}
			if tok.Name.Local == "g" && groupID == "" {
				for _, a := range tok.Attr {
					if a.Name.Local == "id" && !strings.HasPrefix(a.Value, "mk") {
						groupID = a.Value
					}
				}
			}
		case xml.CharData:
			if inText {
				texts[len(texts)-1] += string(tok)
			}
		case xml.EndElement:
			inText = false
		}
	}
	if root.Name.Local != "svg" || root.Name.Space != "http://www.w3.org/2000/svg" {
		t.Errorf("root element %v, want svg in the SVG namespace", root.Name)
	}
	attr := map[string]string{}
	for _, a := range root.Attr {
		attr[a.Name.Local] = a.Value
	}
	if attr["viewBox"] != "0 0 400 320" || attr["width"] != "400" || attr["height"] != "320" {
		t.Errorf("root attributes %v", attr)
	}
	// 3 paths in the scene (polygon, square, line) + triangle and diamond definitions.
	if count["path"] != 5 {
		t.Errorf("%d <path>, want 5", count["path"])
	}
	// Circle used twice in two batches: 4 distinct markers, 6 placements.
	if count["use"] != 6 {
		t.Errorf("%d <use>, want 6", count["use"])
	}
	if count["circle"] != 1 {
		t.Errorf("%d <circle> definitions, want 1 (one per distinct marker)", count["circle"])
	}
	if count["image"] != 1 {
		t.Errorf("%d <image>, want 1", count["image"])
	}
	want := []string{"Ménaka, Ségou, Taoudénit", "Gao & <Kidal>", "Tombouctou, Sɛgu"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("texts %q, want %q", texts, want)
	}
	// The texts are drawn as outlines: one glyph placed per character that
	// is not a space, each glyph defined once; the run with a halo is
	// drawn again filled by one <use> of its glyphs.
	marks := 0
	for _, s := range want {
		marks += len([]rune(strings.ReplaceAll(s, " ", "")))
	}
	if len(glyphUses) != marks {
		t.Errorf("%d glyphs placed, want %d", len(glyphUses), marks)
	}
	distinct := map[string]bool{}
	for _, id := range glyphUses {
		distinct[id] = true
		if !glyphs[id] {
			t.Errorf("glyph %s placed but not defined", id)
		}
	}
	if len(distinct) != len(glyphs) || count["glyph path"] != len(glyphs) {
		t.Errorf("%d glyph outlines defined (%d paths), %d used", len(glyphs), count["glyph path"], len(distinct))
	}
	if count["run use"] != 1 {
		t.Errorf("%d runs drawn again filled, want 1 (the haloed one)", count["run use"])
	}
	if groupID != `layer "zones" <1>` {
		t.Errorf("group id %q", groupID)
	}
}

// TestNumbers checks the compact number format.
func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-1, "-1"}, {0.5, ".5"}, {-0.25, "-.25"}, {12.3456, "12.35"},
		{12.301, "12.3"}, {-0.001, "0"}, {100, "100"}, {1e6 + 0.07, "1000000.07"},
	} {
		if got := num(c.v); got != c.want {
			t.Errorf("num(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	if got := string(appendColor(nil, color.NRGBA{0x11, 0x22, 0x33, 255})); got != "#123" {
		t.Errorf("short colour %q", got)
	}
	if got := string(appendColor(nil, color.NRGBA{0x12, 0x22, 0x33, 255})); got != "#122233" {
		t.Errorf("long colour %q", got)
	}
}

// TestTextPositions checks that glyph x positions follow Font.Measure.
func TestTextPositions(t *testing.T) {
	f := assets.MapFonts().Regular
	s := "Taoudénit"
	var buf bytes.Buffer
	c := New(&buf, 100, 100)
	c.Text(&render.Text{X: 10, Y: 50, S: s, Font: f, Size: 20, Color: color.NRGBA{A: 255}})
	c.Close()
	m := regexp.MustCompile(`<text x="([^"]*)"`).FindSubmatch(buf.Bytes())
	if m == nil {
		t.Fatalf("no <text x=...> in %s", buf.Bytes())
	}
	xs := strings.Fields(string(m[1]))
	if len(xs) != len([]rune(s)) {
		t.Fatalf("%d x positions for %d characters", len(xs), len([]rune(s)))
	}
	rs := []rune(s)
	for i := range rs {
		// The character starts where the run up to and including it ends,
		// minus its own advance (so the kerning before it counts).
		want := num(10 + f.Measure(string(rs[:i+1]), 20) - f.Advance(rs[i])*20)
		if xs[i] != want {
			t.Errorf("character %d (%q) at x=%s, want %s", i, rs[i], xs[i], want)
		}
	}
}

// TestManyMarkers checks that a large batch stays one definition plus a short
// <use> per point.
func TestManyMarkers(t *testing.T) {
	pts := make([]render.Point, 20000)
	for i := range pts {
		pts[i] = render.Point{X: float64(i%200) * 5.123, Y: float64(i/200) * 7.77}
	}
	var buf bytes.Buffer
	c := New(&buf, 1200, 800)
	c.Markers(&render.Marker{Shape: render.Circle, Size: 6, Fill: color.NRGBA{200, 0, 0, 255}, Stroke: color.NRGBA{A: 255}, StrokeWidth: 1}, pts)
	c.Close()
	if n := bytes.Count(buf.Bytes(), []byte("<circle")); n != 1 {
		t.Errorf("%d marker definitions, want 1", n)
	}
	if n := bytes.Count(buf.Bytes(), []byte("<use ")); n != len(pts) {
		t.Errorf("%d <use>, want %d", n, len(pts))
	}
	if per := buf.Len() / len(pts); per > 50 {
		t.Errorf("%d bytes per marker, want at most 50", per)
	}
}

// TestEmptyAndInvisible checks that invisible primitives write nothing.
func TestEmptyAndInvisible(t *testing.T) {
	var buf bytes.Buffer
	c := New(&buf, 10, 10)
	c.Path(&render.Path{Sub: [][]render.Point{{{X: 1, Y: 1}, {X: 2, Y: 2}}}}, &render.Style{Fill: color.NRGBA{A: 255}}) // open path, fill only
	c.Path(&render.Path{Closed: true}, &render.Style{Fill: color.NRGBA{A: 255}})                                        // no rings
	c.Text(&render.Text{S: "", Font: assets.MapFonts().Regular, Size: 10, Color: color.NRGBA{A: 255}})
	c.Markers(&render.Marker{Size: 5, Fill: color.NRGBA{A: 255}}, nil)
	c.EndGroup() // unbalanced: ignored
	c.Close()
	for _, el := range []string{"<path", "<text", "<use", "<g", "<defs"} {
		if bytes.Contains(buf.Bytes(), []byte(el)) {
			t.Errorf("output has %s:\n%s", el, buf.Bytes())
		}
	}
}

// TestTextModes checks the two ways of drawing text: outlines (the default:
// glyphs defined once and placed, the <text> painting nothing) and live text
// (TextAsOutlines(false): a filled <text> with its halo, no outline).
func TestTextModes(t *testing.T) {
	f := assets.MapFonts().Bold
	doc := func(outlines bool) string {
		var buf bytes.Buffer
		c := New(&buf, 200, 100)
		c.TextAsOutlines(outlines)
		c.Text(&render.Text{X: 10, Y: 50, S: "Gao Gao", Font: f, Size: 20, Color: color.NRGBA{200, 0, 0, 255}})
		c.Text(&render.Text{X: 10, Y: 80, S: "   ", Font: f, Size: 20, Color: color.NRGBA{200, 0, 0, 255}})
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	out := doc(true)
	if n := strings.Count(out, `<path id="gl`); n != 3 { // G, a, o
		t.Errorf("%d glyph outlines defined, want 3:\n%s", n, out)
	}
	if n := strings.Count(out, `<use xlink:href="#gl`); n != 6 {
		t.Errorf("%d glyphs placed, want 6:\n%s", n, out)
	}
	if !strings.Contains(out, `<g transform="translate(10 50) scale(.02)" fill="#c80000">`) {
		t.Errorf("no group scaling font units to 20 px at (10,50) filled red:\n%s", out)
	}
	if n := strings.Count(out, `fill="none">Gao Gao</text>`); n != 1 {
		t.Errorf("the run is not kept as invisible text:\n%s", out)
	}
	if strings.Count(out, "<g ") != 1 {
		t.Errorf("a run of spaces draws an outline group:\n%s", out)
	}
	live := doc(false)
	if strings.Contains(live, "gl") || !strings.Contains(live, `fill="#c80000">Gao Gao</text>`) {
		t.Errorf("live text: want a filled <text> and no outline:\n%s", live)
	}
}
