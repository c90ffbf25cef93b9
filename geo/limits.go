package geo

import (
	"fmt"
	"io"
	"os"
)

// MaxInputBytes is the largest file (or member of a .zip or .kmz, once
// decompressed) a reader accepts: everything read is held in memory, so a
// bigger input (a 10 GB table, a zip bomb) is refused with this reason
// rather than exhausting the machine. Tests lower it.
var MaxInputBytes int64 = 512 << 20

// tooBig is the message for an input over MaxInputBytes.
func tooBig(size int64) string {
	return fmt.Sprintf("%s is larger than the limit of %s: the atlas keeps every layer in memory, so it refuses files this big (split the file, or keep only the area and attributes you need)",
		byteSize(size), byteSize(MaxInputBytes))
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// readLimited reads all of r, which claims size bytes (-1: unknown), refusing
// anything over MaxInputBytes whatever the claim: a zip member may lie about
// its size.
func readLimited(name string, r io.Reader, size int64) ([]byte, error) {
	if size > MaxInputBytes {
		return nil, fmt.Errorf("%s: %s", name, tooBig(size))
	}
	data, err := readAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > MaxInputBytes {
		return nil, fmt.Errorf("%s: %s", name, tooBig(int64(len(data))))
	}
	return data, nil
}

// readFileLimited reads a whole file within MaxInputBytes.
func readFileLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return readLimited(path, f, size)
}
