package project

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"maliatlas/geo"
)

// TestSaveQueueWritesOneAtATimeInOrder: a save asked while another is being
// written waits for it; the file ends with the newer snapshot.
func TestSaveQueueWritesOneAtATimeInOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "work.matlas")
	release := make(chan struct{})
	var mu sync.Mutex
	running, most := 0, 0
	var order []string
	q := &SaveQueue{}
	q.Write = func(path string, p *Project) error {
		mu.Lock()
		running++
		most = max(most, running)
		order = append(order, p.Title)
		mu.Unlock()
		if p.Title == "first" {
			<-release // a huge project
		}
		err := Save(path, p)
		mu.Lock()
		running--
		mu.Unlock()
		return err
	}
	var results []string
	done := func(name string) func(error) {
		return func(err error) {
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			results = append(results, name)
			mu.Unlock()
		}
	}
	first, second := New(), New()
	first.Title, second.Title = "first", "second"
	q.Save(path, first, done("first"))
	q.Save(path, second, done("second"))
	// Wait for the first write to start (a loaded machine may take a
	// while), then give a wrongly started second one time to show.
	started := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(order)
	}
	for deadline := time.Now().Add(10 * time.Second); started() == 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	mu.Lock()
	if len(order) != 1 {
		t.Errorf("want the first write alone running, got %v", order)
	}
	mu.Unlock()
	if !q.Busy() {
		t.Error("not busy while writing")
	}
	close(release)
	q.Wait()
	if most != 1 {
		t.Errorf("%d saves ran at once", most)
	}
	if len(results) != 2 || results[0] != "first" || results[1] != "second" {
		t.Errorf("reported %v, want first then second", results)
	}
	p, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "second" {
		t.Errorf("the file holds %q, want the newer snapshot", p.Title)
	}
	if q.Busy() {
		t.Error("busy after Wait")
	}
}

// TestSaveQueueReportsErrorsAndCleansStaleTemporaries: a refused project is
// reported to its caller and leaves the old file; a good save removes the
// temporary file a crash left in the folder (of ours, old) and keeps the
// files that are not ours.
func TestSaveQueueReportsErrorsAndCleansStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "work.matlas")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".work.matlas.tmp-0a1b2c3d4e5f")
	mine := filepath.Join(dir, "notes.tmp-1")
	for _, f := range []string{stale, mine} {
		if err := os.WriteFile(f, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-2 * geo.StaleTemp)
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
	var q SaveQueue
	bad := New()
	bad.Annotations = []Annotation{{ID: "a", Kind: "blob", Points: [][2]float64{{0, 0}}}}
	var errs []error
	q.Save(path, bad, func(err error) { errs = append(errs, err) })
	q.Wait()
	if len(errs) != 1 || errs[0] == nil {
		t.Fatalf("the refused save reported %v", errs)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("a refused save changed the file: %q", b)
	}
	q.Save(path, New(), func(err error) { errs = append(errs, err) })
	q.Wait()
	if errs[1] != nil {
		t.Fatal(errs[1])
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the crash's temporary file is still there (%v)", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a file not of ours was removed: %v", err)
	}
}
