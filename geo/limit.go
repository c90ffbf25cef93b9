package geo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// MaxInput is the size of the largest file the readers take, in bytes (0:
// no limit). It is 2 GiB, or MALIATLAS_MAX_INPUT_MB megabytes when that is
// set. A file within it is still refused when reading it would need more
// memory than the machine has available (see TooLargeError): Go stops the
// program on running out of memory, it cannot be caught.
var MaxInput = maxInputFromEnv()

// EnvMaxInput names the environment variable that sets MaxInput.
const EnvMaxInput = "MALIATLAS_MAX_INPUT_MB"

func maxInputFromEnv() int64 {
	if v := strings.TrimSpace(os.Getenv(EnvMaxInput)); v != "" {
		if mb, err := strconv.ParseInt(v, 10, 64); err == nil && mb >= 0 {
			return mb << 20
		}
	}
	return 2 << 30
}

// memoryFactor is how many bytes of memory reading a byte of input takes at
// most (the text, plus the features, properties and coordinates made from
// it), measured on GeoJSON and CSV files with many small features.
const memoryFactor = 4

// memAvailable is the memory available to the program (Linux's
// MemAvailable), or 0 when unknown.
var memAvailable = func() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// TooLargeError refuses an input too large to read.
type TooLargeError struct {
	Name        string
	Size, Limit int64 // Size is at least Limit+1 when the input's size is not known
	Memory      bool  // the limit is the memory available
}

func (e *TooLargeError) Error() string {
	if e.Memory {
		return fmt.Sprintf("%s: the file is %s: reading it needs about %s of memory, and %s is available; close other programs or split the file",
			e.Name, Bytes(e.Size), Bytes(e.Size*memoryFactor), Bytes(e.Limit))
	}
	return fmt.Sprintf("%s: the file is %s, more than the limit of %s on inputs (set %s to read larger files)",
		e.Name, Bytes(e.Size), Bytes(e.Limit), EnvMaxInput)
}

// checkSize refuses an input of size bytes that is over MaxInput or would
// not fit in memory.
func checkSize(name string, size int64) error {
	if MaxInput > 0 && size > MaxInput {
		return &TooLargeError{Name: name, Size: size, Limit: MaxInput}
	}
	if avail := memAvailable(); avail > 0 && size > avail/memoryFactor {
		return &TooLargeError{Name: name, Size: size, Limit: avail, Memory: true}
	}
	return nil
}

// Bytes writes a size for people: "512 bytes", "3.4 MB", "2.1 GB".
func Bytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
}

// ReadInput reads all of r, an input named name, refusing one over the
// limits with a *TooLargeError and dropping a UTF-8 byte order mark.
func ReadInput(name string, r io.Reader) ([]byte, error) {
	data, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	return TrimBOM(data), nil
}

// ReadInputFile is ReadInput on the file at path; errors name path.
func ReadInputFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadInput(path, f)
}

var bom = []byte("\xef\xbb\xbf")

// TrimBOM drops a UTF-8 byte order mark at the start of data.
func TrimBOM(data []byte) []byte { return bytes.TrimPrefix(data, bom) }

// readAll is io.ReadAll reading into a buffer of the input's size where it
// is known, refusing an input over the limits (checkSize) before reading it
// when its size is known, else once more than MaxInput bytes are read.
func readAll(name string, r io.Reader) ([]byte, error) {
	size := int64(-1)
	switch r := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		size = int64(r.Len())
	case *os.File:
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	if size >= 0 {
		if err := checkSize(name, size); err != nil {
			return nil, err
		}
	}
	b := make([]byte, 0, max(size+1, 512))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			if err != nil {
				err = fmt.Errorf("%s: %w", name, err)
			}
			return b, err
		}
		if len(b) == cap(b) {
			if size < 0 && MaxInput > 0 && int64(len(b)) > MaxInput {
				return nil, &TooLargeError{Name: name, Size: int64(len(b)), Limit: MaxInput}
			}
			b = append(b, 0)[:len(b)]
		}
	}
}
