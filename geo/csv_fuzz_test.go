package geo

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// problemLine is the form of every line of an InputError.
var problemLine = regexp.MustCompile(`^(fuzz\.(csv|geojson):\d+:\d+: .+|… and \d+ more problems)$`)

// checkRefused holds for every input refused: an *InputError whose lines
// each name the file, line and column, no Go type names.
func checkRefused(t *testing.T, data []byte, err error) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("input %q: error %T %v is not an *InputError", data, err, err)
	}
	for _, l := range strings.Split(err.Error(), "\n") {
		if !problemLine.MatchString(l) {
			t.Fatalf("input %q: problem line %q does not name the place", data, l)
		}
	}
	if msg := err.Error(); strings.Contains(msg, "Go ") || strings.Contains(msg, "orb.") || strings.Contains(msg, "geom.") {
		t.Fatalf("input %q: error names Go types: %v", data, err)
	}
	if len(ie.Problems) > MaxProblems {
		t.Fatalf("input %q: %d problems listed", data, len(ie.Problems))
	}
}

// FuzzReadCSV: no panic; a refused table is refused with placed problems;
// an accepted one has coordinates in range and, written as GeoJSON (as a
// project stores it), reads back the same.
func FuzzReadCSV(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.csv")
	for _, fn := range files {
		data, err := os.ReadFile(fn)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"lon,lat\n1,2\n", "lon;lat;v\n1,5;2;3,25\n", "lon\tlat\tcode\n1\t2\t007\n", "lon|lat\n1|2\n",
		"id,wkt\na,\"MULTIPOLYGON(EMPTY, ((0 0, 1 0, 1 1, 0 0)))\"\n", "wkt\nPOLYGON((179 0, -179 0, -179 1, 179 0))\n",
		"wkt\nGEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))\n", "x,y,n\n1,2,\"a\"\"b\"\n3,4,\n", "\xef\xbb\xbflon,lat\n1,2\n",
		"lon,lat\n1,2,3\n", "lon,lat\n\"1,2\n", "", "a,b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fc, err := ReadCSV("fuzz.csv", strings.NewReader(string(data)))
		if err != nil {
			checkRefused(t, data, err)
			return
		}
		checkAccepted(t, data, fc)
	})
}
