package assets

import (
	"strconv"
	"strings"
)

// French typography: a narrow no-break space (U+202F) before ; : ! ? and
// inside « », a no-break space (U+00A0) between groups of thousands, a
// decimal comma.
const (
	NarrowNBSP = "\u202f"
	NBSP       = "\u00a0"
)

// Punct returns the mark p (":", ";", "!" or "?") followed by a space, as
// lang writes it after a word: "Sources: " in English, "Sources\u202f: " in
// French.
func Punct(lang, p string) string {
	if lang == "fr" {
		return NarrowNBSP + p + " "
	}
	return p + " "
}

// Number formats v as lang writes it on a map: in French with a decimal
// comma and, from 1 000 up, no-break spaces between groups of thousands
// (24 478 595); in English as Go's %g does (the form exports always used).
func Number(lang string, v float64) string {
	if lang != "fr" {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(NBSP)
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("," + frac)
	}
	return sign + b.String()
}
