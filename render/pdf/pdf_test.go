package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"maliatlas/assets"
	"maliatlas/render"
)

var keep = flag.Bool("keep", false, "write the test PDFs to testdata/failures/ for viewing")

// A4 landscape; the 400×320 px scene at 1.5 pt/px is 600×480 pt.
const (
	pageW, pageH = 842.0, 595.0
	scale        = 1.5
)

func renderScene(t *testing.T, pages int) []byte {
	t.Helper()
	var buf bytes.Buffer
	d := New(&buf, pageW, pageH, scale)
	d.SetInfo("Mali Routes Atlas — Ménaka", "test scene")
	d.SetBackground(color.NRGBA{245, 240, 225, 255})
	for i := 0; i < pages; i++ {
		if i > 0 {
			d.NewPage()
		}
		drawScene(d)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if *keep {
		os.MkdirAll(filepath.Join("testdata", "failures"), 0o755)
		os.WriteFile(filepath.Join("testdata", "failures", fmt.Sprintf("scene-%d.pdf", pages)), buf.Bytes(), 0o644)
	}
	return buf.Bytes()
}

func TestStructure(t *testing.T) {
	for _, n := range []int{1, 3} {
		t.Run(fmt.Sprintf("%d pages", n), func(t *testing.T) {
			out := renderScene(t, n)
			if !bytes.HasPrefix(out, []byte("%PDF-1.4\n")) {
				t.Fatalf("header %q", out[:min(len(out), 12)])
			}
			r, err := newReader(out)
			if err != nil {
				t.Fatal(err)
			}
			// Every object in the xref parses and sits where the xref says.
			size, _ := r.resolveInt(r.trailer["Size"])
			if len(r.offsets) != size-1 {
				t.Errorf("%d objects in use, trailer /Size %d", len(r.offsets), size)
			}
			for num := range r.offsets {
				if _, err := r.object(num); err != nil {
					t.Error(err)
				}
			}
			pages, err := r.pages()
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != n {
				t.Fatalf("%d pages, want %d", len(pages), n)
			}
			for i, pg := range pages {
				mb, _ := pg["MediaBox"].([]any)
				if fmt.Sprint(mb) != fmt.Sprint([]any{0.0, 0.0, pageW, pageH}) {
					t.Errorf("page %d: /MediaBox %v, want [0 0 %v %v]", i+1, mb, pageW, pageH)
				}
				_, content, err := r.streamData(pg["Contents"])
				if err != nil {
					t.Fatalf("page %d contents: %v", i+1, err)
				}
				texts := shownText(content)
				want := "Ménaka, Ségou, Taoudénit"
				var wantBytes string // Latin-1 characters: WinAnsi codes equal the code points
				for _, r := range want {
					wantBytes += string([]byte{byte(r)})
				}
				found := 0
				for _, s := range texts {
					if s == wantBytes {
						found++
					}
				}
				// Shown twice: the halo (stroke) and the fill.
				if found != 2 {
					t.Errorf("page %d: WinAnsi %q shown %d times in %q, want 2", i+1, want, found, texts)
				}
			}
		})
	}
}

// TestFontEmbedded checks the font dictionaries, descriptors and files.
func TestFontEmbedded(t *testing.T) {
	out := renderScene(t, 1)
	r, err := newReader(out)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := r.pages()
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.dict(pages[0]["Resources"])
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := r.dict(res["Font"])
	if err != nil {
		t.Fatal(err)
	}
	mf := assets.MapFonts()
	if len(fonts) != 3 {
		t.Errorf("%d fonts, want 3 (regular, bold, italic)", len(fonts))
	}
	byBase := map[name]*render.Font{"NotoSans-Regular": mf.Regular, "NotoSans-Bold": mf.Bold, "NotoSans-Italic": mf.Italic}
	for key, v := range fonts {
		f, err := r.dict(v)
		if err != nil {
			t.Fatal(err)
		}
		base := string(f["BaseFont"].(name))
		if len(base) < 7 || base[6] != '+' || strings.ToUpper(base[:6]) != base[:6] {
			t.Errorf("font %s: /BaseFont %s lacks a subset tag", key, base)
			continue
		}
		src := byBase[name(base[7:])]
		if src == nil {
			t.Errorf("font %s: unexpected /BaseFont %v", key, f["BaseFont"])
			continue
		}
		if f["Subtype"] != name("TrueType") || f["Encoding"] != name("WinAnsiEncoding") || f["FirstChar"] != 32.0 || f["LastChar"] != 255.0 {
			t.Errorf("font %s: dictionary %v", key, f)
		}
		widths, _ := f["Widths"].([]any)
		if len(widths) != 224 {
			t.Fatalf("font %s: %d widths, want 224", key, len(widths))
		}
		for code, r := range map[int]rune{'M': 'M', 0xE9: 'é', 0xE7: 'ç', 0x80: '€', 0x97: '—'} {
			if got, want := widths[code-32].(float64), src.Advance(r)*1000; math.Abs(got-want) > 0.01 {
				t.Errorf("font %s: width of %q is %v, want %v", key, r, got, want)
			}
		}
		fd, err := r.dict(f["FontDescriptor"])
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"Flags", "FontBBox", "ItalicAngle", "Ascent", "Descent", "CapHeight", "StemV"} {
			if fd[k] == nil {
				t.Errorf("font %s: descriptor lacks /%s", key, k)
			}
		}
		if asc, _ := fd["Ascent"].(float64); asc <= 0 {
			t.Errorf("font %s: /Ascent %v", key, fd["Ascent"])
		}
		if desc, _ := fd["Descent"].(float64); desc >= 0 {
			t.Errorf("font %s: /Descent %v", key, fd["Descent"])
		}
		italic := fd["ItalicAngle"].(float64) != 0
		if italic != src.Italic || (int(fd["Flags"].(float64))&64 != 0) != src.Italic {
			t.Errorf("font %s: italic angle %v flags %v for italic=%v", key, fd["ItalicAngle"], fd["Flags"], src.Italic)
		}
		fs, data, err := r.streamData(fd["FontFile2"])
		if err != nil {
			t.Fatalf("font %s: FontFile2: %v", key, err)
		}
		if l1, _ := r.resolveInt(fs.dict["Length1"]); l1 != len(data) {
			t.Errorf("font %s: /Length1 %d, want %d", key, l1, len(data))
		}
		if len(data) > len(src.Data)/4 {
			t.Errorf("font %s: embedded file of %d bytes is not a subset of the %d-byte font", key, len(data), len(src.Data))
		}
		kept := map[*render.Font]string{mf.Regular: "MénakSgouTdit", mf.Bold: "GaoKidl&<>", mf.Italic: "TombuctSg"}[src]
		checkSubset(t, string(key), data, src, kept, "QzXY")
	}
}

