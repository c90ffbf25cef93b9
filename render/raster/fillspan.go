package raster

// paintSpan is a coverage run of a fill's sweep: n pixels (n >= 1) from
// byte o of the image's pixels, coverage a (1..255). A sweep collects a few
// rows of them and paints them in one call (paintSpans): the blending loop
// then keeps its registers, and on amd64 blends four pixels per SSE2 step.
type paintSpan struct {
	o int
	n uint32
	a uint32
}

// paintSpans blends the runs with b's colour; each must lie inside b.pix.
func (b *blender) paintSpans(spans []paintSpan) {
	if len(spans) == 0 {
		return
	}
	if useSSE2 && b.scale == 256 {
		if !paintSpansSSE2(b.pix, spans, b.word) {
			panic("raster: a fill run outside the image")
		}
		return
	}
	b.paintSpansGo(spans)
}

// paintSpansGo is paintSpans in Go (and the SSE2 kernel's twin): a pixel
// as pixelAt paints it, a longer run as span does.
func (b *blender) paintSpansGo(spans []paintSpan) {
	for _, s := range spans {
		if s.n == 1 {
			b.pixelAt(s.o, s.a)
		} else {
			b.spanAt(s.o, int(s.n), s.a)
		}
	}
}

// spanAt is span for the n pixels from byte o of pix.
func (b *blender) spanAt(o, n int, a uint32) {
	if b.scale != 256 {
		a = (a * b.scale) >> 8
		if a == 0 {
			return
		}
	}
	row := b.pix[o : o+n*4]
	if a == 255 && b.opaque {
		fillWord(row, b.word)
		return
	}
	srb := div255x2(b.rb * a)
	sga := div255x2(b.ga * a)
	inv := 255 - sga>>16
	if inv == 0 {
		fillWord(row, srb|sga<<8)
		return
	}
	blendRun(row, srb, sga, inv)
}
