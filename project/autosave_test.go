package project

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAutosaveWritesAndRecoverReadsBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "autosave")
	cur := sample()
	a := NewAutosaver(dir)

	p, found, err := Recover(dir)
	assert.Nil(t, p)
	assert.False(t, found)
	assert.NoError(t, err)

	require.NoError(t, a.SaveNow(cur.Clone()))
	p, found, err = Recover(dir)
	require.NoError(t, err)
	require.True(t, found)
	assert.Equal(t, cur, p)

	// After a normal save, Clear removes it, and an unchanged project is not
	// written again, even by the last write of Stop.
	require.NoError(t, a.Clear(cur.Clone()))
	_, found, _ = Recover(dir)
	assert.False(t, found)
	require.NoError(t, a.SaveNow(cur.Clone()))
	require.NoError(t, a.Stop(cur.Clone()))
	_, found, _ = Recover(dir)
	assert.False(t, found, "a saved project needs no recovery")

	// A change is written again; Stop writes the last one.
	cur.Title = "changed"
	require.NoError(t, a.SaveNow(cur.Clone()))
	cur.Title = "changed twice"
	require.NoError(t, a.Stop(cur.Clone()))
	p, found, err = Recover(dir)
	require.NoError(t, err)
	require.True(t, found)
	assert.Equal(t, "changed twice", p.Title)

	// Back to the saved state: the recovery file goes.
	cur.Title = sample().Title
	require.NoError(t, a.SaveNow(cur.Clone()))
	_, found, _ = Recover(dir)
	assert.False(t, found)
}

func TestAutosaveInTheBackground(t *testing.T) {
	dir := t.TempDir()
	a := NewAutosaver(dir)
	a.Start()
	a.Start() // a second Start does nothing
	p := sample()
	p.Title = "first"
	a.Submit(p.Clone())
	p.Title = "submitted"
	a.Submit(p.Clone())
	deadline := time.Now().Add(10 * time.Second)
	for {
		r, found, err := Recover(dir)
		if found && err == nil && r.Title == "submitted" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the submitted snapshot was not written within 10 s (found %v, err %v)", found, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	assert.NoError(t, a.Err())
	p.Title = "last"
	require.NoError(t, a.Stop(p.Clone()))
	r, _, err := Recover(dir)
	require.NoError(t, err)
	assert.Equal(t, "last", r.Title, "Stop writes the final snapshot")
}

func TestAutosaveErrorsAreReported(t *testing.T) {
	// The autosave folder is a file: every write fails.
	dir := filepath.Join(t.TempDir(), "notadir")
	require.NoError(t, os.WriteFile(dir, []byte("x"), 0o644))
	a := NewAutosaver(dir)
	errs := make(chan error, 4)
	a.OnError = func(err error) { errs <- err }
	a.Start()
	defer a.Stop(nil)
	a.Submit(sample())
	select {
	case err := <-errs:
		assert.ErrorContains(t, err, "notadir")
	case <-time.After(10 * time.Second):
		t.Fatal("a failed autosave was not reported")
	}
	// Err is set once OnError has returned.
	assert.Eventually(t, func() bool { return a.Err() != nil }, 10*time.Second, 5*time.Millisecond)
}

func TestAutosaveWritesOnlyWhenChanged(t *testing.T) {
	dir := t.TempDir()
	a := NewAutosaver(dir)
	p := sample()
	require.NoError(t, a.SaveNow(p.Clone()))
	fi1, err := os.Stat(RecoveryPath(dir))
	require.NoError(t, err)
	require.NoError(t, os.Chtimes(RecoveryPath(dir), time.Unix(1e9, 0), time.Unix(1e9, 0)))
	require.NoError(t, a.SaveNow(p.Clone()))
	fi2, err := os.Stat(RecoveryPath(dir))
	require.NoError(t, err)
	assert.True(t, os.SameFile(fi1, fi2), "an unchanged project was written again")
	assert.Equal(t, time.Unix(1e9, 0), fi2.ModTime(), "an unchanged project was written again")
}

func TestAutosaveDoesNotReencodeUnchangedImports(t *testing.T) {
	raw := bigImport(40000) // several MB
	data, _, err := ReadImport("big", raw)
	require.NoError(t, err)
	p := New()
	p.Imports = []Import{{ID: "big", Title: "big", GeoJSON: data}}
	a := NewAutosaver(t.TempDir())
	require.NoError(t, a.SaveNow(p.Clone()))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < 5; i++ {
		require.NoError(t, a.SaveNow(p.Clone()))
	}
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	assert.Less(t, alloc, uint64(len(data)/4),
		"5 autosaves of an unchanged project with a %d-byte import allocated %d bytes", len(data), alloc)
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
	a := NewAutosaver(dir)
	require.NoError(t, a.SaveNow(nil))
	require.NoError(t, a.Stop(nil))
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
}

// TestSaveQueueWithAutosaverEncodesOnce: a save through the queue with an
// autosaver writes the file, and the Clear of that snapshot that follows
// takes its encoding (the same one, not a second) as the clean state: the
// unchanged project then needs no recovery copy, a changed one does. A
// Clear of another snapshot encodes that one.
func TestSaveQueueWithAutosaverEncodesOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "work"+Ext)
	a := NewAutosaver(filepath.Join(dir, "autosave"))
	var q SaveQueue
	q.SetAutosaver(a)
	p := sample()
	var err error
	q.Save(path, p, func(e error) { err = e })
	q.Wait()
	require.NoError(t, err)
	back, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, p.Title, back.Title)
	a.mu.Lock()
	written := a.savedAs
	a.mu.Unlock()
	require.NotNil(t, written, "the queue did not write through the autosaver")

	require.NoError(t, a.Clear(p))
	a.mu.Lock()
	assert.Same(t, written, a.clean, "Clear encoded the saved snapshot again")
	assert.Nil(t, a.saved)
	a.mu.Unlock()
	require.NoError(t, a.SaveNow(p.Clone()))
	_, found, _ := Recover(a.dir)
	assert.False(t, found, "a recovery copy of the project just saved")
	changed := p.Clone()
	changed.Title = "changed"
	require.NoError(t, a.SaveNow(changed))
	_, found, _ = Recover(a.dir)
	assert.True(t, found, "no recovery copy of a changed project")

	other := sample()
	other.Title = "other"
	require.NoError(t, a.Clear(other))
	a.mu.Lock()
	assert.NotSame(t, written, a.clean)
	a.mu.Unlock()
	require.NoError(t, a.SaveNow(other.Clone()))
	_, found, _ = Recover(a.dir)
	assert.False(t, found, "Clear(other) did not make other the clean state")
}
