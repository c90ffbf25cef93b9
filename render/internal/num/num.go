// Package num writes the compact decimal numbers of the vector backends (SVG
// path data, PDF content streams): at most two decimals, no trailing zeros,
// no leading zero before the point.
package num

import (
	"math"
	"strconv"
)

// Hundredths rounds v to an integer number of hundredths (0 for NaN and ±Inf).
func Hundredths(v float64) int64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return int64(math.Round(v * 100))
}

// AppendH appends n hundredths as a compact decimal (".5", "-.25", "12").
func AppendH(b []byte, n int64) []byte {
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

// Append appends v rounded to two decimals.
func Append(b []byte, v float64) []byte { return AppendH(b, Hundredths(v)) }

// Format formats v rounded to two decimals.
func Format(v float64) string { return string(Append(nil, v)) }
