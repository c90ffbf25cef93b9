package project

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bigImport is an indented feature collection of n points.
func bigImport(n int) []byte {
	var b strings.Builder
	b.WriteString("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "    {\n      \"type\": \"Feature\",\n      \"properties\": {\n        \"name\": \"p%d\"\n      },\n      \"geometry\": {\n        \"type\": \"Point\",\n        \"coordinates\": [\n          %g,\n          %g\n        ]\n      }\n    }", i, -10+float64(i%100)/10, 12+float64(i/100)/10)
	}
	b.WriteString("\n  ]\n}\n")
	return []byte(b.String())
}

func TestImportsAreStoredCompact(t *testing.T) {
	raw := bigImport(2000)
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, raw))
	p := New()
	p.Imports = []Import{{ID: "big", Title: "big.geojson", GeoJSON: raw}}
	path := filepath.Join(t.TempDir(), "p.matlas")
	require.NoError(t, Save(path, p))
	q, err := Load(path)
	require.NoError(t, err)
	require.NoError(t, q.Imports[0].Problem)
	assert.Equal(t, compact.Bytes(), []byte(q.Imports[0].GeoJSON), "kept compact in memory")

	// Saved again, the import is written as kept: not re-indented.
	require.NoError(t, Save(path, q))
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Less(t, fi.Size(), int64(compact.Len())+2000,
		"a %d-byte import made a %d-byte project", compact.Len(), fi.Size())
	data, _ := os.ReadFile(path)
	assert.Contains(t, string(data), `"geojson": {"type":"FeatureCollection","features":[{"type":"Feature"`)
	r, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, q, r)
}

func TestEncodeKeepsFieldOrderAndUserText(t *testing.T) {
	p := sample()
	// Text that looks like the placeholder machinery cannot confuse it.
	p.Annotations[0].Text = "import-0 \\u0000import"
	data, err := Encode(p)
	require.NoError(t, err)
	want, err := json.MarshalIndent(p, "", "  ")
	require.NoError(t, err)
	// With compact imports the two agree once both are compacted.
	var a, b bytes.Buffer
	require.NoError(t, json.Compact(&a, data))
	require.NoError(t, json.Compact(&b, want))
	assert.Equal(t, b.String(), a.String())
}
