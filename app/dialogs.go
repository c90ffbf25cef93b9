package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"maliatlas/gazetteer"
	"maliatlas/project"
	"maliatlas/render/export"
)

// Version is the application's version shown in the About box; main sets it
// from FyneApp.toml (the same text as `maliatlas --version`).
var Version = "dev"

// showAbout shows the version, the credits and the sources.
func (s *Shell) showAbout() {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n\n", s.t("ui.about.version"), Version)
	fmt.Fprintf(&b, "%s\n\n**%s**\n\n%s\n\n%s\n\n**%s**\n\n", s.t("ui.about.text"), s.t("layout.data"), s.t("layout.credits"),
		gazetteer.Credit(s.lang), s.t("layout.sources"))
	for _, src := range s.Cat.Sources {
		fmt.Fprintf(&b, "- &#91;%s&#93; %s\n", mdEscape(src.Key), mdEscape(src.Citation()))
	}
	b.WriteString("\n" + s.t("ui.about.font") + "\n")
	rt := markdown(b.String())
	sc := container.NewVScroll(rt)
	sc.SetMinSize(fyne.NewSize(560, 420))
	dialog.ShowCustom(s.t("ui.about"), s.t("ui.close"), sc, s.Window)
}

// exportSizes are the sizes offered by the export dialog.
var exportSizes = []struct {
	key       string
	paper     string
	landscape bool
	w, h      int
}{
	{key: "ui.size.view"},
	{key: "ui.size.slide", w: 1920, h: 1080},
	{key: "ui.size.a4l", paper: "A4", landscape: true},
	{key: "ui.size.a4p", paper: "A4"},
	{key: "ui.size.a3l", paper: "A3", landscape: true},
	{key: "ui.size.a3p", paper: "A3"},
}

// ExportSettings are the choices of the export dialog.
type ExportSettings struct {
	Size                                   int // index in exportSizes
	DPI                                    float64
	Title, Subtitle                        string
	Legend, ScaleBar, North, Inset, Annots bool
	Sensitive                              bool
	Watermark                              string
	CoarsenKm                              float64
}

// DefaultExportSettings are the dialog's first choices.
func (s *Shell) DefaultExportSettings() ExportSettings {
	return ExportSettings{DPI: 150, Title: s.t("app.title"), Subtitle: time.Now().Format("2006-01-02"),
		Legend: true, ScaleBar: true, North: true, Inset: true, Annots: true}
}

// ExportMap is the map and page an export with st makes of the current state.
func (s *Shell) ExportMap(st ExportSettings) (*export.Map, export.Page, error) {
	sz := exportSizes[st.Size]
	var pg export.Page
	var err error
	v := s.Map.View()
	switch {
	case sz.paper != "":
		pg, err = export.PaperPage(sz.paper, sz.landscape, st.DPI)
	case sz.w > 0:
		pg = export.SizePage(sz.w, sz.h)
	}
	if err != nil {
		return nil, pg, err
	}
	o := s.Options()
	o.Highlight = nil
	m := &export.Map{
		Scene: s.Scene, Options: o, BBox: v.Bound(), Title: st.Title, Subtitle: st.Subtitle,
		Legend: st.Legend, ScaleBar: st.ScaleBar, North: st.North, Inset: st.Inset, Attribution: true,
		Sensitive: st.Sensitive, Watermark: st.Watermark, CoarsenKm: st.CoarsenKm,
		Period: s.vs.Period,
	}
	if st.Annots {
		// A copy: the export is drawn on another goroutine while the user
		// may go on editing.
		m.Annotations = project.CloneAnnotations(s.visibleAnnotations())
	}
	s.exerciseExport(m) // exercise.go: a scenario's export carries the band
	if sz.paper == "" && sz.w == 0 {
		// The view as shown: the map keeps the window's size and scale, the
		// page grows around it for the bands and the legend.
		pg = m.FitToView(max(v.Width, 320), max(v.Height, 240))
	}
	return m, pg, nil
}

// ExportView writes the map as shown (layers, filters, period, language,
// annotations, the area in view) to path at w×h pixels with the full layout.
func (s *Shell) ExportView(path string, w, h int) error {
	st := s.DefaultExportSettings()
	m, _, err := s.ExportMap(st)
	if err != nil {
		return err
	}
	return export.WriteFile(path, m, export.SizePage(w, h))
}

