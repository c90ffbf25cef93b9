package app

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
	"maliatlas/view"
)

// NarrativePanel shows the story behind the map: a narrative chosen from the
// index, or what the selected feature is, which report says so, and links to
// related features and to its layer's overview. Regions get a fact sheet.
type NarrativePanel struct {
	widget.BaseWidget
	s       *Shell
	index   *widget.Button // opens the list of narratives (a menu: long titles must not widen the panel)
	titles  []string
	ids     []string // narrative ids in index order
	body    *fyne.Container
	scroll  *container.Scroll
	content *fyne.Container

	current *layers.Narrative
	feature *layers.Feature
	title   string // shown title, for tests
	text    string // the Markdown shown, for tests
}

// NewNarrativePanel makes the panel for s.
func NewNarrativePanel(s *Shell) *NarrativePanel {
	p := &NarrativePanel{s: s}
	p.index = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), p.showIndex)
	p.index.Alignment = widget.ButtonAlignLeading
	p.index.IconPlacement = widget.ButtonIconTrailingText
	p.body = container.NewVBox()
	p.scroll = container.NewVScroll(p.body)
	p.scroll.SetMinSize(fyne.NewSize(300, 200))
	p.content = container.NewBorder(p.index, nil, nil, nil, p.scroll)
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *NarrativePanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// Title is the heading shown.
func (p *NarrativePanel) Title() string { return p.title }

// Text is the Markdown shown.
func (p *NarrativePanel) Text() string { return p.text }

// Entries are the narrative ids in the index, in order.
func (p *NarrativePanel) Entries() []string { return p.ids }

// Choose picks entry i of the index, as a user would.
func (p *NarrativePanel) Choose(i int) {
	if i >= 0 && i < len(p.ids) {
		p.s.ShowNarrative(p.ids[i])
	}
}

