package geo

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkt"
)

// Column names (compared without regard to case, spaces trimmed), in order
// of preference.
var (
	wktColumns = []string{"wkt", "geometry", "geom", "the_geom"}
	lonColumns = []string{"lon", "lng", "long", "longitude", "x"}
	latColumns = []string{"lat", "latitude", "y"}
)

// ReadCSV reads a table of features: a header row, then one feature per
// row. The geometry comes from a WKT column (named wkt, geometry, geom or
// the_geom: POINT, LINESTRING, POLYGON, their MULTI forms and
// GEOMETRYCOLLECTION; Z and M values are dropped), or else from a longitude
// column (lon, lng, long, longitude or x) and a latitude column (lat,
// latitude or y): column names are compared without regard to case. An id
// column becomes the feature id (a string); every other column becomes a
// property, a float64 where every non-empty cell of the column is a number
// and a string otherwise; empty cells are left out.
//
// The separator is ',', ';', a tab or '|', whichever the header has most of
// (',' on a tie); with another separator than ',' a decimal comma is
// accepted in numbers ("12,5"). A column of codes written with leading
// zeros ("007") or of more digits than a float64 holds exactly stays text. A UTF-8 byte order mark,
// quoted fields (with "" for a quote, and line breaks) and CRLF line ends
// are accepted; rows whose cells are all empty are skipped.
//
// On any problem it returns a nil collection and an *InputError listing
// every problem as "name:line:col: row N: column "c": what is wrong", where
// row N is the N-th data row (the header is not counted) and the place is
// that of the cell: a cell that is not a number, a longitude or latitude out
// of range, invalid WKT (placed at the character the WKT parser stopped at),
// an empty geometry, a row with more or fewer cells than the header, no
// geometry columns, duplicate column names, malformed quoting, an empty
// file.
func ReadCSV(name string, r io.Reader) (*geojson.FeatureCollection, error) {
	data, err := ReadInput(name, r)
	if err != nil {
		return nil, err
	}
	fc, problems := readCSV(data)
	if len(problems) > 0 {
		return nil, newInputError(name, data, problems)
	}
	return fc, nil
}

// csvReader reads one CSV input (without its byte order mark).
type csvReader struct {
	data       []byte
	lineStarts []int // offsets of the starts of lines, worked out on demand
	cr         *csv.Reader
	problems   []problem
	comma      bool // ',' does not separate, so it may be a decimal comma
}

// column is a property column.
type column struct {
	name    string
	index   int
	numeric bool // every non-empty cell is a number
	seen    bool // some cell is not empty
}

// row is one data row, kept until the types of the columns are known.
type row struct {
	n     int // 1-based data row number
	cells []string
	f     *geojson.Feature
}

