package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/widget"
)

// mdEscape makes text that comes from data (imported features, sources,
// layer titles) plain text inside Markdown: every punctuation mark Markdown
// could read as syntax becomes a character reference (which Markdown never
// reads as syntax, and Fyne shows as the character; a backslash escape
// would show its backslash) and line breaks become spaces, so a shared
// project cannot bring links, images or headings into the panel.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r < 0x80 && strings.ContainsRune("\\`*_{}[]()#+-.!|<>~&:/@=\"'", r):
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// safeLinks keeps, in rich text made from the project's own Markdown, only
// links to http(s) addresses and internal anchors ("#id", run by anchor;
// nil: none): any other link (file:, javascript:, a relative path) becomes
// its text, and images become their text (no fetching from anywhere).
func safeLinks(segs []widget.RichTextSegment, anchor func(id string)) []widget.RichTextSegment {
	out := make([]widget.RichTextSegment, 0, len(segs))
	for _, seg := range segs {
		switch sg := seg.(type) {
		case *widget.HyperlinkSegment:
			out = append(out, safeLink(sg, anchor))
		case *widget.ImageSegment:
			out = append(out, &widget.TextSegment{Text: sg.Title, Style: widget.RichTextStyleInline})
		case *widget.ListSegment:
			sg.Items = safeLinks(sg.Items, anchor)
			out = append(out, sg)
		case *widget.ParagraphSegment:
			sg.Texts = safeLinks(sg.Texts, anchor)
			out = append(out, sg)
		default:
			out = append(out, seg)
		}
	}
	return out
}

func safeLink(h *widget.HyperlinkSegment, anchor func(id string)) widget.RichTextSegment {
	u := h.URL
	plain := &widget.TextSegment{Text: h.Text, Style: widget.RichTextStyleInline}
	if u == nil {
		return plain
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.User != nil {
			return plain
		}
		return h
	case "":
		if u.Host == "" && u.Path == "" && u.Fragment != "" && anchor != nil {
			id := u.Fragment
			h.URL = nil
			h.OnTapped = func() { anchor(id) }
			return h
		}
	}
	return plain
}
