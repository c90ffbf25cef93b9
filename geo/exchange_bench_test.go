package geo

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// benchInput writes the embedded cercles (53 polygons, 0.9 MB of GeoJSON)
// as KML and as a GeoPackage once per run.
func benchInput(b *testing.B) (kml []byte, gpkg string) {
	b.Helper()
	fc, err := ReadFile("../data/base/cercles.geojson")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteKML(&buf, fc, "name"); err != nil {
		b.Fatal(err)
	}
	gpkg = filepath.Join(b.TempDir(), "c.gpkg")
	if err := WriteGeoPackage(gpkg, []GeoPackageLayer{{Table: "cercles", Features: fc}}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes(), gpkg
}

// BenchmarkReadKML reads the cercles as KML; bytes/op against the input
// size shows the memory the reader's element tree costs.
func BenchmarkReadKML(b *testing.B) {
	kml, _ := benchInput(b)
	b.SetBytes(int64(len(kml)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadKML("c.kml", bytes.NewReader(kml)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadGeoPackage(b *testing.B) {
	_, gpkg := benchInput(b)
	fi, err := os.Stat(gpkg)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadGeoPackage(gpkg, nil); err != nil {
			b.Fatal(err)
		}
	}
}
