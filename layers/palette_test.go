package layers_test

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/layers"
)

// Colour-vision deficiency is simulated with the matrices of Machado,
// Oliveira and Fernandes (2009), "A Physiologically-based Model for
// Simulation of Color Vision Deficiency", IEEE TVCG 15(6), severity 1.0,
// applied to linear RGB.
var cvd = map[string][3][3]float64{
	"normal": {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	"protanopia": {
		{0.152286, 1.052583, -0.204868},
		{0.114503, 0.786281, 0.099216},
		{-0.003882, -0.048116, 1.051998}},
	"deuteranopia": {
		{0.367322, 0.860646, -0.227968},
		{0.280085, 0.672501, 0.047413},
		{-0.011820, 0.042940, 0.968881}},
	"tritanopia": {
		{1.255528, -0.076749, -0.178779},
		{-0.078411, 0.930809, 0.147602},
		{0.004733, 0.691367, 0.303900}},
}

func toLinear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// simulate returns the linear RGB a viewer with deficiency d sees.
func simulate(c color.NRGBA, d string) [3]float64 {
	m := cvd[d]
	in := [3]float64{toLinear(c.R), toLinear(c.G), toLinear(c.B)}
	var out [3]float64
	for i := range 3 {
		for j := range 3 {
			out[i] += m[i][j] * in[j]
		}
		out[i] = math.Max(0, math.Min(1, out[i]))
	}
	return out
}

// lab converts linear sRGB (D65) to CIE L*a*b*.
func lab(rgb [3]float64) [3]float64 {
	x := 0.4124564*rgb[0] + 0.3575761*rgb[1] + 0.1804375*rgb[2]
	y := 0.2126729*rgb[0] + 0.7151522*rgb[1] + 0.0721750*rgb[2]
	z := 0.0193339*rgb[0] + 0.1191920*rgb[1] + 0.9503041*rgb[2]
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x/0.95047), f(y/1.0), f(z/1.08883)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

// deltaE2000 is the CIEDE2000 colour difference.
func deltaE2000(p, q [3]float64) float64 {
	L1, a1, b1 := p[0], p[1], p[2]
	L2, a2, b2 := q[0], q[1], q[2]
	deg := math.Pi / 180
	C1, C2 := math.Hypot(a1, b1), math.Hypot(a2, b2)
	Cm := (C1 + C2) / 2
	G := 0.5 * (1 - math.Sqrt(math.Pow(Cm, 7)/(math.Pow(Cm, 7)+math.Pow(25, 7))))
	a1p, a2p := (1+G)*a1, (1+G)*a2
	C1p, C2p := math.Hypot(a1p, b1), math.Hypot(a2p, b2)
	h := func(b, a float64) float64 {
		if a == 0 && b == 0 {
			return 0
		}
		v := math.Atan2(b, a) / deg
		if v < 0 {
			v += 360
		}
		return v
	}
	h1p, h2p := h(b1, a1p), h(b2, a2p)
	dLp, dCp := L2-L1, C2p-C1p
	var dhp float64
	switch {
	case C1p*C2p == 0:
	case math.Abs(h2p-h1p) <= 180:
		dhp = h2p - h1p
	case h2p-h1p > 180:
		dhp = h2p - h1p - 360
	default:
		dhp = h2p - h1p + 360
	}
	dHp := 2 * math.Sqrt(C1p*C2p) * math.Sin(dhp/2*deg)
	Lpm, Cpm := (L1+L2)/2, (C1p+C2p)/2
	var hpm float64
	switch {
	case C1p*C2p == 0:
		hpm = h1p + h2p
	case math.Abs(h1p-h2p) <= 180:
		hpm = (h1p + h2p) / 2
	case h1p+h2p < 360:
		hpm = (h1p + h2p + 360) / 2
	default:
		hpm = (h1p + h2p - 360) / 2
	}
	T := 1 - 0.17*math.Cos((hpm-30)*deg) + 0.24*math.Cos(2*hpm*deg) + 0.32*math.Cos((3*hpm+6)*deg) - 0.20*math.Cos((4*hpm-63)*deg)
	dTheta := 30 * math.Exp(-math.Pow((hpm-275)/25, 2))
	Rc := 2 * math.Sqrt(math.Pow(Cpm, 7)/(math.Pow(Cpm, 7)+math.Pow(25, 7)))
	Sl := 1 + 0.015*math.Pow(Lpm-50, 2)/math.Sqrt(20+math.Pow(Lpm-50, 2))
	Sc := 1 + 0.045*Cpm
	Sh := 1 + 0.015*Cpm*T
	Rt := -math.Sin(2*dTheta*deg) * Rc
	return math.Sqrt(math.Pow(dLp/Sl, 2) + math.Pow(dCp/Sc, 2) + math.Pow(dHp/Sh, 2) + Rt*(dCp/Sc)*(dHp/Sh))
}

func TestDeltaE2000KnownPairs(t *testing.T) {
	// Sharma, Wu and Dalal (2005), test data pairs 1 and 17.
	assert.InDelta(t, 2.0425, deltaE2000([3]float64{50, 2.6772, -79.7751}, [3]float64{50, 0, -82.7485}), 1e-4)
	assert.InDelta(t, 27.1492, deltaE2000([3]float64{50, 2.5, 0}, [3]float64{73, 25, -18}), 1e-4)
	// The protanope sees red and green alike; the normal viewer does not.
	red, green := color.NRGBA{200, 40, 40, 255}, color.NRGBA{40, 140, 40, 255}
	assert.Greater(t, deltaE2000(lab(simulate(red, "normal")), lab(simulate(green, "normal"))), 40.0)
	assert.Less(t, deltaE2000(lab(simulate(red, "protanopia")), lab(simulate(green, "protanopia"))), 20.0)
}

// symbolColour is the colour a category is told apart by: the stroke of a
// line, the fill of a marker, the hatch or outline of an area.
func symbolColour(kind string, s *layers.Symbol) color.NRGBA {
	switch {
	case kind == "point":
		return s.Fill
	case kind == "polygon" && s.Hatch != nil:
		return s.Hatch.Color
	case s.Stroke.A > 0:
		return s.Stroke
	}
	return s.Fill
}

// shape is what tells two symbols apart besides colour: marker, dash,
// casing, arrows, hatch angle.
func shape(s *layers.Symbol) string {
	h := ""
	if s.Hatch != nil {
		h = fmt.Sprint(s.Hatch.Angle)
	}
	return fmt.Sprintf("%s|%v|%v|%v|%s", s.Marker, s.Dash, s.CasingWidth > 0 && s.Casing.A > 0, s.Arrows, h)
}

// minDeltaE is the least CIEDE2000 difference two symbols of the same shape
// must keep, for every vision simulated: about what tells two thin lines
// apart on a map.
const minDeltaE = 12

// TestPaletteSurvivesColourVisionDeficiency: within each overlay, two
// categories drawn with the same shape differ in colour for normal vision
// and for protanopia, deuteranopia and tritanopia; and the migrant routes
// are not drawn in the rivers' blue.
func TestPaletteSurvivesColourVisionDeficiency(t *testing.T) {
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	visions := []string{"normal", "protanopia", "deuteranopia", "tritanopia"}
	for _, l := range cat.Layers {
		if l.Spec.Group != "overlay" {
			continue // the base map's water is one blue on purpose
		}
		cs := l.Spec.Categories
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				a, b := l.CategorySymbol(&cs[i]), l.CategorySymbol(&cs[j])
				if shape(a) != shape(b) {
					continue
				}
				ca, cb := symbolColour(l.Spec.Kind, a), symbolColour(l.Spec.Kind, b)
				for _, v := range visions {
					d := deltaE2000(lab(simulate(ca, v)), lab(simulate(cb, v)))
					assert.GreaterOrEqual(t, d, float64(minDeltaE), "%s: %s %v and %s %v differ by ΔE %.1f for %s", l.Spec.ID, cs[i].Value, ca, cs[j].Value, cb, d, v)
				}
			}
		}
	}
	// Lines over lines: every overlay route colour against the rivers (each
	// base line layer whose id starts with "rivers").
	var rivers []*layers.Layer
	for _, l := range cat.Layers {
		if l.Spec.Group == "base" && l.Spec.Kind == "line" && strings.HasPrefix(l.Spec.ID, "rivers") {
			rivers = append(rivers, l)
		}
	}
	require.NotEmpty(t, rivers)
	for _, rl := range rivers {
		river := rl.CategorySymbol(nil).Stroke
		for _, l := range cat.Layers {
			if l.Spec.Group != "overlay" || l.Spec.Kind != "line" {
				continue
			}
			for i := range l.Spec.Categories {
				c := l.CategorySymbol(&l.Spec.Categories[i]).Stroke
				d := deltaE2000(lab(simulate(c, "normal")), lab(simulate(river, "normal")))
				assert.GreaterOrEqual(t, d, float64(minDeltaE), "%s %s %v is too close to %s's %v (ΔE %.1f)", l.Spec.ID, l.Spec.Categories[i].Value, c, rl.Spec.ID, river, d)
			}
		}
	}
	assert.True(t, slices.Contains(visions, "tritanopia"))
}
