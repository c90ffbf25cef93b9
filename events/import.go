package events

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Problem is one bad row (or a problem with the whole file), with its place.
type Problem struct {
	File      string
	Line, Col int    // 1-based; Col counts characters; 0 when unknown
	Column    string // the column (or property) at fault, if any
	Msg       string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if p.Column != "" {
		fmt.Fprintf(&b, "column %q: ", p.Column)
	}
	b.WriteString(p.Msg)
	return b.String()
}

// MaxProblems is how many problems a Report keeps; it counts the rest.
const MaxProblems = 200

// Report says what an import loaded and what it left out.
type Report struct {
	File     string
	Loaded   int       // events loaded
	Skipped  int       // rows left out because of a problem
	Problems []Problem // the first MaxProblems problems, in file order
	More     int       // problems beyond those kept
}

// Summary is one line: "acled.csv: 999 events loaded, 1 row skipped".
func (r *Report) Summary() string {
	s := fmt.Sprintf("%s: %d events loaded", r.File, r.Loaded)
	switch r.Skipped {
	case 0:
	case 1:
		s += ", 1 row skipped"
	default:
		s += fmt.Sprintf(", %d rows skipped", r.Skipped)
	}
	return s
}

// Lines is the summary and every kept problem, one per line.
func (r *Report) Lines() []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, p.String())
	}
	if r.More > 0 {
		out = append(out, fmt.Sprintf("%s: … and %d more problems", r.File, r.More))
	}
	return append(out, r.Summary())
}

// MappingError says the file's columns were not recognised: the caller maps
// them (Options.Mapping) and reads again.
type MappingError struct {
	File   string
	Header []string // the columns (or properties) found
	Guess  Mapping  // what could be guessed
	Err    error
}

func (e *MappingError) Error() string {
	return fmt.Sprintf("%s: not an ACLED or UCDP GED file and %v", e.File, e.Err)
}

// Options control an import.
type Options struct {
	// Mapping of the columns; nil recognises ACLED and UCDP GED by their
	// headers and guesses others.
	Mapping *Mapping
	// Weight, when set, replaces the mapping's weight column ("" keeps it;
	// "count" makes every event count 1).
	Weight string
	// Progress, when set, is called now and then with the bytes read so far
	// and the total.
	Progress func(done, total int64)
}

// ReadFile imports the events of a CSV (or TSV, ';'-separated) or GeoJSON
// file. Rows with problems are left out and listed in the report; the
// error is for a file that cannot be read at all (no such file, no header,
// unrecognised columns: *MappingError, cancelled).
func ReadFile(ctx context.Context, path string, opt Options) (*Table, *Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return Read(ctx, filepath.Base(path), data, opt)
}

// Read is ReadFile on data read from a file called name.
func Read(ctx context.Context, name string, data []byte, opt Options) (*Table, *Report, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trim := bytes.TrimLeft(data, " \t\r\n")
	b := &builder{t: &Table{Name: name}, rep: &Report{File: name}, data: data, opt: opt, ctx: ctx}
	var err error
	if len(trim) > 0 && trim[0] == '{' {
		err = b.readGeoJSON()
	} else {
		err = b.readCSV()
	}
	if err != nil {
		return nil, nil, err
	}
	b.rep.Loaded = b.t.Len()
	return b.t, b.rep, nil
}

// The slots of a row the mapping fills.
const (
	sDate = iota
	sDateEnd
	sLon
	sLat
	sWKT
	sID
	sCat
	sActor
	sPlace
	sWeight
	sPrec
	sSynth
	nSlots
)

// columns lists the mapping's column names by slot.
func (m Mapping) columns() [nSlots]string {
	return [nSlots]string{m.Date, m.DateEnd, m.Lon, m.Lat, m.WKT, m.ID, m.Category, m.Actor, m.Place, m.Weight, m.Precision, "synthetic"}
}

// builder turns rows into table entries.
type builder struct {
	t    *Table
	rep  *Report
	data []byte
	opt  Options
	ctx  context.Context
	m    Mapping
	cols [nSlots]string
	fmt  Format
	// where gives the column (characters, 1-based) of slot s in the current row.
	where func(s int) int
	line  int
	// unclosed is set when a quoted field never closes.
	unclosed bool
	// progressFn, for a chunk read in parallel, reports its position.
	progressFn func(pos int)
}

// useMapping settles the mapping (with the weight override).
func (b *builder) useMapping(m Mapping) {
	switch b.opt.Weight {
	case "":
	case "count":
		m.Weight = ""
	default:
		m.Weight = b.opt.Weight
	}
	b.m = m
	b.cols = m.columns()
	b.fmt = m.FormatOf()
	b.t.Format = b.fmt
	b.t.Mapping = m
}

func (b *builder) problem(slot int, msg string) {
	b.problemAt(b.line, b.where(slot), b.cols[slot], msg)
}

func (b *builder) problemAt(line, col int, column, msg string) {
	if len(b.rep.Problems) < MaxProblems {
		b.rep.Problems = append(b.rep.Problems, Problem{File: b.rep.File, Line: line, Col: col, Column: column, Msg: msg})
	} else {
		b.rep.More++
	}
}

