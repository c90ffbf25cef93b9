package raster

import (
	"bytes"
	"fmt"
	"image/color"
	"sync"
	"testing"

	"maliatlas/assets"
	"maliatlas/render"
)

func runLabels() []render.Text {
	fonts := assets.MapFonts()
	var ts []render.Text
	for i := 0; i < 60; i++ {
		t := render.Text{X: 5.3 + float64(i%6)*52.7, Y: 14.6 + float64(i/6)*19.1, S: fmt.Sprintf("Ségou %d", i%17),
			Font: fonts.Bold, Size: 10 + float64(i%3), Color: color.NRGBA{30, 30, 30, 255}}
		if i%2 == 0 {
			t.Halo, t.HaloWidth = color.NRGBA{255, 255, 255, 200}, 2.5
		}
		if i%5 == 0 {
			t.Angle = 0.3
		}
		ts = append(ts, t)
	}
	return ts
}

func drawRuns(ts []render.Text) []uint8 {
	c := New(330, 200)
	c.Clear(color.NRGBA{200, 210, 180, 255})
	for i := range ts {
		c.Text(&ts[i])
	}
	return c.RGBA().Pix
}

func clearRunCache() {
	runCache.Lock()
	clear(runCache.m)
	runCache.head = runEntry{}
	runCache.bytes = 0
	runCache.Unlock()
}

// TestRunCacheConcurrent: canvases drawing the same labels on several
// goroutines at once (as the bands of a parallel replay do), from an empty
// cache, give the picture drawn alone.
func TestRunCacheConcurrent(t *testing.T) {
	ts := runLabels()
	clearRunCache()
	want := drawRuns(ts)
	clearRunCache()
	var wg sync.WaitGroup
	got := make([][]uint8, 4)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[g] = drawRuns(ts)
		}()
	}
	wg.Wait()
	for g := range got {
		if !bytes.Equal(got[g], want) {
			t.Fatalf("goroutine %d drew a different picture", g)
		}
	}
}

// TestRunCacheBounded: the cache keeps its bytes under the bound by dropping
// the least recently used runs, and a dropped run drawn again is the same.
func TestRunCacheBounded(t *testing.T) {
	defer func(n int) { maxRunBytes = n }(maxRunBytes)
	maxRunBytes = 20 << 10
	clearRunCache()
	ts := runLabels()
	want := drawRuns(ts)
	runCache.Lock()
	n, b := len(runCache.m), runCache.bytes
	last := runKey{f: ts[len(ts)-1].Font, size: ts[len(ts)-1].Size, s: ts[len(ts)-1].S, halo: ts[len(ts)-1].HaloWidth}
	_, kept := runCache.m[last]
	count := 0
	for e := runCache.head.next; e != &runCache.head; e = e.next {
		count++
	}
	runCache.Unlock()
	if b > maxRunBytes || n == 0 || count != n {
		t.Fatalf("cache holds %d runs (%d listed), %d bytes; bound %d", n, count, b, maxRunBytes)
	}
	if !kept {
		t.Errorf("the run drawn last was dropped")
	}
	distinct := map[runKey]bool{}
	for _, x := range ts {
		k := runKey{f: x.Font, size: x.Size, s: x.S, angle: x.Angle}
		if x.HaloWidth > 0 {
			k.halo = x.HaloWidth
		}
		distinct[k] = true
	}
	if n >= len(distinct) {
		t.Fatalf("nothing dropped: %d runs of %d (test too small for the bound)", n, len(distinct))
	}
	if got := drawRuns(ts); !bytes.Equal(got, want) {
		t.Errorf("runs drawn again after being dropped differ")
	}
	clearRunCache()
}

// TestRunParts: runs too large to be kept whole, drawn glyph by glyph from
// their glyphs' masks, give the picture of whole run masks.
func TestRunParts(t *testing.T) {
	defer func(n int) { maxRunArea = n }(maxRunArea)
	ts := runLabels()
	clearRunCache()
	want := drawRuns(ts)
	clearRunCache()
	maxRunArea = 1
	got := drawRuns(ts)
	runCache.Lock()
	parts := 0
	for _, e := range runCache.m {
		if e.m.parts != nil {
			parts++
		}
	}
	runCache.Unlock()
	clearRunCache()
	if parts == 0 {
		t.Fatal("no run was kept as parts")
	}
	if !bytes.Equal(got, want) {
		t.Errorf("runs drawn glyph by glyph differ from whole runs")
	}
}
