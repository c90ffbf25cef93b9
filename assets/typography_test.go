package assets

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPunct(t *testing.T) {
	assert.Equal(t, ": ", Punct("en", ":"))
	assert.Equal(t, "\u202f: ", Punct("fr", ":"))
	assert.Equal(t, "\u202f; ", Punct("fr", ";"))
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		lang string
		v    float64
		want string
	}{
		{"en", 1000, "1000"}, {"en", 0.5, "0.5"}, {"en", 200, "200"},
		{"fr", 0.5, "0,5"}, {"fr", 200, "200"}, {"fr", 1000, "1\u00a0000"},
		{"fr", 24478595, "24\u00a0478\u00a0595"}, {"fr", -2500.25, "-2\u00a0500,25"},
	} {
		assert.Equal(t, c.want, Number(c.lang, c.v), "%s %g", c.lang, c.v)
	}
}

// The map fonts draw the French spaces (no missing-glyph box in exports).
func TestMapFontsHaveFrenchSpaces(t *testing.T) {
	f := MapFonts()
	for _, r := range "\u202f\u00a0«»" {
		assert.NotZero(t, f.Regular.GlyphIndex(r), "%U", r)
		assert.NotZero(t, f.Bold.GlyphIndex(r), "%U", r)
	}
}
