// Package translations is the words of the interface, the maps and the
// exports in English and French: flat JSON files, key → text, one per
// language (en.json, fr.json), in the format Fyne's lang package reads.
// It depends on nothing of the atlas, so that every package (render
// included) can look words up.
package translations

import (
	"embed"
	"encoding/json"
	"sync"
)

//go:embed en.json fr.json
var files embed.FS

var (
	once sync.Once
	tr   map[string]map[string]string
)

func load() {
	tr = map[string]map[string]string{}
	for _, lang := range []string{"en", "fr"} {
		data, err := files.ReadFile(lang + ".json")
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
	once.Do(load)
	if s, ok := tr[lang][key]; ok {
		return s
	}
	if s, ok := tr["en"][key]; ok {
		return s
	}
	return key
}

// Keys returns the keys of lang's file (for completeness tests).
func Keys(lang string) []string {
	once.Do(load)
	keys := make([]string, 0, len(tr[lang]))
	for k := range tr[lang] {
		keys = append(keys, k)
	}
	return keys
}
