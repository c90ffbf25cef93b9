package project

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/paulmach/orb/geojson"

	"maliatlas/geo"
)

// ReadImport is the one check of an import's data, on import and on load:
// the GeoJSON must be a readable feature collection. It returns the data
// compact (the form kept in memory and in the file) and its features; name
// is used in errors.
func ReadImport(name string, data []byte) ([]byte, *geojson.FeatureCollection, error) {
	compact, err := compactJSON(name, data)
	if err != nil {
		return nil, nil, err
	}
	fc, err := geo.ReadFeatureCollection(name, bytes.NewReader(compact))
	if err != nil {
		return nil, nil, err
	}
	return compact, fc, nil
}

// compactJSON is data without insignificant white space.
func compactJSON(name string, data []byte) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, data); err != nil {
		return nil, geo.JSONError(name, data, err)
	}
	return buf.Bytes(), nil
}

// check reads the import as ReadImport does and records the result: its
// features, or the problem that keeps it off the map. Data that is JSON
// is kept compact even when it is not a readable feature collection.
func (im *Import) check(name string) *geojson.FeatureCollection {
	// A project tells where an import came from by its file name only.
	im.Source = baseName(im.Source)
	compact, err := compactJSON(name, im.GeoJSON)
	if err != nil {
		im.Problem = err
		return nil
	}
	im.GeoJSON = compact
	fc, err := geo.ReadFeatureCollection(name, bytes.NewReader(compact))
	if err != nil {
		im.Problem = err
		return nil
	}
	im.Problem = nil
	return fc
}

// NewImport reads a GeoJSON or CSV file the user chose into an import: the
// data become compact GeoJSON, read back by ReadImport (what is accepted
// here opens again) and its features are returned; the id is "import-" + a digest of the data + the file
// name, stable across saves, made unique with a suffix when taken says so.
func NewImport(path string, taken func(id string) bool) (Import, *geojson.FeatureCollection, error) {
	fc, err := geo.ReadFile(path)
	if err != nil {
		return Import{}, nil, err
	}
	// The project keeps every import as GeoJSON: a GeoJSON file as it is
	// (without a byte order mark), any other format (CSV, KML, Shapefile,
	// GeoPackage "x.gpkg:table", …) as geo.ReadFile read it.
	var data []byte
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".geojson" || ext == ".json" {
		data, err = geo.ReadInputFile(path)
		data = geo.TrimBOM(data)
	} else {
		data, err = fc.MarshalJSON()
	}
	if err != nil {
		return Import{}, nil, err
	}
	base := filepath.Base(path)
	im := Import{Title: base, Source: base}
	data, fc, err = ReadImport(base+" (as GeoJSON)", data)
	if err != nil {
		return Import{}, nil, fmt.Errorf("%s: cannot be kept in a project: %w", path, err)
	}
	im.GeoJSON = data
	sum := sha256.Sum256(data)
	stem := "import-" + hex.EncodeToString(sum[:5]) + "-" + slug(strings.TrimSuffix(base, filepath.Ext(base)))
	im.ID = stem
	for n := 2; taken != nil && taken(im.ID); n++ {
		im.ID = fmt.Sprintf("%s-%d", stem, n)
	}
	return im, fc, nil
}

// slug is s in lower case with runs of other than letters and digits as "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" {
		return "layer"
	}
	return out
}

// baseName is the last element of a path written on any system.
func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
