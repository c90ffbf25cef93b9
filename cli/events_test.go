package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image/gif"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"maliatlas/data"
	"maliatlas/events"
	"maliatlas/events/synth"
)

func eventsSeed(t testing.TB) uint64 {
	s := uint64(time.Now().UnixNano())
	if v := os.Getenv("SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		s = n
	}
	t.Logf("seed %d (set SEED to repeat)", s)
	return s
}

func writeSynth(t testing.TB, dir, name string, o synth.Options) string {
	var buf bytes.Buffer
	if err := synth.Write(&buf, o); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// refRegions reads the embedded regions with encoding/json: name_en and
// the rings of each polygon.
func refRegions(t *testing.T) (names []string, polys [][][][2]float64) {
	b, err := data.FS.ReadFile("base/regions.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
			Geometry   struct {
				Type        string         `json:"type"`
				Coordinates [][][2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	for _, f := range fc.Features {
		if f.Geometry.Type != "Polygon" {
			t.Fatalf("the reference expects polygons, not %s", f.Geometry.Type)
		}
		names = append(names, f.Properties["name_en"].(string))
		polys = append(polys, f.Geometry.Coordinates)
	}
	return
}

// refInside is the plain crossing-number test over all rings.
func refInside(rings [][][2]float64, x, y float64) bool {
	in := false
	for _, r := range rings {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			a, b := r[j], r[i]
			if (a[1] > y) != (b[1] > y) && x < a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
				in = !in
			}
		}
	}
	return in
}

// TestEventsStatsByRegion checks `events stats` against counts worked out
// here from the CSV (encoding/csv, time.Parse) and the regions
// (encoding/json, crossing-number test).
func TestEventsStatsByRegion(t *testing.T) {
	dir := t.TempDir()
	path := writeSynth(t, dir, "synthetic-acled.csv", synth.Options{Format: synth.ACLED, N: 4000, Seed: eventsSeed(t)})
	names, polys := refRegions(t)
	f, _ := os.Open(path)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	from, _ := time.Parse("2006-01-02", "2020-03-01")
	to, _ := time.Parse("2006-01-02", "2022-06-30")
	for _, tc := range []struct {
		args    []string
		keep    func(r []string) bool
		minRows int
	}{
		{nil, func([]string) bool { return true }, 3000},
		{[]string{"--precise", "--from", "1 March 2020", "--to", "2022-06-30"}, func(r []string) bool {
			d, _ := time.Parse("2 January 2006", r[1])
			return r[13] == "1" && !d.Before(from) && !d.After(to)
		}, 500},
	} {
		events := map[string]int{}
		weight := map[string]float64{}
		kept := 0
		for _, r := range recs[1:] {
			if !tc.keep(r) {
				continue
			}
			lat, _ := strconv.ParseFloat(r[11], 64)
			lon, _ := strconv.ParseFloat(r[12], 64)
			w, _ := strconv.ParseFloat(r[16], 64)
			for k, p := range polys {
				if refInside(p, lon, lat) {
					events[names[k]]++
					weight[names[k]] += w
					kept++
					break
				}
			}
		}
		if kept < tc.minRows/2 {
			t.Fatalf("only %d events in Mali: the test would prove little", kept)
		}
		var out, errOut bytes.Buffer
		args := append([]string{"events", "stats", path, "--by", "region", "--format", "tsv"}, tc.args...)
		if code := Main(args, &out, &errOut); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if lines[0] != "name\tevents\tweight" || len(lines) != len(names)+1 {
			t.Fatalf("output:\n%s", out.String())
		}
		seen := map[string]bool{}
		for _, l := range lines[1:] {
			c := strings.Split(l, "\t")
			n, _ := strconv.Atoi(c[1])
			w, _ := strconv.ParseFloat(c[2], 64)
			seen[c[0]] = true
			if n != events[c[0]] || w != weight[c[0]] {
				t.Errorf("%v: %s: %d events, weight %g; want %d, %g", tc.args, c[0], n, w, events[c[0]], weight[c[0]])
			}
		}
		for _, n := range names {
			if !seen[n] {
				t.Errorf("no row for %s", n)
			}
		}
	}
}

func TestEventsStatsErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("event_id_cnty,event_date,event_type,latitude,longitude,geo_precision,fatalities\nA,15 March 2023,Battles,14,-4,1,0\nB,never,Battles,14,-4,1,0\n"), 0o644)
	var out, errOut bytes.Buffer
	if code := Main([]string{"events", "stats", bad, "--format", "tsv"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), `bad.csv:3:3: column "event_date": not a date: "never"`) ||
		!strings.Contains(errOut.String(), "bad.csv: 1 events loaded, 1 row skipped") {
		t.Errorf("stderr:\n%s", errOut.String())
	}
	if !strings.Contains(out.String(), "Mopti\t1\t0\n") {
		t.Errorf("stdout:\n%s", out.String())
	}
	other := filepath.Join(dir, "other.csv")
	os.WriteFile(other, []byte("a,b\n1,2\n"), 0o644)
	for _, args := range [][]string{
		{"events", "stats", other},
		{"events", "stats", bad, "--by", "country"},
		{"events", "stats", bad, "--from", "yesterday"},
		{"events", "stats"},
	} {
		out.Reset()
		errOut.Reset()
		if code := Main(args, &out, &errOut); code == 0 || strings.Contains(errOut.String(), "events.") {
			t.Errorf("%v: exit %d, %s", args, code, errOut.String())
		}
	}
}

