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
	assert.True(t, strings.HasPrefix(err.Error(), "p.json:2:10: A: string where int is expected"), err.Error())
	data = []byte("{\n  \"A\": 1,\n  \"B\": ")
	err = JSONError("cut.json", data, json.Unmarshal(data, &v))
	assert.Equal(t, "cut.json: file ends early at line 3 (truncated?)", err.Error())
	data = []byte("{\n  \"A\": 1,,\n}")
	err = JSONError("bad.json", data, json.Unmarshal(data, &v))
	assert.True(t, strings.HasPrefix(err.Error(), "bad.json:2:10: invalid JSON"), err.Error())
}
