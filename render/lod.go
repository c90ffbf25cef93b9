package render

// Level of detail: what a frame draws follows its pixels, not the size of
// the data. Lines are already simplified to the frame's pixels (buildPath
// drops vertices closer than simplifyTolerance); thinMarkers does the same
// for dense point layers.

// markersPerPixel is the density (markers of one symbol per device pixel of
// the frame) above which a batch is thinned: beyond one marker in 64 pixels
// on average the markers stand on one another wherever they are dense.
const markersPerPixel = 1.0 / 64

// thinMarkers keeps, when pts is denser than markersPerPixel over the frame,
// only the last marker of each device pixel (the one drawn on top: markers
// of one batch are identical, so the others hide under it, shifted by less
// than a pixel), in the original order. Sparser batches, and markers outside
// the frame, are kept as they are. It reuses pts.
func (fr *frame) thinMarkers(pts []Point) []Point {
	w, h := int(fr.w), int(fr.h)
	if w <= 0 || h <= 0 || float64(len(pts)) <= markersPerPixel*float64(w)*float64(h) {
		return pts
	}
	n := w * h
	if cap(fr.seen) < (n+63)/64 {
		fr.seen = make([]uint64, (n+63)/64)
	}
	seen := fr.seen[:(n+63)/64]
	clear(seen)
	// Walk backwards so the last marker of a pixel is the one kept; compact
	// the kept ones at the end of pts, then move them to the front.
	k := len(pts)
	for i := len(pts) - 1; i >= 0; i-- {
		p := pts[i]
		if p.X >= 0 && p.Y >= 0 && p.X < fr.w && p.Y < fr.h {
			c := int(p.Y)*w + int(p.X)
			if seen[c>>6]&(1<<(c&63)) != 0 {
				continue
			}
			seen[c>>6] |= 1 << (c & 63)
		}
		k--
		pts[k] = p
	}
	return append(pts[:0], pts[k:]...)
}
