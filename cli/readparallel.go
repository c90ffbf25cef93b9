package cli

import (
	"github.com/paulmach/orb/geojson"

	"maliatlas/events"
)

// pendingFiles are GeoJSON files being read on their own goroutines (while
// the embedded catalogue loads): the export reads its --add files at once.
type pendingFiles []chan readResult

type readResult struct {
	fc  *geojson.FeatureCollection
	err error
}

// readGeoJSONFiles starts reading every path.
func readGeoJSONFiles(paths []string) pendingFiles {
	out := make(pendingFiles, len(paths))
	for i, p := range paths {
		ch := make(chan readResult, 1)
		out[i] = ch
		go func() {
			if events.IsEventFile(p) {
				ch <- readResult{} // read as events (events_export.go), not here
				return
			}
			fc, err := readGeoJSONFile(p)
			ch <- readResult{fc, err}
		}()
	}
	return out
}

// take returns the i-th file's collection once read, and forgets it: the
// layer made of it keeps the geometries and properties, and the
// collection's own feature records can then be freed (the memory of a
// large export, issue #13).
func (f pendingFiles) take(i int) (*geojson.FeatureCollection, error) {
	r := <-f[i]
	close(f[i])
	return r.fc, r.err
}
