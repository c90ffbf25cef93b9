package geo

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb/geojson"
)

// ReadableExtensions are the file extensions ReadFile reads.
var ReadableExtensions = []string{".geojson", ".json", ".geojsonl", ".geojsons", ".csv", ".kml", ".kmz", ".shp", ".zip", ".gpkg"}

const wantExts = "want .geojson, .json, .geojsonl, .geojsons, .csv, .kml, .kmz, .shp, .zip (a zipped shapefile) or .gpkg"

// ReadFile reads a file of features by its extension (in any letter case):
// .geojson and .json with ReadFeatureCollection, .geojsonl and .geojsons
// with ReadGeoJSONSeq, .csv with ReadCSV, .kml with ReadKML, .kmz with
// ReadKMZ, .shp with ReadShapefile, .zip with ReadShapefileZip, .gpkg with
// ReadGeoPackage (all its feature tables; "file.gpkg:roads,towns" reads
// only those). Problems in the input come as an *InputError naming path; a
// file that cannot be opened gives os.Open's error (an *fs.PathError);
// another extension (or none) is an error naming path.
func ReadFile(path string) (*geojson.FeatureCollection, error) {
	if p, tables, ok := SplitGeoPackagePath(path); ok {
		return ReadGeoPackage(p, tables)
	}
	var read func(string, io.Reader) (*geojson.FeatureCollection, error)
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".geojson", ".json":
		read = ReadFeatureCollection
	case ".geojsonl", ".geojsons":
		read = ReadGeoJSONSeq
	case ".csv":
		read = ReadCSV
	case ".kml":
		read = ReadKML
	case ".kmz":
		read = ReadKMZ
	case ".zip":
		read = ReadShapefileZip
	case ".shp":
		return ReadShapefile(path)
	case ".gpkg":
		return ReadGeoPackage(path, nil)
	case "":
		return nil, fmt.Errorf("%s: no file extension: %s", path, wantExts)
	default:
		return nil, fmt.Errorf("%s: cannot read %s files: %s", path, ext, wantExts)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(path, f)
}

// SplitGeoPackagePath splits "file.gpkg:t1,t2" into the file and its
// tables; ok is false for any other path (or when a file of that whole
// name exists).
func SplitGeoPackagePath(path string) (file string, tables []string, ok bool) {
	i := strings.LastIndex(strings.ToLower(path), ".gpkg:")
	if i < 0 {
		return "", nil, false
	}
	if _, err := os.Stat(path); err == nil {
		return "", nil, false
	}
	file = path[:i+len(".gpkg")]
	for _, t := range strings.Split(path[i+len(".gpkg:"):], ",") {
		if t = strings.TrimSpace(t); t != "" {
			tables = append(tables, t)
		}
	}
	return file, tables, true
}
