package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// A small structural PDF reader for the tests: it follows the xref table,
// parses objects (dictionaries, arrays, names, numbers, strings, references,
// streams) and decompresses Flate streams. It knows nothing the writer does.

type ref struct{ num int }

type name string

type stream struct {
	dict map[string]any
	raw  []byte
}

type reader struct {
	data    []byte
	offsets map[int]int
	trailer map[string]any
}

var startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

func newReader(data []byte) (*reader, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, fmt.Errorf("no %%PDF- header")
	}
	m := startxrefRE.FindSubmatch(data)
	if m == nil {
		return nil, fmt.Errorf("no startxref at the end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref >= len(data) || !bytes.HasPrefix(data[xref:], []byte("xref")) {
		return nil, fmt.Errorf("startxref %d does not point at xref", xref)
	}
	r := &reader{data: data, offsets: map[int]int{}}
	p := &parser{b: data, i: xref + 4}
	first, count := p.int(), p.int()
	p.skipSpace()
	for k := 0; k < count; k++ {
		if p.i+20 > len(data) {
			return nil, fmt.Errorf("xref entry %d truncated", first+k)
		}
		e := string(data[p.i : p.i+20])
		p.i += 20
		var off, gen int
		var kind byte
		if _, err := fmt.Sscanf(e, "%010d %05d %c", &off, &gen, &kind); err != nil {
			return nil, fmt.Errorf("xref entry %d %q: %v", first+k, e, err)
		}
		if e[18:] != " \n" && e[18:] != "\r\n" {
			return nil, fmt.Errorf("xref entry %d %q is not 20 bytes", first+k, e)
		}
		if kind == 'n' {
			r.offsets[first+k] = off
		}
	}
	p.skipSpace()
	if !p.keyword("trailer") {
		return nil, fmt.Errorf("no trailer after xref")
	}
	tr, ok := p.value().(map[string]any)
	if !ok {
		return nil, fmt.Errorf("trailer is not a dictionary")
	}
	r.trailer = tr
	return r, nil
}

// object parses object n, checking that its xref offset points at "n 0 obj".
func (r *reader) object(n int) (any, error) {
	off, ok := r.offsets[n]
	if !ok {
		return nil, fmt.Errorf("object %d not in xref", n)
	}
	head := fmt.Sprintf("%d 0 obj", n)
	if off >= len(r.data) || !bytes.HasPrefix(r.data[off:], []byte(head)) {
		return nil, fmt.Errorf("xref offset %d of object %d does not point at %q", off, n, head)
	}
	p := &parser{b: r.data, i: off + len(head)}
	v := p.value()
	if p.err != nil {
		return nil, fmt.Errorf("object %d: %v", n, p.err)
	}
	p.skipSpace()
	if d, ok := v.(map[string]any); ok && p.keyword("stream") {
		if p.i < len(p.b) && p.b[p.i] == '\r' {
			p.i++
		}
		if p.i < len(p.b) && p.b[p.i] == '\n' {
			p.i++
		}
		l, err := r.resolveInt(d["Length"])
		if err != nil {
			return nil, fmt.Errorf("object %d: stream /Length: %v", n, err)
		}
		if p.i+l > len(p.b) {
			return nil, fmt.Errorf("object %d: stream runs past the end", n)
		}
		s := &stream{dict: d, raw: p.b[p.i : p.i+l]}
		p.i += l
		p.skipSpace()
		if !p.keyword("endstream") {
			return nil, fmt.Errorf("object %d: no endstream after %d bytes", n, l)
		}
		v = s
		p.skipSpace()
	}
	if !p.keyword("endobj") {
		return nil, fmt.Errorf("object %d: no endobj", n)
	}
	return v, nil
}

func (r *reader) resolve(v any) (any, error) {
	if rf, ok := v.(ref); ok {
		return r.object(rf.num)
	}
	return v, nil
}

func (r *reader) resolveInt(v any) (int, error) {
	v, err := r.resolve(v)
	if err != nil {
		return 0, err
	}
	f, ok := v.(float64)
	if !ok {
		return 0, fmt.Errorf("%v is not a number", v)
	}
	return int(f), nil
}

func (r *reader) dict(v any) (map[string]any, error) {
	v, err := r.resolve(v)
	if err != nil {
		return nil, err
	}
	switch v := v.(type) {
	case map[string]any:
		return v, nil
	case *stream:
		return v.dict, nil
	}
	return nil, fmt.Errorf("%v is not a dictionary", v)
}

// streamData resolves v to a stream and decodes it.
func (r *reader) streamData(v any) (*stream, []byte, error) {
	v, err := r.resolve(v)
	if err != nil {
		return nil, nil, err
	}
	s, ok := v.(*stream)
	if !ok {
		return nil, nil, fmt.Errorf("%v is not a stream", v)
	}
	if s.dict["Filter"] == nil {
		return s, s.raw, nil
	}
	if s.dict["Filter"] != name("FlateDecode") {
		return nil, nil, fmt.Errorf("unknown filter %v", s.dict["Filter"])
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.raw))
	if err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(zr)
	return s, data, err
}

