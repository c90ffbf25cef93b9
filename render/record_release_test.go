package render_test

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"maliatlas/render"
)

// TestRecordingRelease: recordings made after others were released (their
// blocks of points, own slices and chunks of calls reused, not cleared)
// replay exactly their own calls, and a recording kept while others are
// released and made again is not changed by them.
func TestRecordingRelease(t *testing.T) {
	for _, compact := range []bool{false, true} {
		rnd := rand.New(rand.NewPCG(5, 6))
		// record makes a recording of n paths of up to max points and a
		// batch of markers, and the calls it should replay.
		record := func(n, maxPts int) (*render.Recording, callLog) {
			rec := &render.Recording{Compact: compact}
			var want callLog
			var path render.Path
			for i := range n {
				path.Reset()
				path.Closed = i%3 == 0
				k := 2 + rnd.IntN(maxPts)
				var sub []render.Point
				for range k {
					// Coordinates exact in float32: a Compact recording
					// keeps them as they are.
					sub = append(sub, render.Point{X: float64(rnd.IntN(4000)) / 4, Y: float64(rnd.IntN(4000)) / 4})
				}
				path.Sub = append(path.Sub, sub)
				st := render.Style{Width: float64(1 + i%3)}
				st.Stroke.A = 255
				rec.Path(&path, &st)
				want.Path(&path, &st)
			}
			m := render.Marker{Size: 3}
			at := make([]render.Point, 600+rnd.IntN(3000))
			for i := range at {
				at[i] = render.Point{X: float64(rnd.IntN(1000)), Y: float64(rnd.IntN(1000))}
			}
			rec.Markers(&m, at)
			want.Markers(&m, at)
			return rec, want
		}
		check := func(what string, rec *render.Recording, want callLog) {
			t.Helper()
			var got callLog
			rec.Replay(&got)
			if !reflect.DeepEqual(got.calls, want.calls) {
				t.Fatalf("compact %v: %s replays other calls than it recorded", compact, what)
			}
		}
		kept, keptWant := record(3000, 700)
		for round := range 4 {
			a, aw := record(2500+round*500, 40+round*300)
			b, bw := record(1500, 600)
			check("a recording", a, aw)
			check("another", b, bw)
			a.Release()
			if a.Len() != 0 {
				t.Fatalf("a released recording has %d calls", a.Len())
			}
			c, cw := record(2000, 900)
			check("a recording after a release", c, cw)
			check("the other recording, after a release", b, bw)
			b.Release()
			c.Release()
			check("a recording kept while others are released", kept, keptWant)
			// Every block released: a new recording takes them all.
			d, dw := record(500, 100)
			check("a recording made again", d, dw)
			d.Release()
		}
	}
}
