package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
		return fmt.Errorf("%s:%d:%d: %s: %s where %s is expected", name, line, col, field, te.Value, te.Type)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// LineCol converts a byte offset in data into a 1-based line and column
// (the column counts bytes).
func LineCol(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	col = off - bytes.LastIndexByte(data[:off], '\n')
	return
}
