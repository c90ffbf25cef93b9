package geo

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb/geojson"
)

// ReadFile reads a file of features by its extension (in any letter case):
// .geojson and .json with ReadFeatureCollection, .csv with ReadCSV. Problems
// in the input come as an *InputError naming path; a file that cannot be
// opened gives os.Open's error (an *fs.PathError); another extension (or
// none) is an error naming path.
func ReadFile(path string) (*geojson.FeatureCollection, error) {
	var read func(string, io.Reader) (*geojson.FeatureCollection, error)
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".geojson", ".json":
		read = ReadFeatureCollection
	case ".csv":
		read = ReadCSV
	case "":
		return nil, fmt.Errorf("%s: no file extension: want .geojson, .json or .csv", path)
	default:
		return nil, fmt.Errorf("%s: cannot read %s files: want .geojson, .json or .csv", path, ext)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(path, f)
}
