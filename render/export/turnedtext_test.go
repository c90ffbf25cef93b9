package export_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"maliatlas/assets"
	"maliatlas/render"
	"maliatlas/render/pdf"
	"maliatlas/render/raster"
	"maliatlas/render/svg"
)

// turnedTexts are runs turned by a quarter turn (reading downwards), an
// eighth up and an eighth down, each in its own corner of a 300×300 page.
func turnedTexts() []render.Text {
	f := assets.MapFonts().Bold
	ink := color.NRGBA{0, 0, 0, 255}
	halo := color.NRGBA{255, 255, 255, 255}
	return []render.Text{
		{X: 40, Y: 20, S: "RN16 Gossi", Font: f, Size: 20, Color: ink, Halo: halo, HaloWidth: 3, Angle: math.Pi / 2},
		{X: 110, Y: 140, S: "Niger", Font: f, Size: 20, Color: ink, Angle: -math.Pi / 4},
		{X: 110, Y: 170, S: "Niger", Font: f, Size: 20, Color: ink, Angle: math.Pi / 4},
	}
}

// inkBounds is the box of dark pixels of img within r (scaled by k from
// device pixels).
func inkBounds(img image.Image, r image.Rectangle) image.Rectangle {
	var out image.Rectangle
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			if c.Y < 100 {
				out = out.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return out
}

// levelTexts are the same runs level, one under the other.
func levelTexts() []render.Text {
	ts := turnedTexts()
	for i := range ts {
		ts[i].X, ts[i].Y, ts[i].Angle = 10, float64(40+50*i), 0
	}
	return ts
}

// checkTurned: each turned run inks the box its level run inks (in the same
// backend, drawn by draw) turned about the anchor, within 2 pixels.
func checkTurned(t *testing.T, name string, draw func([]render.Text) image.Image, k float64) {
	t.Helper()
	turned, level := draw(turnedTexts()), draw(levelTexts())
	sc := func(r image.Rectangle) image.Rectangle {
		return image.Rect(int(float64(r.Min.X)*k), int(float64(r.Min.Y)*k), int(float64(r.Max.X)*k), int(float64(r.Max.Y)*k))
	}
	for i, lv := range levelTexts() {
		tx := turnedTexts()[i]
		lb := inkBounds(level, sc(image.Rect(0, int(lv.Y)-30, 300, int(lv.Y)+15)))
		if lb.Empty() {
			t.Fatalf("%s: the level run %d has no ink", name, i)
		}
		// The level ink box relative to its anchor, turned about the
		// turned run's anchor.
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, q := range [][2]int{{lb.Min.X, lb.Min.Y}, {lb.Max.X, lb.Min.Y}, {lb.Max.X, lb.Max.Y}, {lb.Min.X, lb.Max.Y}} {
			p := tx.Rotated(float64(q[0])/k-lv.X, float64(q[1])/k-lv.Y)
			x0, y0, x1, y1 = math.Min(x0, p.X), math.Min(y0, p.Y), math.Max(x1, p.X), math.Max(y1, p.Y)
		}
		want := image.Rect(int(math.Round(x0*k)), int(math.Round(y0*k)), int(math.Round(x1*k)), int(math.Round(y1*k)))
		got := inkBounds(turned, want.Inset(int(-12*k)))
		d := func(a, b int) bool { return math.Abs(float64(a-b)) <= 2.5*k }
		if math.Mod(tx.Angle, math.Pi/2) == 0 {
			// A quarter turn: the ink box turns exactly.
			if !d(got.Min.X, want.Min.X) || !d(got.Min.Y, want.Min.Y) || !d(got.Max.X, want.Max.X) || !d(got.Max.Y, want.Max.Y) {
				t.Errorf("%s: run %d (%q at %.0f°) inks %v, want its level ink turned: %v", name, i, tx.S, tx.Angle*180/math.Pi, got, want)
			}
			continue
		}
		// Other angles: within the turned box (whose corners stay empty),
		// and going the right way from the anchor (up or down to the right).
		tol := int(2.5 * k)
		c := image.Pt((got.Min.X+got.Max.X)/2, (got.Min.Y+got.Max.Y)/2)
		ax, ay := int(tx.X*k), int(tx.Y*k)
		if got.Empty() || !got.In(want.Inset(-tol)) || c.X <= ax || (c.Y < ay) != (tx.Angle < 0) {
			t.Errorf("%s: run %d (%q at %.0f°) inks %v, want within %v, right of and %s the anchor (%d,%d)", name, i, tx.S, tx.Angle*180/math.Pi, got, want, map[bool]string{true: "above", false: "below"}[tx.Angle < 0], ax, ay)
		}
		if max(got.Dx(), got.Dy()) < max(want.Dx(), want.Dy())*3/4 {
			t.Errorf("%s: run %d (%q at %.0f°) inks only %v of %v", name, i, tx.S, tx.Angle*180/math.Pi, got, want)
		}
	}
}

func TestTurnedTextRaster(t *testing.T) {
	checkTurned(t, "raster", func(ts []render.Text) image.Image {
		c := raster.New(300, 300)
		c.Clear(color.NRGBA{255, 255, 255, 255})
		for _, tx := range ts {
			c.Text(&tx)
		}
		return c.RGBA()
	}, 1)

	// A turn too small to see draws what the level run draws (glyphs placed
	// with the same advances and kerning).
	f := assets.MapFonts().Regular
	level, turned := raster.New(200, 40), raster.New(200, 40)
	tx := render.Text{X: 10, Y: 30, S: "AVAo Tombouctou", Font: f, Size: 16, Color: color.NRGBA{A: 255}}
	level.Text(&tx)
	tx.Angle = 1e-9
	turned.Text(&tx)
	n := 0
	for i := 3; i < len(level.RGBA().Pix); i += 4 {
		if d := int(level.RGBA().Pix[i]) - int(turned.RGBA().Pix[i]); d > 40 || d < -40 {
			n++
		}
	}
	if n > 6 {
		t.Errorf("the run turned by 1e-9 differs from the level run at %d pixels", n)
	}
}

func TestTurnedTextSVG(t *testing.T) {
	doc := func(ts []render.Text) []byte {
		var buf bytes.Buffer
		c := svg.New(&buf, 300, 300)
		for _, tx := range ts {
			c.Text(&tx)
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	b := doc(turnedTexts())
	for _, want := range []string{`transform="rotate(90 40 20)"`, `transform="rotate(-45 110 140)"`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("no %s in\n%s", want, b)
		}
	}
	if bytes.Contains(doc(levelTexts()), []byte("rotate")) {
		t.Error("a level run is rotated")
	}
	if _, err := exec.LookPath("rsvg-convert"); err != nil {
		t.Skip("rsvg-convert not installed")
	}
	dir := t.TempDir()
	checkTurned(t, "svg", func(ts []render.Text) image.Image {
		in, out := filepath.Join(dir, "t.svg"), filepath.Join(dir, "t.png")
		os.WriteFile(in, doc(ts), 0o644)
		if o, err := exec.Command("rsvg-convert", "-b", "white", "-o", out, in).CombinedOutput(); err != nil {
			t.Fatalf("rsvg-convert: %v\n%s", err, o)
		}
		return readPNG(t, out)
	}, 1)
}

func TestTurnedTextPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed")
	}
	dir := t.TempDir()
	draw := func(ts []render.Text) image.Image {
		var buf bytes.Buffer
		d := pdf.New(&buf, 300, 300, 1)
		d.SetBackground(color.NRGBA{255, 255, 255, 255})
		for _, tx := range ts {
			d.Text(&tx)
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, "t.pdf")
		os.WriteFile(in, buf.Bytes(), 0o644)
		if o, err := exec.Command("pdftoppm", "-png", "-r", "144", "-singlefile", in, filepath.Join(dir, "t")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, o)
		}
		return readPNG(t, filepath.Join(dir, "t.png"))
	}
	checkTurned(t, "pdf", draw, 2)
	// A character outside WinAnsi is drawn as an outline: it turns too (a
	// column below its anchor, the letters' tops to the right).
	f := assets.MapFonts().Bold
	img := draw([]render.Text{{X: 250, Y: 20, S: "ŋŋŋŋ", Font: f, Size: 20, Color: color.NRGBA{A: 255}, Angle: math.Pi / 2}})
	g := inkBounds(img, image.Rect(2*200, 0, 2*300, 2*150))
	if g.Empty() || g.Dy() < 2*g.Dx() || g.Min.X < 2*(250-8) || g.Max.X < 2*(250+8) || g.Min.Y < 2*20-2 {
		t.Errorf("pdf: the turned outline run inks %v (a column below (500,40), mostly right of it, expected)", g)
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
