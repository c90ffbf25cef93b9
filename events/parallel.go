package events

import (
	"bytes"
	"runtime"
	"sync"
	"sync/atomic"
)

// minChunk is the smallest part of a file worth a goroutine of its own.
var minChunk = 8 << 20

// splitBody cuts data[body:] into up to GOMAXPROCS (at most 4) chunks of
// whole records: each cut is at a line end outside quotes (an even number
// of quote characters before it, as "" escapes a quote). It returns the
// chunks' start offsets and the end.
func splitBody(data []byte, body int) []int {
	n := min(runtime.GOMAXPROCS(0), 4, (len(data)-body)/minChunk)
	if n < 2 {
		return nil
	}
	cuts := []int{body}
	quotes, counted := 0, body
	for k := 1; k < n; k++ {
		at := body + (len(data)-body)*k/n
		for at < len(data) {
			nl := bytes.IndexByte(data[at:], '\n')
			if nl < 0 {
				at = len(data)
				break
			}
			at += nl + 1
			quotes += bytes.Count(data[counted:at], []byte{'"'})
			counted = at
			if quotes%2 == 0 {
				break
			}
		}
		if at >= len(data) || at <= cuts[len(cuts)-1] {
			break
		}
		cuts = append(cuts, at)
	}
	if len(cuts) < 2 {
		return nil
	}
	return append(cuts, len(data))
}

// readParallel reads the chunks at once, each into its own table, then
// joins them in order. It reports false (and nothing read) when a chunk
// found an unclosed quote: the caller then reads the file in one go.
func (b *builder) readParallel(cuts []int, bodyLine int, idx [nSlots]int, nHeader int) (bool, error) {
	n := len(cuts) - 1
	parts := make([]*builder, n)
	errs := make([]error, n)
	var done atomic.Int64
	var mu sync.Mutex // one progress call at a time, in increasing order
	var reported int64
	var wg sync.WaitGroup
	line := bodyLine
	for k := 0; k < n; k++ {
		pb := &builder{t: &Table{Name: b.t.Name}, rep: &Report{File: b.rep.File}, data: b.data, opt: b.opt, ctx: b.ctx}
		pb.useMapping(b.m)
		parts[k] = pb
		s := &csvScanner{data: b.data[:cuts[k+1]], pos: cuts[k], line: line, sep: sniff(b.data)}
		last := cuts[k]
		pb.progressFn = func(pos int) {
			total := done.Add(int64(pos - last))
			last = pos
			if b.opt.Progress == nil {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if total > reported {
				reported = total
				b.opt.Progress(total, int64(len(b.data)))
			}
		}
		line += bytes.Count(b.data[cuts[k]:cuts[k+1]], []byte{'\n'})
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[k] = pb.readRows(s, idx, nHeader, len(b.data))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return false, err
		}
	}
	for _, pb := range parts {
		if pb.unclosed {
			return false, nil
		}
	}
	for _, pb := range parts {
		b.join(pb)
	}
	return true, b.progress(len(b.data))
}

// join appends the events and the report of a chunk read after b's.
func (b *builder) join(pb *builder) {
	t, u := b.t, pb.t
	if t.Len() == 0 && len(t.Categories.Values) == 0 && len(t.Actors.Values) == 0 {
		syn := t.Synthetic
		*t = *u
		t.Synthetic = t.Synthetic || syn
	} else {
		remap := func(into *Dict, from *Dict) []uint32 {
			m := make([]uint32, len(from.Values))
			for i, v := range from.Values {
				m[i] = into.ID([]byte(v))
			}
			return m
		}
		cat, act, pla := remap(&t.Categories, &u.Categories), remap(&t.Actors, &u.Actors), remap(&t.Places, &u.Places)
		t.grow(u.Len())
		t.Lon = append(t.Lon, u.Lon...)
		t.Lat = append(t.Lat, u.Lat...)
		t.X = append(t.X, u.X...)
		t.Y = append(t.Y, u.Y...)
		t.DayFrom = append(t.DayFrom, u.DayFrom...)
		t.DayTo = append(t.DayTo, u.DayTo...)
		t.Prec = append(t.Prec, u.Prec...)
		t.Weight = append(t.Weight, u.Weight...)
		t.Line = append(t.Line, u.Line...)
		for i := range u.Len() {
			t.Category = append(t.Category, cat[u.Category[i]])
			t.Actor = append(t.Actor, act[u.Actor[i]])
			t.Place = append(t.Place, pla[u.Place[i]])
		}
		base := uint32(len(t.ids))
		t.ids = append(t.ids, u.ids...)
		for _, e := range u.idEnds {
			t.idEnds = append(t.idEnds, base+e)
		}
		if u.Len() > 0 {
			if t.Len() == u.Len() {
				t.bound = u.bound
			} else {
				t.bound = t.bound.Union(u.bound)
			}
		}
		t.Synthetic = t.Synthetic || u.Synthetic
	}
	b.rep.Skipped += pb.rep.Skipped
	for _, p := range pb.rep.Problems {
		if len(b.rep.Problems) < MaxProblems {
			b.rep.Problems = append(b.rep.Problems, p)
		} else {
			b.rep.More++
		}
	}
	b.rep.More += pb.rep.More
}
