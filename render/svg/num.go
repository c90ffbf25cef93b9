package svg

import (
	"image/color"
	"math"
	"strconv"

	decimal "maliatlas/render/internal/num"
)

// The compact decimals are shared with the other vector backend.
var (
	hundredths = decimal.Hundredths
	appendH    = decimal.AppendH
	appendNum  = decimal.Append
	numFmt     = decimal.Format
)

// num formats v rounded to two decimals.
func num(v float64) string { return numFmt(v) }

const hexDigits = "0123456789abcdef"

// appendColor appends c's RGB as #rgb when it can, else #rrggbb.
func appendColor(b []byte, c color.NRGBA) []byte {
	b = append(b, '#')
	if c.R>>4 == c.R&15 && c.G>>4 == c.G&15 && c.B>>4 == c.B&15 {
		return append(b, hexDigits[c.R&15], hexDigits[c.G&15], hexDigits[c.B&15])
	}
	return append(b, hexDigits[c.R>>4], hexDigits[c.R&15], hexDigits[c.G>>4], hexDigits[c.G&15], hexDigits[c.B>>4], hexDigits[c.B&15])
}

// appendAlpha appends an 8-bit alpha as an opacity with up to three decimals
// (so every alpha byte survives the round trip).
func appendAlpha(b []byte, a uint8) []byte {
	s := strconv.FormatFloat(math.Round(float64(a)/255*1000)/1000, 'f', -1, 64)
	if len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return append(b, s...)
}
