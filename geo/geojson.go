package geo

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb/geojson"
)

// Problem is one thing wrong in a GeoJSON input, with its place.
type Problem struct {
	File      string
	Line, Col int    // 1-based; Col counts characters
	Feature   int    // index in the features array, or -1
	ID        string // the feature's id (or properties.id), if any
	Msg       string
	// Place, for binary inputs without lines (a shapefile, a GeoPackage),
	// says where instead of Line and Col: "record 12", "table roads, row 3".
	Place string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Place != "" {
		fmt.Fprintf(&b, "%s: %s: ", p.File, p.Place)
	} else {
		fmt.Fprintf(&b, "%s:%d:%d: ", p.File, p.Line, p.Col)
	}
	if p.Feature >= 0 {
		fmt.Fprintf(&b, "feature %d", p.Feature)
		if p.ID != "" {
			fmt.Fprintf(&b, " (id %q)", short(p.ID))
		}
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// MaxProblems is how many problems an InputError lists: the first ones in
// the input; it counts the others.
const MaxProblems = 100

// InputError lists the problems found in one input, one per line: the
// first MaxProblems, then how many more there are.
type InputError struct {
	Problems []Problem
	More     int // problems not listed
}

func (e *InputError) Error() string { return strings.Join(e.Lines(), "\n") }

// Lines is the error's lines: one per problem, then "… and N more
// problems" when some are not listed.
func (e *InputError) Lines() []string {
	lines := make([]string, len(e.Problems), len(e.Problems)+1)
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	if e.More > 0 {
		lines = append(lines, fmt.Sprintf("… and %d more problems", e.More))
	}
	return lines
}

// newInputError places the problems found in data (read from name) and
// keeps the first MaxProblems.
func newInputError(name string, data []byte, problems []problem) *InputError {
	ps := place(name, data, problems)
	if len(ps) > MaxProblems {
		return &InputError{Problems: ps[:MaxProblems:MaxProblems], More: len(ps) - MaxProblems}
	}
	return &InputError{Problems: ps}
}

// ReadFeatureCollection reads a GeoJSON FeatureCollection and validates it.
// On any problem it returns a nil collection and an *InputError listing
// every problem as "name:line:col: feature N (id "x"): what is wrong", where
// N is the index in the features array: invalid JSON, a top level that is
// not a FeatureCollection, a feature without geometry or with an unknown
// geometry type, wrongly nested coordinates, non-finite or out-of-range
// longitudes and latitudes, polygon rings that are unclosed or have fewer
// than 4 positions, lines with fewer than 2.
func ReadFeatureCollection(name string, r io.Reader) (*geojson.FeatureCollection, error) {
	data, err := ReadInput(name, r)
	if err != nil {
		return nil, err
	}
	fc, problems := readGeoJSON(data)
	if len(problems) > 0 {
		return nil, newInputError(name, data, problems)
	}
	return fc, nil
}

// place works out the line and column of each problem (in input order,
// problems found at the same place in the order found).
func place(name string, data []byte, problems []problem) []Problem {
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].off < problems[j].off })
	out := make([]Problem, len(problems))
	line, prevOff, prevCol := 0, 0, 1 // 0-based line; place of the previous problem
	for i, p := range problems {
		off := max(0, min(p.off, len(data)))
		if nl := bytes.LastIndexByte(data[prevOff:off], '\n'); nl >= 0 {
			line += bytes.Count(data[prevOff:off], []byte{'\n'})
			prevOff, prevCol = prevOff+nl+1, 1
		}
		col := prevCol + utf8.RuneCount(data[prevOff:off])
		prevOff, prevCol = off, col
		out[i] = Problem{File: name, Line: line + 1, Col: col, Feature: p.feature, ID: p.id, Msg: p.msg}
	}
	return out
}
