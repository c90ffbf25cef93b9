package project

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// live is a project being edited, shared with the autosaver's goroutine.
type live struct {
	mu sync.Mutex
	p  *Project
}

func (l *live) snapshot() *Project {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.p == nil {
		return nil
	}
	cp := *l.p
	cp.Annotations = append([]Annotation(nil), l.p.Annotations...)
	return &cp
}

func (l *live) edit(f func(p *Project)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f(l.p)
}

func TestAutosaveWritesAndRecoverReadsBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "autosave")
	l := &live{p: sample()}
	a := NewAutosaver(dir, time.Hour, l.snapshot)

	p, found, err := Recover(dir)
	assert.Nil(t, p)
	assert.False(t, found)
	assert.NoError(t, err)

	require.NoError(t, a.SaveNow())
	p, found, err = Recover(dir)
	require.NoError(t, err)
	require.True(t, found)
	assert.Equal(t, l.snapshot(), p)

	// After a normal save, Clear removes it, and an unchanged project is not
	// written again, even by the last write of Stop.
	require.NoError(t, a.Clear())
	_, found, _ = Recover(dir)
	assert.False(t, found)
	require.NoError(t, a.SaveNow())
	require.NoError(t, a.Stop())
	_, found, _ = Recover(dir)
	assert.False(t, found, "a saved project needs no recovery")

	// A change is written again; Stop writes the last one.
	l.edit(func(p *Project) { p.Title = "changed" })
	require.NoError(t, a.SaveNow())
	l.edit(func(p *Project) { p.Title = "changed twice" })
	require.NoError(t, a.Stop())
	p, found, err = Recover(dir)
	require.NoError(t, err)
	require.True(t, found)
	assert.Equal(t, "changed twice", p.Title)

	// Back to the saved state: the recovery file goes.
	l.edit(func(p *Project) { p.Title = sample().Title })
	require.NoError(t, a.SaveNow())
	_, found, _ = Recover(dir)
	assert.False(t, found)
}

func TestAutosaveTicker(t *testing.T) {
	dir := t.TempDir()
	l := &live{p: sample()}
	a := NewAutosaver(dir, 5*time.Millisecond, l.snapshot)
	a.Start()
	a.Start() // a second Start does nothing
	defer a.Stop()
	l.edit(func(p *Project) { p.Title = "ticked" })
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, found, err := Recover(dir)
		if found && err == nil && p.Title == "ticked" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no recovery file written by the ticker within 10 s (found %v, err %v)", found, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	assert.NoError(t, a.Err())
}

func TestRecoverCorruptFile(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(RecoveryPath(dir), []byte(`{"schema": "maliatlas-project", "version": 1, "lang": `), 0o644))
	p, found, err := Recover(dir)
	assert.Nil(t, p)
	assert.True(t, found)
	assert.ErrorContains(t, err, "recovery.matlas: file ends early")
}

func TestAutosaveNilSnapshotWritesNothing(t *testing.T) {
	dir := t.TempDir()
	a := NewAutosaver(dir, time.Hour, func() *Project { return nil })
	require.NoError(t, a.SaveNow())
	require.NoError(t, a.Stop())
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
}
