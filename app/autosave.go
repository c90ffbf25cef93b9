package app

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"maliatlas/geo"
	"maliatlas/project"
)

// AutosaveEvery is how often the recovery copy is brought up to date.
const AutosaveEvery = 30 * time.Second

// StartAutosave keeps a recovery copy in dir (every AutosaveEvery, written
// off the UI goroutine) and, first, offers to restore one a crash left. The
// recovery copy is kept until the user answers: nothing is written over it
// before, and closing the window meanwhile leaves it for the next start.
// It also removes the temporary files a crash mid-save left beside the
// recovery copy and the recent projects.
func (s *Shell) StartAutosave(dir string) {
	s.autosaveDir = dir
	s.autosaver = project.NewAutosaver(dir)
	s.autosaver.OnError = func(err error) { fyne.Do(func() { s.showAutosaveError(err) }) }
	s.saves.SetAutosaver(s.autosaver)
	s.cleanCrashTemps()
	s.Window.SetCloseIntercept(s.RequestClose)
	s.watchSessionEnd()

	p, found, err := project.Recover(dir)
	switch {
	case found && err != nil:
		// Unreadable: put it aside (not lost), say so, go on.
		aside := filepath.Join(dir, fmt.Sprintf("recovery-unreadable-%s%s", time.Now().Format("20060102-150405"), project.Ext))
		_ = os.Rename(project.RecoveryPath(dir), aside)
		dialog.ShowError(fmt.Errorf("%s: %w", s.t("ui.recover.bad"), err), s.Window)
	case found:
		s.recoveryPending = true
		d := dialog.NewConfirm(s.t("ui.recover.title"), s.t("ui.recover.ask"), func(ok bool) {
			s.answerRecovery(ok, p)
		}, s.Window)
		d.SetConfirmText(s.t("ui.recover.restore"))
		d.SetDismissText(s.t("ui.recover.discard"))
		s.recoveryDialog = d
		d.Show()
		return // autosave starts once answered
	}
	s.startAutosaving()
}

// answerRecovery restores p (ok) or discards the recovery copy, then starts
// autosaving.
func (s *Shell) answerRecovery(ok bool, p *project.Project) {
	if !s.recoveryPending {
		return
	}
	s.recoveryPending = false
	if ok {
		s.LoadProject(p)
		s.path = ""
		s.dirty = false
		s.markDirty()
		s.reportBadImports(p)
	} else if err := project.DiscardRecovery(s.autosaveDir); err != nil {
		s.showAutosaveError(err)
	}
	s.startAutosaving()
}

func (s *Shell) startAutosaving() {
	if !s.dirty {
		_ = s.autosaver.Clear(s.Project())
	}
	s.autosaver.Start()
	if s.autosaveStop != nil || s.autosaveEvery <= 0 {
		return
	}
	stop := make(chan struct{})
	s.autosaveStop = stop
	every := s.autosaveEvery
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(s.autosaveTick)
			}
		}
	}()
}

// autosaveTick runs on the UI goroutine: it takes a snapshot of unsaved
// work and hands it to the autosaver, which writes it (if it changed) on
// its own goroutine.
func (s *Shell) autosaveTick() {
	if s.autosaver == nil || s.recoveryPending || !s.dirty {
		return
	}
	s.autosaver.Submit(s.Project())
}

// showAutosaveError tells the user that the recovery copy could not be
// written, once per distinct problem.
func (s *Shell) showAutosaveError(err error) {
	msg := err.Error()
	if msg == s.autosaveErrShown {
		return
	}
	s.autosaveErrShown = msg
	dialog.ShowError(fmt.Errorf("%s: %w", s.t("ui.autosave.failed"), err), s.Window)
}

// cleanCrashTemps removes the temporary files a crash mid-write left (our
// own names only, older than geo.StaleTemp) in the autosave folder and the
// recent projects' folders; any other folder is cleaned by the next save or
// export into it (geo.WriteAtomic).
func (s *Shell) cleanCrashTemps() {
	dirs := []string{s.autosaveDir}
	for _, p := range s.App.Preferences().StringList(PrefRecent) {
		if d := filepath.Dir(p); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	for _, d := range dirs {
		_, _ = geo.CleanStaleTemps(d, geo.StaleTemp)
	}
}

// RequestClose is the window's close button and File › Quit: it asks about
// unsaved changes (Save / Don't save / Cancel), then closes. A recovery
// copy still waiting for its question is left for the next start.
func (s *Shell) RequestClose() {
	if s.recoveryPending {
		s.shutdown(true)
		return
	}
	s.confirmDiscard(func() { s.shutdown(false) })
}

// shutdown stops autosaving and closes the window. With keep, unsaved work
// is written to the recovery copy first, on this (the UI) goroutine (the
// session ends without the question: the next start offers it back);
// without, the user saved or chose not to: no recovery copy remains, so the
// next start does not say the atlas did not close normally.
func (s *Shell) shutdown(keep bool) {
	if s.saving > 0 {
		// A save is being written: close once it is (or has failed, and
		// was shown), so that the process does not end mid-save.
		s.afterSaves = func() { s.shutdown(keep) }
		return
	}
	if s.autosaveStop != nil {
		close(s.autosaveStop)
		s.autosaveStop = nil
	}
	if s.autosaver != nil {
		switch {
		case s.recoveryPending:
			_ = s.autosaver.Stop(nil) // the old recovery copy stays as it is
		case keep && s.dirty:
			if err := s.autosaver.Stop(s.Project()); err != nil {
				fmt.Fprintln(os.Stderr, "maliatlas: recovery copy not written:", err)
			}
		default:
			_ = s.autosaver.Stop(nil)
			_ = project.DiscardRecovery(s.autosaveDir)
		}
	}
	s.closed = true
	s.Window.Close()
}

// watchSessionEnd writes the last recovery copy when the system ends the
// session (SIGTERM, SIGHUP: a logout or shutdown, where no question can be
// asked), then quits; the next start offers the work back.
func (s *Shell) watchSessionEnd() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		<-sig
		signal.Stop(sig)
		fyne.Do(func() {
			if s.saving > 0 { // quit once the save is written
				s.afterSaves = func() { s.shutdown(true); s.App.Quit() }
				return
			}
			if !s.closed {
				s.shutdown(true)
			}
			s.App.Quit()
		})
	}()
}
