package assets

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTranslationsAreComplete(t *testing.T) {
	en, fr := TranslationKeys("en"), TranslationKeys("fr")
	sort.Strings(en)
	sort.Strings(fr)
	assert.Equal(t, en, fr, "en.json and fr.json must have the same keys")
	for _, k := range en {
		assert.NotEmpty(t, T("fr", k), k)
	}
	assert.Equal(t, "Légende", T("fr", "layout.legend"))
	assert.Equal(t, "Legend", T("de", "layout.legend"), "unknown languages fall back to English")
	assert.Equal(t, "no.such.key", T("en", "no.such.key"))
}

func TestMapFontsParse(t *testing.T) {
	f := MapFonts()
	for _, r := range "MénakaSégouTaoudénitDioïla" {
		assert.NotZero(t, f.Regular.GlyphIndex(r), "%q", r)
		assert.NotZero(t, f.Bold.GlyphIndex(r), "%q", r)
	}
	w := f.Regular.Measure("Ségou", 10)
	assert.Greater(t, w, 20.0)
	assert.Less(t, w, 40.0)
}