// checkSubset checks that the embedded font file data keeps the outlines of
// the characters in kept, identical to src's, and empties those in dropped.
func checkSubset(t *testing.T, key string, data []byte, src *render.Font, kept, dropped string) {
	t.Helper()
	sub, err := sfnt.Parse(data)
	if err != nil {
		t.Fatalf("font %s: embedded file does not parse: %v", key, err)
	}
	var b1, b2 sfnt.Buffer
	ppem := fixed.I(1000)
	for _, r := range kept + dropped {
		gi := src.GlyphIndex(r)
		if g2, _ := sub.GlyphIndex(&b2, r); g2 != gi {
			t.Errorf("font %s: %q is glyph %d in the subset, %d in the font", key, r, g2, gi)
			continue
		}
		want, err1 := src.SFNT().LoadGlyph(&b1, gi, ppem, nil)
		got, err2 := sub.LoadGlyph(&b2, gi, ppem, nil)
		if err1 != nil || err2 != nil {
			t.Errorf("font %s: %q: %v, %v", key, r, err1, err2)
			continue
		}
		if strings.ContainsRune(kept, r) && fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("font %s: outline of %q differs in the subset", key, r)
		}
		if strings.ContainsRune(dropped, r) && len(got) != 0 {
			t.Errorf("font %s: %q (not shown) kept its outline", key, r)
		}
		if a1, _ := src.SFNT().GlyphAdvance(&b1, gi, ppem, 0); true {
			if a2, _ := sub.GlyphAdvance(&b2, gi, ppem, 0); a2 != a1 {
				t.Errorf("font %s: advance of %q is %v in the subset, %v in the font", key, r, a2, a1)
			}
		}
	}
}

