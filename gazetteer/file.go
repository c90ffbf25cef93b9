package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// The file is gzip-compressed UTF-8 text: comment lines starting with '#',
// then one entry a line with seven tab-separated fields.
const (
	header  = "# Mali Routes Atlas gazetteer v1: name, alternate names (|), kind, lon, lat, importance (0-100), region (OCHA P-code or ISO 3166 alpha-3)"
	credits = "# Sources: © OpenStreetMap contributors (ODbL 1.0); GeoNames (CC BY 4.0); Natural Earth (public domain); regions: OCHA COD-AB Mali 2021 (CC BY-IGO)"
	nFields = 7
)

// Write writes entries in the gazetteer format, gzip-compressed. The output
// depends only on entries (no time stamp), so a regenerated file is
// byte-identical.
func Write(w io.Writer, entries []Entry) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintln(bw, header)
	fmt.Fprintln(bw, credits)
	for i := range entries {
		e := &entries[i]
		for _, s := range append([]string{e.Name, e.Kind, e.Region}, e.Alt...) {
			if strings.ContainsAny(s, "\t\n\r") {
				return fmt.Errorf("entry %d (%q): %q holds a tab or a line break", i+1, e.Name, s)
			}
		}
		for _, a := range e.Alt {
			if a == "" || strings.Contains(a, "|") {
				return fmt.Errorf("entry %d (%q): alternate name %q is empty or holds '|'", i+1, e.Name, a)
			}
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", e.Name, strings.Join(e.Alt, "|"), e.Kind,
			strconv.FormatFloat(e.Lon, 'f', -1, 64), strconv.FormatFloat(e.Lat, 'f', -1, 64), e.Importance, e.Region)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Problem is one bad line of a gazetteer file.
type Problem struct {
	File  string
	Line  int
	Field string // "" for the whole line
	Msg   string
}

func (p Problem) String() string {
	if p.Field != "" {
		return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Field, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// ReadError lists the bad lines of a file whose other lines were read.
type ReadError struct {
	Problems []Problem
}

func (e *ReadError) Error() string {
	const show = 5
	var b strings.Builder
	for i, p := range e.Problems {
		if i == show {
			fmt.Fprintf(&b, "\n… and %d more", len(e.Problems)-show)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

var fieldNames = [nFields]string{"name", "alternate names", "kind", "lon", "lat", "importance", "region"}

// Read reads a gazetteer file (gzip-compressed or plain) named name (for
// messages). Bad lines are left out and reported in a *ReadError; the good
// ones are returned with it.
func Read(name string, r io.Reader) ([]Entry, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	data, err := io.ReadAll(br)
	if err != nil {
		return nil, fmt.Errorf("%s: %v (the file is cut short or damaged)", name, err)
	}
	return parse(name, data)
}

func parse(name string, data []byte) ([]Entry, error) {
	entries := make([]Entry, 0, bytes.Count(data, []byte{'\n'}))
	var probs []Problem
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		l = bytes.TrimSuffix(l, []byte{'\r'})
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		e, field, msg := parseLine(string(l))
		if msg != "" {
			probs = append(probs, Problem{File: name, Line: line, Field: field, Msg: msg})
			continue
		}
		entries = append(entries, e)
	}
	if len(probs) > 0 {
		return entries, &ReadError{Problems: probs}
	}
	return entries, nil
}

func parseLine(l string) (e Entry, field, msg string) {
	var f [nFields]string
	n := 0
	for n < nFields-1 {
		i := strings.IndexByte(l, '\t')
		if i < 0 {
			break
		}
		f[n], l = l[:i], l[i+1:]
		n++
	}
	f[n] = l
	n++
	if n != nFields || strings.IndexByte(f[nFields-1], '\t') >= 0 {
		c := n
		if n == nFields {
			c = nFields + strings.Count(f[nFields-1], "\t")
		}
		return e, "", fmt.Sprintf("%d fields, want %d (name, alternate names, kind, lon, lat, importance, region)", c, nFields)
	}
	if strings.TrimSpace(f[0]) == "" {
		return e, fieldNames[0], "empty"
	}
	e.Name = f[0]
	for _, a := range strings.Split(f[1], "|") {
		if a != "" {
			e.Alt = append(e.Alt, a)
		}
	}
	e.Kind = f[2]
	if e.Kind == "" {
		return e, fieldNames[2], "empty"
	}
	var err error
	if e.Lon, err = strconv.ParseFloat(f[3], 64); err != nil || math.IsNaN(e.Lon) || e.Lon < -180 || e.Lon > 180 {
		return e, fieldNames[3], fmt.Sprintf("%q is not a longitude (-180..180)", f[3])
	}
	if e.Lat, err = strconv.ParseFloat(f[4], 64); err != nil || math.IsNaN(e.Lat) || e.Lat < -90 || e.Lat > 90 {
		return e, fieldNames[4], fmt.Sprintf("%q is not a latitude (-90..90)", f[4])
	}
	imp, err := strconv.Atoi(f[5])
	if err != nil || imp < 0 || imp > 100 {
		return e, fieldNames[5], fmt.Sprintf("%q is not a whole number 0..100", f[5])
	}
	e.Importance = imp
	e.Region = f[6]
	return e, "", ""
}
