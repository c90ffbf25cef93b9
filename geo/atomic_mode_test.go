//go:build unix

package geo

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteAtomicKeepsTheFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret.matlas")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("a 0600 file became %v after a save", fi.Mode().Perm())
	}
	// A wider mode is kept too, whatever the umask.
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	if err := os.Chmod(path, 0o664); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("newer")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o664 {
		t.Errorf("a 0664 file became %v after a save", fi.Mode().Perm())
	}
}

func TestWriteAtomicHonoursTheUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "new.matlas")
	if err := WriteFileAtomic(path, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("umask 077: a new file got %v, want 0600", fi.Mode().Perm())
	}
}

func TestWriteAtomicFailureLeavesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.matlas")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteAtomic(path, func(w io.Writer) error {
		_, _ = w.Write([]byte("half"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("old file now %q", b)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("temporary file left: %v", es)
	}
}

func TestCleanTempsRemovesWhatACrashLeft(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.matlas")
	for _, n := range []string{"p.matlas", ".p.matlas.tmp-1a2b3c", ".p.matlas.tmp-ffff", ".q.matlas.tmp-1", "p.matlas.tmp-x"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := CleanTemps(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 {
		t.Errorf("removed %v, want the two .p.matlas.tmp-* files", removed)
	}
	es, _ := os.ReadDir(dir)
	var left []string
	for _, e := range es {
		left = append(left, e.Name())
	}
	want := []string{".q.matlas.tmp-1", "p.matlas", "p.matlas.tmp-x"}
	if len(left) != len(want) {
		t.Fatalf("left %v, want %v", left, want)
	}
	for i := range want {
		if left[i] != want[i] {
			t.Errorf("left %v, want %v", left, want)
		}
	}
}
