package pngenc

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"os"
	"testing"
)

// BenchmarkEncodeFile encodes the picture of the PNG file named by
// $PNGENC_FILE (skipped when unset), e.g. a basemap export made with
// `maliatlas export --out base.png --size 1920x1080`, decoded into an
// *image.RGBA as the export hands it over. It reports the CPU time per
// encode (every core), the file size and, for comparison, the size
// image/png writes at its default level.
func BenchmarkEncodeFile(b *testing.B) {
	name := os.Getenv("PNGENC_FILE")
	if name == "" {
		b.Skip("PNGENC_FILE not set")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		b.Fatalf("%s: %v", name, err)
	}
	img := image.NewRGBA(src.Bounds())
	draw.Draw(img, img.Rect, src, src.Bounds().Min, draw.Src)
	var std bytes.Buffer
	if err := png.Encode(&std, img); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ResetTimer()
	cpu0 := cpuNanos()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := Encode(&buf, img, 96); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuNanos() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
	b.ReportMetric(float64(std.Len()), "std-bytes")
}
