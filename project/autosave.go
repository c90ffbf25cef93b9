package project

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"maliatlas/geo"
)

// RecoveryName is the file name of the recovery copy in the autosave folder.
const RecoveryName = "recovery" + Ext

// RecoveryPath is the recovery file in dir.
func RecoveryPath(dir string) string { return filepath.Join(dir, RecoveryName) }

// Autosaver writes the project to a recovery file every so often, so that a
// crash loses at most one interval of work. It writes only when the project
// changed since the last write, and never a project equal to the one last
// marked clean by Clear (a project saved by the user needs no recovery).
//
// snapshot is called from the autosaver's goroutine: it must return a copy
// (or a value the caller no longer changes), safe to read concurrently; it
// may return nil when there is nothing to keep.
type Autosaver struct {
	dir      string
	every    time.Duration
	snapshot func() *Project

	mu    sync.Mutex // guards last, clean and serialises writes
	last  []byte     // bytes last written to the recovery file
	clean []byte     // the project as last saved by the user
	err   error      // the last write error, for Err

	stop chan struct{}
	done chan struct{}
}

// NewAutosaver returns an autosaver writing RecoveryPath(dir) every interval
// with what snapshot returns. Call Start to begin.
func NewAutosaver(dir string, every time.Duration, snapshot func() *Project) *Autosaver {
	return &Autosaver{dir: dir, every: every, snapshot: snapshot}
}

// Start begins writing every interval in the background. Calling Start on a
// started autosaver does nothing.
func (a *Autosaver) Start() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.stop != nil || a.every <= 0 {
		return
	}
	a.stop, a.done = make(chan struct{}), make(chan struct{})
	go a.loop(a.stop, a.done)
}

func (a *Autosaver) loop(stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(a.every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if err := a.SaveNow(); err != nil {
				a.mu.Lock()
				a.err = err
				a.mu.Unlock()
			}
		}
	}
}

// Stop ends the background writes and writes one last time (if the project
// changed). It returns that write's error.
func (a *Autosaver) Stop() error {
	a.mu.Lock()
	stop, done := a.stop, a.done
	a.stop, a.done = nil, nil
	a.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
	return a.SaveNow()
}

// Err returns the error of the last background write that failed, or nil.
func (a *Autosaver) Err() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// SaveNow writes the recovery file at once if the project changed since the
// last write and differs from the clean (saved) state.
func (a *Autosaver) SaveNow() error {
	p := a.snapshot()
	if p == nil {
		return nil
	}
	cp := *p
	data, err := Encode(&cp)
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if bytes.Equal(data, a.last) {
		return nil
	}
	if a.clean != nil && bytes.Equal(data, a.clean) {
		// Back to the saved state: no recovery is needed.
		a.last = nil
		return removeIfExists(RecoveryPath(a.dir))
	}
	if err := os.MkdirAll(a.dir, 0o755); err != nil {
		return err
	}
	if err := geo.WriteFileAtomic(RecoveryPath(a.dir), data); err != nil {
		return err
	}
	a.last = data
	return nil
}

// Clear removes the recovery file and marks the current project as clean
// (saved by the user): later writes happen only once it changes again. Call
// it after a normal save, or at a normal exit with nothing unsaved.
func (a *Autosaver) Clear() error {
	var clean []byte
	if p := a.snapshot(); p != nil {
		cp := *p
		clean, _ = Encode(&cp)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.clean, a.last = clean, nil
	return removeIfExists(RecoveryPath(a.dir))
}

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Recover reads the recovery file in dir, if there is one. found reports
// whether a recovery file exists; err is set when it exists but cannot be
// read (p is then nil: the app should say so and may delete it).
func Recover(dir string) (p *Project, found bool, err error) {
	path := RecoveryPath(dir)
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		}
		return nil, true, err
	}
	p, err = Load(path)
	return p, true, err
}
