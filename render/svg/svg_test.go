package svg

import (
	"bytes"
	"encoding/xml"
	"flag"
	"image"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"maliatlas/assets"
	"maliatlas/render"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// drawScene draws the reference scene shared with the PDF backend's tests: a
// polygon with a hole, a dashed line, markers, an icon, an image and accented
// text with a halo.
func drawScene(s render.Sink) {
	fonts := assets.MapFonts()
	// Polygon with a hole (even-odd), semi-transparent fill, solid outline.
	s.Path(&render.Path{Closed: true, Sub: [][]render.Point{
		{{X: 20, Y: 20}, {X: 180, Y: 20}, {X: 180, Y: 140}, {X: 20, Y: 140}},
		{{X: 60, Y: 50}, {X: 140, Y: 50}, {X: 140, Y: 110}, {X: 60, Y: 110}},
	}}, &render.Style{
		Fill: color.NRGBA{200, 60, 40, 160}, FillRule: render.EvenOdd,
		Stroke: color.NRGBA{90, 20, 10, 255}, Width: 1.5, Join: render.RoundJoin,
	})
	// Opaque filled square (checked by pixel in the PDF test).
	s.Path(&render.Path{Closed: true, Sub: [][]render.Point{
		{{X: 220, Y: 20}, {X: 280, Y: 20}, {X: 280, Y: 80}, {X: 220, Y: 80}},
	}}, &render.Style{Fill: color.NRGBA{0, 0, 255, 255}})
	// Dashed route line.
	s.Path(&render.Path{Sub: [][]render.Point{
		{{X: 20, Y: 180}, {X: 120.333, Y: 200.125}, {X: 220, Y: 170}, {X: 380, Y: 230}},
	}}, &render.Style{
		Stroke: color.NRGBA{30, 30, 160, 220}, Width: 3, Cap: render.RoundCap,
		Join: render.MiterJoin, MiterLimit: 2, Dash: []float64{8, 4.5}, DashOffset: 2,
	})
	// Markers: two batches of the same circle (one definition) and a triangle.
	circle := &render.Marker{Shape: render.Circle, Size: 10, Fill: color.NRGBA{240, 200, 0, 255}, Stroke: color.NRGBA{0, 0, 0, 255}, StrokeWidth: 1}
	s.Markers(circle, []render.Point{{X: 230, Y: 120}, {X: 260, Y: 130}})
	s.Markers(&render.Marker{Shape: render.Triangle, Size: 14, Fill: color.NRGBA{0, 150, 70, 200}}, []render.Point{{X: 300, Y: 120}})
	s.Markers(circle, []render.Point{{X: 330, Y: 140}})
	s.Markers(&render.Marker{Shape: render.Diamond, Size: 12, Fill: color.NRGBA{120, 0, 160, 255}, Stroke: color.NRGBA{255, 255, 255, 255}, StrokeWidth: 1.5}, []render.Point{{X: 360, Y: 120}})
	s.Markers(&render.Marker{Shape: render.Square, Size: 9, Fill: color.NRGBA{255, 120, 0, 255}}, []render.Point{{X: 360, Y: 150}})
	// An 8×8 image of four quadrants (one half transparent, one clear)
	// stretched over 40×40.
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	quad := [4]color.NRGBA{{255, 0, 0, 255}, {0, 255, 0, 128}, {0, 0, 255, 255}, {0, 0, 0, 0}}
	for y := 0; y < 8; y++ {
		for x := 0; x < 8; x++ {
			img.SetNRGBA(x, y, quad[x/4+2*(y/4)])
		}
	}
	s.Image(img, render.Rect{Min: render.Point{X: 320, Y: 20}, Max: render.Point{X: 360, Y: 60}})
	// Accented text with a white halo, and a bold italic-free title.
	s.Text(&render.Text{X: 30, Y: 146, S: "Ménaka, Ségou, Taoudénit", Font: fonts.Regular, Size: 18,
		Color: color.NRGBA{20, 20, 20, 255}, Halo: color.NRGBA{255, 255, 255, 230}, HaloWidth: 3})
	s.Text(&render.Text{X: 20, Y: 300, S: "Gao & <Kidal>", Font: fonts.Bold, Size: 14, Color: color.NRGBA{120, 0, 0, 255}})
	s.Text(&render.Text{X: 220, Y: 300, S: "Tombouctou, Sɛgu", Font: fonts.Italic, Size: 14, Color: color.NRGBA{0, 0, 0, 255}})
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		fail := filepath.Join("testdata", "failures", name)
		os.MkdirAll(filepath.Dir(fail), 0o755)
		os.WriteFile(fail, got, 0o644)
		t.Errorf("output differs from %s; actual output written to %s", path, fail)
	}
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
			count[tok.Name.Local]++
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
