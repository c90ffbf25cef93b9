package view

import (
	"fmt"
	"math"
	"strings"

	"maliatlas/geo"
)

// screenPixelMetres is the size of a logical pixel on a 96 dpi screen.
const screenPixelMetres = 0.0254 / 96

// ScaleDenominator is the map scale of v at its centre (1:N, N returned)
// for a 96 dpi screen, rounded to two significant digits; 0 when v has
// no size.
func ScaleDenominator(v geo.Viewport) int64 {
	mpp := v.MetersPerPixel() * v.DeviceScale() // metres per logical pixel
	return roundScale(mpp / screenPixelMetres)
}

func roundScale(d float64) int64 {
	if d <= 0 || math.IsNaN(d) || math.IsInf(d, 0) {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(d))-1)
	return int64(math.Round(d/p) * p)
}

// GroupThousands writes n with narrow no-break spaces between groups of
// three digits (12 000 000), as both languages do.
func GroupThousands(n int64) string {
	s := fmt.Sprintf("%d", n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(c)
	}
	return b.String()
}
