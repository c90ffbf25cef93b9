package project

import (
	"fmt"
	"strings"
)

// Grade is an Admiralty (NATO) grade of a piece of information: the
// reliability of its source, A (completely reliable) to F (cannot be
// judged), and the credibility of the information, 1 (confirmed by other
// sources) to 6 (cannot be judged). It is written "B2".
type Grade struct {
	Reliability byte // 'A'..'F'
	Credibility int  // 1..6
}

// ParseGrade reads "B2" (case-insensitive, spaces ignored).
func ParseGrade(s string) (Grade, error) {
	t := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if len(t) != 2 || t[0] < 'A' || t[0] > 'F' || t[1] < '1' || t[1] > '6' {
		return Grade{}, fmt.Errorf("%q is not an Admiralty grade: a letter A–F (source reliability) then a digit 1–6 (information credibility), e.g. B2", s)
	}
	return Grade{Reliability: t[0], Credibility: int(t[1] - '0')}, nil
}

func (g Grade) String() string { return fmt.Sprintf("%c%d", g.Reliability, g.Credibility) }

var reliabilityWords = map[string][6]string{
	"en": {"completely reliable", "usually reliable", "fairly reliable", "not usually reliable", "unreliable", "reliability cannot be judged"},
	"fr": {"entièrement fiable", "habituellement fiable", "assez fiable", "pas toujours fiable", "peu fiable", "fiabilité impossible à évaluer"},
}

var credibilityWords = map[string][6]string{
	"en": {"confirmed by other sources", "probably true", "possibly true", "doubtful", "improbable", "truth cannot be judged"},
	"fr": {"confirmée par d’autres sources", "probablement vraie", "peut-être vraie", "douteuse", "improbable", "véracité impossible à évaluer"},
}

// Describe is the grade in words in lang: "B2 — source usually reliable,
// information probably true".
func (g Grade) Describe(lang string) string {
	if lang != "fr" {
		lang = "en"
	}
	if g.Reliability < 'A' || g.Reliability > 'F' || g.Credibility < 1 || g.Credibility > 6 {
		return ""
	}
	r := reliabilityWords[lang][g.Reliability-'A']
	c := credibilityWords[lang][g.Credibility-1]
	if lang == "fr" {
		return fmt.Sprintf("%s — source %s, information %s", g, r, c)
	}
	return fmt.Sprintf("%s — source %s, information %s", g, r, c)
}

// DescribeGrade is Describe for a grade as written ("" when s is not one).
func DescribeGrade(s, lang string) string {
	g, err := ParseGrade(s)
	if err != nil {
		return ""
	}
	return g.Describe(lang)
}
