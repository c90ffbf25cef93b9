package view

import (
	"regexp"
	"strings"

	"maliatlas/layers"
	"maliatlas/project"
)

// StepCaption is the caption of st in lang (else another language); a step
// without a caption has the first paragraph of its narrative, as plain
// text. The presenter and the handout both show it.
func StepCaption(cat *layers.Catalog, st project.Step, lang string) string {
	if c := st.Caption.In(lang); c != "" {
		return c
	}
	if st.Narrative == "" {
		return ""
	}
	n := cat.Narratives.Get(lang, st.Narrative)
	if n == nil {
		other := "fr"
		if lang == "fr" {
			other = "en"
		}
		n = cat.Narratives.Get(other, st.Narrative)
	}
	if n == nil {
		return ""
	}
	return FirstParagraph(n.Body)
}

var (
	mdLink   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdStrong = regexp.MustCompile(`(\*\*|__)(.+?)(\*\*|__)`)
	mdEm     = regexp.MustCompile(`\*([^*\s](?:[^*]*[^*\s])?)\*`)
	mdUEm    = regexp.MustCompile(`(^|[\s(])_([^_\s](?:[^_]*[^_\s])?)_([\s).,;:!?]|$)`)
	mdHead   = regexp.MustCompile(`^\s{0,3}#{1,6}\s+`)
	mdItem   = regexp.MustCompile(`^\s*([-*+]|\d+[.)])\s+`)
	mdQuote  = regexp.MustCompile(`^\s*>\s?`)
)

// FirstParagraph is the first paragraph of prose of a Markdown text, without
// its marks (emphasis, links, headings, list and quote marks). Headings and
// tables are skipped; source keys in brackets stay.
func FirstParagraph(md string) string {
	var para []string
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "", mdHead.MatchString(line), strings.HasPrefix(t, "|"), strings.HasPrefix(t, "```"), strings.Trim(t, "-*_ ") == "":
			if len(para) > 0 {
				return PlainMarkdown(strings.Join(para, " "))
			}
		default:
			t = mdQuote.ReplaceAllString(t, "")
			para = append(para, mdItem.ReplaceAllString(t, ""))
		}
	}
	return PlainMarkdown(strings.Join(para, " "))
}

// PlainMarkdown is s without its inline Markdown marks: a link becomes its
// text, emphasis its words, code its letters; spaces are collapsed.
func PlainMarkdown(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$2")
	s = mdEm.ReplaceAllString(s, "$1")
	s = mdUEm.ReplaceAllString(s, "$1$2$3")
	s = strings.ReplaceAll(s, "`", "")
	return strings.Join(strings.Fields(s), " ")
}
