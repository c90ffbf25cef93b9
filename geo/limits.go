package geo

import (
	"fmt"
	"io"
	"os"
)

// readLimited reads all of r, named name, which claims size bytes (-1:
// unknown). A known size is checked first (checkSize: MaxInput and the
// memory available); whatever the claim, reading stops and the input is
// refused (a *TooLargeError) once more than that limit comes out, so a zip
// member that lies about its size (a zip bomb) cannot exhaust memory.
func readLimited(name string, r io.Reader, size int64) ([]byte, error) {
	if size >= 0 {
		if err := checkSize(name, size); err != nil {
			return nil, err
		}
	}
	limit, memory := MaxInput, false
	if avail := memAvailable(); avail > 0 && (limit == 0 || avail/memoryFactor < limit) {
		limit, memory = avail/memoryFactor, true
	}
	if limit > 0 {
		r = io.LimitReader(r, limit+1)
	}
	data, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	if limit > 0 && int64(len(data)) > limit {
		if memory {
			return nil, &TooLargeError{Name: name, Size: int64(len(data)), Limit: limit * memoryFactor, Memory: true}
		}
		return nil, &TooLargeError{Name: name, Size: int64(len(data)), Limit: limit}
	}
	return data, nil
}

// readFileLimited reads a whole file (a shapefile's parts: no byte order
// mark is dropped) within the limits of readLimited.
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

// kmlMemoryFactor is how many times its size a KML document takes in
// memory while it is read (the element tree; BenchmarkReadKML measures it),
// against memoryFactor for the other formats.
const kmlMemoryFactor = 9

// checkKMLSize refuses a KML document whose reading would need more memory
// than the limits allow other inputs: MaxInput·memoryFactor, or the memory
// available.
func checkKMLSize(name string, size int64) error {
	need := size * kmlMemoryFactor
	if MaxInput > 0 && need > MaxInput*memoryFactor {
		return fmt.Errorf("%s: the KML document is %s: reading KML takes about %d times its size, so the limit on inputs (%s; set %s to raise it) allows KML up to %s; split the file or convert it to a GeoPackage",
			name, Bytes(size), kmlMemoryFactor, Bytes(MaxInput), EnvMaxInput, Bytes(MaxInput*memoryFactor/kmlMemoryFactor))
	}
	if avail := memAvailable(); avail > 0 && need > avail {
		return fmt.Errorf("%s: the KML document is %s: reading it needs about %s of memory, and %s is available; close other programs or split the file",
			name, Bytes(size), Bytes(need), Bytes(avail))
	}
	return nil
}
