package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

// seeAlsoLinks are the link texts the narrative panel shows.
func seeAlsoLinks(p *NarrativePanel) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Hyperlink:
			out = append(out, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	for _, o := range p.body.Objects {
		walk(o)
	}
	return out
}

// TestSeeAlsoLinksOnceNeverSelfNoArrowGlyph: every narrative and every
// feature with a narrative lists each link once, never itself, and draws no
// "→" (the font lacks it: an icon marks the links).
func TestSeeAlsoLinksOnceNeverSelfNoArrowGlyph(t *testing.T) {
	s := newTestShell(t)
	p := s.narrative
	check := func(what, self string) {
		seen := map[string]bool{}
		for _, l := range seeAlsoLinks(p) {
			assert.False(t, seen[l], "%s: %q listed twice", what, l)
			seen[l] = true
			assert.NotEqual(t, self, l, "%s links to itself", what)
			assert.False(t, strings.ContainsAny(l, "→§"), "%s: %q", what, l)
		}
	}
	n := 0
	for _, lang := range []string{"en", "fr"} {
		s.SetLang(lang)
		for _, id := range p.Entries() {
			nar := s.Cat.Narratives.Get(lang, id)
			if nar == nil {
				continue
			}
			s.ShowNarrative(id)
			check("narrative "+id, nar.Title)
			for _, fid := range nar.Features {
				if f := s.Cat.Feature(fid); f != nil {
					s.Select(f)
					check("feature "+fid, f.Name(lang))
					n++
					break // one feature per narrative: each draws a frame
				}
			}
		}
	}
	assert.Positive(t, n)
}
