package assets

import (
	"embed"

	"maliatlas/assets/translations"
)

// Translations are flat JSON files, key → text, one per language, in the
// format Fyne's lang package reads; the core looks them up with T (package
// translations, which render uses too).
//
//go:embed translations/*.json
var Translations embed.FS

// T returns the text of key in lang, falling back to English, then to the key.
func T(lang, key string) string { return translations.T(lang, key) }

// TranslationKeys returns the keys of lang's file (for completeness tests).
func TranslationKeys(lang string) []string { return translations.Keys(lang) }