// TestReuse checks that opacities and markers are defined once and reused.
func TestReuse(t *testing.T) {
	var buf bytes.Buffer
	d := New(&buf, 200, 200, 1)
	st := &render.Style{Fill: color.NRGBA{255, 0, 0, 128}}
	sq := &render.Path{Closed: true, Sub: [][]render.Point{{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}}}}
	m := &render.Marker{Shape: render.Circle, Size: 6, Fill: color.NRGBA{0, 0, 0, 200}}
	pts := []render.Point{{X: 10, Y: 10}, {X: 20, Y: 20}, {X: 30, Y: 30}}
	for i := 0; i < 3; i++ {
		d.Path(sq, st)
		d.Path(sq, st)                                               // alpha unchanged: not set again
		d.Path(sq, &render.Style{Fill: color.NRGBA{0, 0, 255, 255}}) // back to opaque
		d.Path(sq, st)
		d.Markers(m, pts)
		d.NewPage()
	}
	d.Close()
	out := buf.Bytes()
	if n := bytes.Count(out, []byte("/Type /ExtGState /ca .502")); n != 1 {
		t.Errorf("%d ExtGState objects for fill alpha 128, want 1", n)
	}
	if n := bytes.Count(out, []byte("/Subtype /Form")); n != 1 {
		t.Errorf("%d marker forms, want 1", n)
	}
	r, err := newReader(out)
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := r.pages()
	if len(pages) != 4 {
		t.Fatalf("%d pages, want 4", len(pages))
	}
	_, content, _ := r.streamData(pages[1]["Contents"])
	if n := bytes.Count(content, []byte(" Do Q")); n != len(pts) {
		t.Errorf("%d marker placements on page 2, want %d:\n%s", n, len(pts), content)
	}
	if n := bytes.Count(content, []byte("/a128 gs")); n != 2 {
		t.Errorf("fill alpha set %d times on page 2, want 2 (only when it changes):\n%s", n, content)
	}
}

// TestTextPlacement checks the TJ kerning and that characters outside
// WinAnsi become outlines at the measured position.
func TestTextPlacement(t *testing.T) {
	f := assets.MapFonts().Regular
	s := "Tɔ Ta"
	tx := &render.Text{X: 10, Y: 50, S: s, Font: f, Size: 20, Color: color.NRGBA{A: 255}}
	runs := splitRuns(tx)
	if len(runs) != 3 || runs[0].codes == nil || runs[1].codes != nil || runs[2].codes == nil {
		t.Fatalf("runs %+v, want text, outline, text", runs)
	}
	// Each piece starts where Measure says the text before it ends (plus the
	// kerning before its first character).
	rs := []rune(s)
	starts := []int{0, 1, 2}
	for i, r := range runs {
		k := 0.0
		if starts[i] > 0 {
			k = f.Kern(rs[starts[i]-1], rs[starts[i]])
		}
		want := f.Measure(string(rs[:starts[i]]), 1) + k
		if math.Abs(r.x-want) > 1e-9 {
			t.Errorf("piece %d at %v em, want %v", i, r.x, want)
		}
	}
	if string(runs[2].codes) != " Ta" {
		t.Errorf("last piece %q", runs[2].codes)
	}
	kTa := f.Kern('T', 'a')
	if kTa == 0 {
		t.Skip("font has no T-a kerning")
	}
	if runs[2].kerns[2] != kTa {
		t.Errorf("kerning before 'a' %v, want %v", runs[2].kerns[2], kTa)
	}
	var buf bytes.Buffer
	d := New(&buf, 100, 100, 1)
	d.Text(tx)
	d.Close()
	r, _ := newReader(buf.Bytes())
	pages, _ := r.pages()
	_, content, _ := r.streamData(pages[0]["Contents"])
	adj := fmt.Sprintf("[( T) %s (a)] TJ", strings.TrimPrefix(fmt.Sprint(-kTa*1000), "0"))
	if !bytes.Contains(content, []byte(adj)) {
		t.Errorf("content lacks %q:\n%s", adj, content)
	}
	if !bytes.Contains(content, []byte(" c\n")) || !bytes.Contains(content, []byte("h f\n")) {
		t.Errorf("no filled glyph outline for 'ɔ':\n%s", content)
	}
}

