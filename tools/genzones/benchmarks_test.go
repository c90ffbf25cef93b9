package main

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDissolveCountry dissolves all 53 cercles of Mali into one outline.
func BenchmarkDissolveCountry(b *testing.B) {
	cercles, err := LoadUnits(filepath.Join(sharedGeo, "mali_admin2_ocha2021.geojson"), "ADM2_PCODE", "ADM2_FR", "ADM1_PCODE")
	if os.IsNotExist(err) {
		b.Skip("shared geodata not present")
	}
	if err != nil {
		b.Fatal(err)
	}
	var parts []Polygon
	for _, pc := range sortedKeys(cercles) {
		parts = append(parts, cercles[pc].Parts...)
	}
	b.ReportAllocs()
	for b.Loop() {
		if d := Dissolve(parts); !d.Clean {
			b.Fatal(d.Reason)
		}
	}
}

// BenchmarkBuildSample builds the sample specification (regions, cercles
// and a circle) from the test fixture.
func BenchmarkBuildSample(b *testing.B) {
	c, r := loadSample(b)
	spec, err := LoadSpec(sampleSpec)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(sampleSpec, spec, c, r); err != nil {
			b.Fatal(err)
		}
	}
}
