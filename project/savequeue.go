package project

import "sync"

// SaveQueue writes projects on its own goroutine, one after another in the
// order they were asked for: a save asked while one runs waits for it, so
// two saves never interleave and the file ends with the newer snapshot.
// (A save and an autosave of the same file never overlap either: see
// geo.WriteAtomic.) The zero value is ready to use.
type SaveQueue struct {
	mu      sync.Mutex
	jobs    []saveJob
	running bool           // the queue's goroutine is alive
	asked   int            // saves asked and not yet reported (under mu)
	pending sync.WaitGroup // the same count, to wait on

	// Write writes one snapshot; nil is the autosaver's Save (see
	// SetAutosaver), else Save. Tests hold it to see what the window does
	// while a save is written. Set it before the first Save.
	Write func(path string, p *Project) error

	autosaver *Autosaver
}

// SetAutosaver makes the queue write with a's Save (when Write is nil), so
// that a's Clear of a snapshot just saved need not encode it again.
func (q *SaveQueue) SetAutosaver(a *Autosaver) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.autosaver = a
}

type saveJob struct {
	path string
	p    *Project
	done func(error)
}

// Save queues p (a snapshot the caller no longer changes, see Clone) to be
// written to path, and returns at once. done, when not nil, is called with
// the result on the queue's goroutine (a window hands it to its own
// goroutine with fyne.Do).
func (q *SaveQueue) Save(path string, p *Project, done func(error)) {
	q.pending.Add(1)
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs = append(q.jobs, saveJob{path, p, done})
	q.asked++
	if !q.running {
		q.running = true
		go q.run()
	}
}

func (q *SaveQueue) run() {
	for {
		q.mu.Lock()
		if len(q.jobs) == 0 {
			q.running = false
			q.mu.Unlock()
			return
		}
		j := q.jobs[0]
		q.jobs[0] = saveJob{}
		q.jobs = q.jobs[1:]
		write := q.Write
		if write == nil && q.autosaver != nil {
			write = q.autosaver.Save
		}
		q.mu.Unlock()
		if write == nil {
			write = Save
		}
		err := write(j.path, j.p)
		if j.done != nil {
			j.done(err)
		}
		// Not busy before Wait returns: the count drops under the lock
		// before the WaitGroup lets a waiter go.
		q.mu.Lock()
		q.asked--
		q.mu.Unlock()
		q.pending.Done()
	}
}

// Busy reports whether a save is being written or waits its turn.
func (q *SaveQueue) Busy() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.asked > 0
}

// Wait returns once every save asked so far is written and reported.
func (q *SaveQueue) Wait() { q.pending.Wait() }
