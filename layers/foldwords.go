package layers

// FoldWords folds s as Fold does and also returns the byte offsets in the
// folded string where a word of s begins (for ranking a match at a word's
// start above one inside a word).
func FoldWords(s string) (string, []int32) { return foldWords(s, true) }
