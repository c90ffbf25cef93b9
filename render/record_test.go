package render_test

import (
	"image"
	"image/color"
	"math/rand/v2"
	"reflect"
	"testing"

	"maliatlas/render"
)

// callLog is a Sink that keeps a deep copy of every call.
type callLog struct {
	calls []any
	// spoil, when set, changes what the sink is handed after copying it
	// (a sink may not keep it; the recording must not change either).
	spoil bool
}

type pathCall struct {
	sub    [][]render.Point
	closed bool
	st     render.Style
}

type markersCall struct {
	m  render.Marker
	at []render.Point
}

type imageCall struct {
	img image.Image
	r   render.Rect
}

func (l *callLog) Path(p *render.Path, st *render.Style) {
	c := pathCall{closed: p.Closed, st: *st}
	c.st.Dash = append([]float64(nil), st.Dash...)
	for _, s := range p.Sub {
		c.sub = append(c.sub, append([]render.Point{}, s...))
	}
	l.calls = append(l.calls, c)
	if l.spoil {
		st.Width, st.Stroke, st.Dash = -1, color.NRGBA{1, 2, 3, 4}, nil
	}
}

func (l *callLog) Markers(m *render.Marker, at []render.Point) {
	l.calls = append(l.calls, markersCall{*m, append([]render.Point{}, at...)})
	if l.spoil {
		m.Size = -1
	}
}

func (l *callLog) Text(t *render.Text) {
	l.calls = append(l.calls, *t)
	if l.spoil {
		t.S, t.X = "spoilt", -1
	}
}

func (l *callLog) Image(img image.Image, r render.Rect) {
	l.calls = append(l.calls, imageCall{img, r})
}