func readCSV(data []byte) (*geojson.FeatureCollection, []problem) {
	c := &csvReader{data: data}
	sep := sniffSeparator(data)
	c.comma = sep != ','
	c.cr = csv.NewReader(bytes.NewReader(data))
	c.cr.Comma = sep
	c.cr.FieldsPerRecord = -1
	c.cr.TrimLeadingSpace = true

	header, err := c.cr.Read()
	if err == io.EOF {
		c.add(0, "empty file: no header row")
		return nil, c.problems
	}
	if err != nil {
		c.csvError(err)
		return nil, c.problems
	}
	headerPos := make([]int, len(header))
	for i := range header {
		headerPos[i] = c.fieldOff(i)
	}

	// The geometry columns and the rest.
	geomCol, lonCol, latCol, idCol := -1, -1, -1, -1
	lower := make([]string, len(header))
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
		lower[i] = strings.ToLower(header[i])
	}
	find := func(names []string) int {
		for _, n := range names {
			for i, h := range lower {
				if h == n {
					return i
				}
			}
		}
		return -1
	}
	if geomCol = find(wktColumns); geomCol < 0 {
		lonCol, latCol = find(lonColumns), find(latColumns)
		if lonCol < 0 || latCol < 0 {
			c.add(0, "no geometry: need a wkt column or longitude and latitude columns")
			return nil, c.problems
		}
	}
	idCol = find([]string{"id"})
	var cols []*column
	byName := make(map[string]int, len(header))
	for i, h := range header {
		if i == geomCol || i == lonCol || i == latCol || i == idCol {
			continue
		}
		if j, dup := byName[h]; dup && h != "" {
			c.add(headerPos[i], fmt.Sprintf("column %q appears twice (columns %d and %d)", short(h), j+1, i+1))
			continue
		}
		byName[h] = i
		cols = append(cols, &column{name: h, index: i, numeric: true})
	}

	var rows []row
	for n := 1; ; n++ {
		cells, err := c.cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			c.csvError(err)
			break
		}
		if allEmpty(cells) {
			n--
			continue
		}
		if len(cells) != len(header) {
			c.add(c.fieldOff(0), fmt.Sprintf("row %d: has %d cells, the header has %d", n, len(cells), len(header)))
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		var g orb.Geometry
		if geomCol >= 0 {
			g = c.wktCell(n, header[geomCol], cells[geomCol], geomCol)
		} else {
			lon, okLon := c.coordCell(n, header[lonCol], cells[lonCol], lonCol, "longitude", 180)
			lat, okLat := c.coordCell(n, header[latCol], cells[latCol], latCol, "latitude", 90)
			if okLon && okLat {
				g = orb.Point{lon, lat}
			}
		}
		for _, col := range cols {
			v := cells[col.index]
			if v == "" {
				continue
			}
			if col.name == "" {
				c.add(c.fieldOff(col.index), fmt.Sprintf("row %d: column %d has no name in the header but a value %q", n, col.index+1, short(v)))
				continue
			}
			col.seen = true
			if col.numeric {
				_, col.numeric = c.number(v)
				col.numeric = col.numeric && !isCode(v)
			}
		}
		if g == nil {
			continue
		}
		f := geojson.NewFeature(g)
		if idCol >= 0 && cells[idCol] != "" {
			f.ID = cells[idCol]
		}
		rows = append(rows, row{n: n, cells: cells, f: f})
	}
	if len(c.problems) > 0 {
		return nil, c.problems
	}

	fc := geojson.NewFeatureCollection()
	fc.Features = make([]*geojson.Feature, len(rows))
	for i, r := range rows {
		for _, col := range cols {
			v := r.cells[col.index]
			switch {
			case v == "" || col.name == "":
			case col.numeric && col.seen:
				x, _ := c.number(v)
				r.f.Properties[col.name] = x
			default:
				r.f.Properties[col.name] = v
			}
		}
		fc.Features[i] = r.f
	}
	return fc, nil
}

// separators are the separators a CSV file may use, in order of
// preference on a tie.
var separators = []byte{',', ';', '\t', '|'}

// sniffSeparator is the separator that the first line has most of outside
// quotes (',' when it has none).
func sniffSeparator(data []byte) rune {
	var count [256]int
	quoted := false
	for _, b := range data {
		if b == '"' {
			quoted = !quoted
		} else if !quoted {
			if b == '\n' {
				break
			}
			count[b]++
		}
	}
	best := separators[0]
	for _, sep := range separators[1:] {
		if count[sep] > count[best] {
			best = sep
		}
	}
	return rune(best)
}

// isCode reports whether a cell that reads as a number is a code better
// kept as written: leading zeros ("007", "-01.5"), or more than 15 digits,
// which a float64 does not hold exactly.
func isCode(v string) bool {
	v = strings.TrimLeft(v, "+-")
	if len(v) >= 2 && v[0] == '0' && v[1] >= '0' && v[1] <= '9' {
		return true
	}
	mant, _, _ := strings.Cut(strings.ToLower(v), "e")
	digits := 0
	for _, ch := range mant {
		if ch >= '0' && ch <= '9' {
			digits++
		}
	}
	return digits > 15
}

