package mapframe

import "testing"

// BenchmarkZoomFrameNewPositions1080p is BenchmarkZoomFrame1080p with the
// zoom centre moving a few pixels every frame, so that the labels land at
// new sub-pixel positions as after a real zoom (BenchmarkZoomFrame1080p
// alternates between two views, whose glyph masks are all cached after its
// first frame; here ~2,400 masks are rasterized anew per frame).
func BenchmarkZoomFrameNewPositions1080p(b *testing.B) {
	s, o := benchOptions(b)
	var c Cache
	c.Frame(s, o, 1, nil)
	b.ResetTimer()
	defer reportCPU(b, cpuTime())
	for i := 0; i < b.N; i++ {
		o.View = o.View.ZoomAround(960+float64(i)*7.31, 540+float64(i)*3.17, zoomStep(i))
		c.Frame(s, o, 1, nil)
	}
}
