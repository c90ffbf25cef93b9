package main

import "strings"

// regionCapital is the capital town of each region (admin 1 P-code), by its
// name in towns.geojson after renaming.
var regionCapital = map[string]string{
	"ML01": "Kayes",
	"ML02": "Koulikoro",
	"ML03": "Sikasso",
	"ML04": "Ségou",
	"ML05": "Mopti",
	"ML06": "Tombouctou",
	"ML07": "Gao",
	"ML08": "Kidal",
	"ML09": "Bamako",
	"ML10": "Ménaka",
}

// regionNameEN corrects the English names of the admin 1 source.
var regionNameEN = map[string]string{
	"ML04": "Ségou", // the source has "Segou"
}

// cercleName gives the official French spelling of cercle names whose source
// spelling lacks accents, keyed by the ASCII-folded source name (the source
// mixes plain and accented names). Names not listed are official as they
// are: Kayes, Kita, Nioro, Banamba, Kangaba, Kati, Kolokani, Koulikoro, Nara,
// Bougouni, Kadiolo, Koutiala, Sikasso, Yanfolila, Yorosso, Bla, Macina,
// Niono, San, Tominian, Bandiagara, Bankass, Douentza, Koro, Mopti, Youwarou,
// Goundam, Gourma-Rharous, Tombouctou, Ansongo, Bourem, Gao, Kidal, Tessalit,
// Tin-Essako, Bamako.
var cercleName = map[string]string{
	"Abeibara":       "Abeïbara",
	"Anderamboukane": "Andéramboukane",
	"Bafoulabe":      "Bafoulabé",
	"Baraoueli":      "Barouéli", // source "Baraouéli"; the cercle is Barouéli
	"Baroueli":       "Barouéli",
	"Diema":          "Diéma",
	"Dioila":         "Dioïla",
	"Dire":           "Diré",
	"Djenne":         "Djenné",
	"Inekar":         "Inékar",
	"Kenieba":        "Kéniéba",
	"Kolondieba":     "Kolondiéba",
	"Menaka":         "Ménaka",
	"Niafunke":       "Niafunké",
	"Segou":          "Ségou",
	"Tenenkou":       "Ténenkou",
	"Tidermene":      "Tidermène",
	"Yelimane":       "Yélimané",
}

// townName renames towns of towns.geojson (keyed by source name): the local
// official spelling as name and name_fr, the English exonym where it differs.
var townName = map[string]struct{ name, en string }{
	"Timbuktu":  {"Tombouctou", "Timbuktu"},
	"Taoudénit": {"Taoudénit", "Taoudenni"},
}

// townVariants are known alternative spellings used by search, beyond the
// English name, the source's alt_name and the unaccented forms (which are
// added to every town).
var townVariants = map[string][]string{
	"Tombouctou":     {"Timbuctoo"},
	"Taoudénit":      {"Taoudeni"},
	"Aguelhok":       {"Aguelhoc", "Aguel'hoc"},
	"Nioro du Sahel": {"Nioro"},
	"Djenné":         {"Jenne"},
	"Araouane":       {"Arawan", "Araouan"},
	"Agadez":         {"Agadès"},
	"Tillabéri":      {"Tillabery"},
	"Bobo-Dioulasso": {"Bobo Dioulasso"},
	"Saint-Louis":    {"Saint Louis"},
	"Porto-Novo":     {"Porto Novo"},
	"Tamanrasset":    {"Tamenghest"},
}

// riverNameEN shortens English river names for labels.
var riverNameEN = map[string]string{
	"Bafing (Senegal headwater)": "Bafing",
}

var fold = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "á", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "í", "i",
	"ô", "o", "ö", "o", "ó", "o",
	"ù", "u", "û", "u", "ü", "u", "ú", "u",
	"ç", "c", "ñ", "n",
	"À", "A", "Â", "A", "É", "E", "È", "E", "Ê", "E", "Î", "I", "Ï", "I",
	"Ô", "O", "Ù", "U", "Û", "U", "Ç", "C",
)

// ascii folds the accents of Latin letters.
func ascii(s string) string { return fold.Replace(s) }

// slug is a lower-case id with dashes.
func slug(s string) string {
	s = strings.ToLower(ascii(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
