// Package assets holds the files the program ships inside its binary: fonts,
// icons and translations. It has no dependency on Fyne.
package assets

import (
	_ "embed"
	"sync"

	"maliatlas/render"
)

//go:embed fonts/NotoSans-Regular.ttf
var notoRegular []byte

//go:embed fonts/NotoSans-Bold.ttf
var notoBold []byte

//go:embed fonts/NotoSans-Italic.ttf
var notoItalic []byte

// Fonts used on maps and exports: Noto Sans (SIL Open Font License 1.1), which
// covers the accents of French place names (Ménaka, Ségou, Taoudénit).
type Fonts struct {
	Regular, Bold, Italic *render.Font
}

var (
	fontsOnce sync.Once
	fonts     Fonts
)

// MapFonts returns the parsed map fonts; the embedded files are known-good, so
// a parse failure is a build defect and panics.
func MapFonts() Fonts {
	fontsOnce.Do(func() {
		must := func(f *render.Font, err error) *render.Font {
			if err != nil {
				panic(err)
			}
			return f
		}
		fonts = Fonts{
			Regular: must(render.ParseFont("Noto Sans", 400, false, notoRegular)),
			Bold:    must(render.ParseFont("Noto Sans", 700, false, notoBold)),
			Italic:  must(render.ParseFont("Noto Sans", 400, true, notoItalic)),
		}
	})
	return fonts
}