// writeTemp writes data to a file in a temporary folder.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPoppler renders the scene with pdftoppm and extracts its text with
// pdftotext (poppler-utils), when they are installed.
func TestPoppler(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed (poppler-utils)")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	pdfPath := writeTemp(t, "scene.pdf", renderScene(t, 2))

	txt, err := exec.Command("pdftotext", "-f", "1", "-l", "1", pdfPath, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, txt)
	}
	for _, w := range []string{"Ménaka", "Ségou", "Taoudénit", "Gao & <Kidal>"} {
		if !strings.Contains(string(txt), w) {
			t.Errorf("pdftotext output lacks %q:\n%s", w, txt)
		}
	}

	prefix := filepath.Join(filepath.Dir(pdfPath), "page")
	if out, err := exec.Command("pdftoppm", "-png", "-r", "72", "-f", "2", "-l", "2", pdfPath, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	matches, _ := filepath.Glob(prefix + "*.png")
	if len(matches) != 1 {
		t.Fatalf("pdftoppm wrote %v", matches)
	}
	fh, err := os.Open(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != pageW || b.Dy() != pageH {
		t.Fatalf("page image %v, want %vx%v", b, pageW, pageH)
	}
	at := func(x, y float64) color.NRGBA { // device pixel -> page pixel at 72 dpi
		return color.NRGBAModel.Convert(img.At(int(x*scale), int(y*scale))).(color.NRGBA)
	}
	near := func(c color.NRGBA, r, g, b uint8) bool {
		d := func(a, b uint8) bool { return math.Abs(float64(a)-float64(b)) <= 3 }
		return d(c.R, r) && d(c.G, g) && d(c.B, b)
	}
	checks := []struct {
		what    string
		x, y    float64
		r, g, b uint8
	}{
		{"opaque square", 250, 50, 0, 0, 255},
		{"square's top-left inside", 221, 21, 0, 0, 255},
		{"left of the square", 218, 50, 245, 240, 225},
		{"below the square", 250, 82, 245, 240, 225},
		{"page margin (background)", 500, 380, 245, 240, 225},
		// 200,60,40 at alpha 160/255 over the background.
		{"polygon ring", 40, 80, 217, 127, 109},
		{"polygon hole", 100, 80, 245, 240, 225},
		{"half-transparent image pixel", 355, 25, 122, 248, 113},
		{"clear image pixel", 355, 55, 245, 240, 225},
		{"circle marker centre", 230, 120, 240, 200, 0},
		{"opaque image pixel", 325, 25, 255, 0, 0},
	}
	for _, c := range checks {
		if got := at(c.x, c.y); !near(got, c.r, c.g, c.b) {
			t.Errorf("%s at device (%v,%v): %v, want about (%d,%d,%d)", c.what, c.x, c.y, got, c.r, c.g, c.b)
		}
	}
	// The text is there: dark pixels on its baseline row band.
	dark := 0
	for x := 30.0; x < 240; x += 0.5 {
		for y := 133.0; y < 146; y += 0.5 {
			if c := at(x, y); c.R < 80 && c.G < 80 && c.B < 80 {
				dark++
			}
		}
	}
	if dark < 200 {
		t.Errorf("only %d dark pixels where the text should be", dark)
	}
}

// TestImageMask checks the soft mask of a transparent image.
func TestImageMask(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 3, 1))
	img.Pix = []byte{255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0}
	var buf bytes.Buffer
	d := New(&buf, 100, 100, 1)
	d.Image(img, render.Rect{Max: render.Point{X: 30, Y: 10}})
	d.Image(img, render.Rect{Min: render.Point{X: 0, Y: 50}, Max: render.Point{X: 30, Y: 60}}) // same image: one XObject
	d.Close()
	r, err := newReader(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := r.pages()
	res, _ := r.dict(pages[0]["Resources"])
	xo, _ := r.dict(res["XObject"])
	if len(xo) != 1 {
		t.Fatalf("%d XObjects, want 1", len(xo))
	}
	s, rgb, err := r.streamData(xo["Im0"])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rgb, []byte{255, 0, 0, 0, 255, 0, 0, 0, 255}) {
		t.Errorf("RGB samples %v", rgb)
	}
	_, alpha, err := r.streamData(s.dict["SMask"])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(alpha, []byte{255, 128, 0}) {
		t.Errorf("soft mask %v", alpha)
	}
	_, content, _ := r.streamData(pages[0]["Contents"])
	if !bytes.Contains(content, []byte("q 30 0 0 -10 0 10 cm /Im0 Do Q")) {
		t.Errorf("image placement missing:\n%s", content)
	}
}

