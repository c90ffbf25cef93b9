package geo

import (
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// This file holds a byte-level JSON scanner: strict RFC 8259 syntax as
// encoding/json accepts it (nesting up to 10,000 deep, invalid UTF-8 in
// strings replaced by U+FFFD), and generic values decoded exactly as
// encoding/json decodes into an `any`. It has no knowledge of GeoJSON;
// geojson_read.go walks the structure with it.

// maxDepth is encoding/json's limit on nested arrays and objects.
const maxDepth = 10000

// syntaxError is raised (by panic) at the first byte that makes the input
// invalid JSON; readGeoJSON recovers it.
type syntaxError struct {
	off int
	msg string
}

// scanner reads JSON values from data, advancing pos. Its methods that read
// a value expect pos at the value's first byte (after white space).
type scanner struct {
	data  []byte
	pos   int
	depth int
	keys  map[string]string // interned object keys
	boxes *boxes
	// overflow is set when a number read by value does not fit a float64:
	// encoding/json refuses such a number where it decodes into an any.
	overflow   bool
	overflowAt int // where the first such number starts
}

func (s *scanner) fail(off int, msg string) {
	panic(syntaxError{off: off, msg: msg})
}

func (s *scanner) eof() {
	s.fail(len(s.data), "unexpected end of JSON input")
}

// ws skips white space.
func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// need skips white space and returns the next byte; the input must not end.
func (s *scanner) need() byte {
	s.ws()
	if s.pos >= len(s.data) {
		s.eof()
	}
	return s.data[s.pos]
}

// end checks that only white space follows the top-level value.
func (s *scanner) end() {
	s.ws()
	if s.pos < len(s.data) {
		s.fail(s.pos, "invalid character after top-level value")
	}
}

// open consumes the '{' or '[' at pos.
func (s *scanner) open() {
	s.pos++
	s.depth++
	if s.depth > maxDepth {
		s.fail(s.pos-1, "exceeded max depth")
	}
}

// more reports whether another element or member follows in the array or
// object being read, consuming the separating comma, or the closing
// bracket when there is none; first is true before the first one. It
// leaves pos at the element's first byte.
func (s *scanner) more(close byte, first bool) bool {
	c := s.need()
	if c == close {
		s.pos++
		s.depth--
		return false
	}
	if !first {
		if c != ',' {
			s.fail(s.pos, "invalid character after element")
		}
		s.pos++
		s.need()
	}
	return true
}

// key reads an object member's name and the colon after it, leaving pos at
// the value's first byte. The name is returned raw (between the quotes);
// esc reports escapes and high bytes at or above 0x80.
func (s *scanner) key() (raw []byte, esc, high bool) {
	if s.data[s.pos] != '"' {
		s.fail(s.pos, "invalid character looking for beginning of object key string")
	}
	raw, esc, high = s.str()
	if s.need() != ':' {
		s.fail(s.pos, "invalid character after object key")
	}
	s.pos++
	s.need()
	return raw, esc, high
}

// member reads an object member's name and its colon, returning the name
// decoded (raw when it needs no decoding: switch on string(name) does not
// allocate).
func (s *scanner) member() []byte {
	raw, esc, high := s.key()
	if esc || high && !utf8.Valid(raw) {
		return []byte(unquote(raw))
	}
	return raw
}

// intern returns name as a string, shared by the repeated names of
// properties.
func (s *scanner) intern(name []byte) string {
	if k, ok := s.keys[string(name)]; ok {
		return k
	}
	k := string(name)
	if len(s.keys) < 4096 {
		if s.keys == nil {
			s.keys = make(map[string]string)
		}
		s.keys[k] = k
	}
	return k
}

// plain marks the bytes that a string holds as they are: not '"', '\\',
// control characters or bytes at or above 0x80.
var plain = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads a string at pos, returning its raw contents; esc reports
// escapes, high bytes at or above 0x80.
func (s *scanner) str() (raw []byte, esc, high bool) {
	data := s.data
	i := s.pos + 1
	for {
		for i < len(data) && plain[data[i]] {
			i++
		}
		if i >= len(data) {
			s.eof()
		}
		switch c := data[i]; {
		case c == '"':
			raw = data[s.pos+1 : i]
			s.pos = i + 1
			return raw, esc, high
		case c == '\\':
			esc = true
			i++
			if i >= len(data) {
				s.eof()
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				for j := 1; j <= 4; j++ {
					if i+j >= len(data) {
						s.eof()
					}
					if unhex(data[i+j]) < 0 {
						s.fail(i+j, "invalid character in \\u hexadecimal character escape")
					}
				}
				i += 5
			default:
				s.fail(i, "invalid character in string escape code")
			}
		case c < ' ':
			s.fail(i, "invalid character in string literal")
		default:
			high = true
			i++
		}
	}
}

// typeName reads a string at pos where a GeoJSON type name belongs,
// without allocating for the names GeoJSON defines.
func (s *scanner) typeName() string {
	raw, esc, high := s.str()
	if esc || high {
		return s.decode(raw, esc, high)
	}
	switch string(raw) {
	case "FeatureCollection":
		return "FeatureCollection"
	case "Feature":
		return "Feature"
	case "Point":
		return "Point"
	case "MultiPoint":
		return "MultiPoint"
	case "LineString":
		return "LineString"
	case "MultiLineString":
		return "MultiLineString"
	case "Polygon":
		return "Polygon"
	case "MultiPolygon":
		return "MultiPolygon"
	case "GeometryCollection":
		return "GeometryCollection"
	}
	return string(raw)
}

// decode decodes raw string contents.
func (s *scanner) decode(raw []byte, esc, high bool) string {
	if esc {
		return unquote(raw)
	}
	return toString(raw, !high)
}

// toString converts raw string contents without escapes as encoding/json
// does: invalid UTF-8 becomes U+FFFD.
func toString(raw []byte, ascii bool) string {
	if ascii || utf8.Valid(raw) {
		return string(raw)
	}
	return unquote(raw)
}

func unhex(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// getu4 decodes \uXXXX at the start of s, or returns -1.
func getu4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		h := unhex(c)
		if h < 0 {
			return -1
		}
		r = r*16 + h
	}
	return r
}

