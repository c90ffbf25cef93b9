package geo

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJSONErrorNamesThePlace(t *testing.T) {
	var v struct{ A int }
	data := []byte("{\n  \"A\": \"x\"\n}")
	err := JSONError("p.json", data, json.Unmarshal(data, &v))
	assert.Equal(t, "p.json:2:10: A: string where a whole number is expected", err.Error(), "no Go type names")
	var w struct {
		V struct{ X float64 }
		L []string
	}
	data = []byte(`{"V": [1], "L": {}}`)
	err = JSONError("w.json", data, json.Unmarshal(data, &w))
	assert.Equal(t, "w.json:1:7: V: array where an object is expected", err.Error())
	data = []byte(`{"V": {"X": 1e400}}`)
	err = JSONError("n.json", data, json.Unmarshal(data, &w))
	assert.Equal(t, "n.json:1:17: V.X: number 1e400 is out of range", err.Error())
	data = []byte("{\n  \"A\": 1,\n  \"B\": ")
	err = JSONError("cut.json", data, json.Unmarshal(data, &v))
	assert.Equal(t, "cut.json: file ends early at line 3 (truncated?)", err.Error())
	data = []byte("{\n  \"A\": 1,,\n}")
	err = JSONError("bad.json", data, json.Unmarshal(data, &v))
	assert.True(t, strings.HasPrefix(err.Error(), "bad.json:2:10: invalid JSON"), err.Error())
}
