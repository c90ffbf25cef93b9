package export_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/assets"
	"maliatlas/layers"
	"maliatlas/render/export"
)

// badFrench finds what French typography forbids in the text of a map: an
// ordinary or no-break space before ; : ! ? (it must be U+202F), « or »
// without U+202F inside, thousands grouped by another space than U+00A0 or
// not grouped at all (from five digits: four-digit years stay whole).
var badFrench = []*regexp.Regexp{
	regexp.MustCompile(`[ \x{a0}][;:!?]`),
	regexp.MustCompile(`«[^\x{202f}]|[^\x{202f}]»`),
	regexp.MustCompile(`\d[ \x{202f}]\d{3}\b`),
	regexp.MustCompile(`(^|[^\d.,])\d{5,}\b`),
}

// A French export writes the legend's period, the sources line and the
// scale bar the French way, and does not break a line at a no-break space.
func TestFrenchExportTypography(t *testing.T) {
	m := goldMap(t)
	m.Options.Lang = "fr"
	m.Period = layers.Period{From: 2023}
	m.BBox = orb.Bound{Min: orb.Point{-18, 4}, Max: orb.Point{10, 27}}
	var c calls
	m.Draw(&c, export.SizePage(700, 500))
	var all []string
	for _, tx := range c.texts {
		all = append(all, tx.S)
	}
	text := strings.Join(all, "\n")
	assert.Contains(t, text, "Période\u202f: 2023–", "the period in the legend")
	assert.Contains(t, text, "1\u00a0000", "the scale bar's 1 000 km")
	assert.Contains(t, text, "\u202f; [", "citations are separated by a French semicolon")
	// The citations quote titles in their own language: check the rest.
	i := strings.Index(text, "Sources\u202f: ")
	j := strings.Index(text, strings.Fields(assets.T("fr", "layout.approximate"))[0])
	require.True(t, i >= 0 && j > i, "the sources line is drawn:\n%s", text)
	text = text[:i] + text[j:]
	for _, re := range badFrench {
		for _, loc := range re.FindAllStringIndex(text, -1) {
			a, b := max(0, loc[0]-30), min(len(text), loc[1]+30)
			t.Errorf("%q is not French typography, in %q", text[loc[0]:loc[1]], text[a:b])
		}
	}
}
