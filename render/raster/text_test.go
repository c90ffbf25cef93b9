package raster

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"maliatlas/assets"
	"maliatlas/render"

	"maliatlas/internal/testutil"
)

// golden compares img with testdata/name, writing testdata/failures/name on
// a mismatch (or rewriting the golden with -update).
func golden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *testutil.Update {
		writePNG(t, path, img)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%s: %v (run with -update to create it)", path, err)
	}
	defer f.Close()
	g, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	want := image.NewRGBA(g.Bounds())
	for y := g.Bounds().Min.Y; y < g.Bounds().Max.Y; y++ {
		for x := g.Bounds().Min.X; x < g.Bounds().Max.X; x++ {
			want.Set(x, y, g.At(x, y))
		}
	}
	if want.Rect != img.Rect {
		t.Fatalf("%s: size %v, golden %v", name, img.Rect, want.Rect)
	}
	// Tiny tolerance: a few levels on a few edge pixels.
	if m, n := maxDiff(img, want, 2); n > 10 || m > 24 {
		out := testutil.FailurePath(path)
		writePNG(t, out, img)
		t.Errorf("%s: %d pixels differ by more than 2 (max %d); actual output written to %s", path, n, m, out)
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestTextAccentsGolden(t *testing.T) {
	fonts := assets.MapFonts()
	c := New(360, 130)
	c.Clear(color.NRGBA{236, 228, 208, 255})
	c.Text(&render.Text{X: 10, Y: 30, S: "Ménaka Ségou", Font: fonts.Bold, Size: 22, Color: black, Halo: white, HaloWidth: 3})
	c.Text(&render.Text{X: 10.4, Y: 62.3, S: "Taoudénit Kéniéba", Font: fonts.Regular, Size: 18, Color: color.NRGBA{90, 30, 20, 255}})
	c.Text(&render.Text{X: 10, Y: 90, S: "Tombouctou, Gao — région de Kidal", Font: fonts.Italic, Size: 13, Color: black, Halo: color.NRGBA{255, 255, 255, 200}, HaloWidth: 2})
	c.Text(&render.Text{X: 10, Y: 118, S: "ÉÈÀ çà l'Europe", Font: fonts.Regular, Size: 16, Color: black})
	golden(t, "text_accents.png", c.RGBA())
}

func TestTextAccentsHaveInk(t *testing.T) {
	// The acute accent adds ink above the x-height over the e.
	fonts := assets.MapFonts()
	draw := func(s string) *image.RGBA {
		c := New(100, 40)
		c.Text(&render.Text{X: 5, Y: 30, S: s, Font: fonts.Regular, Size: 20, Color: black})
		return c.RGBA()
	}
	plain, accented := draw("Me"), draw("Mé")
	xh := 30 - int(math.Ceil(0.55*20)) // about the x-height
	above := func(img *image.RGBA) float64 {
		s := 0.0
		for y := 0; y < xh-1; y++ {
			s += rowInk(img, y, 25, 50) // over the second letter
		}
		return s
	}
	if a := above(plain); a != 0 {
		t.Errorf("plain e has ink above the x-height: %.2f", a)
	}
	if a := above(accented); a < 4 {
		t.Errorf("é has too little ink above the x-height: %.2f", a)
	}
}

func TestTextAdvancesAsMeasure(t *testing.T) {
	// "Gao" drawn whole equals "G", "a", "o" drawn at the positions given by
	// Measure (with kerning), so glyphs land where the renderer placed them.
	fonts := assets.MapFonts()
	f := fonts.Bold
	whole := New(120, 40)
	whole.Text(&render.Text{X: 10, Y: 30, S: "AVAo", Font: f, Size: 24, Color: black})
	parts := New(120, 40)
	s := []rune("AVAo")
	for i, r := range s {
		x := 10 + f.Measure(string(s[:i+1]), 24) - f.Advance(r)*24
		// Each glyph alone at its exact position (a run's anchor is
		// rounded to a whole pixel, its glyphs are not).
		outlineText(parts, &render.Text{X: x, Y: 30, S: string(r), Font: f, Size: 24, Color: black})
	}
	// Glyphs overlap a little where kerned, so compare ink positions, not
	// every level.
	if m, n := maxDiff(whole.RGBA(), parts.RGBA(), 40); n > 4 {
		t.Errorf("whole run and placed glyphs differ: %d pixels (max %d)", n, m)
	}
	if f.Kern('A', 'V') == 0 {
		t.Log("font has no A-V kerning; the test only checks advances")
	}
}

func TestTextHalo(t *testing.T) {
	fonts := assets.MapFonts()
	c := New(100, 40)
	c.Clear(color.NRGBA{0, 0, 255, 255})
	c.Text(&render.Text{X: 10, Y: 30, S: "l", Font: fonts.Regular, Size: 30, Color: black, Halo: white, HaloWidth: 4})
	img := c.RGBA()
	// Find the stem of the l on row 20: black pixels flanked by white halo of
	// about 2 px on each side.
	var xs []int
	for x := 0; x < 100; x++ {
		if p := img.RGBAAt(x, 20); p.R < 10 && p.B < 10 {
			xs = append(xs, x)
		}
	}
	if len(xs) == 0 {
		t.Fatal("no black stem found")
	}
	left, right := xs[0], xs[len(xs)-1]
	if p := img.RGBAAt(left-2, 20); p.R < 200 || p.B < 200 || p.G < 200 {
		t.Errorf("halo left of the stem = %v, want white", p)
	}
	if p := img.RGBAAt(right+2, 20); p.R < 200 || p.G < 200 {
		t.Errorf("halo right of the stem = %v, want white", p)
	}
	if p := img.RGBAAt(left-5, 20); p != (color.RGBA{0, 0, 255, 255}) {
		t.Errorf("beyond the halo = %v, want background", p)
	}
}

// outlineText draws t the way masks are made, but for the whole run at its
// exact position: halo stroked over all glyph outlines at once, then filled.
func outlineText(c *Canvas, t *render.Text) {
	var subs [][]render.Point
	x := t.X
	prev := rune(-1)
	for _, r := range t.S {
		if prev >= 0 {
			x += t.Font.Kern(prev, r) * t.Size
		}
		g := getGlyph(t.Font, t.Font.GlyphIndex(r), t.Size)
		for i := 0; i+1 < len(g.starts); i++ {
			var pts []render.Point
			for _, p := range g.pts[g.starts[i]:g.starts[i+1]] {
				pts = append(pts, render.Point{X: p.X + x, Y: p.Y + t.Y})
			}
			subs = append(subs, pts)
		}
		x += t.Font.Advance(r) * t.Size
		prev = r
	}
	c.str.setup(t.HaloWidth, &render.Style{Join: render.RoundJoin})
	for _, s := range subs {
		c.str.subpath(s, true)
	}
	c.bl.setColor(t.Halo, 1)
	c.ras.sweep(false, &c.bl)
	for _, s := range subs {
		c.ras.polygon(s)
	}
	c.bl.setColor(t.Color, 1)
	c.ras.sweep(false, &c.bl)
}

// TestTextMasksMatchOutlines: runs drawn from cached run masks (glyphs
// placed at 1/32 px from the anchor rounded to a whole pixel, halos combined
// glyph by glyph) look like the run's outlines drawn at that anchor: a few
// levels apart.
func TestTextMasksMatchOutlines(t *testing.T) {
	fonts := assets.MapFonts()
	for i, s := range []string{"Ménaka", "Tombouctou", "AVAo Wy", "Kidal — Gao"} {
		txt := &render.Text{X: 7.37 + float64(i)*0.29, Y: 30.61 - float64(i)*0.13, S: s, Font: fonts.Bold, Size: 14 + float64(i)*3,
			Color: color.NRGBA{20, 20, 20, 255}, Halo: color.NRGBA{255, 255, 255, 220}, HaloWidth: 3}
		a, b := New(220, 45), New(220, 45)
		a.Clear(color.NRGBA{120, 140, 90, 255})
		b.Clear(color.NRGBA{120, 140, 90, 255})
		a.Text(txt)
		// The run is anchored at the nearest whole pixel.
		at := *txt
		at.X, at.Y = math.Round(txt.X), math.Round(txt.Y)
		outlineText(b, &at)
		m, n8 := maxDiff(a.RGBA(), b.RGBA(), 8)
		if m > 12 || n8 > 0 {
			t.Errorf("%q: masks and outlines differ by up to %d, %d pixels by more than 8", s, m, n8)
		}
		// Drawn at the rounded anchor itself, the run is the same to the byte.
		r := New(220, 45)
		r.Clear(color.NRGBA{120, 140, 90, 255})
		r.Text(&at)
		if !bytes.Equal(r.RGBA().Pix, a.RGBA().Pix) {
			t.Errorf("%q: the run at (%g, %g) differs from the run at its rounded anchor", s, txt.X, txt.Y)
		}
		// Moving the run by whole pixels moves its pixels exactly.
		c := New(220, 45)
		c.Clear(color.NRGBA{120, 140, 90, 255})
		moved := *txt
		moved.X += 3
		moved.Y -= 2
		c.Text(&moved)
		for y := 2; y < 45; y++ {
			for x := 0; x < 217; x++ {
				if p, q := a.RGBA().RGBAAt(x, y), c.RGBA().RGBAAt(x+3, y-2); p != q {
					t.Fatalf("%q moved by (3, -2): pixel (%d,%d) %v, moved %v", s, x, y, p, q)
				}
			}
		}
	}
}

var opaqueBlack = color.NRGBA{0, 0, 0, 255}

// canvasGlyphMask rasterizes k's masks as they were before sweepMask: on a
// new canvas of the mask's size, painted opaque black, alpha read back.
func canvasGlyphMask(k glyphMaskKey, g *glyphMask) (halo, fill []uint8) {
	o := getGlyph(k.f, k.gi, k.size)
	c := New(g.w, g.h)
	sx, sy := float64(k.subX)/textSteps, float64(k.subY)/textSteps
	pts := make([]render.Point, len(o.pts))
	for i, p := range o.pts {
		pts[i] = render.Point{X: p.X + sx - float64(g.x), Y: p.Y + sy - float64(g.y)}
	}
	alpha := func() []uint8 {
		m := make([]uint8, g.w*g.h)
		ink := false
		for i := range m {
			m[i] = c.img.Pix[i*4+3]
			ink = ink || m[i] != 0
			c.img.Pix[i*4+3] = 0
		}
		if !ink {
			return nil
		}
		return m
	}
	if k.halo > 0 {
		c.str.setup(max(k.halo, 1), &render.Style{Join: render.RoundJoin})
		for i := 0; i+1 < len(o.starts); i++ {
			c.str.subpath(pts[o.starts[i]:o.starts[i+1]], true)
		}
		c.bl.setColor(opaqueBlack, 1)
		c.ras.sweep(false, &c.bl)
		halo = alpha()
	}
	for i := 0; i+1 < len(o.starts); i++ {
		c.ras.polygon(pts[o.starts[i]:o.starts[i+1]])
	}
	c.bl.setColor(opaqueBlack, 1)
	c.ras.sweep(false, &c.bl)
	return halo, alpha()
}

// TestGlyphMasksPooled: masks rasterized straight into coverage with a
// rasterizer reused from the pool (after larger and smaller glyphs, with
// and without halos) equal those painted opaque black on a new canvas.
func TestGlyphMasksPooled(t *testing.T) {
	fonts := assets.MapFonts()
	var keys []glyphMaskKey
	for i, r := range "WiÉg—.Tombouctou" {
		for _, size := range []float64{9, 14, 31} {
			for _, halo := range []float64{0, 0.6, 3} {
				keys = append(keys, glyphMaskKey{f: fonts.Bold, gi: fonts.Bold.GlyphIndex(r), size: size, halo: halo,
					subX: uint8(i * 7 % textSteps), subY: uint8(i * 13 % textSteps)})
			}
		}
	}
	for pass := 0; pass < 2; pass++ {
		for j := range keys {
			i := j
			if pass == 1 {
				i = len(keys) - 1 - j
			}
			g := renderGlyphMask(keys[i])
			halo, fill := canvasGlyphMask(keys[i], g)
			if fill == nil || (keys[i].halo > 0) != (halo != nil) {
				t.Fatalf("key %d: a mask is missing", i)
			}
			if !bytes.Equal(g.halo, halo) || !bytes.Equal(g.fill, fill) {
				t.Fatalf("key %d (pass %d): the mask differs from the one painted on a canvas", i, pass)
			}
		}
	}
}
