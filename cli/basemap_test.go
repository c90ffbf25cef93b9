package cli

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An export beyond lon 10 (Niger, Libya, Chad) draws the land there, not the
// grey "no data" fill, and no pixel of the map has the no-data colour.
func TestExportBeyondLon10HasNoNoDataFill(t *testing.T) {
	out := filepath.Join(t.TempDir(), "east.png")
	code, _, stderr := run("export", "--out", out, "--size", "800x600", "--bbox", "6,12,22,26", "--attribution")
	require.Equal(t, 0, code, stderr)
	f, err := os.Open(out)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	noData := color.RGBA{226, 226, 222, 255}
	sea := color.RGBA{214, 228, 236, 255}
	b := img.Bounds()
	land, nodata := 0, 0
	// The map part: above the attribution band at the bottom.
	for y := b.Min.Y; y < b.Min.Y+b.Dy()*3/4; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			c := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}
			switch c {
			case noData:
				nodata++
			case sea:
			default:
				if x > b.Dx()/2 {
					land++
				}
			}
		}
	}
	assert.Zero(t, nodata, "pixels of the no-data fill")
	assert.Greater(t, land, b.Dx()*b.Dy()/4, "the east half (beyond lon 10) is land, not background")
}

// Every export carries the basemap's credits.
func TestExportsCarryTheBasemapCredits(t *testing.T) {
	for _, ext := range []string{"svg", "pdf"} {
		out := filepath.Join(t.TempDir(), "m."+ext)
		code, _, stderr := run("export", "--out", out, "--size", "900x700")
		require.Equal(t, 0, code, stderr)
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		if ext == "pdf" {
			// Text is in compressed streams; the relief is an image XObject.
			assert.Contains(t, string(data), "/Subtype /Image", "the relief is embedded")
			continue
		}
		// The text of the SVG, lines joined (the attribution wraps).
		s := strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(data), " ")), " ")
		for _, want := range []string{"OpenStreetMap contributors (ODbL)", "SRTM30_PLUS (Becker et al. 2009)", "GeoNames (CC BY 4.0)", "Natural Earth", "OCHA"} {
			assert.True(t, strings.Contains(s, want), "%s: no %q", ext, want)
		}
		// The relief goes in as an image.
		assert.Contains(t, string(data), "<image", "the relief is embedded")
	}
}