func allEmpty(cells []string) bool {
	for _, s := range cells {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

func (c *csvReader) add(off int, msg string) {
	c.problems = append(c.problems, problem{off: off, feature: -1, msg: msg})
}

// offset is the byte offset of a 1-based line and byte column.
func (c *csvReader) offset(line, col int) int {
	if c.lineStarts == nil {
		c.lineStarts = []int{0}
		for i, b := range c.data {
			if b == '\n' {
				c.lineStarts = append(c.lineStarts, i+1)
			}
		}
	}
	if line < 1 {
		return 0
	}
	if line > len(c.lineStarts) {
		return len(c.data)
	}
	return c.lineStarts[line-1] + col - 1
}

// fieldOff is the offset of field i of the record last read.
func (c *csvReader) fieldOff(i int) int {
	return c.offset(c.cr.FieldPos(i))
}

// csvError records a malformed record: reading stops there.
func (c *csvReader) csvError(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		c.add(0, "invalid CSV: "+err.Error())
		return
	}
	off := c.offset(pe.Line, pe.Column)
	if errors.Is(pe.Err, csv.ErrQuote) && off >= len(c.data) {
		// The quote is never closed: say where the record starts.
		c.add(c.offset(pe.StartLine, 1), "invalid CSV: a quoted field in this row is not closed before the end of the file")
		return
	}
	msg := "invalid CSV: " + pe.Err.Error()
	if pe.StartLine != pe.Line {
		msg += fmt.Sprintf(" (the row starts on line %d)", pe.StartLine)
	}
	c.add(off, msg)
}

// number parses a decimal number: digits with an optional sign, point
// (or, with ';' separating, comma) and exponent. Hexadecimal, "inf", "nan",
// underscores and numbers out of float64's range are not numbers.
func (c *csvReader) number(s string) (float64, bool) {
	if c.comma && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	if !decimal.MatchString(s) {
		return 0, false
	}
	x, err := strconv.ParseFloat(s, 64)
	return x, err == nil
}

var decimal = regexp.MustCompile(`^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$`)

// coordCell reads a longitude or latitude cell.
func (c *csvReader) coordCell(n int, colName, v string, i int, what string, limit float64) (float64, bool) {
	if v == "" {
		c.add(c.fieldOff(i), fmt.Sprintf("row %d: column %q: no %s", n, colName, what))
		return 0, false
	}
	x, ok := c.number(v)
	if !ok {
		c.add(c.fieldOff(i), fmt.Sprintf("row %d: column %q: %q is not a number", n, colName, short(v)))
		return 0, false
	}
	if x < -limit || x > limit {
		c.add(c.fieldOff(i), fmt.Sprintf("row %d: column %q: %s %s is outside %g..%g", n, colName, what, short(v), -limit, limit))
		return 0, false
	}
	return x, true
}

var (
	wktPlace = regexp.MustCompile(` at line (\d+), pos (\d+)$`)
	wktWord  = regexp.MustCompile(`^[^\s(),]+`)
)

// wktCell reads a WKT cell.
func (c *csvReader) wktCell(n int, colName, v string, i int) orb.Geometry {
	off := c.fieldOff(i)
	prefix := fmt.Sprintf("row %d: column %q: ", n, short(colName))
	if v == "" {
		c.add(off, prefix+"no geometry")
		return nil
	}
	g, err := wkt.Unmarshal(v)
	if err != nil {
		// The first line of go-geom's message says where it stopped: point
		// there when the cell's text stands as is in the file.
		msg, _, _ := strings.Cut(err.Error(), "\n")
		if m := wktPlace.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			pos, _ := strconv.Atoi(m[2])
			msg = msg[:len(msg)-len(m[0])]
			if line == 1 && pos <= len(v) {
				if start := c.cellText(off, v); start >= 0 {
					off = start + pos
				}
				if w := wktWord.FindString(v[pos:]); w != "" {
					msg += fmt.Sprintf(" at %q", w)
				}
			}
		}
		msg = strings.ReplaceAll(strings.TrimPrefix(msg, "syntax error: "), "$end", "end of text")
		c.add(off, prefix+"invalid WKT: "+msg)
		return nil
	}
	if g.Empty() {
		c.add(off, prefix+fmt.Sprintf("empty geometry %q", short(v)))
		return nil
	}
	if msg := emptyPart(g); msg != "" {
		c.add(off, prefix+msg)
		return nil
	}
	if msg := checkLonLat(g); msg != "" {
		c.add(off, prefix+msg)
		return nil
	}
	og := toOrb(g)
	if msg := crossingIn(og); msg != "" {
		c.add(off, prefix+msg)
		return nil
	}
	return og
}