// TestInfo checks the Info dictionary strings.
func TestInfo(t *testing.T) {
	out := renderScene(t, 1)
	r, err := newReader(out)
	if err != nil {
		t.Fatal(err)
	}
	info, err := r.dict(r.trailer["Info"])
	if err != nil {
		t.Fatal(err)
	}
	title, _ := info["Title"].([]byte)
	if !bytes.HasPrefix(title, []byte{0xfe, 0xff}) {
		t.Fatalf("title %q is not UTF-16BE", title)
	}
	var rs []rune
	for i := 2; i+1 < len(title); i += 2 {
		rs = append(rs, rune(title[i])<<8|rune(title[i+1]))
	}
	if string(rs) != "Mali Routes Atlas — Ménaka" {
		t.Errorf("title %q", string(rs))
	}
	if s, _ := info["Subject"].([]byte); string(s) != "test scene" {
		t.Errorf("subject %q", s)
	}
}

// TestMarkerFormState checks that a marker form sets its whole graphics
// state: it inherits the page's (here a dashed, translucent blue stroke).
func TestMarkerFormState(t *testing.T) {
	var buf bytes.Buffer
	d := New(&buf, 200, 200, 1)
	d.Path(&render.Path{Sub: [][]render.Point{{{X: 0, Y: 0}, {X: 100, Y: 100}}}},
		&render.Style{Stroke: color.NRGBA{0, 0, 255, 100}, Width: 3, Dash: []float64{4, 2}, Cap: render.RoundCap})
	d.Markers(&render.Marker{Shape: render.Diamond, Size: 10, Fill: color.NRGBA{255, 0, 0, 255}, Stroke: color.NRGBA{0, 0, 0, 255}, StrokeWidth: 1},
		[]render.Point{{X: 50, Y: 50}})
	d.Close()
	r, err := newReader(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := r.pages()
	res, _ := r.dict(pages[0]["Resources"])
	xo, _ := r.dict(res["XObject"])
	_, form, err := r.streamData(xo["Mk0"])
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range []string{"1 0 0 rg", "/a255 gs", "0 0 0 RG", "/A255 gs", "1 w", "0 J", "0 j", "4 M", "[] 0 d", "h\nB\n"} {
		if !bytes.Contains(form, []byte(op)) {
			t.Errorf("marker form lacks %q:\n%s", op, form)
		}
	}
}

// TestManyMarkers checks that 20,000 markers stay a small file.
func TestManyMarkers(t *testing.T) {
	pts := make([]render.Point, 20000)
	for i := range pts {
		pts[i] = render.Point{X: float64(i%200) * 5.123, Y: float64(i/200) * 7.77}
	}
	var buf bytes.Buffer
	d := New(&buf, 842, 595, 0.75)
	d.Markers(&render.Marker{Shape: render.Circle, Size: 6, Fill: color.NRGBA{200, 0, 0, 255}, Stroke: color.NRGBA{A: 255}, StrokeWidth: 1}, pts)
	d.Close()
	if n := bytes.Count(buf.Bytes(), []byte("/Subtype /Form")); n != 1 {
		t.Errorf("%d marker forms, want 1", n)
	}
	if per := buf.Len() / len(pts); per > 20 {
		t.Errorf("%d bytes per marker, want at most 20", per)
	}
	r, err := newReader(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := r.pages()
	_, content, _ := r.streamData(pages[0]["Contents"])
	if n := bytes.Count(content, []byte(" cm /Mk0 Do Q\n")); n != len(pts) {
		t.Errorf("%d placements, want %d", n, len(pts))
	}
}

// TestNarrowNoBreakSpace: French typography's U+202F, which WinAnsi lacks, is
// shown as the no-break space (searchable text), and the next character stays
// where Measure puts it.
func TestNarrowNoBreakSpace(t *testing.T) {
	f := assets.MapFonts().Regular
	s := "Or\u202f: sites"
	runs := splitRuns(&render.Text{S: s, Font: f, Size: 10})
	if len(runs) != 1 || string(runs[0].codes) != "Or\xa0: sites" {
		t.Fatalf("runs %+v, want one text piece with a no-break space", runs)
	}
	// The viewer advances by the shown glyphs' widths plus the kerns: after
	// the no-break space, the kern makes up the difference.
	codes := runs[0].codes
	x := 0.0
	for i, c := range codes {
		x += runs[0].kerns[i]
		want := f.Measure(string([]rune(s)[:i]), 1)
		if i > 0 {
			want += f.Kern([]rune(s)[i-1], []rune(s)[i])
		}
		if math.Abs(x-want) > 1e-9 {
			t.Errorf("character %d at %v em, want %v", i, x, want)
		}
		x += f.Advance(winAnsiRune(int(c)))
	}
}
