package app

import (
	"fyne.io/fyne/v2"
)

// Tooltip geometry, in logical pixels.
const (
	tipPadX, tipPadY = 6, 3   // text inside the bar
	tipGapX, tipGapY = 14, 12 // bar from the pointer
	tipMargin        = 4      // bar from the map's edges
)

// placeTipBox fits a tooltip of text beside the pointer at within a map of
// size area: right of and below the pointer, else left or above, never past
// an edge; a text too long for the map is shortened with an ellipsis so the
// bar always shows its text. measure gives a text's size.
func placeTipBox(text string, at fyne.Position, area fyne.Size, measure func(string) fyne.Size) (shown string, pos fyne.Position, box fyne.Size) {
	maxW := area.Width - 2*tipMargin - 2*tipPadX
	shown = text
	if measure(shown).Width > maxW {
		r := []rune(text)
		lo, hi := 0, len(r)
		for lo < hi { // the longest prefix that fits with "…"
			mid := (lo + hi + 1) / 2
			if measure(string(r[:mid])+"…").Width <= maxW {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		shown = string(r[:lo]) + "…"
	}
	sz := measure(shown)
	box = fyne.NewSize(sz.Width+2*tipPadX, sz.Height+2*tipPadY)
	pos = at.Add(fyne.NewPos(tipGapX, tipGapY))
	if pos.X+box.Width+tipMargin > area.Width {
		pos.X = at.X - box.Width - tipGapX
	}
	if pos.Y+box.Height+tipMargin > area.Height {
		pos.Y = at.Y - box.Height - tipGapY
	}
	pos.X = max(tipMargin, min(pos.X, area.Width-box.Width-tipMargin))
	pos.Y = max(tipMargin, min(pos.Y, area.Height-box.Height-tipMargin))
	return shown, pos, box
}
