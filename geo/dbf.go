package geo

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
)

// dbfField is a column of a dBASE table.
type dbfField struct {
	name     string
	typ      byte
	off, len int // in the record, after the deletion flag
}

// dbfTable is a dBASE III/IV table as shapefiles use it.
type dbfTable struct {
	fields  []dbfField
	records [][]byte // each with its deletion flag first
	enc     encoding.Encoding
	cpName  string // the encoding's name, for messages
}

// readDBF parses a .dbf file's header and slices its records; cpg is the
// .cpg file's content ("" when there is none). A record count larger than
// the file holds is an error, as is a header that does not add up.
func readDBF(data []byte, cpg string) (*dbfTable, error) {
	if len(data) < 32 {
		return nil, fmt.Errorf("too short for a dBASE header (%d bytes, need 32)", len(data))
	}
	le := binary.LittleEndian
	nrec := int64(le.Uint32(data[4:]))
	hdrLen, recLen := int(le.Uint16(data[8:])), int(le.Uint16(data[10:]))
	if hdrLen < 33 || hdrLen > len(data) {
		return nil, fmt.Errorf("header length %d is outside the file (%d bytes)", hdrLen, len(data))
	}
	if recLen < 1 {
		return nil, fmt.Errorf("record length %d", recLen)
	}
	if need := int64(hdrLen) + nrec*int64(recLen); need > int64(len(data)) {
		return nil, fmt.Errorf("the header announces %d records of %d bytes (%s) but the file has only %d bytes: it is truncated", nrec, recLen, Bytes(need), len(data))
	}
	t := &dbfTable{}
	off := 1
	for p := 32; p+32 <= hdrLen && data[p] != 0x0d; p += 32 {
		d := data[p : p+32]
		name := string(bytes.TrimRight(d[:11], "\x00 "))
		if i := bytes.IndexByte(d[:11], 0); i >= 0 {
			name = string(d[:i])
		}
		f := dbfField{name: name, typ: d[11], off: off, len: int(d[16])}
		if f.typ == 'C' {
			f.len += int(d[17]) << 8 // long character fields keep the high byte in the decimal count
		}
		off += f.len
		if off > recLen {
			return nil, fmt.Errorf("field %q ends at byte %d, past the record length %d", name, off, recLen)
		}
		t.fields = append(t.fields, f)
	}
	t.records = make([][]byte, 0, nrec)
	for i := range int(nrec) {
		at := hdrLen + i*recLen
		t.records = append(t.records, data[at:at+recLen])
	}
	t.enc, t.cpName = dbfEncoding(cpg, data[29], t)
	return t, nil
}

// dbfEncoding chooses the text encoding: the .cpg file's, else the
// language driver byte's, else UTF-8 if every text is valid UTF-8 and
// Windows-1252 (what Western European software writes) if not.
func dbfEncoding(cpg string, ldid byte, t *dbfTable) (encoding.Encoding, string) {
	switch c := strings.ToUpper(strings.TrimSpace(cpg)); c {
	case "":
	case "UTF-8", "UTF8", "65001":
		return nil, "UTF-8"
	case "1252", "CP1252", "WINDOWS-1252", "ANSI 1252", "ANSI_1252":
		return charmap.Windows1252, "Windows-1252"
	case "88591", "8859-1", "ISO-8859-1", "ISO8859-1", "ISO88591", "LATIN1":
		return charmap.ISO8859_1, "ISO-8859-1"
	default:
		if e, err := ianaindex.IANA.Encoding(c); err == nil && e != nil {
			return e, c
		}
	}
	switch ldid {
	case 0x03, 0x57:
		return charmap.Windows1252, "Windows-1252"
	case 0x01:
		return charmap.CodePage437, "CP437"
	case 0x02:
		return charmap.CodePage850, "CP850"
	}
	for _, r := range t.records {
		for _, f := range t.fields {
			if f.typ == 'C' && !utf8.Valid(r[f.off:f.off+f.len]) {
				return charmap.Windows1252, "Windows-1252"
			}
		}
	}
	return nil, "UTF-8"
}

// deleted reports whether record i is marked deleted.
func (t *dbfTable) deleted(i int) bool { return t.records[i][0] == '*' }

// value decodes field f of record i: nil for an empty cell.
func (t *dbfTable) value(i int, f dbfField) (any, error) {
	raw := t.records[i][f.off : f.off+f.len]
	switch f.typ {
	case 'N', 'F':
		s := strings.TrimSpace(string(raw))
		if s == "" || strings.Trim(s, "*") == "" {
			return nil, nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, fmt.Errorf("%q is not a number", clip(s))
		}
		return v, nil
	case 'L':
		switch s := strings.TrimSpace(string(raw)); s {
		case "T", "t", "Y", "y":
			return true, nil
		case "F", "f", "N", "n":
			return false, nil
		}
		return nil, nil
	case 'D':
		s := strings.TrimSpace(string(raw))
		if len(s) == 8 {
			return s[:4] + "-" + s[4:6] + "-" + s[6:], nil
		}
		return nil, nil
	case 'I':
		if len(raw) == 4 {
			return float64(int32(binary.LittleEndian.Uint32(raw))), nil
		}
	}
	raw = bytes.TrimRight(raw, " \x00")
	raw = bytes.TrimLeft(raw, " ")
	if len(raw) == 0 {
		return nil, nil
	}
	if t.enc == nil {
		if !utf8.Valid(raw) {
			return nil, fmt.Errorf("text is not valid %s (give the encoding in a .cpg file)", t.cpName)
		}
		return string(raw), nil
	}
	s, err := t.enc.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, fmt.Errorf("text is not valid %s", t.cpName)
	}
	return string(s), nil
}