// str views b as a string without copying; the string must not be kept.
func str(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

func quoteCell(b []byte) string {
	const max = 40
	if utf8.RuneCount(b) > max {
		r := []rune(string(b))
		return strconv.Quote(string(r[:max]) + "…")
	}
	return strconv.Quote(string(b))
}

// row checks one row's cells (by slot) and adds the event; a bad row is
// reported and skipped.
func (b *builder) row(c *[nSlots][]byte, geomLon, geomLat float64, hasGeom bool) {
	for i := range c {
		c[i] = trimSpace(c[i])
	}
	ok := true
	from, good := ParseDate(c[sDate])
	if !good {
		if len(c[sDate]) == 0 {
			b.problem(sDate, "no date")
		} else {
			b.problem(sDate, "not a date: "+quoteCell(c[sDate])+" (2023-03-15 or 15 March 2023)")
		}
		ok = false
	}
	to := from
	if b.cols[sDateEnd] != "" && len(c[sDateEnd]) > 0 {
		if d, good := ParseDate(c[sDateEnd]); !good {
			b.problem(sDateEnd, "not a date: "+quoteCell(c[sDateEnd]))
			ok = false
		} else if ok && d < from {
			b.problem(sDateEnd, "the end "+FormatDay(d)+" is before the start "+FormatDay(from))
			ok = false
		} else {
			to = d
		}
	}
	var lon, lat float64
	switch {
	case hasGeom:
		lon, lat = geomLon, geomLat
	case b.cols[sWKT] != "":
		var err string
		lon, lat, err = parsePointWKT(c[sWKT])
		if err != "" {
			b.problem(sWKT, err)
			ok = false
		}
	default:
		var g1, g2 bool
		lon, g1 = b.coord(c, sLon, "longitude", 180)
		lat, g2 = b.coord(c, sLat, "latitude", 90)
		ok = ok && g1 && g2
	}
	w := float32(1)
	if b.cols[sWeight] != "" {
		w = 0
		if v := c[sWeight]; len(v) > 0 {
			f, err := strconv.ParseFloat(str(v), 64)
			switch {
			case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
				b.problem(sWeight, "not a number: "+quoteCell(v))
				ok = false
			case f < 0:
				b.problem(sWeight, "negative weight "+quoteCell(v))
				ok = false
			default:
				w = float32(f)
			}
		}
	}
	var prec uint8
	if b.cols[sPrec] != "" && len(c[sPrec]) > 0 {
		v := c[sPrec]
		hi := 9
		switch b.fmt {
		case ACLED:
			hi = 3
		case UCDP:
			hi = 7
		}
		if !digits(v) || len(v) > 2 || num(v) < 1 || num(v) > hi {
			b.problem(sPrec, fmt.Sprintf("precision must be a whole number 1–%d, not %s", hi, quoteCell(v)))
			ok = false
		} else {
			prec = uint8(num(v))
		}
	}
	if s := c[sSynth]; len(s) > 0 {
		switch strings.ToLower(str(s)) {
		case "true", "1", "yes":
			b.t.Synthetic = true
		}
	}
	if !ok {
		b.rep.Skipped++
		return
	}
	cat := c[sCat]
	if b.fmt == UCDP {
		if name, found := ucdpViolence[str(cat)]; found {
			cat = []byte(name)
		}
	}
	b.t.add(lon, lat, from, to, prec, w, b.t.Categories.ID(cat), b.t.Actors.ID(c[sActor]), b.t.Places.ID(c[sPlace]), int32(b.line), c[sID])
}

func (b *builder) coord(c *[nSlots][]byte, slot int, what string, limit float64) (float64, bool) {
	v := c[slot]
	if len(v) == 0 {
		b.problem(slot, "no "+what)
		return 0, false
	}
	f, err := strconv.ParseFloat(str(v), 64)
	if err != nil || math.IsNaN(f) {
		b.problem(slot, "not a number: "+quoteCell(v))
		return 0, false
	}
	if f < -limit || f > limit {
		b.problem(slot, fmt.Sprintf("%s %s out of range (−%g to %g)", what, quoteCell(v), limit, limit))
		return 0, false
	}
	return f, true
}

// parsePointWKT reads "POINT (lon lat)" (case-insensitive, optional Z/M
// values are ignored).
func parsePointWKT(v []byte) (lon, lat float64, msg string) {
	s := strings.TrimSpace(str(v))
	up := strings.ToUpper(s)
	if !strings.HasPrefix(up, "POINT") {
		return 0, 0, "not a WKT POINT: " + quoteCell(v)
	}
	open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || close < open {
		return 0, 0, "not a WKT POINT: " + quoteCell(v)
	}
	f := strings.Fields(s[open+1 : close])
	if len(f) < 2 || len(f) > 4 {
		return 0, 0, "a WKT POINT needs two coordinates: " + quoteCell(v)
	}
	x, err1 := strconv.ParseFloat(f[0], 64)
	y, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil || math.IsNaN(x) || math.IsNaN(y) {
		return 0, 0, "not a number in " + quoteCell(v)
	}
	if x < -180 || x > 180 || y < -90 || y > 90 {
		return 0, 0, "coordinates out of range in " + quoteCell(v)
	}
	return x, y, ""
}

// progress reports progress and checks for cancellation every few
// thousand rows.
func (b *builder) progress(done int) error {
	if err := b.ctx.Err(); err != nil {
		return &cancelled{b.rep.File, err}
	}
	if b.progressFn != nil {
		b.progressFn(done)
	} else if b.opt.Progress != nil {
		b.opt.Progress(int64(done), int64(len(b.data)))
	}
	return nil
}

// cancelled is the error of an import stopped by its context; errors.Is
// finds context.Canceled in it.
type cancelled struct {
	file string
	err  error
}

func (c *cancelled) Error() string { return c.file + ": import cancelled" }
func (c *cancelled) Unwrap() error { return c.err }
