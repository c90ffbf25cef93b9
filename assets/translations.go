package assets

import (
	"embed"
	"encoding/json"
	"sync"
)

// Translations are flat JSON files, key → text, one per language, in the
// format Fyne's lang package reads; the core looks them up with T.
//
//go:embed translations/*.json
var Translations embed.FS

var (
	trOnce sync.Once
	tr     map[string]map[string]string
)

func loadTranslations() {
	tr = map[string]map[string]string{}
	for _, lang := range []string{"en", "fr"} {
		data, err := Translations.ReadFile("translations/" + lang + ".json")
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			panic("assets/translations/" + lang + ".json: " + err.Error())
		}
		tr[lang] = m
	}
}

// T returns the text of key in lang, falling back to English, then to the key.
func T(lang, key string) string {
	trOnce.Do(loadTranslations)
	if s, ok := tr[lang][key]; ok {
		return s
	}
	if s, ok := tr["en"][key]; ok {
		return s
	}
	return key
}

// TranslationKeys returns the keys of lang's file (for completeness tests).
func TranslationKeys(lang string) []string {
	trOnce.Do(loadTranslations)
	keys := make([]string, 0, len(tr[lang]))
	for k := range tr[lang] {
		keys = append(keys, k)
	}
	return keys
}
