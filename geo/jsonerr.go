package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// JSONError turns an encoding/json error about data (read from name) into a
// message that names the file and the place: "name:line:col: …", or "name:
// file ends early at line N (truncated?)" for a cut-off file.
func JSONError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input"):
		line, _ := LineCol(data, len(data))
		return fmt.Errorf("%s: file ends early at line %d (truncated?)", name, line)
	case errors.As(err, &se):
		line, col := LineCol(data, int(se.Offset)-1)
		return fmt.Errorf("%s:%d:%d: invalid JSON: %v", name, line, col, se)
	case errors.As(err, &te):
		line, col := LineCol(data, int(te.Offset)-1)
		field := te.Field
		if field == "" {
			field = "the document"
		}
		return fmt.Errorf("%s:%d:%d: %s: %s", name, line, col, field, typeMismatch(te))
	}
	return fmt.Errorf("%s: %s", name, PlainJSON(err))
}

// PlainJSON words an encoding/json error for a user: no Go type names.
func PlainJSON(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			return te.Field + ": " + typeMismatch(te)
		}
		return typeMismatch(te)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// typeMismatch says what was found and what is expected, in JSON's words.
func typeMismatch(te *json.UnmarshalTypeError) string {
	want := "another kind of value"
	if te.Type != nil {
		switch te.Type.Kind() {
		case reflect.Float32, reflect.Float64:
			want = "a number"
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			want = "a whole number"
		case reflect.String:
			want = "a string"
		case reflect.Bool:
			want = "true or false"
		case reflect.Slice, reflect.Array:
			want = "an array"
		case reflect.Map, reflect.Struct:
			want = "an object"
		}
	}
	if strings.HasPrefix(te.Value, "number ") && strings.Contains(want, "number") {
		return te.Value + " is out of range"
	}
	return te.Value + " where " + want + " is expected"
}

// LineCol converts a byte offset in data into a 1-based line and column
// (the column counts bytes).
func LineCol(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	col = off - bytes.LastIndexByte(data[:off], '\n')
	return
}
