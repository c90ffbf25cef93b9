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
	"strings"
)

// tempInfix makes the name of the temporary file an atomic
// write uses beside path: "." + base + ".tmp-" + random. A crash mid-write
// leaves such a file; CleanTemps removes them.
const tempInfix = ".tmp-"

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
func WriteAtomic(path string, fill func(io.Writer) error) (err error) {
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

// CleanTemps removes the temporary files an interrupted atomic write of
// path left in its folder (".name.tmp-*") and returns their names.
func CleanTemps(path string) ([]string, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var removed []string
	var first error
	prefix := "." + base + tempInfix
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if err := os.Remove(p); err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		removed = append(removed, p)
	}
	return removed, first
}