// TestRecordingReplaysEveryCall: a recording of many calls of every kind,
// paths of a few points to thousands (cut from shared blocks or not), with
// the drawer's buffers reused and overwritten between calls as the renderer
// does, replays exactly the calls made (points rounded to float32 when
// Compact), in order, again and again, even to a sink that changes what it
// is handed.
func TestRecordingReplaysEveryCall(t *testing.T) {
	for _, compact := range []bool{false, true} {
		rnd := rand.New(rand.NewPCG(3, 4))
		rec := render.Recording{Compact: compact}
		var want callLog
		img := image.NewRGBA(image.Rect(0, 0, 2, 2))
		var path render.Path
		round := func(p render.Point) render.Point {
			if compact {
				return render.Point{X: float64(float32(p.X)), Y: float64(float32(p.Y))}
			}
			return p
		}
		for i := range 1200 {
			switch k := rnd.IntN(10); {
			case k < 7:
				path.Reset()
				path.Closed = rnd.IntN(2) == 0
				nsub := 1 + rnd.IntN(3)
				if rnd.IntN(50) == 0 {
					nsub = 600 + rnd.IntN(200) // more ends than a shared block takes
				}
				for range nsub {
					n := rnd.IntN(40)
					switch rnd.IntN(80) {
					case 0, 1, 2:
						n = 40 + rnd.IntN(480) // more than is left of a block
					case 3:
						n = 200 + rnd.IntN(2000)
					case 4:
						n = 9000 // more than a block
					}
					var sub []render.Point
					for range n {
						sub = append(sub, render.Point{X: rnd.Float64() * 3000, Y: rnd.Float64()*2000 - 100})
					}
					path.Sub = append(path.Sub, sub)
				}
				st := render.Style{Stroke: color.NRGBA{uint8(i), 0, 0, 255}, Width: 1 + float64(i%5)}
				if i%7 == 0 {
					st.Dash = []float64{float64(i%9 + 1), 2}
				}
				rec.Path(&path, &st)
				c := pathCall{closed: path.Closed, st: st}
				c.st.Dash = append([]float64(nil), st.Dash...)
				for _, s := range path.Sub {
					ws := []render.Point{}
					for _, p := range s {
						ws = append(ws, round(p))
					}
					c.sub = append(c.sub, ws)
				}
				want.calls = append(want.calls, c)
				// Drawn again (a fill, then a stroke), with a point moved
				// or not: the copy may be shared only when unchanged.
				if again := rnd.IntN(4); again < 2 && len(path.Sub) > 0 && len(path.Sub[0]) > 0 {
					if again == 1 {
						path.Sub[0][len(path.Sub[0])-1].Y += 0.5
						c.sub = append([][]render.Point{append([]render.Point{}, c.sub[0]...)}, c.sub[1:]...)
						c.sub[0][len(c.sub[0])-1] = round(path.Sub[0][len(path.Sub[0])-1])
					}
					st2 := render.Style{Fill: color.NRGBA{0, 0, uint8(i), 99}}
					rec.Path(&path, &st2)
					c.st = st2
					want.calls = append(want.calls, c)
				}
				// The drawer reuses its buffers: the recording must not
				// share them.
				for _, s := range path.Sub {
					for j := range s {
						s[j] = render.Point{X: -7, Y: -7}
					}
				}
				for j := range st.Dash {
					st.Dash[j] = -7
				}
			case k < 8:
				at := make([]render.Point, rnd.IntN(700))
				for j := range at {
					at[j] = render.Point{X: rnd.Float64() * 1000, Y: rnd.Float64() * 1000}
				}
				m := render.Marker{Shape: render.Circle, Size: float64(1 + i%6), Fill: color.NRGBA{0, uint8(i), 0, 255}}
				rec.Markers(&m, at)
				w := markersCall{m, []render.Point{}}
				for _, p := range at {
					w.at = append(w.at, round(p))
				}
				want.calls = append(want.calls, w)
				clear(at)
			case k < 9:
				tx := render.Text{X: float64(i), Y: 3, S: "label", Size: 12}
				rec.Text(&tx)
				want.calls = append(want.calls, tx)
			default:
				r := render.Rect{Min: render.Point{X: float64(i), Y: 1}, Max: render.Point{X: float64(i) + 5, Y: 9}}
				rec.Image(img, r)
				want.calls = append(want.calls, imageCall{img, r})
			}
		}
		if rec.Len() != len(want.calls) {
			t.Fatalf("compact %v: Len %d, want %d", compact, rec.Len(), len(want.calls))
		}
		// Into a band: every path with a point in it is replayed, in order
		// (boxes are checked against the points, shared or not).
		band := clipLog{clip: image.Rect(0, 500, 3000, 530)}
		rec.Replay(&band)
		j := 0
		for _, c := range want.calls {
			if _, ok := c.(pathCall); !ok || !c2reaches(c, band.clip) {
				continue
			}
			for j < len(band.calls) && !reflect.DeepEqual(band.calls[j], c) {
				j++
			}
			if j == len(band.calls) {
				t.Fatalf("compact %v: a call reaching the band %v was left out: %+v", compact, band.clip, c)
			}
			j++
		}
		for pass := range 2 {
			got := callLog{spoil: true}
			rec.Replay(&got)
			if len(got.calls) != len(want.calls) {
				t.Fatalf("compact %v, replay %d: %d calls, want %d", compact, pass, len(got.calls), len(want.calls))
			}
			for i := range got.calls {
				if !reflect.DeepEqual(got.calls[i], want.calls[i]) {
					t.Fatalf("compact %v, replay %d: call %d is\n%+v\nwant\n%+v", compact, pass, i, got.calls[i], want.calls[i])
				}
			}
		}
	}
}

// clipLog is a callLog that paints only inside clip (a band).
type clipLog struct {
	callLog
	clip image.Rectangle
}

func (l *clipLog) Clip() image.Rectangle { return l.clip }

// c2reaches reports whether the call c (of a callLog) has a point inside r.
func c2reaches(c any, r image.Rectangle) bool {
	in := func(p render.Point) bool {
		return p.X >= float64(r.Min.X) && p.X < float64(r.Max.X) && p.Y >= float64(r.Min.Y) && p.Y < float64(r.Max.Y)
	}
	switch c := c.(type) {
	case pathCall:
		for _, s := range c.sub {
			for _, p := range s {
				if in(p) {
					return true
				}
			}
		}
	case markersCall:
		for _, p := range c.at {
			if in(p) {
				return true
			}
		}
	}
	return false
}
