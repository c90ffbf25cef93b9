package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"maliatlas/render/export"
)

// showAbout shows the credits and the sources.
func (s *Shell) showAbout() {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n**%s**\n\n%s\n\n**%s**\n\n", s.t("ui.about.text"), s.t("layout.data"), s.t("layout.credits"), s.t("layout.sources"))
	for _, src := range s.Cat.Sources {
		fmt.Fprintf(&b, "- [%s] %s\n", src.Key, src.Citation())
	}
	b.WriteString("\n" + s.t("ui.about.font") + "\n")
	rt := markdown(b.String())
	sc := container.NewVScroll(rt)
	sc.SetMinSize(fyne.NewSize(560, 420))
	dialog.ShowCustom(s.t("ui.about"), s.t("ui.close"), sc, s.Window)
}

// showExport saves the current view as PNG, SVG or PDF (by the extension),
// with title, legend, scale bar, north arrow and sources.
func (s *Shell) showExport() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if err := s.ExportView(path, 1600, 1200); err != nil {
			dialog.ShowError(err, s.Window)
			return
		}
		dialog.ShowInformation(s.t("ui.export"), fmt.Sprintf("%s: %s", s.t("ui.exported"), filepath.Base(path)), s.Window)
	}, s.Window)
	d.SetFileName("mali-atlas.png")
	d.Show()
}

// ExportView writes the map as shown (layers, filters, language, the
// area in view) to path at w×h pixels, with the full layout.
func (s *Shell) ExportView(path string, w, h int) error {
	if _, err := export.FormatOf(path); err != nil {
		return err
	}
	o := s.Options()
	o.Highlight = nil
	m := &export.Map{
		Scene: s.Scene, Options: o, BBox: s.Map.View().Bound(), Title: s.t("app.title"),
		Legend: true, ScaleBar: true, North: true, Attribution: true,
	}
	return export.WriteFile(path, m, export.SizePage(w, h))
}

var _ = widget.NewLabel
