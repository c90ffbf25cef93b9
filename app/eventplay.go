package app

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"maliatlas/cli"
	"maliatlas/events"
	"maliatlas/layers"
)

// eventYears is the first and last year of a layer's events.
func eventYears(t *events.Table) (int, int) {
	if t.Len() == 0 {
		return 0, 0
	}
	lo, hi := t.DayFrom[0], t.DayTo[0]
	for i := range t.Len() {
		lo, hi = min(lo, t.DayFrom[i]), max(hi, t.DayTo[i])
	}
	return events.DayTime(lo).Year(), events.DayTime(hi).Year()
}

// PlayInterval is how long each year stays on the map while playing.
var PlayInterval = 1500 * time.Millisecond

// playEvents moves the period control through the years of the layer's
// events, one every PlayInterval, then back to the period it had; a second
// call stops it.
func (s *Shell) playEvents(e *eventLayer, btn *widget.Button) {
	if e.stopPlay != nil {
		e.stopPlay()
		return
	}
	y0, y1 := eventYears(e.layer.Table)
	if y0 == 0 {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.stopPlay = cancel
	before := s.vs.Period
	btn.SetText(s.tr("Stop", "Arrêter"))
	go func() {
		defer fyne.Do(func() {
			e.stopPlay = nil
			s.SetPeriod(before)
		})
		for y := y0; y <= y1; y++ {
			fyne.Do(func() { s.SetPeriod(layers.Period{From: y, To: y}) })
			select {
			case <-ctx.Done():
				return
			case <-time.After(PlayInterval):
			}
		}
	}()
}

// exportEventFrames writes one map per year of the layer's events, as it
// is shown now, to a folder: frame-001.png … and animation.gif.
func (s *Shell) exportEventFrames(e *eventLayer) {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		dir := u.Path()
		y0, y1 := eventYears(e.layer.Table)
		st := s.DefaultExportSettings()
		st.Inset = false
		m, pg, err := s.ExportMap(st)
		if err != nil {
			dialog.ShowError(err, s.Window)
			return
		}
		m.Title = e.src.Title
		if e.layer.Table.Synthetic {
			m.Title += s.tr(" (SYNTHETIC test data)", " (données SYNTHÉTIQUES de test)")
		}
		m.Period = layers.Period{}
		base := s.snapshotOf(e)
		base.Filter.From, base.Filter.To = 0, 0
		m.Options.Events = nil
		for _, ev := range s.eventSnapshots() {
			if ev.ID != e.src.ID {
				m.Options.Events = append(m.Options.Events, ev)
			}
		}
		periods := cli.FramePeriods(events.DayOf(y0, 1, 1), events.DayOf(y1, 12, 31), "year")
		ctx, cancel := context.WithCancel(context.Background())
		bar := widget.NewProgressBar()
		d := dialog.NewCustom(s.tr("Writing frames", "Écriture des images"), s.tr("Cancel", "Annuler"), bar, s.Window)
		d.SetOnClosed(cancel)
		d.Show()
		go func() {
			n, err := cli.WriteFrames(ctx, m, pg, base, periods, "year", dir, filepath.Join(dir, "animation.gif"),
				func(done, total int) { fyne.Do(func() { bar.SetValue(float64(done) / float64(total)) }) })
			fyne.Do(func() {
				d.Hide()
				switch {
				case ctx.Err() != nil:
				case err != nil:
					dialog.ShowError(err, s.Window)
				default:
					dialog.ShowInformation(s.tr("Frames written", "Images écrites"),
						fmt.Sprintf(s.tr("%d frames and animation.gif in %s", "%d images et animation.gif dans %s"), n, dir), s.Window)
				}
			})
		}()
	}, s.Window)
}
