package gazetteer

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzRead: any input reads without a panic; what is accepted is in range,
// and writing it and reading it back gives the same entries.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"Ménaka\tMenaka|mei na ka\ttown\t2.4\t15.9167\t90\tML10\n",
		"# comment\nA\t\twell\t-1.5\t20.25\t25\t\n",
		"A\t||b|\tvillage\t1e2\t-0\t0\tNER\r\n",
		"A\tb\tc\td\te\tf\tg\th\n", "\t\t\t\t\t\t\n", "x", "",
	} {
		f.Add([]byte(s))
	}
	var buf bytes.Buffer
	_ = Write(&buf, []Entry{{Name: "Gao", Kind: "city", Lon: -0.04, Lat: 16.27, Importance: 90, Region: "ML07"}})
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _ := Read("fuzz", bytes.NewReader(data))
		for _, e := range entries {
			if math.IsNaN(e.Lon) || e.Lon < -180 || e.Lon > 180 || math.IsNaN(e.Lat) || e.Lat < -90 || e.Lat > 90 {
				t.Fatalf("accepted %+v: position out of range", e)
			}
			if e.Importance < 0 || e.Importance > 100 || strings.TrimSpace(e.Name) == "" || e.Kind == "" {
				t.Fatalf("accepted %+v", e)
			}
			for _, a := range e.Alt {
				if a == "" || strings.Contains(a, "|") {
					t.Fatalf("accepted %+v: alternate name %q", e, a)
				}
			}
		}
		var out bytes.Buffer
		if err := Write(&out, entries); err != nil {
			return // a name with a carriage return inside: not written back
		}
		again, err := Read("again", &out)
		require.NoError(t, err)
		if len(entries) == 0 {
			require.Empty(t, again)
			return
		}
		require.Equal(t, entries, again)
	})
}