// pages returns the page dictionaries in order.
func (r *reader) pages() ([]map[string]any, error) {
	cat, err := r.dict(r.trailer["Root"])
	if err != nil {
		return nil, fmt.Errorf("catalog: %v", err)
	}
	root, err := r.dict(cat["Pages"])
	if err != nil {
		return nil, fmt.Errorf("page tree: %v", err)
	}
	var out []map[string]any
	var walk func(n map[string]any) error
	walk = func(n map[string]any) error {
		if n["Type"] == name("Page") {
			out = append(out, n)
			return nil
		}
		kids, _ := n["Kids"].([]any)
		for _, k := range kids {
			d, err := r.dict(k)
			if err != nil {
				return err
			}
			if err := walk(d); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root); err != nil {
		return nil, err
	}
	if c, _ := r.resolveInt(root["Count"]); c != len(out) {
		return nil, fmt.Errorf("/Count %d but %d pages", c, len(out))
	}
	return out, nil
}

// parser reads PDF objects from b at i.
type parser struct {
	b   []byte
	i   int
	err error
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

func (p *parser) skipSpace() {
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c == '%' {
			for p.i < len(p.b) && p.b[p.i] != '\n' {
				p.i++
			}
			continue
		}
		if !isSpace(c) {
			return
		}
		p.i++
	}
}

func (p *parser) keyword(k string) bool {
	if bytes.HasPrefix(p.b[p.i:], []byte(k)) {
		p.i += len(k)
		return true
	}
	return false
}

func (p *parser) token() string {
	p.skipSpace()
	s := p.i
	for p.i < len(p.b) && !isSpace(p.b[p.i]) && !isDelim(p.b[p.i]) {
		p.i++
	}
	return string(p.b[s:p.i])
}

func (p *parser) int() int {
	n, err := strconv.Atoi(p.token())
	if err != nil && p.err == nil {
		p.err = err
	}
	return n
}

func (p *parser) fail(format string, a ...any) any {
	if p.err == nil {
		p.err = fmt.Errorf("at byte %d: "+format, append([]any{p.i}, a...)...)
	}
	p.i = len(p.b)
	return nil
}

// value parses one object; "n 0 R" becomes a ref.
func (p *parser) value() any {
	p.skipSpace()
	if p.i >= len(p.b) {
		return p.fail("unexpected end")
	}
	switch c := p.b[p.i]; {
	case c == '/':
		p.i++
		return name(p.token())
	case c == '<' && p.i+1 < len(p.b) && p.b[p.i+1] == '<':
		p.i += 2
		d := map[string]any{}
		for {
			p.skipSpace()
			if p.keyword(">>") {
				return d
			}
			k, ok := p.value().(name)
			if !ok {
				return p.fail("dictionary key is not a name")
			}
			d[string(k)] = p.value()
		}
	case c == '<':
		end := bytes.IndexByte(p.b[p.i:], '>')
		if end < 0 {
			return p.fail("unterminated hex string")
		}
		var out []byte
		h := bytes.Map(func(r rune) rune {
			if isSpace(byte(r)) {
				return -1
			}
			return r
		}, p.b[p.i+1:p.i+end])
		if len(h)%2 == 1 {
			h = append(h, '0')
		}
		for k := 0; k < len(h); k += 2 {
			v, err := strconv.ParseUint(string(h[k:k+2]), 16, 8)
			if err != nil {
				return p.fail("bad hex string")
			}
			out = append(out, byte(v))
		}
		p.i += end + 1
		return out
	case c == '[':
		p.i++
		var a []any
		for {
			p.skipSpace()
			if p.keyword("]") {
				return a
			}
			a = append(a, p.value())
			if p.err != nil {
				return nil
			}
		}
	case c == '(':
		return p.literal()
	default:
		t := p.token()
		switch t {
		case "true":
			return true
		case "false":
			return false
		case "null":
			return nil
		case "":
			return p.fail("unexpected %q", c)
		}
		f, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return p.fail("bad token %q", t)
		}
		// An integer followed by "0 R" is a reference.
		save := p.i
		if g := p.token(); g == "0" {
			p.skipSpace()
			if p.keyword("R") {
				return ref{int(f)}
			}
		}
		p.i = save
		return f
	}
}

// literal parses a (string) with its escapes.
func (p *parser) literal() []byte {
	p.i++
	var out []byte
	depth := 0
	for p.i < len(p.b) {
		c := p.b[p.i]
		p.i++
		switch c {
		case '\\':
			if p.i >= len(p.b) {
				return out
			}
			e := p.b[p.i]
			p.i++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(e - '0')
				for k := 0; k < 2 && p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '7'; k++ {
					v = v*8 + int(p.b[p.i]-'0')
					p.i++
				}
				out = append(out, byte(v))
			default:
				out = append(out, e)
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			if depth == 0 {
				return out
			}
			depth--
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	p.fail("unterminated string")
	return out
}

// shownText returns the strings shown by Tj and TJ in a content stream,
// concatenated per text object (BT…ET), in order.
func shownText(content []byte) []string {
	var out []string
	p := &parser{b: content}
	var cur []byte
	var operands []any
	for p.skipSpace(); p.i < len(p.b); p.skipSpace() {
		c := p.b[p.i]
		if c == '/' || c == '(' || c == '[' || c == '<' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
			// Operands; numbers are read as tokens so "0 R" never applies here.
			if c == '-' || c == '.' || (c >= '0' && c <= '9') {
				operands = append(operands, p.token())
			} else {
				operands = append(operands, p.value())
			}
			continue
		}
		op := p.token()
		if op == "" {
			p.i++
			continue
		}
		switch op {
		case "BT":
			cur = nil
		case "ET":
			out = append(out, string(cur))
		case "Tj":
			if s, ok := operands[len(operands)-1].([]byte); ok {
				cur = append(cur, s...)
			}
		case "TJ":
			if a, ok := operands[len(operands)-1].([]any); ok {
				for _, e := range a {
					if s, ok := e.([]byte); ok {
						cur = append(cur, s...)
					}
				}
			}
		}
		operands = operands[:0]
	}
	return out
}
