package svg

import (
	"image/color"
	"math"
	"strconv"
)

// hundredths rounds v to an integer number of hundredths.
func hundredths(v float64) int64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return int64(math.Round(v * 100))
}

// appendH appends n hundredths as a compact decimal: at most two decimals, no
// trailing zeros, no leading zero before the point (".5", "-.25", "12").
func appendH(b []byte, n int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	ip, fp := n/100, n%100
	if ip != 0 || fp == 0 {
		b = strconv.AppendInt(b, ip, 10)
	}
	if fp != 0 {
		b = append(b, '.', byte('0'+fp/10))
		if fp%10 != 0 {
			b = append(b, byte('0'+fp%10))
		}
	}
	return b
}

// appendNum appends v rounded to two decimals.
func appendNum(b []byte, v float64) []byte { return appendH(b, hundredths(v)) }

// num formats v rounded to two decimals.
func num(v float64) string { return string(appendNum(nil, v)) }

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
