package events

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// csvScanner splits CSV records without allocating per field: fields are
// views into the data, or into a scratch buffer for quoted fields with
// doubled quotes.
type csvScanner struct {
	data      []byte
	pos       int
	line      int // line of pos, 1-based
	sep       byte
	fields    [][]byte
	starts    []int // offset of each field
	lineStart int   // offset of the start of the record's first line
	scratch   []byte
}

// sniff picks the separator the header line has most of: ',', ';' or tab.
func sniff(data []byte) byte {
	end := bytes.IndexByte(data, '\n')
	if end < 0 {
		end = len(data)
	}
	h := data[:end]
	best, n := byte(','), bytes.Count(h, []byte{','})
	for _, c := range []byte{';', '\t'} {
		if k := bytes.Count(h, []byte{c}); k > n {
			best, n = c, k
		}
	}
	return best
}

// next reads one record. It returns false at the end of the data; msg is
// set (and the rest of the data dropped) for an unclosed quote.
func (s *csvScanner) next() (ok bool, recLine int, msg string) {
	// Skip blank lines.
	for s.pos < len(s.data) && (s.data[s.pos] == '\n' || s.data[s.pos] == '\r') {
		if s.data[s.pos] == '\n' {
			s.line++
		}
		s.pos++
	}
	if s.pos >= len(s.data) {
		return false, 0, ""
	}
	s.fields, s.starts = s.fields[:0], s.starts[:0]
	s.scratch = s.scratch[:0]
	recLine = s.line
	s.lineStart = s.pos
	data, sep := s.data, s.sep
	for {
		start := s.pos
		s.starts = append(s.starts, start)
		if start < len(data) && data[start] == '"' {
			// Quoted field.
			i := start + 1
			esc := false
			for {
				j := bytes.IndexByte(data[i:], '"')
				if j < 0 {
					s.line += bytes.Count(data[i:], []byte{'\n'})
					s.pos = len(data)
					return false, recLine, "a quoted field is never closed"
				}
				s.line += bytes.Count(data[i:i+j], []byte{'\n'})
				i += j
				if i+1 < len(data) && data[i+1] == '"' {
					esc = true
					i += 2
					continue
				}
				break
			}
			v := data[start+1 : i]
			if esc {
				k := len(s.scratch)
				s.scratch = append(s.scratch, v...)
				v = bytes.ReplaceAll(s.scratch[k:], []byte(`""`), []byte(`"`))
			}
			s.fields = append(s.fields, v)
			i++
			// Anything up to the separator after the closing quote is kept.
			for i < len(data) && data[i] != sep && data[i] != '\n' {
				i++
			}
			s.pos = i
		} else {
			i := start
			for i < len(data) {
				c := data[i]
				if c == sep || c == '\n' {
					break
				}
				i++
			}
			s.fields = append(s.fields, data[start:i])
			s.pos = i
		}
		if s.pos >= len(data) {
			break
		}
		if data[s.pos] == '\n' {
			s.pos++
			s.line++
			break
		}
		s.pos++ // separator
	}
	if n := len(s.fields) - 1; n >= 0 {
		s.fields[n] = bytes.TrimSuffix(s.fields[n], []byte{'\r'})
	}
	return true, recLine, ""
}

// col is the character column of field i of the current record.
func (s *csvScanner) col(i int) int {
	if i < 0 || i >= len(s.starts) {
		return 0
	}
	off := s.starts[i]
	ls := bytes.LastIndexByte(s.data[:off], '\n') + 1
	return utf8.RuneCount(s.data[ls:off]) + 1
}

func (b *builder) readCSV() error {
	s := &csvScanner{data: b.data, sep: sniff(b.data), line: 1}
	ok, _, msg := s.next()
	if !ok {
		if msg == "" {
			msg = "empty file: no header row"
		}
		return fmt.Errorf("%s:1: %s", b.rep.File, msg)
	}
	header := make([]string, len(s.fields))
	index := map[string]int{}
	for i, f := range s.fields {
		header[i] = strings.TrimSpace(string(f))
		index[strings.ToLower(header[i])] = i
	}
	m := b.opt.Mapping
	if m == nil {
		guess, found := Recognise(header)
		if !found {
			return &MappingError{File: b.rep.File, Header: header, Guess: guess, Err: guess.Check()}
		}
		m = &guess
	} else if err := m.Check(); err != nil {
		return &MappingError{File: b.rep.File, Header: header, Guess: *m, Err: err}
	}
	b.useMapping(*m)
	var idx [nSlots]int
	for slot, name := range b.cols {
		idx[slot] = -1
		if name == "" {
			continue
		}
		i, found := index[strings.ToLower(name)]
		if !found && slot != sSynth {
			return fmt.Errorf("%s:1: the mapping's column %q is not in the header", b.rep.File, name)
		}
		if found {
			idx[slot] = i
		}
	}
	body, bodyLine := s.pos, s.line
	if chunks := splitBody(b.data, body); len(chunks) > 1 {
		if ok, err := b.readParallel(chunks, bodyLine, idx, len(header)); ok || err != nil {
			return err
		}
		// An unclosed quote: read it in one go, as the problems then depend
		// on everything before.
		*b.t = Table{Name: b.t.Name, Format: b.t.Format, Mapping: b.t.Mapping}
		*b.rep = Report{File: b.rep.File}
	}
	s.pos, s.line = body, bodyLine
	if err := b.readRows(s, idx, len(header), len(b.data)); err != nil {
		return err
	}
	return b.progress(len(b.data))
}

// readRows reads the records of s (up to the end of its data) into b.
func (b *builder) readRows(s *csvScanner, idx [nSlots]int, nHeader, total int) error {
	b.where = func(slot int) int { return s.col(idx[slot]) }
	var cells [nSlots][]byte
	rows := 0
	start := s.pos
	for {
		ok, line, msg := s.next()
		if msg != "" {
			b.problemAt(line, 0, "", msg+"; the rest of the file is not read")
			b.rep.Skipped++
			b.unclosed = true
		}
		if !ok {
			break
		}
		rows++
		if rows&0x7fff == 0 {
			if err := b.progress(s.pos); err != nil {
				return err
			}
		}
		if rows == 1000 {
			// Reserve the columns for the rest of the chunk.
			b.t.grow(int(float64(len(s.data)-s.pos)/float64(s.pos-start)*1000) + 16)
		}
		b.line = line
		if len(s.fields) != nHeader {
			b.problemAt(line, 0, "", fmt.Sprintf("the row has %d cells, the header %d", len(s.fields), nHeader))
			b.rep.Skipped++
			continue
		}
		for slot, i := range idx {
			if i >= 0 {
				cells[slot] = s.fields[i]
			} else {
				cells[slot] = nil
			}
		}
		b.row(&cells, 0, 0, false)
	}
	return nil
}