// showIndex pops up the narratives, overviews first.
func (p *NarrativePanel) showIndex() {
	items := make([]*fyne.MenuItem, len(p.ids))
	for i := range p.ids {
		i := i
		items[i] = fyne.NewMenuItem(p.titles[i], func() { p.Choose(i) })
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(p.index)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.index).Add(fyne.NewPos(0, p.index.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}

// Refresh rebuilds the index and the shown page in the current language.
func (p *NarrativePanel) Refresh() {
	if p.s == nil || p.index == nil {
		p.BaseWidget.Refresh()
		return
	}
	s := p.s
	ns := s.Cat.Narratives
	kindRank := map[string]int{"overview": 0, "factsheet": 1, "feature": 2, "bibliography": 3}
	ids := ns.IDs(s.lang)
	sort.SliceStable(ids, func(i, j int) bool {
		a, b := ns.Get(s.lang, ids[i]), ns.Get(s.lang, ids[j])
		if kindRank[a.Kind] != kindRank[b.Kind] {
			return kindRank[a.Kind] < kindRank[b.Kind]
		}
		return a.Title < b.Title
	})
	p.ids = ids
	opts := make([]string, len(ids))
	for i, id := range ids {
		opts[i] = ns.Get(s.lang, id).Title
	}
	p.titles = opts
	p.index.SetText(s.t("ui.narratives"))
	switch {
	case p.feature != nil:
		p.ShowFeature(p.feature)
	case p.current != nil:
		if n := ns.Get(s.lang, p.current.ID); n != nil {
			p.ShowNarrative(n)
		}
	default:
		p.showWelcome()
	}
	p.BaseWidget.Refresh()
}

func (p *NarrativePanel) set(title string, parts ...fyne.CanvasObject) {
	p.title = title
	h := widget.NewRichText(&widget.TextSegment{Text: title, Style: widget.RichTextStyleHeading})
	h.Wrapping = fyne.TextWrapWord
	p.body.Objects = append([]fyne.CanvasObject{h}, parts...)
	p.body.Refresh()
	p.scroll.ScrollToTop()
}

func (p *NarrativePanel) showWelcome() {
	p.current, p.feature = nil, nil
	p.text = p.s.t("ui.welcome")
	p.set(p.s.t("app.title"), markdown(p.text))
}

var tableRow = regexp.MustCompile(`^\s*\|(.*)\|\s*$`)
var tableRule = regexp.MustCompile(`^\s*\|?\s*:?-{3,}`)

// markdown renders the project's own Markdown as rich text (text from data
// goes in through mdEscape); tables (which Fyne does not lay out) become
// lists of "first cell: other cells"; only http(s) links are kept (see
// safeLinks).
func markdown(md string) *widget.RichText { return markdownWith(md, nil) }

// markdownWith is markdown whose internal links ("#id") run anchor.
func markdownWith(md string, anchor func(id string)) *widget.RichText {
	var out []string
	for _, line := range strings.Split(md, "\n") {
		if tableRule.MatchString(line) && strings.Contains(line, "-") && !strings.ContainsAny(strings.Trim(line, "|-: "), "abcdefghijklmnopqrstuvwxyz0123456789") {
			continue
		}
		if m := tableRow.FindStringSubmatch(line); m != nil {
			cells := strings.Split(m[1], "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			line = "- **" + cells[0] + "**"
			if len(cells) > 1 {
				line += ": " + strings.Join(cells[1:], " · ")
			}
		}
		out = append(out, line)
	}
	rt := widget.NewRichTextFromMarkdown(strings.Join(out, "\n"))
	rt.Segments = safeLinks(rt.Segments, anchor)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// ShowNarrative shows n with its sources and links.
func (p *NarrativePanel) ShowNarrative(n *layers.Narrative) {
	p.current, p.feature = n, nil
	p.text = n.Body
	parts := []fyne.CanvasObject{markdownWith(n.Body, p.s.showAnchor)}
	parts = append(parts, p.sourcesBlock(sourceKeys(n.Sources, nil))...)
	parts = append(parts, p.linksBlock(n, nil)...)
	p.set(n.Title, parts...)
}

func sourceKeys(keys []string, refs []layers.SourceRef) []layers.SourceRef {
	out := append([]layers.SourceRef(nil), refs...)
	for _, k := range keys {
		out = append(out, layers.SourceRef{Key: k})
	}
	return out
}

func (p *NarrativePanel) sourcesBlock(refs []layers.SourceRef) []fyne.CanvasObject {
	if len(refs) == 0 {
		return nil
	}
	s := p.s
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n", s.t("layout.sources"))
	seen := map[string]bool{}
	for _, r := range refs {
		var line string
		if r.Key != "" {
			src, ok := s.Cat.Source(r.Key)
			if !ok {
				continue
			}
			line = fmt.Sprintf("- &#91;%s&#93; *%s*, %s, %d", mdEscape(r.Key), mdEscape(src.Title), mdEscape(src.Publisher), src.Year)
		} else {
			// Cited in full by the feature (an import's data): all plain text.
			line = fmt.Sprintf("- *%s*, %s, %d, %s", mdEscape(r.Title), mdEscape(r.Publisher), r.Year, mdEscape(r.URL))
		}
		if r.Section != "" {
			line += " — " + mdEscape(r.Section)
		}
		if !seen[line] {
			seen[line] = true
			b.WriteString(line + "\n")
		}
	}
	return []fyne.CanvasObject{widget.NewSeparator(), markdown(b.String())}
}

// linksBlock lists the features a narrative describes, its related texts and
// its layer's overview, as links that move the map: each once, and never
// the feature or narrative being shown (self, when a feature is shown).
func (p *NarrativePanel) linksBlock(n *layers.Narrative, self *layers.Feature) []fyne.CanvasObject {
	s := p.s
	var out []fyne.CanvasObject
	seen := map[string]bool{"n:" + n.ID: true}
	if self != nil {
		seen["f:"+self.ID] = true
	}
	addFeature := func(f *layers.Feature) {
		if f == nil || seen["f:"+f.ID] {
			return
		}
		seen["f:"+f.ID] = true
		out = append(out, linkRow(theme.NavigateNextIcon(), f.Name(s.lang), func() { s.Show(f) }))
	}
	addNarrative := func(rn *layers.Narrative) {
		if rn == nil || seen["n:"+rn.ID] {
			return
		}
		seen["n:"+rn.ID] = true
		id := rn.ID
		out = append(out, linkRow(theme.DocumentIcon(), rn.Title, func() { s.ShowNarrative(id) }))
	}
	for _, fid := range n.Features {
		addFeature(s.Cat.Feature(fid))
	}
	for _, rid := range n.Related {
		if rn := s.Cat.Narratives.Get(s.lang, rid); rn != nil {
			addNarrative(rn)
		} else {
			addFeature(s.Cat.Feature(rid))
		}
	}
	if l := s.Cat.Layer(n.Layer); l != nil && l.Spec.Narrative != "" {
		addNarrative(s.Cat.Narratives.Get(s.lang, l.Spec.Narrative))
	}
	if len(out) > 0 {
		out = append([]fyne.CanvasObject{widget.NewSeparator(), widget.NewLabelWithStyle(s.t("ui.related"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}, out...)
	}
	return out
}

// linkRow is a link with an icon before it (a feature or a text): the icon
// is drawn by the theme, not a glyph the font may lack.
func linkRow(icon fyne.Resource, text string, fn func()) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewIcon(icon), nil, link(text, fn))
}

// ShowFeature shows what f is and which report says so; nil shows the welcome.
func (p *NarrativePanel) ShowFeature(f *layers.Feature) {
	if f == nil {
		p.showWelcome()
		return
	}
	s := p.s
	p.current, p.feature = nil, f
	if f.Layer.Spec.ID == "regions" {
		p.showRegion(f)
		return
	}
	var meta strings.Builder
	fmt.Fprintf(&meta, "**%s** · %s", mdEscape(f.Layer.Title(s.lang)), mdEscape(categoryTitle(f, s.lang)))
	if f.Period.From != 0 {
		to := s.t("ui.period.open")
		if f.Period.To != 0 {
			to = fmt.Sprint(f.Period.To)
		}
		fmt.Fprintf(&meta, "\n\n%s%s%d–%s · %s%s%s", s.t("ui.period"), s.colon(), f.Period.From, to, s.t("ui.confidence"), s.colon(), s.t("legend."+f.Confidence.String()))
	}
	if f.Approximate {
		meta.WriteString("\n\n*" + s.t("ui.approximate") + "*")
	}
	if km := lineKm(f); km > 0 {
		fmt.Fprintf(&meta, "\n\n%s%s%s km", s.t("ui.length"), s.colon(), formatKm(km))
	}
	parts := []fyne.CanvasObject{markdown(meta.String())}
	n := s.Cat.Narratives.Get(s.lang, f.Narrative)
	text := meta.String()
	if n != nil {
		parts = append(parts, widget.NewSeparator(), widget.NewLabelWithStyle(n.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), markdownWith(n.Body, s.showAnchor))
		text += "\n\n" + n.Body
	}
	parts = append(parts, p.sourcesBlock(f.Sources)...)
	if n != nil {
		parts = append(parts, p.linksBlock(n, f)...)
	}
	p.text = text
	p.set(f.Name(s.lang), parts...)
}

// lineKm is the geodesic length of a line feature in km (0 for others).
func lineKm(f *layers.Feature) float64 {
	switch g := f.Geom.(type) {
	case orb.LineString:
		return geo.LineLength(g) / 1000
	case orb.MultiLineString:
		km := 0.0
		for _, ls := range g {
			km += geo.LineLength(ls) / 1000
		}
		return km
	}
	return 0
}

func categoryTitle(f *layers.Feature, lang string) string {
	if c := f.Layer.Category(f.Category); c != nil {
		return c.Title.In(lang)
	}
	return f.Category
}

// showRegion shows a region's fact sheet: names, capital, area and the overlay
// features that lie in or cross it, computed from the geometry.
func (p *NarrativePanel) showRegion(f *layers.Feature) {
	s := p.s
	fs, err := s.Cat.RegionFactSheet(f.ID)
	if err != nil {
		p.text = err.Error()
		p.set(f.Name(s.lang), widget.NewLabel(err.Error()))
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "- **%s**: %s\n- **%s**: %s\n- **%s**: %s\n- **%s**: %s km²\n- **%s**: %d\n",
		s.t("ui.name.fr"), mdEscape(fs.NameFR), s.t("ui.name.en"), mdEscape(fs.NameEN), s.t("ui.capital"), mdEscape(fs.Capital),
		s.t("ui.area"), view.GroupThousands(int64(fs.AreaKm2+0.5)), s.t("ui.cercles"), len(fs.Cercles))
	parts := []fyne.CanvasObject{markdown(b.String()), widget.NewSeparator(),
		widget.NewLabelWithStyle(s.t("ui.inregion"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	text := b.String()
	if len(fs.Overlay) == 0 {
		parts = append(parts, widget.NewLabel(s.t("ui.none")))
	}
	for _, h := range fs.Overlay {
		hf := h.Feature
		rel := s.t("ui.rel." + h.Relation)
		label := fmt.Sprintf("%s — %s (%s)", hf.Name(s.lang), h.Layer.Title(s.lang), rel)
		text += "\n" + label
		parts = append(parts, link(label, func() { s.Show(hf) }))
	}
	p.text = text
	p.set(f.Name(s.lang), parts...)
}

// link is a wrapped text link that runs fn: long titles wrap instead of
// widening the panel.
func link(text string, fn func()) *widget.Hyperlink {
	h := widget.NewHyperlink(text, nil)
	h.Wrapping = fyne.TextWrapWord
	h.OnTapped = fn
	return h
}

// showAnchor follows an internal link of a narrative ("#id"): a narrative
// or a feature.
func (s *Shell) showAnchor(id string) {
	if s.Cat.Narratives.Get(s.lang, id) != nil {
		s.ShowNarrative(id)
	} else if f := s.Cat.Feature(id); f != nil {
		s.Show(f)
	}
}
