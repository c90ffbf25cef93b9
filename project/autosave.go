package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"maliatlas/geo"
)

// RecoveryName is the file name of the recovery copy in the autosave folder.
const RecoveryName = "recovery" + Ext

// RecoveryPath is the recovery file in dir.
func RecoveryPath(dir string) string { return filepath.Join(dir, RecoveryName) }

// Autosaver keeps a recovery copy of the project, so that a crash loses at
// most one interval of work. The caller takes snapshots where the project
// lives (the UI goroutine) and hands them over with Submit; the autosaver
// encodes and writes them on its own goroutine. It writes only when the
// project changed since the last write, never a project equal to the one
// last marked clean by Clear (a project saved by the user needs no
// recovery), and it never re-encodes the imports' data to find out.
type Autosaver struct {
	dir string
	// OnError is told of each failed background write (from the
	// autosaver's goroutine); set it before Start.
	OnError func(error)

	mu    sync.Mutex // guards the fields below and serialises writes
	last  *encoded   // what the recovery file holds (nil: none written)
	clean *encoded   // the project as last saved by the user
	err   error      // the last background write's error

	// The snapshot Save last wrote and its encoding, for Clear of that
	// snapshot (not encoded twice).
	saved   *Project
	savedAs *encoded

	next chan *Project // the newest snapshot not yet written
	stop chan struct{}
	done chan struct{}
}

// NewAutosaver returns an autosaver writing RecoveryPath(dir).
func NewAutosaver(dir string) *Autosaver {
	return &Autosaver{dir: dir}
}

// Start begins writing submitted snapshots in the background. Calling
// Start on a started autosaver does nothing.
func (a *Autosaver) Start() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.stop != nil {
		return
	}
	a.next = make(chan *Project, 1)
	a.stop, a.done = make(chan struct{}), make(chan struct{})
	go a.loop(a.next, a.stop, a.done)
}

func (a *Autosaver) loop(next chan *Project, stop, done chan struct{}) {
	defer close(done)
	for {
		select {
		case <-stop:
			return
		case p := <-next:
			err := a.SaveNow(p)
			if err != nil && a.OnError != nil {
				a.OnError(err)
			}
			// Err reports it once OnError has run (a caller that waits
			// for Err sees what OnError did).
			a.mu.Lock()
			a.err = err
			a.mu.Unlock()
		}
	}
}

// Submit hands a snapshot (a copy the caller no longer changes, see
// Project.Clone) to the background writer and returns at once; a snapshot
// not yet written is replaced by the newer one. Without Start it does
// nothing.
func (a *Autosaver) Submit(p *Project) {
	a.mu.Lock()
	next := a.next
	a.mu.Unlock()
	if next == nil || p == nil {
		return
	}
	for {
		select {
		case next <- p:
			return
		default:
		}
		select {
		case <-next: // drop the older one
		default:
		}
	}
}

// Stop ends the background writes (waiting for one in progress) and then
// writes final, when not nil, at once. It returns that write's error.
func (a *Autosaver) Stop(final *Project) error {
	a.mu.Lock()
	stop, done := a.stop, a.done
	a.stop, a.done, a.next = nil, nil, nil
	a.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
	if final == nil {
		return nil
	}
	return a.SaveNow(final)
}

// Err returns the error of the last background write, or nil.
func (a *Autosaver) Err() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// SaveNow writes p to the recovery file at once if it differs from the
// last write and from the clean (saved) state.
func (a *Autosaver) SaveNow(p *Project) error {
	if p == nil {
		return nil
	}
	cp := *p
	e, err := encode(&cp)
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if e.sameAs(a.last) {
		return nil
	}
	if e.sameAs(a.clean) {
		// Back to the saved state: no recovery is needed.
		a.last = nil
		return removeIfExists(RecoveryPath(a.dir))
	}
	if err := os.MkdirAll(a.dir, 0o755); err != nil {
		return err
	}
	if err := geo.WriteAtomic(RecoveryPath(a.dir), e.writeTo); err != nil {
		return err
	}
	a.last = e
	return nil
}

// Clear removes the recovery file and marks saved as the clean state (nil:
// none): later writes happen only once the project differs from it. Call it
// after a normal save, or when the user chose not to keep the work.
func (a *Autosaver) Clear(saved *Project) error {
	a.mu.Lock()
	clean := a.savedAs
	if saved == nil || saved != a.saved {
		clean = nil
	}
	a.saved, a.savedAs = nil, nil
	a.mu.Unlock()
	if clean == nil && saved != nil {
		cp := *saved
		clean, _ = encode(&cp)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.clean, a.last = clean, nil
	return removeIfExists(RecoveryPath(a.dir))
}

// Save writes p to path as the package's Save does and keeps its encoding
// for a Clear of the same snapshot p that follows (a save queue's write: see
// SaveQueue.SetAutosaver), so a saved project is encoded once.
func (a *Autosaver) Save(path string, p *Project) error {
	e, err := encode(p)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := geo.WriteAtomic(path, e.writeTo); err != nil {
		return err
	}
	a.mu.Lock()
	a.saved, a.savedAs = p, e
	a.mu.Unlock()
	return nil
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

// DiscardRecovery removes the recovery file in dir (the user chose not to
// restore it).
func DiscardRecovery(dir string) error { return removeIfExists(RecoveryPath(dir)) }