// TestEventsHotspotsGeoJSON: the hex cells hold every event once, and GDAL
// reads the file (when ogrinfo is installed: gdal-bin, in make test's set).
func TestEventsHotspotsGeoJSON(t *testing.T) {
	dir := t.TempDir()
	path := writeSynth(t, dir, "synthetic-ged.csv", synth.Options{Format: synth.UCDP, N: 3000, Seed: eventsSeed(t)})
	for _, method := range []string{"hex", "kde"} {
		out := filepath.Join(dir, "hot-"+method+".geojson")
		var so, se bytes.Buffer
		if code := Main([]string{"events", "hotspots", path, "--method", method, "--cell-km", "40", "--out", out}, &so, &se); code != 0 {
			t.Fatalf("exit %d: %s", code, se.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var fc struct {
			Name     string `json:"name"`
			Features []struct {
				Geometry struct {
					Type        string         `json:"type"`
					Coordinates [][][2]float64 `json:"coordinates"`
				} `json:"geometry"`
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(b, &fc); err != nil {
			t.Fatal(err)
		}
		count := 0.0
		for _, f := range fc.Features {
			if f.Geometry.Type != "Polygon" || len(f.Geometry.Coordinates[0]) < 5 {
				t.Fatalf("%s: a cell %v", method, f.Geometry)
			}
			count += f.Properties["count"].(float64)
			if _, ok := f.Properties["weight"].(float64); !ok {
				t.Fatalf("%s: no weight in %v", method, f.Properties)
			}
		}
		if !strings.Contains(fc.Name, "SYNTHETIC") {
			t.Errorf("name %q does not say the data are synthetic", fc.Name)
		}
		if method == "hex" && count != 3000 {
			t.Errorf("hex cells hold %g events, want 3000", count)
		}
		if ogr, err := exec.LookPath("ogrinfo"); err == nil {
			o, err := exec.Command(ogr, "-so", "-al", out).CombinedOutput()
			if err != nil || !strings.Contains(string(o), "Geometry: Polygon") || !strings.Contains(string(o), "count: Integer") ||
				!strings.Contains(string(o), fmt.Sprintf("Feature Count: %d", len(fc.Features))) {
				t.Errorf("ogrinfo: %v\n%s", err, o)
			}
		} else {
			t.Log("ogrinfo not installed: GDAL check skipped")
		}
	}
}

func TestEventsHotspotsImageAndProfile(t *testing.T) {
	dir := t.TempDir()
	path := writeSynth(t, dir, "synthetic-acled.csv", synth.Options{Format: synth.ACLED, N: 3000, Seed: eventsSeed(t)})
	out := filepath.Join(dir, "hot.png")
	var so, se bytes.Buffer
	if code := Main([]string{"events", "hotspots", path, "--method", "kde", "--cell-km", "30", "--out", out, "--size", "400x300", "--precise"}, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Fatalf("no PNG: %v", err)
	}
	so.Reset()
	if code := Main([]string{"events", "profile", path, "--route", "cocaine-north-algeria", "--buffer-km", "30"}, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	lines := strings.Split(strings.TrimSpace(so.String()), "\n")
	last := lines[len(lines)-1]
	if lines[0] != "from_km\tto_km\tevents\tweight" || !(strings.HasPrefix(last, "Most violent stretch: km ") || strings.HasPrefix(last, "No events")) {
		t.Fatalf("profile output:\n%s", so.String())
	}
	if code := Main([]string{"events", "profile", path, "--route", "no-such-route"}, &so, &se); code != 2 {
		t.Errorf("unknown route: exit %d", code)
	}
}

func TestEventsFrames(t *testing.T) {
	dir := t.TempDir()
	path := writeSynth(t, dir, "synthetic-acled.csv", synth.Options{Format: synth.ACLED, N: 2000, Seed: eventsSeed(t)})
	out := filepath.Join(dir, "frames")
	gifPath := filepath.Join(dir, "synthetic.gif")
	var so, se bytes.Buffer
	args := []string{"events", "frames", path, "--method", "kde", "--step", "year", "--from", "2021-01-01", "--to", "2022-12-31",
		"--out-dir", out, "--gif", gifPath, "--size", "320x240"}
	if code := Main(args, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	for _, f := range []string{"frame-001.png", "frame-002.png"} {
		if b, err := os.ReadFile(filepath.Join(out, f)); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "frame-003.png")); err == nil {
		t.Error("a third frame for two years")
	}
	g, err := os.Open(gifPath)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	anim, err := gif.DecodeAll(g)
	if err != nil || len(anim.Image) != 2 {
		t.Fatalf("gif: %v, %d frames", err, len(anim.Image))
	}
	if p := FramePeriods(events.DayOf(2023, 11, 15), events.DayOf(2024, 2, 2), "month"); len(p) != 4 ||
		p[0][0] != events.DayOf(2023, 11, 1) || p[3][1] != events.DayOf(2024, 2, 29) {
		t.Errorf("months %v", p)
	}
}
