package pdf

import (
	"math"
	"strconv"

	decimal "maliatlas/render/internal/num"
)

// The compact decimals are shared with the other vector backend.
var (
	hundredths = decimal.Hundredths
	appendH    = decimal.AppendH
	appendNum  = decimal.Append
)

// appendFrac appends v in [0,1] with up to three decimals (colour
// components and opacities: every 8-bit value stays distinct).
func appendFrac(b []byte, v float64) []byte {
	n := int64(math.Round(v * 1000))
	if n <= 0 {
		return append(b, '0')
	}
	if n >= 1000 {
		return append(b, '1')
	}
	b = append(b, '.', byte('0'+n/100))
	n %= 100
	if n != 0 {
		b = append(b, byte('0'+n/10))
		if n%10 != 0 {
			b = append(b, byte('0'+n%10))
		}
	}
	return b
}

// appendByteFrac appends an 8-bit value as a fraction of 255.
func appendByteFrac(b []byte, v uint8) []byte { return appendFrac(b, float64(v)/255) }

// appendFine appends v with up to six decimals (transformation matrices and
// sizes in points, where two decimals of a device pixel are not enough).
func appendFine(b []byte, v float64) []byte {
	s := strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return append(b, s...)
}
