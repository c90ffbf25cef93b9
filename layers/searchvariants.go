package layers

// Variants returns the known spellings of the same place as name (French,
// English, older transcriptions: the table the searches widen queries with),
// accents, case and punctuation aside; nil when none is known. The result
// includes name's own spelling from the table.
func Variants(name string) []string {
	return append([]string(nil), knownVariantsOf(fold(name))...)
}
