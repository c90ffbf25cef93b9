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
	lo, hi := t.DaySpan()
	return events.DayTime(lo).Year(), events.DayTime(hi).Year()
}

// PlayInterval is how long each year stays on the map while playing.
var PlayInterval = 1500 * time.Millisecond

// playStep is the layer's step of play and frames: "year" or "month".
func (e *eventLayer) step() string {
	if e.playStep == "month" {
		return "month"
	}
	return "year"
}

// playPeriods are the years or months (e.step) the layer's events span.
func playPeriods(e *eventLayer) [][2]events.Day {
	y0, y1 := eventYears(e.layer.Table)
	if y0 == 0 {
		return nil
	}
	return cli.FramePeriods(events.DayOf(y0, 1, 1), events.DayOf(y1, 12, 31), e.step())
}

// playEvents moves the map through the years or the months (the layer's
// step) of its events, one every PlayInterval, then back to the period it
// had; a second call stops it. A year is set on the period control; a
// month limits the layer's events to it, the control showing its year.
func (s *Shell) playEvents(e *eventLayer, btn *widget.Button) {
	if e.stopPlay != nil {
		e.stopPlay()
		return
	}
	periods := playPeriods(e)
	if len(periods) == 0 {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.stopPlay = cancel
	before := s.vs.Period
	month := e.step() == "month"
	btn.SetText(s.playLabel(e))
	go func() {
		defer fyne.Do(func() {
			e.stopPlay = nil
			e.playing = [2]events.Day{}
			s.SetPeriod(before)
		})
		for _, p := range periods {
			fyne.Do(func() { s.showPlayed(e, p, month) })
			select {
			case <-ctx.Done():
				return
			case <-time.After(PlayInterval):
			}
		}
	}()
}

// showPlayed shows the period p of a play: a year on the period control, or
// a month of the layer's events.
func (s *Shell) showPlayed(e *eventLayer, p [2]events.Day, month bool) {
	y := events.DayTime(p[0]).Year()
	if month {
		e.playing = p
		if e.playBtn != nil {
			e.playBtn.SetText(s.playLabel(e))
		}
	}
	if s.vs.Period == (layers.Period{From: y, To: y}) {
		s.apply()
		return
	}
	s.SetPeriod(layers.Period{From: y, To: y})
}

// playLabel is the Play button's text while playing: Stop, and the month
// shown when playing months.
func (s *Shell) playLabel(e *eventLayer) string {
	if e.playing[0] != 0 {
		return s.t("events.play.stop") + " · " + events.DayTime(e.playing[0]).Format("2006-01")
	}
	return s.t("events.play.stop")
}

// Playing is the days of the month being played on layer id, if any.
func (s *Shell) Playing(id string) (from, to events.Day, ok bool) {
	if e := s.eventByID(id); e != nil && e.playing[0] != 0 {
		return e.playing[0], e.playing[1], true
	}
	return 0, 0, false
}

// exportEventFrames writes one map per year of the layer's events, as it
// is shown now, to a folder: frame-001.png … and animation.gif.
func (s *Shell) exportEventFrames(e *eventLayer) {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		dir := u.Path()
		st := s.DefaultExportSettings()
		st.Inset = false
		m, pg, err := s.ExportMap(st)
		if err != nil {
			dialog.ShowError(err, s.Window)
			return
		}
		m.Title = e.src.Title
		if e.layer.Table.Synthetic {
			m.Title += s.t("events.synthetic.title")
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
		periods := playPeriods(e)
		ctx, cancel := context.WithCancel(context.Background())
		bar := widget.NewProgressBar()
		d := dialog.NewCustom(s.t("events.frames.writing"), s.t("events.cancel"), bar, s.Window)
		d.SetOnClosed(cancel)
		d.Show()
		go func() {
			n, err := cli.WriteFrames(ctx, m, pg, base, periods, e.step(), dir, filepath.Join(dir, "animation.gif"),
				func(done, total int) { fyne.Do(func() { bar.SetValue(float64(done) / float64(total)) }) })
			fyne.Do(func() {
				d.Hide()
				switch {
				case ctx.Err() != nil:
				case err != nil:
					dialog.ShowError(err, s.Window)
				default:
					dialog.ShowInformation(s.t("events.frames.written"),
						fmt.Sprintf(s.t("events.frames.done"), n, dir), s.Window)
				}
			})
		}()
	}, s.Window)
}
