package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// links returns the URLs of the links shown in obj's rich texts.
func links(obj fyne.CanvasObject) []string {
	var out []string
	var walk func(segs []widget.RichTextSegment)
	walk = func(segs []widget.RichTextSegment) {
		for _, seg := range segs {
			switch sg := seg.(type) {
			case *widget.HyperlinkSegment:
				if sg.URL != nil {
					out = append(out, sg.URL.String())
				} else {
					out = append(out, "(internal) "+sg.Text)
				}
			case *widget.ImageSegment:
				out = append(out, "image "+sg.Source.String())
			case *widget.ListSegment:
				walk(sg.Items)
			case *widget.ParagraphSegment:
				walk(sg.Texts)
			}
		}
	}
	for _, o := range test.LaidOutObjects(obj) {
		if rt, ok := o.(*widget.RichText); ok {
			walk(rt.Segments)
		}
	}
	return out
}

func TestImportedTextCannotBringLinks(t *testing.T) {
	s := newTestShell(t)
	path := writeText(t, filepath.Join(t.TempDir(), "[x](file:).geojson"), `{"type":"FeatureCollection","features":[{"type":"Feature","id":"synthetic-1",
	 "properties":{"name":"Synthetic","category":"[open me](file:///etc/passwd)",
	  "sources":[{"title":"<https://beacon.example/t.png>","publisher":"![b](https://beacon.example/p.png)","year":2024,"url":"file:///home/analyst/notes"}]},
	 "geometry":{"type":"Point","coordinates":[-4,14]}}]}`)
	require.NoError(t, s.AddGeoJSON(path))
	f := s.Cat.Feature("synthetic-1")
	require.NotNil(t, f)
	s.Select(f)
	assert.Empty(t, links(s.narrative), "text from an imported file became links")
	assert.Contains(t, s.narrative.Text(), "open me", "the text itself is still shown")
}

func TestNarrativeLinksOnlyToTheWebAndWithin(t *testing.T) {
	var followed string
	rt := markdownWith("See [the report](https://example.org/r.pdf), [notes](file:///etc/passwd), "+
		"[a script](javascript:alert(1)), [gold](#gold-overview), [rel](other.md) and ![img](https://example.org/i.png).",
		func(id string) { followed = id })
	got := links(rt)
	assert.Equal(t, []string{"https://example.org/r.pdf", "(internal) gold"}, got)
	for _, seg := range rt.Segments {
		if h, ok := seg.(*widget.HyperlinkSegment); ok && h.OnTapped != nil {
			h.OnTapped()
		}
	}
	assert.Equal(t, "gold-overview", followed)
	// Without an anchor handler, anchors are plain text.
	assert.Equal(t, []string{"https://example.org/r.pdf"}, links(markdown("[a](https://example.org/r.pdf) [b](#x)")))
}

func TestMdEscapeKeepsTheText(t *testing.T) {
	rt := widget.NewRichTextFromMarkdown(mdEscape("**bold** [x](http://a) <b> # h\n- item & 1.5"))
	assert.Equal(t, "**bold** [x](http://a) <b> # h - item & 1.5", rt.String())
}