// unquote decodes the contents of a syntactically valid string as
// encoding/json does: escapes, surrogate pairs (an unpaired surrogate
// becomes U+FFFD), invalid UTF-8 bytes each become U+FFFD.
func unquote(s []byte) string {
	b := make([]byte, 0, len(s)+utf8.UTFMax)
	for r := 0; r < len(s); {
		c := s[r]
		switch {
		case c == '\\':
			switch e := s[r+1]; e {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				rr := getu4(s[r:])
				r += 6
				if utf16.IsSurrogate(rr) {
					if dec := utf16.DecodeRune(rr, getu4(s[r:])); dec != unicode.ReplacementChar {
						b = utf8.AppendRune(b, dec)
						r += 6
						continue
					}
					rr = unicode.ReplacementChar
				}
				b = utf8.AppendRune(b, rr)
				continue
			default: // '"', '\\', '/'
				b = append(b, e)
			}
			r += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			r += size
			b = utf8.AppendRune(b, rr)
		}
	}
	return string(b)
}

// number reads a number at pos and returns its text.
func (s *scanner) number() []byte {
	data := s.data
	start, i := s.pos, s.pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	if i >= len(data) {
		s.eof()
	}
	switch c := data[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i++
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	default:
		s.fail(i, "invalid character in numeric literal")
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) {
			s.eof()
		}
		if !isDigit(data[i]) {
			s.fail(i, "invalid character after decimal point in numeric literal")
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) {
			s.eof()
		}
		if !isDigit(data[i]) {
			s.fail(i, "invalid character in exponent of numeric literal")
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	s.pos = i
	return data[start:i]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// float reads a number at pos as encoding/json decodes it into a float64:
// err is set when it is out of range (then f is ±Inf).
func (s *scanner) float() (f float64, err error) {
	text := s.number()
	if f, ok := exactFloat(text); ok {
		return f, nil
	}
	return strconv.ParseFloat(string(text), 64)
}

var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// exactFloat converts a JSON number whose digits, read as an integer, are
// at most 2^53 and whose power of ten is within ±22: both are exact
// float64s, so one multiplication or division rounds correctly and gives
// what strconv.ParseFloat gives (which tries the same first). ok is false
// for other numbers.
func exactFloat(b []byte) (f float64, ok bool) {
	i, neg := 0, b[0] == '-'
	if neg {
		i++
	}
	var m uint64
	digits, exp := 0, 0
	for ; i < len(b) && isDigit(b[i]); i++ {
		m = m*10 + uint64(b[i]-'0')
		digits++
	}
	if i < len(b) && b[i] == '.' {
		for i++; i < len(b) && isDigit(b[i]); i++ {
			m = m*10 + uint64(b[i]-'0')
			digits++
			exp--
		}
	}
	if digits > 19 { // m may have overflowed
		return 0, false
	}
	if i < len(b) { // exponent
		i++
		eneg := b[i] == '-'
		if b[i] == '-' || b[i] == '+' {
			i++
		}
		e := 0
		for ; i < len(b); i++ {
			if e = e*10 + int(b[i]-'0'); e > 1000 {
				return 0, false
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if m > 1<<53 || exp < -22 || exp > 22 {
		return 0, false
	}
	f = float64(m)
	if exp < 0 {
		f /= pow10[-exp]
	} else {
		f *= pow10[exp]
	}
	if neg {
		f = -f
	}
	return f, true
}

// literal reads true, false or null at pos.
func (s *scanner) literal(word string) {
	for i := 0; i < len(word); i++ {
		if s.pos+i >= len(s.data) {
			s.eof()
		}
		if s.data[s.pos+i] != word[i] {
			s.fail(s.pos+i, "invalid character in literal "+word)
		}
	}
	s.pos += len(word)
}

// skip reads any value at pos and discards it.
func (s *scanner) skip() {
	switch c := s.data[s.pos]; c {
	case '{':
		s.open()
		for first := true; s.more('}', first); first = false {
			s.key()
			s.skip()
		}
	case '[':
		s.open()
		for first := true; s.more(']', first); first = false {
			s.skip()
		}
	case '"':
		s.str()
	case 't':
		s.literal("true")
	case 'f':
		s.literal("false")
	case 'n':
		s.literal("null")
	default:
		if c != '-' && !isDigit(c) {
			s.fail(s.pos, "invalid character looking for beginning of value")
		}
		s.number()
	}
}

// value reads any value at pos as encoding/json decodes it into an any:
// map[string]any, []any, float64, string, bool or nil.
func (s *scanner) value() any {
	switch c := s.data[s.pos]; c {
	case '{':
		return s.object()
	case '[':
		s.open()
		a := make([]any, 0)
		for first := true; s.more(']', first); first = false {
			a = append(a, s.value())
		}
		return a
	case '"':
		return s.boxString()
	case 't':
		s.literal("true")
		return true
	case 'f':
		s.literal("false")
		return false
	case 'n':
		s.literal("null")
		return nil
	default:
		if c != '-' && !isDigit(c) {
			s.fail(s.pos, "invalid character looking for beginning of value")
		}
		return s.boxNumber()
	}
}

// boxes holds the strings and numbers of properties met last, boxed in an
// any, to share them rather than allocate them again when they come again
// (kinds, years, counts): a small cache indexed by a hash of their text.
type boxes struct {
	strings [256]struct {
		s string
		v any
	}
	numbers [256]struct {
		text uint64 // the text's bytes; 0 for none
		v    any
	}
}

// boxString reads a string at pos as an any.
func (s *scanner) boxString() any {
	raw, esc, high := s.str()
	if esc || high || len(raw) > 32 {
		return s.decode(raw, esc, high)
	}
	if s.boxes == nil {
		s.boxes = new(boxes)
	}
	h := uint32(2166136261) // FNV-1a
	for _, c := range raw {
		h = (h ^ uint32(c)) * 16777619
	}
	e := &s.boxes.strings[h%uint32(len(s.boxes.strings))]
	if e.v == nil || e.s != string(raw) {
		e.s = string(raw)
		e.v = e.s
	}
	return e.v
}

// boxNumber reads a number at pos as an any.
func (s *scanner) boxNumber() any {
	start := s.pos
	text := s.number()
	if len(text) > 8 {
		s.pos = start
		f, err := s.float()
		if err != nil {
			s.overflowed(start)
		}
		return f
	}
	var key uint64
	for _, c := range text {
		key = key<<8 | uint64(c)
	}
	if s.boxes == nil {
		s.boxes = new(boxes)
	}
	e := &s.boxes.numbers[(key*0x9E3779B97F4A7C15)>>56]
	if e.text != key {
		s.pos = start
		f, err := s.float()
		if err != nil { // not kept: overflow must be seen each time
			s.overflowed(start)
			return f
		}
		e.text, e.v = key, f
	}
	return e.v
}

// overflowed records a number at off out of float64's range.
func (s *scanner) overflowed(off int) {
	if !s.overflow {
		s.overflow, s.overflowAt = true, off
	}
}

// object reads an object at pos into a map (the last of repeated names
// wins).
func (s *scanner) object() map[string]any {
	s.open()
	m := make(map[string]any)
	for first := true; s.more('}', first); first = false {
		k := s.intern(s.member())
		m[k] = s.value()
	}
	return m
}

// describe names the kind of the value starting with c, as the problems
// say it.
func describe(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
