package export_test

import (
	"bytes"
	"encoding/xml"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"maliatlas/render/export"
)

// TestSVGTextWithoutNotoMatchesPNG renders the same page to PNG and to SVG,
// converts the SVG with rsvg-convert on a fontconfig that knows no font at
// all (a machine without Noto Sans), and checks the two pictures agree: the
// labels of an SVG export must not depend on the viewer's fonts, since they
// are placed with Noto Sans metrics (their halos, boxes and collisions).
func TestSVGTextWithoutNotoMatchesPNG(t *testing.T) {
	if _, err := exec.LookPath("rsvg-convert"); err != nil {
		t.Skip("rsvg-convert not installed")
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "fonts.conf")
	require.NoError(t, os.WriteFile(conf, []byte(`<?xml version="1.0"?>
<fontconfig><dir>`+filepath.Join(dir, "nofonts")+`</dir><cachedir>`+filepath.Join(dir, "cache")+`</cachedir></fontconfig>
`), 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "nofonts"), 0o755))

	pg := export.SizePage(900, 700)
	var png, svg bytes.Buffer
	require.NoError(t, export.Write(&png, export.PNG, goldMap(t), pg))
	require.NoError(t, export.Write(&svg, export.SVG, goldMap(t), pg))
	// Well-formed XML (Inkscape, QGIS and browsers refuse anything else).
	dec := xml.NewDecoder(bytes.NewReader(svg.Bytes()))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "the SVG is not well-formed XML")
	}
	in, out := filepath.Join(dir, "m.svg"), filepath.Join(dir, "m.png")
	require.NoError(t, os.WriteFile(in, svg.Bytes(), 0o644))
	cmd := exec.Command("rsvg-convert", "-b", "white", "-o", out, in)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+conf)
	o, err := cmd.CombinedOutput()
	require.NoError(t, err, "rsvg-convert: %s", o)
	want, err := decodePNG(png.Bytes())
	require.NoError(t, err)
	got := readPNG(t, out)
	require.Equal(t, want.Bounds(), got.Bounds())

	// Count the pixels that differ clearly (more than a third of the grey
	// scale: text missing, drawn in another face or as boxes) from every
	// pixel around them in the other picture (the raster backend anchors
	// runs at whole pixels: edges move by up to half a pixel), among the
	// pixels dark in either picture (the ink of labels and lines).
	gw, gg := grey(want), grey(got)
	ink, differ := 0, 0
	b := want.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			w, g := gw.GrayAt(x, y).Y, gg.GrayAt(x, y).Y
			if w > 100 && g > 100 {
				continue
			}
			ink++
			if !near(gw, x, y, g) || !near(gg, x, y, w) {
				differ++
			}
		}
	}
	t.Logf("%d of %d dark pixels differ", differ, ink)
	if ink == 0 || float64(differ) > 0.03*float64(ink) {
		os.WriteFile(filepath.Join(os.TempDir(), "svgtext-want.png"), png.Bytes(), 0o644)
		os.Rename(out, filepath.Join(os.TempDir(), "svgtext-got.png"))
		t.Errorf("the SVG drawn without Noto Sans differs from the PNG at %d of %d dark pixels (want at most 3%%); see %s/svgtext-{want,got}.png", differ, ink, os.TempDir())
	}
}

// grey converts img to grey levels.
func grey(img image.Image) *image.Gray {
	g := image.NewGray(img.Bounds())
	for y := g.Rect.Min.Y; y < g.Rect.Max.Y; y++ {
		for x := g.Rect.Min.X; x < g.Rect.Max.X; x++ {
			g.Set(x, y, img.At(x, y))
		}
	}
	return g
}

// near reports whether a pixel of g within one pixel of (x, y) has a grey
// level within 85 of v.
func near(g *image.Gray, x, y int, v uint8) bool {
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if !image.Pt(x+dx, y+dy).In(g.Rect) {
				continue
			}
			if d := int(g.GrayAt(x+dx, y+dy).Y) - int(v); d <= 85 && d >= -85 {
				return true
			}
		}
	}
	return false
}

func decodePNG(b []byte) (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(b))
	return img, err
}