// showExport is the export dialog: size, layout elements, the sensitive
// option, a preview, then a file to save to, with progress and Cancel.
func (s *Shell) showExport() {
	st := s.DefaultExportSettings()
	var names []string
	for _, z := range exportSizes {
		names = append(names, s.t(z.key))
	}
	size := widget.NewSelect(names, nil)
	size.SetSelectedIndex(0)
	dpi := widget.NewSelect([]string{"150 dpi", "300 dpi"}, nil)
	dpi.SetSelectedIndex(0)
	title := widget.NewEntry()
	title.SetText(st.Title)
	subtitle := widget.NewEntry()
	subtitle.SetText(st.Subtitle)
	check := func(key string, on bool) *widget.Check {
		c := widget.NewCheck(s.t(key), nil)
		c.Checked = on
		return c
	}
	legend, scale, north, inset, annots := check("ui.el.legend", true), check("ui.el.scale", true), check("ui.el.north", true), check("ui.el.inset", true), check("ui.el.annotations", true)
	attrib := check("ui.el.attribution", true)
	attrib.Disable() // the data credits are on every export
	sensitive := check("ui.el.sensitive", false)
	watermark := widget.NewEntry()
	watermark.SetPlaceHolder(s.t("ui.el.watermark"))
	coarsen := widget.NewEntry()
	coarsen.SetText("10")
	preview := canvas.NewImageFromImage(nil)
	preview.FillMode = canvas.ImageFillContain
	preview.SetMinSize(fyne.NewSize(420, 300))
	read := func() ExportSettings {
		st.Size = size.SelectedIndex()
		st.DPI = 150
		if dpi.SelectedIndex() == 1 {
			st.DPI = 300
		}
		st.Title, st.Subtitle = title.Text, subtitle.Text
		st.Legend, st.ScaleBar, st.North, st.Inset, st.Annots = legend.Checked, scale.Checked, north.Checked, inset.Checked, annots.Checked
		st.Sensitive = sensitive.Checked
		st.Watermark = watermark.Text
		st.CoarsenKm, _ = strconv.ParseFloat(coarsen.Text, 64)
		return st
	}
	refresh := func() {
		m, pg, err := s.ExportMap(read())
		if err != nil {
			return
		}
		// The preview is the page drawn small: the same layout at a lower dpi.
		k := 420.0 / float64(pg.W)
		small := pg
		small.W, small.H = int(float64(pg.W)*k), int(float64(pg.H)*k)
		small.Scale *= k
		small.DPI *= k
		go func() {
			img := export.Raster(m, small)
			fyne.Do(func() { preview.Image = img; preview.Refresh() })
		}()
	}
	for _, c := range []*widget.Check{legend, scale, north, inset, annots, sensitive} {
		c.OnChanged = func(bool) { refresh() }
	}
	size.OnChanged = func(string) { refresh() }
	form := widget.NewForm(
		widget.NewFormItem(s.t("ui.el.size"), container.NewHBox(size, dpi)),
		widget.NewFormItem(s.t("ui.el.title"), title),
		widget.NewFormItem(s.t("ui.el.subtitle"), subtitle),
		widget.NewFormItem("", container.NewGridWithColumns(3, legend, scale, north, inset, annots, attrib)),
		widget.NewFormItem("", sensitive),
		widget.NewFormItem(s.t("ui.el.watermark"), watermark),
		widget.NewFormItem(s.t("ui.el.coarsen"), coarsen),
	)
	content := container.NewBorder(nil, nil, nil, preview, form)
	refresh()
	d := dialog.NewCustomConfirm(s.t("ui.export"), s.t("ui.export.save"), s.t("ui.close"), content, func(ok bool) {
		if ok {
			s.chooseExportFile(read())
		}
	}, s.Window)
	d.Show()
}

// chooseExportFile asks where to save, then writes with a progress bar and
// a Cancel button; the format follows the file's extension.
func (s *Shell) chooseExportFile(st ExportSettings) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		s.exportChosen(w, err, st)
	}, s.Window)
	d.SetFileName("mali-atlas.pdf")
	d.Show()
}

// exportChosen is the export dialog's answer: it writes through the path,
// never through w (see pathRepository), atomically: the old file stays as
// it was until the new one is complete, and a cancelled or failed export
// leaves it untouched.
func (s *Shell) exportChosen(w fyne.URIWriteCloser, err error, st ExportSettings) {
	if err != nil {
		dialog.ShowError(err, s.Window)
		return
	}
	if w == nil {
		return
	}
	path := w.URI().Path()
	_ = w.Close() // nothing was written: closing writes nothing
	m, pg, err := s.ExportMap(st)
	if err != nil {
		dialog.ShowError(err, s.Window)
		return
	}
	newCtx := s.exportContext
	if newCtx == nil {
		newCtx = func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) }
	}
	ctx, cancel := newCtx()
	bar := widget.NewProgressBar()
	prog := dialog.NewCustom(s.t("ui.export"), s.t("ui.cancel"), bar, s.Window)
	prog.SetOnClosed(cancel)
	prog.Show()
	s.exporting.Add(1)
	go func() {
		defer s.exporting.Done()
		err := export.WriteFileContext(ctx, path, m, pg, func(done, total int) {
			fyne.Do(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
		})
		fyne.Do(func() {
			prog.Hide()
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil:
				dialog.ShowError(err, s.Window)
			default:
				dialog.ShowInformation(s.t("ui.export"), s.exportedMessage(path), s.Window)
			}
		})
	}()
}

// exportedMessage says what was written and where: the file's name, then
// its folder on a line of its own (long paths stay readable).
func (s *Shell) exportedMessage(path string) string {
	dir := filepath.Dir(path)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return fmt.Sprintf("%s%s%s\n%s", s.t("ui.exported"), s.colon(), filepath.Base(path), dir)
}
