package geo

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// Features whose properties are the same text of plain values share one
// map; others (another value, a nested value) get their own, and every
// feature reads the values its text gives.
func TestReadSharesRepeatedProperties(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"kind":"battle","year":2021},"geometry":{"type":"Point","coordinates":[1,2]}},
{"type":"Feature","properties":{"kind":"battle","year":2021},"geometry":{"type":"Point","coordinates":[3,4]}},
{"type":"Feature","properties":{"kind":"riot","year":2021},"geometry":{"type":"Point","coordinates":[5,6]}},
{"type":"Feature","properties":{"kind":"battle","tags":["a"]},"geometry":{"type":"Point","coordinates":[7,8]}},
{"type":"Feature","properties":{"kind":"battle","tags":["a"]},"geometry":{"type":"Point","coordinates":[9,10]}}]}`
	fc, err := ReadFeatureCollection("t.geojson", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	p := func(i int) string { return fmt.Sprintf("%p", fc.Features[i].Properties) }
	if p(0) != p(1) {
		t.Errorf("features 0 and 1 have the same properties but two maps")
	}
	if p(0) == p(2) || p(3) == p(4) {
		t.Errorf("different or nested properties share a map")
	}
	want := []map[string]any{
		{"kind": "battle", "year": 2021.0},
		{"kind": "battle", "year": 2021.0},
		{"kind": "riot", "year": 2021.0},
		{"kind": "battle", "tags": []any{"a"}},
		{"kind": "battle", "tags": []any{"a"}},
	}
	for i, w := range want {
		if got := map[string]any(fc.Features[i].Properties); !reflect.DeepEqual(got, w) {
			t.Errorf("feature %d: properties %v, want %v", i, got, w)
		}
	}
}

// When the properties hardly repeat, the reader stops looking them up and
// still reads every feature's own.
func TestReadUniqueProperties(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	n := sharedPropsProbe + 500
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"n":%d},"geometry":{"type":"Point","coordinates":[0,0]}}`, i)
	}
	b.WriteString(`]}`)
	fc, err := ReadFeatureCollection("u.geojson", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range fc.Features {
		if f.Properties["n"] != float64(i) {
			t.Fatalf("feature %d: n = %v", i, f.Properties["n"])
		}
	}
}
