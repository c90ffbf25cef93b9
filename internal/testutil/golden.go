package testutil

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// Update is the -update flag of every package that uses golden files: the
// tests rewrite their golden files instead of comparing with them.
var Update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Golden compares got with the golden file at path (testdata/NAME). On a
// mismatch it writes got to testdata/failures/NAME and fails naming that
// file; with -update it rewrites the golden file instead.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err == nil && bytes.Equal(got, want) {
		return
	}
	fail := WriteFailure(t, path, got)
	if err != nil {
		t.Fatalf("%v (actual output in %s; run go test -update to create it)", err, fail)
	}
	t.Errorf("output differs from %s: actual output in %s (run go test -update if it is right)", path, fail)
}

// FailurePath is where the actual output for the golden file at path goes
// on a mismatch: failures/ beside it (gitignored).
func FailurePath(path string) string {
	return filepath.Join(filepath.Dir(path), "failures", filepath.Base(path))
}

// WriteFailure writes got to FailurePath(path) and returns that path.
func WriteFailure(t testing.TB, path string, got []byte) string {
	t.Helper()
	fail := FailurePath(path)
	if err := os.MkdirAll(filepath.Dir(fail), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fail, got, 0o644); err != nil {
		t.Fatal(err)
	}
	return fail
}
