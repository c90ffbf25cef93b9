package cli

import "github.com/paulmach/orb/geojson"

// pendingFiles are GeoJSON files being read on their own goroutines (while
// the embedded catalogue loads): the export reads its --add files at once.
type pendingFiles []chan readResult

type readResult struct {
	fc     *geojson.FeatureCollection
	err    error
	events bool // asEvents claimed the file: not read here
}

// readGeoJSONFiles starts reading every path that asEvents does not claim
// (event files, read as events by events_export.go).
func readGeoJSONFiles(paths []string, asEvents func(string) bool) pendingFiles {
	out := make(pendingFiles, len(paths))
	for i, p := range paths {
		ch := make(chan readResult, 1)
		out[i] = ch
		go func() {
			if asEvents(p) {
				ch <- readResult{events: true}
				return
			}
			fc, err := readGeoJSONFile(p)
			ch <- readResult{fc: fc, err: err}
		}()
	}
	return out
}

// take returns the i-th file's collection once read (or isEvents when
// asEvents claimed it), and forgets it: the
// layer made of it keeps the geometries and properties, and the
// collection's own feature records can then be freed (the memory of a
// large export, issue #13).
func (f pendingFiles) take(i int) (fc *geojson.FeatureCollection, isEvents bool, err error) {
	r := <-f[i]
	close(f[i])
	return r.fc, r.events, r.err
}
