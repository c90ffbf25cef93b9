package raster

import (
	"image/color"
	"testing"

	"maliatlas/assets"
	"maliatlas/render"
)

// BenchmarkTextLevel and BenchmarkTextTurned draw a river name with its
// halo, level (cached glyph masks) and turned along a line (the run's masks
// cached, as when the map pans); BenchmarkTextTurnedNew turns it by a new
// angle each time (rasterized anew, as after a zoom).
func benchText(b *testing.B, angle, step float64) {
	f := assets.MapFonts().Italic
	c := New(400, 400)
	t := render.Text{X: 100, Y: 200, S: "Niger", Font: f, Size: 9.5, Color: color.NRGBA{59, 116, 163, 255},
		Halo: color.NRGBA{255, 255, 255, 204}, HaloWidth: 3, Angle: angle}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		t.X = 100 + float64(i%7)*0.37
		if step != 0 {
			t.Angle = angle + float64(i)*step
		}
		c.Text(&t)
	}
}

func BenchmarkTextLevel(b *testing.B)     { benchText(b, 0, 0) }
func BenchmarkTextTurned(b *testing.B)    { benchText(b, 0.4, 0) }
func BenchmarkTextTurnedNew(b *testing.B) { benchText(b, 0.4, 1e-7) }

// A turned run's halo (the fill's coverage dilated) covers about what the
// level run's (the outlines stroked) does.
func TestTurnedHaloAsLevel(t *testing.T) {
	f := assets.MapFonts().Italic
	ink := func(angle float64) float64 {
		c := New(200, 60)
		c.Text(&render.Text{X: 20, Y: 35, S: "Tombouctou", Font: f, Size: 12, Halo: color.NRGBA{255, 255, 255, 255}, HaloWidth: 3, Angle: angle})
		s := 0.0
		for i := 3; i < len(c.RGBA().Pix); i += 4 {
			s += float64(c.RGBA().Pix[i]) / 255
		}
		return s
	}
	level, turned := ink(0), ink(1e-9)
	if r := turned / level; r < 0.9 || r > 1.1 {
		t.Errorf("turned halo %.0f px of ink, level %.0f", turned, level)
	}
	if testing.Verbose() {
		t.Logf("turned halo %.0f px of ink, level %.0f", turned, level)
	}
}
