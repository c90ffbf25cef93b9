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

// paintSingles is paintSpans for runs of one pixel each.
func (b *blender) paintSingles(spans []paintSpan) {
	if len(spans) == 0 {
		return
	}
	if useSSE2 && b.scale == 256 {
		if !paintSinglesSSE2(b.pix, spans, b.word) {
			panic("raster: a fill pixel outside the image")
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

// sweepJob is the state of sweepRowsAsm between its calls: it sweeps rows
// row..rowEnd-1 of a dense store (grid and bitmap point at row's first
// cell and word; rows are gw cells and bw words apart), appending each
// row's runs to spans (n of them written) and its edge pixels to singles
// (ns of them), with offsets from po, the byte offset of the row's column
// 0 (rows stride bytes apart), and stops after the row that brings n or ns
// to flushSpans or more. Cells at or right of column cx1 paint nothing;
// bad says a touched bit lay beyond gw.
type sweepJob struct {
	grid        *cellAcc
	bitmap      *uint64
	spans       *paintSpan
	n           int
	row, rowEnd int
	gw, bw      int
	cx1         int
	po, stride  int
	evenOdd     bool
	bad         bool
	pix         *byte      // the image's first pixel (prefetches)
	wlo, wend   int        // the bitmap words of a row that may be touched
	singles     *paintSpan // the edge pixels (ns of them written)
	ns          int
}

// sweepDenseAsm is the dense sweep with sweepRowsAsm, painting as
// sweepDenseBlend does.
func (r *rasterizer) sweepDenseAsm(evenOdd bool, b *blender) {
	ds := r.ds
	gw, bw := r.gw, r.bw
	// Room for the runs and pixels of a row begun below flushSpans (see
	// sweepRowsAsm).
	ds.spans = grow(ds.spans, flushSpans+gw+1)
	ds.singles = grow(ds.singles, flushSpans+gw+1)
	j := sweepJob{row: r.rowMin, rowEnd: r.rowMax + 1, gw: gw, bw: bw,
		cx1: r.clip.Max.X - r.wx0, po: b.offset(r.rowMin+r.wy0, r.wx0), stride: b.stride, evenOdd: evenOdd, pix: &b.pix[0]}
	if j.rowEnd*gw > len(ds.grid) || j.rowEnd*bw > len(ds.bitmap) || j.row < 0 || gw <= 0 || bw <= 0 {
		panic("raster: a dense sweep outside its store")
	}
	// The path's edges reached columns lj.xlo..lj.xhi (lineDenseAsm):
	// the other words of every row are zero.
	j.wlo, j.wend = max(r.lj.xlo, 0)>>6, min(r.lj.xhi>>6+1, bw)
	for j.row < j.rowEnd {
		j.grid, j.bitmap, j.spans, j.singles, j.ns = &ds.grid[j.row*gw], &ds.bitmap[j.row*bw], &ds.spans[0], &ds.singles[0], 0
		sweepRowsAsm(&j)
		if j.bad {
			panic("raster: a dense cell outside its window")
		}
		b.paintSpans(ds.spans[:j.n])
		b.paintSingles(ds.singles[:j.ns])
	}
}
