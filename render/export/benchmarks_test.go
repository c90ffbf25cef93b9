package export_test

import (
	"io"
	"testing"

	"maliatlas/project"
	"maliatlas/render"
	"maliatlas/render/export"
)

func benchMap(b *testing.B) *export.Map {
	m := goldMap(b)
	m.Inset = true
	m.Annotations = []project.Annotation{
		{ID: "t", Kind: project.KindText, Points: [][2]float64{{-9.5, 15.6}}, Text: "Kayes gold belt", Size: 18, Halo: true},
		{ID: "a", Kind: project.KindArrow, Points: [][2]float64{{-10.5, 11.2}, {-8.5, 12}, {-8, 12.65}}, Curved: true},
		{ID: "m", Kind: project.KindMarker, Points: [][2]float64{{-11.235, 12.835}}, Text: "Kéniéba"},
		{ID: "r", Kind: project.KindArea, Points: [][2]float64{{-9, 10.6}, {-7.8, 10.5}, {-7.6, 11.4}}, Hatch: true},
		{ID: "c", Kind: project.KindCircle, Points: [][2]float64{{-6, 12}}, RadiusKm: 60},
	}
	return m
}

// BenchmarkA4Landscape300PNG: a whole A4 landscape page at 300 dpi
// (3508×2480) with the layout, inset and annotations, encoded as PNG.
func BenchmarkA4Landscape300PNG(b *testing.B) {
	m := benchMap(b)
	pg, _ := export.PaperPage("A4", true, 300)
	b.ReportAllocs()
	for b.Loop() {
		if err := export.Write(io.Discard, export.PNG, m, pg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkA4Landscape150PDF: the same page as a PDF at 150 dpi.
func BenchmarkA4Landscape150PDF(b *testing.B) {
	m := benchMap(b)
	pg, _ := export.PaperPage("A4", true, 150)
	b.ReportAllocs()
	for b.Loop() {
		if err := export.Write(io.Discard, export.PDF, m, pg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSensitiveDraw: drawing the page with the sensitive copy of the
// scene built (filter, snap, project) each time.
func BenchmarkSensitiveDraw(b *testing.B) {
	m := benchMap(b)
	m.Sensitive = true
	pg := export.SizePage(1600, 1200)
	b.ReportAllocs()
	for b.Loop() {
		var rec render.Recording
		m.Draw(&rec, pg)
	}
}