// cellText is the offset of the text v in the field at off, or -1 when the
// field does not hold v as it stands (quotes doubled inside it).
func (c *csvReader) cellText(off int, v string) int {
	end := min(len(c.data), off+len(v)+64)
	if i := bytes.Index(c.data[off:end], []byte(v)); i >= 0 {
		return off + i
	}
	return -1
}

// checkLonLat describes the first coordinate of g that is not finite or is
// out of range, or is "".
func checkLonLat(g geom.T) string {
	if gc, ok := g.(*geom.GeometryCollection); ok {
		for _, sub := range gc.Geoms() {
			if msg := checkLonLat(sub); msg != "" {
				return msg
			}
		}
		return ""
	}
	flat, stride := g.FlatCoords(), g.Stride()
	for i := 0; i+1 < len(flat); i += stride {
		if msg := checkPoint(orb.Point{flat[i], flat[i+1]}); msg != "" { // validate.go
			return msg
		}
	}
	return ""
}

// emptyPart describes the first EMPTY part of a geometry that is not empty
// as a whole (MULTIPOLYGON(EMPTY, ((…)))), or is "".
func emptyPart(g geom.T) string {
	switch g := g.(type) {
	case *geom.MultiPoint:
		for i := range g.NumPoints() {
			if g.Point(i).Empty() {
				return fmt.Sprintf("point %d of the MULTIPOINT is EMPTY", i+1)
			}
		}
	case *geom.MultiLineString:
		for i := range g.NumLineStrings() {
			if g.LineString(i).Empty() {
				return fmt.Sprintf("line %d of the MULTILINESTRING is EMPTY", i+1)
			}
		}
	case *geom.MultiPolygon:
		for i := range g.NumPolygons() {
			if g.Polygon(i).Empty() {
				return fmt.Sprintf("polygon %d of the MULTIPOLYGON is EMPTY", i+1)
			}
		}
	case *geom.GeometryCollection:
		for i, sub := range g.Geoms() {
			if sub.Empty() {
				return fmt.Sprintf("geometry %d of the GEOMETRYCOLLECTION is EMPTY", i+1)
			}
			if msg := emptyPart(sub); msg != "" {
				return fmt.Sprintf("geometry %d of the GEOMETRYCOLLECTION: %s", i+1, msg)
			}
		}
	}
	return ""
}

// toOrb converts a go-geom geometry to orb (longitude and latitude only).
func toOrb(g geom.T) orb.Geometry {
	switch g := g.(type) {
	case *geom.Point:
		return orb.Point{g.X(), g.Y()}
	case *geom.MultiPoint:
		mp := make(orb.MultiPoint, 0, g.NumPoints())
		for i := range g.NumPoints() {
			if p := g.Point(i); !p.Empty() {
				mp = append(mp, orb.Point{p.X(), p.Y()})
			}
		}
		return mp
	case *geom.LineString:
		return orb.LineString(points(g.FlatCoords(), g.Stride()))
	case *geom.MultiLineString:
		mls := make(orb.MultiLineString, g.NumLineStrings())
		for i := range mls {
			mls[i] = toOrb(g.LineString(i)).(orb.LineString)
		}
		return mls
	case *geom.Polygon:
		p := make(orb.Polygon, g.NumLinearRings())
		for i := range p {
			r := g.LinearRing(i)
			p[i] = orb.Ring(points(r.FlatCoords(), r.Stride()))
		}
		return p
	case *geom.MultiPolygon:
		mp := make(orb.MultiPolygon, g.NumPolygons())
		for i := range mp {
			mp[i] = toOrb(g.Polygon(i)).(orb.Polygon)
		}
		return mp
	case *geom.GeometryCollection:
		col := make(orb.Collection, 0, g.NumGeoms())
		for _, sub := range g.Geoms() {
			if !sub.Empty() {
				col = append(col, toOrb(sub))
			}
		}
		return col
	}
	panic(fmt.Sprintf("geo: unexpected geometry %T", g))
}

func points(flat []float64, stride int) []orb.Point {
	ps := make([]orb.Point, len(flat)/stride)
	for i := range ps {
		ps[i] = orb.Point{flat[i*stride], flat[i*stride+1]}
	}
	return ps
}
