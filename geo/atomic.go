package geo

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"
)

// tempInfix makes the name of the temporary file an atomic
// write uses beside path: "." + base + ".tmp-" + random. A crash mid-write
// leaves such a file; CleanStaleTemps removes them.
const tempInfix = ".tmp-"

// tempName matches the temporary files our atomic writes make and nothing
// else: "." + base + ".tmp-" + random hex (WriteAtomic) or digits
// (WriteGeoPackage, with SQLite's own "-journal" beside it).
var tempName = regexp.MustCompile(`^\..+\.tmp-[0-9a-f]{1,16}(-journal)?$`)

// StaleTemp is how long ago a temporary file of ours must have been last
// written before it counts as left by a crash: a newer one may be a write
// in progress (another window, another copy of the atlas), which is never
// removed. A write in progress touches its file far more often than this.
const StaleTemp = time.Hour

// WriteFileAtomic writes data to path so that readers see either the old
// file or the whole new one: it writes a temporary file in the same folder,
// syncs it to disk and renames it over path. An existing file keeps its
// permission bits; a new one gets 0666 less the umask (as os.Create).
func WriteFileAtomic(path string, data []byte) error {
	return WriteAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteAtomic is WriteFileAtomic for content written by fill (buffered).
// On any error, fill's included, the temporary file is removed and path is
// left as it was.
//
// Two atomic writes of the same path in this process never overlap: the
// second waits for the first (an autosave and a save, two saves). After a
// write that succeeded, the stale temporary files a crash left in the
// folder are removed (CleanStaleTemps), at most once a minute per folder:
// a run of writes into one folder (numbered frames) does not read the
// folder again for each file.
func WriteAtomic(path string, fill func(io.Writer) error) (err error) {
	defer lockPath(path)()
	if err = writeAtomic(path, fill); err == nil {
		cleanFolderNow(filepath.Dir(path))
	}
	return err
}

// cleanedAt is when each folder's stale temporaries were last removed after
// a write (folder → time.Time).
var cleanedAt sync.Map

// cleanInterval is how soon after a cleaning a write into the same folder
// cleans it again (a temporary only counts as stale after StaleTemp, so a
// minute more before it goes changes nothing for the user).
const cleanInterval = time.Minute

func cleanFolderNow(dir string) {
	now := time.Now()
	if last, ok := cleanedAt.Load(dir); ok && now.Sub(last.(time.Time)) < cleanInterval {
		return
	}
	cleanedAt.Store(dir, now)
	_, _ = CleanStaleTemps(dir, StaleTemp) // best effort
}

func writeAtomic(path string, fill func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	perm := fs.FileMode(0o666) // less the umask, by the system
	keep := false
	if fi, serr := os.Stat(path); serr == nil {
		if !fi.Mode().IsRegular() {
			return &fs.PathError{Op: "write", Path: path, Err: errors.New("not a regular file")}
		}
		perm, keep = fi.Mode().Perm(), true
	}
	f, tmp, err := createTemp(dir, "."+filepath.Base(path)+tempInfix, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if keep {
		// The mode the old file had, not narrowed by the umask.
		if err = f.Chmod(perm); err != nil {
			return err
		}
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	// Make the rename durable; not all systems can sync a directory.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// createTemp creates a new file prefix+random in dir with perm (less the
// umask); os.CreateTemp would always give 0600.
func createTemp(dir, prefix string, perm fs.FileMode) (*os.File, string, error) {
	for i := 0; ; i++ {
		var b [6]byte
		_, _ = rand.Read(b[:])
		name := filepath.Join(dir, prefix+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) && i < 100 {
			continue
		}
		return f, name, err
	}
}

// pathLocks serialises the writes of one file (by its absolute path).
var pathLocks = struct {
	sync.Mutex
	m map[string]*pathLock
}{m: map[string]*pathLock{}}

type pathLock struct {
	sync.Mutex
	users int // writers holding or waiting for it
}

// lockPath waits until no other write of path runs in this process and
// returns the unlock.
func lockPath(path string) (unlock func()) {
	key := filepath.Clean(path)
	if abs, err := filepath.Abs(path); err == nil {
		key = abs
	}
	pathLocks.Lock()
	l := pathLocks.m[key]
	if l == nil {
		l = &pathLock{}
		pathLocks.m[key] = l
	}
	l.users++
	pathLocks.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		pathLocks.Lock()
		if l.users--; l.users == 0 {
			delete(pathLocks.m, key)
		}
		pathLocks.Unlock()
	}
}

// CleanStaleTemps removes from dir the temporary files our atomic writes
// leave when the program dies mid-write: only files named as ours
// (".name.tmp-<random>") and last written more than age ago; it never
// looks below dir. It returns the paths removed and the first error.
func CleanStaleTemps(dir string, age time.Duration) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var removed []string
	var first error
	cutoff := time.Now().Add(-age)
	for _, e := range entries {
		if !e.Type().IsRegular() || !tempName.MatchString(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(cutoff) {
			continue // gone meanwhile, or perhaps a write in progress
		}
		p := filepath.Join(dir, e.Name())
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			if first == nil {
				first = err
			}
			continue
		}
		removed = append(removed, p)
	}
	return removed, first
}
