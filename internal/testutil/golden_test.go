package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// fakeT records failures instead of stopping the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()                      {}
func (f *fakeT) Errorf(string, ...any)        { f.failed = true }
func (f *fakeT) Fatalf(string, ...any)        { f.failed = true }
func (f *fakeT) Fatal(...any)                 { f.failed = true }
func (f *fakeT) Logf(format string, a ...any) {}

func TestGolden(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "testdata")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("same"), 0o644); err != nil {
		t.Fatal(err)
	}
	ft := &fakeT{TB: t}
	Golden(ft, path, []byte("same"))
	if ft.failed {
		t.Fatal("equal output failed")
	}
	Golden(ft, path, []byte("other"))
	if !ft.failed {
		t.Fatal("different output passed")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "failures", "out.txt")); string(got) != "other" {
		t.Fatalf("failure file holds %q", got)
	}
	ft = &fakeT{TB: t}
	Golden(ft, filepath.Join(dir, "missing.txt"), []byte("x"))
	if !ft.failed {
		t.Fatal("missing golden file passed")
	}
}
