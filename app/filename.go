package app

import (
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"maliatlas/project"
)

// defaultProjectName is the file name the Save dialog offers: the project's
// own name when it has been saved, else the atlas's title and today's date
// ("mali-routes-atlas-2026-11-30.matlas"), never a fixed "briefing".
func (s *Shell) defaultProjectName(now time.Time) string {
	if s.path != "" {
		return filepath.Base(s.path)
	}
	return slug(s.t("app.title")) + "-" + now.Format("2006-01-02") + project.Ext
}

// slug is s in lower-case ASCII letters and digits joined by dashes
// ("Atlas des routes du Mali" → "atlas-des-routes-du-mali").
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r): // accents
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "map"
	}
	return b.String()
}
