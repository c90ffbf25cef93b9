package events

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"maliatlas/geo"
)

// geoFeature is what the GeoJSON reader needs of a feature.
type geoFeature struct {
	Type     string `json:"type"`
	Geometry *struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

// readGeoJSON reads a FeatureCollection of points whose properties are the
// columns (ACLED and UCDP GeoJSON exports have the same names as their CSV).
// A feature with a problem is reported and skipped; invalid JSON stops the
// reading where it is.
func (b *builder) readGeoJSON() error {
	dec := json.NewDecoder(bytes.NewReader(b.data))
	fail := func(off int64, msg string) error {
		line, col := geo.LineCol(b.data, int(off))
		return fmt.Errorf("%s:%d:%d: %s", b.rep.File, line, col, msg)
	}
	jsonFail := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fail(se.Offset-1, "invalid JSON: "+se.Error())
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			line, _ := geo.LineCol(b.data, len(b.data))
			return fmt.Errorf("%s: file ends early at line %d (truncated?)", b.rep.File, line)
		}
		return fail(dec.InputOffset(), err.Error())
	}
	if t, err := dec.Token(); err != nil {
		return jsonFail(err)
	} else if t != json.Delim('{') {
		return fail(0, "not a GeoJSON FeatureCollection")
	}
	sawFeatures := false
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return jsonFail(err)
		}
		key, _ := kt.(string)
		if key != "features" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return jsonFail(err)
			}
			continue
		}
		sawFeatures = true
		if t, err := dec.Token(); err != nil {
			return jsonFail(err)
		} else if t != json.Delim('[') {
			return fail(dec.InputOffset(), `"features" is not an array`)
		}
		n := 0
		for dec.More() {
			off := int(dec.InputOffset())
			// The feature starts after the comma and white space.
			for off < len(b.data) && (b.data[off] == ',' || b.data[off] == ' ' || b.data[off] == '\n' || b.data[off] == '\r' || b.data[off] == '\t') {
				off++
			}
			var f geoFeature
			err := dec.Decode(&f)
			line, col := geo.LineCol(b.data, off)
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				b.problemAt(line, col, "", fmt.Sprintf("feature %d: %s is %s, not %s", n, te.Field, te.Value, te.Type))
				b.rep.Skipped++
				n++
				continue
			} else if err != nil {
				return jsonFail(err)
			}
			if err := b.feature(n, &f, line, col); err != nil {
				return err
			}
			n++
			if n&0x3fff == 0 {
				if err := b.progress(int(dec.InputOffset())); err != nil {
					return err
				}
			}
		}
		if _, err := dec.Token(); err != nil {
			return jsonFail(err)
		}
	}
	if !sawFeatures {
		return fail(0, `not a GeoJSON FeatureCollection: no "features"`)
	}
	return b.progress(len(b.data))
}

// feature adds feature n (found at line:col).
func (b *builder) feature(n int, f *geoFeature, line, col int) error {
	if b.where == nil {
		// The first feature's properties settle the mapping.
		keys := make([]string, 0, len(f.Properties))
		for k := range f.Properties {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		m := b.opt.Mapping
		if m == nil {
			guess, _ := Recognise(keys)
			if guess.Date == "" {
				return &MappingError{File: b.rep.File, Header: keys, Guess: guess, Err: guess.Check()}
			}
			m = &guess
		}
		b.useMapping(*m)
	}
	b.where = func(int) int { return col }
	b.line = line
	lower := make(map[string]any, len(f.Properties))
	for k, v := range f.Properties {
		lower[strings.ToLower(k)] = v
	}
	var cells [nSlots][]byte
	for slot, name := range b.cols {
		if name == "" {
			continue
		}
		switch v := lower[strings.ToLower(name)].(type) {
		case string:
			cells[slot] = []byte(v)
		case float64:
			cells[slot] = strconv.AppendFloat(nil, v, 'f', -1, 64)
		case bool:
			cells[slot] = strconv.AppendBool(nil, v)
		}
	}
	var lon, lat float64
	hasGeom := false
	if g := f.Geometry; g != nil {
		if g.Type != "Point" {
			b.problemAt(line, col, "", fmt.Sprintf("feature %d: a %s, not a Point", n, g.Type))
			b.rep.Skipped++
			return nil
		}
		var c []float64
		if err := json.Unmarshal(g.Coordinates, &c); err != nil || len(c) < 2 || math.IsNaN(c[0]) {
			b.problemAt(line, col, "", fmt.Sprintf("feature %d: a Point needs [longitude, latitude]", n))
			b.rep.Skipped++
			return nil
		}
		if c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
			b.problemAt(line, col, "", fmt.Sprintf("feature %d: position [%g, %g] out of range", n, c[0], c[1]))
			b.rep.Skipped++
			return nil
		}
		lon, lat, hasGeom = c[0], c[1], true
	} else if b.m.WKT == "" && (b.m.Lon == "" || b.m.Lat == "") {
		b.problemAt(line, col, "", fmt.Sprintf("feature %d: no geometry", n))
		b.rep.Skipped++
		return nil
	}
	b.row(&cells, lon, lat, hasGeom)
	return nil
}
