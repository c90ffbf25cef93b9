package gazetteer

import (
	"bytes"
	"sort"
	"strings"
	"sync"

	"maliatlas/data"
	"maliatlas/layers"
)

// Index is the gazetteer's entries with their folded names, searchable by
// substring in one pass over a single string.
type Index struct {
	Entries []Entry

	blob   string             // "\x00" + each folded name + "\x00"
	starts []int32            // offset in blob of each name
	owner  []int32            // the entry of each name
	which  []uint16           // 0: the entry's Name, i: its Alt[i-1]
	words  []uint64           // bit set of the blob offsets where a word begins
	exact  map[string][]int32 // folded name (main or alternate) → entries
	marks  sync.Pool          // *[]int32, one per entry, all 0 between searches
}

func (ix *Index) getMarks() *[]int32 {
	if m, ok := ix.marks.Get().(*[]int32); ok {
		return m
	}
	m := make([]int32, len(ix.Entries))
	return &m
}

func (ix *Index) putMarks(m *[]int32) { ix.marks.Put(m) }

// Match qualities, from worst to best.
const (
	QualSubstring  = 1 // the query is inside a word
	QualWordPrefix = 2 // a word of the name starts with the query
	QualPrefix     = 3 // the name starts with the query
	QualExact      = 4 // the name is the query
)

// NewIndex indexes entries.
func NewIndex(entries []Entry) *Index {
	ix := &Index{Entries: entries, exact: map[string][]int32{}}
	blob := make([]byte, 1, 24*len(entries)+1)
	var words []int32
	add := func(e int, w int, name string) {
		off := len(blob)
		var ok bool
		if blob, words, ok = appendFoldASCII(blob, words, name); !ok {
			f, ws := layers.FoldWords(name)
			blob = append(blob, f...)
			for _, s := range ws {
				words = append(words, int32(off)+s)
			}
		}
		if len(blob) == off {
			return
		}
		ix.starts = append(ix.starts, int32(off))
		ix.owner = append(ix.owner, int32(e))
		ix.which = append(ix.which, uint16(min(w, 0xffff)))
		blob = append(blob, 0)
	}
	for i := range entries {
		add(i, 0, entries[i].Name)
		for j, a := range entries[i].Alt {
			add(i, j+1, a)
		}
	}
	ix.blob = string(blob)
	ix.words = make([]uint64, len(ix.blob)/64+1)
	for _, w := range words {
		ix.words[w/64] |= 1 << (w % 64)
	}
	for k, st := range ix.starts {
		end := st + int32(strings.IndexByte(ix.blob[st:], 0))
		ix.exact[ix.blob[st:end]] = append(ix.exact[ix.blob[st:end]], ix.owner[k])
	}
	return ix
}

// appendFoldASCII appends the folded form of an ASCII name to blob and its
// word starts (as blob offsets) to words; ok is false (and nothing appended)
// when name is not ASCII.
func appendFoldASCII(blob []byte, words []int32, name string) ([]byte, []int32, bool) {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return blob, words, false
		}
	}
	newWord := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			newWord = true
			continue
		}
		if newWord {
			words = append(words, int32(len(blob)))
		}
		newWord = false
		blob = append(blob, c)
	}
	return blob, words, true
}

func (ix *Index) wordStart(off int) bool { return ix.words[off/64]&(1<<(off%64)) != 0 }

// NameOf is the name (as written) that the index's name k stands for.
func (ix *Index) nameOf(k int) string {
	e := &ix.Entries[ix.owner[k]]
	if w := ix.which[k]; w > 0 && int(w) <= len(e.Alt) {
		return e.Alt[w-1]
	}
	return e.Name
}

// match calls fn for each name containing the folded query q with the
// name's index and the match quality. A one-letter query matches only names
// and words that start with it.
func (ix *Index) match(q string, fn func(k int, qual int)) {
	if q == "" {
		return
	}
	if len(q) == 1 {
		c := q[0]
		for k, st := range ix.starts {
			if ix.blob[st] == c {
				if ix.blob[int(st)+1] == 0 {
					fn(k, QualExact)
				} else {
					fn(k, QualPrefix)
				}
			}
		}
		return
	}
	blob := ix.blob
	off, k := 0, 0
	for {
		i := strings.Index(blob[off:], q)
		if i < 0 {
			return
		}
		p := off + i
		// The name holding p: hits come in order, so step forward from the
		// last one (a binary search for far jumps).
		if k+8 < len(ix.starts) && int(ix.starts[k+8]) <= p {
			k += sort.Search(len(ix.starts)-k, func(j int) bool { return int(ix.starts[k+j]) > p }) - 1
		}
		for k+1 < len(ix.starts) && int(ix.starts[k+1]) <= p {
			k++
		}
		st := int(ix.starts[k])
		switch {
		case p == st && blob[p+len(q)] == 0:
			fn(k, QualExact)
		case p == st:
			fn(k, QualPrefix)
		case ix.wordStart(p):
			fn(k, QualWordPrefix)
		default:
			fn(k, QualSubstring)
		}
		off = p + 1
	}
}

// foldWords is layers.FoldWords with a fast path for ASCII (most names):
// the same result, without Unicode normalisation.
func foldWords(s string) (string, []int32) {
	b, ws, ok := appendFoldASCII(nil, nil, s)
	if !ok {
		return layers.FoldWords(s)
	}
	return string(b), ws
}

// Fold is the folded form of s that searches compare (see layers.Fold).
func Fold(s string) string {
	f, _ := foldWords(s)
	return f
}

var (
	defaultOnce  sync.Once
	defaultIndex *Index
	defaultErr   error
)

// Default is the embedded gazetteer, read and indexed on first use.
func Default() (*Index, error) {
	defaultOnce.Do(func() {
		entries, err := Read("data/gazetteer.tsv.gz", bytes.NewReader(data.Gazetteer))
		defaultIndex, defaultErr = NewIndex(entries), err
	})
	return defaultIndex, defaultErr
}
