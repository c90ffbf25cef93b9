package geo

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// plant writes name in dir, last modified age ago.
func plant(t *testing.T, dir, name string, age time.Duration) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("half a write"), 0o644); err != nil {
		t.Fatal(err)
	}
	when := time.Now().Add(-age)
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
	return p
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestCleanStaleTempsRemovesOnlyOurOldTemporaries(t *testing.T) {
	dir := t.TempDir()
	old := 2 * StaleTemp
	for _, n := range []string{".p.matlas.tmp-1a2b3c4d5e6f", ".q.png.tmp-ffff", ".r.gpkg.tmp-123456789", ".r.gpkg.tmp-123456789-journal"} {
		plant(t, dir, n, old)
	}
	// Not ours, or perhaps a write in progress: kept.
	for _, n := range []string{"p.matlas", "p.matlas.tmp-1a2b", ".p.matlas.tmp-xyz", ".notes.txt", ".p.matlas.tmp-", "x.tmp-12"} {
		plant(t, dir, n, old)
	}
	plant(t, dir, ".busy.matlas.tmp-abcdef", time.Minute)
	if err := os.Mkdir(filepath.Join(dir, ".d.matlas.tmp-12"), 0o755); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	plant(t, sub, ".s.matlas.tmp-12", old)

	removed, err := CleanStaleTemps(dir, StaleTemp)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 4 {
		t.Errorf("removed %v, want the four old temporaries", removed)
	}
	want := []string{".busy.matlas.tmp-abcdef", ".d.matlas.tmp-12", ".notes.txt", ".p.matlas.tmp-", ".p.matlas.tmp-xyz", "p.matlas", "p.matlas.tmp-1a2b", "sub", "x.tmp-12"}
	if got := names(t, dir); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("left %v, want %v", got, want)
	}
	if got := names(t, sub); len(got) != 1 {
		t.Errorf("a subfolder was cleaned: %v", got)
	}
	// A folder that does not exist: nothing to do.
	if _, err := CleanStaleTemps(filepath.Join(dir, "none"), StaleTemp); err != nil {
		t.Error(err)
	}
}

// TestAWriteCleansWhatACrashLeftInItsFolder: the next write into a folder
// removes the old temporaries of an interrupted one (any file of ours), and
// leaves a fresh one alone.
func TestAWriteCleansWhatACrashLeftInItsFolder(t *testing.T) {
	dir := t.TempDir()
	stale := plant(t, dir, ".map.png.tmp-0123456789ab", 3*StaleTemp)
	fresh := plant(t, dir, ".other.pdf.tmp-0123456789ab", time.Second)
	if err := WriteFileAtomic(filepath.Join(dir, "work.matlas"), []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale temporary is still there (%v)", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a fresh temporary (perhaps a write in progress) was removed: %v", err)
	}
}

// TestWritesOfOnePathDoNotOverlap: a second write of the same file waits
// for the first; a write of another file does not.
func TestWritesOfOnePathDoNotOverlap(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.matlas")
	release := make(chan struct{})
	started := make(chan struct{})
	firstDone := make(chan error, 1)
	go func() {
		firstDone <- WriteAtomic(path, func(w io.Writer) error {
			close(started)
			<-release
			_, err := io.WriteString(w, "first")
			return err
		})
	}()
	<-started
	var inside atomic.Bool
	secondDone := make(chan error, 1)
	go func() {
		secondDone <- WriteAtomic(filepath.Join(dir, ".", "p.matlas"), func(w io.Writer) error {
			inside.Store(true)
			_, err := io.WriteString(w, "second")
			return err
		})
	}()
	// Another file is written meanwhile.
	if err := WriteFileAtomic(filepath.Join(dir, "q.matlas"), []byte("q")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if inside.Load() {
		t.Fatal("the second write of the file started while the first ran")
	}
	close(release)
	if err := <-firstDone; err != nil {
		t.Fatal(err)
	}
	if err := <-secondDone; err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "second" {
		t.Errorf("the file holds %q, want the second write", b)
	}
	if len(pathLocks.m) != 0 {
		t.Errorf("locks kept after the writes: %v", pathLocks.m)
	}
}
