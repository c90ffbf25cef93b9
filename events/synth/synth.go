// Package synth writes synthetic event files in the ACLED and UCDP GED
// formats for tests and benchmarks. Every row is marked synthetic (a
// "synthetic" column set to true, "SYN" ids, "Synthetic site" places and a
// note saying it is not a real event): the atlas ships no event data and
// never shows generated events as real.
package synth

import (
	"bufio"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/data"
	"maliatlas/geo"
)

// mali is the union of the embedded regions: hotspot centres are drawn in it.
var mali = sync.OnceValue(func() []orb.Geometry {
	b, err := data.FS.ReadFile("base/regions.geojson")
	if err != nil {
		panic(err)
	}
	var fc geojson.FeatureCollection
	if err := json.Unmarshal(b, &fc); err != nil {
		panic(err)
	}
	var gs []orb.Geometry
	for _, f := range fc.Features {
		gs = append(gs, f.Geometry)
	}
	return gs
})

func inMali(lon, lat float64) bool {
	for _, g := range mali() {
		if geo.Contains(g, orb.Point{lon, lat}) {
			return true
		}
	}
	return false
}

// Format is the layout of the file written.
type Format int

const (
	ACLED Format = iota
	UCDP
)

// Options say what to write.
type Options struct {
	Format Format
	N      int    // events
	Seed   uint64 // same seed, same file
	// ISODates writes ACLED dates as 2023-03-15 instead of 15 March 2023.
	ISODates bool
	// GeoJSON writes a FeatureCollection instead of CSV.
	GeoJSON bool
}

// Header columns, as the sources name them, plus "synthetic".
var (
	ACLEDHeader = []string{"event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
		"actor1", "actor2", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source", "notes",
		"fatalities", "synthetic"}
	UCDPHeader = []string{"id", "year", "type_of_violence", "conflict_name", "side_a", "side_b", "where_prec",
		"where_description", "adm_1", "adm_2", "latitude", "longitude", "date_prec", "date_start", "date_end",
		"best", "high", "low", "source_article", "synthetic"}
)

var (
	acledTypes = []string{"Battles", "Violence against civilians", "Explosions/Remote violence",
		"Strategic developments", "Protests", "Riots"}
	acledSub = []string{"Armed clash", "Attack", "Remote explosive/landmine/IED", "Looting/property destruction",
		"Peaceful protest", "Mob violence"}
	actors = []string{"Synthetic armed group A", "Synthetic armed group B", "Synthetic state forces",
		"Synthetic militia C", "Synthetic civilians", "Synthetic unidentified group"}
)

// hotspot is a centre events gather around: 24 centres drawn at random
// inside Mali's regions (not tied to real places), with 90% of the events
// around them and 10% spread over Mali's extent.
type hotspot struct{ lon, lat, sigma, weight float64 }

// Note is the text every synthetic row carries.
const Note = "SYNTHETIC TEST DATA - not a real event"

// Write writes o.N synthetic events to w.
func Write(w io.Writer, o Options) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	// Hotspot centres spread over Mali's extent (not tied to real places).
	hs := make([]hotspot, 24)
	total := 0.0
	for i := range hs {
		for {
			hs[i] = hotspot{lon: -11 + 14.5*r.Float64(), lat: 11 + 12*r.Float64(), sigma: 0.1 + 0.5*r.Float64(), weight: 1 / float64(i+1)}
			if inMali(hs[i].lon, hs[i].lat) {
				break
			}
		}
		total += hs[i].weight
	}
	t0 := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC).Sub(t0).Hours() / 24)
	var buf []byte
	header := ACLEDHeader
	if o.Format == UCDP {
		header = UCDPHeader
	}
	if o.GeoJSON {
		bw.WriteString(`{"type":"FeatureCollection","name":"SYNTHETIC events (test data, not real)","features":[` + "\n")
	} else {
		for i, h := range header {
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString(h)
		}
		bw.WriteByte('\n')
	}
	cells := make([][]byte, len(header))
	for i := 0; i < o.N; i++ {
		var lon, lat float64
		if r.Float64() < 0.1 {
			lon, lat = -12+16*r.Float64(), 10+15*r.Float64()
		} else {
			x := r.Float64() * total
			h := hs[len(hs)-1]
			for _, c := range hs {
				if x -= c.weight; x < 0 {
					h = c
					break
				}
			}
			lon, lat = h.lon+h.sigma*r.NormFloat64(), h.lat+h.sigma*r.NormFloat64()
		}
		lon, lat = math.Round(lon*1e4)/1e4, math.Round(lat*1e4)/1e4
		day := t0.AddDate(0, 0, r.IntN(days+1))
		fat := 0
		if r.Float64() < 0.45 {
			fat = int(math.Floor(r.ExpFloat64() * 4))
		}
		buf = buf[:0]
		var ranges [][2]int
		add := func(s string) {
			a := len(buf)
			buf = append(buf, s...)
			ranges = append(ranges, [2]int{a, len(buf)})
		}
		addInt := func(n int) {
			a := len(buf)
			buf = strconv.AppendInt(buf, int64(n), 10)
			ranges = append(ranges, [2]int{a, len(buf)})
		}
		addF := func(f float64) {
			a := len(buf)
			buf = strconv.AppendFloat(buf, f, 'f', -1, 64)
			ranges = append(ranges, [2]int{a, len(buf)})
		}
		site := "Synthetic site " + strconv.Itoa(r.IntN(5000))
		if o.Format == ACLED {
			k := r.IntN(len(acledTypes))
			add("SYN" + strconv.Itoa(i+1))
			if o.ISODates {
				add(day.Format("2006-01-02"))
			} else {
				add(day.Format("2 January 2006"))
			}
			addInt(day.Year())
			addInt(1 + r.IntN(3))
			add(acledTypes[k])
			add(acledSub[k])
			add(actors[r.IntN(len(actors))])
			add(actors[r.IntN(len(actors))])
			add("")
			add("")
			add(site)
			addF(lat)
			addF(lon)
			p := 1
			if x := r.Float64(); x > 0.95 {
				p = 3
			} else if x > 0.7 {
				p = 2
			}
			addInt(p)
			add("synthetic generator (tools/synthevents)")
			add(Note)
			addInt(fat)
			add("true")
		} else {
			end := day
			if r.Float64() < 0.2 {
				end = day.AddDate(0, 0, 1+r.IntN(5))
			}
			addInt(i + 1)
			addInt(day.Year())
			addInt(1 + r.IntN(3))
			add("Synthetic conflict")
			add(actors[r.IntN(len(actors))])
			add(actors[r.IntN(len(actors))])
			wp := []int{1, 1, 1, 2, 2, 3, 4, 5, 6, 7}[r.IntN(10)]
			addInt(wp)
			add(site)
			add("")
			add("")
			addF(lat)
			addF(lon)
			addInt(1 + r.IntN(5))
			add(day.Format("2006-01-02") + " 00:00:00.000")
			add(end.Format("2006-01-02") + " 00:00:00.000")
			addInt(fat)
			addInt(fat + r.IntN(3))
			addInt(max(0, fat-r.IntN(2)))
			add("synthetic generator (tools/synthevents)")
			add("true")
		}
		for j, rg := range ranges {
			cells[j] = buf[rg[0]:rg[1]]
		}
		if o.GeoJSON {
			writeFeature(bw, header, cells, lon, lat, i == 0)
		} else {
			for j, c := range cells {
				if j > 0 {
					bw.WriteByte(',')
				}
				writeCSVCell(bw, c)
			}
			bw.WriteByte('\n')
		}
	}
	if o.GeoJSON {
		bw.WriteString("\n]}\n")
	}
	return bw.Flush()
}

func writeCSVCell(w *bufio.Writer, c []byte) {
	for _, b := range c {
		if b == ',' || b == '"' || b == '\n' {
			w.WriteByte('"')
			for _, b := range c {
				if b == '"' {
					w.WriteByte('"')
				}
				w.WriteByte(b)
			}
			w.WriteByte('"')
			return
		}
	}
	w.Write(c)
}

// numeric columns are written as JSON numbers in GeoJSON.
var numeric = map[string]bool{"year": true, "time_precision": true, "latitude": true, "longitude": true,
	"geo_precision": true, "fatalities": true, "type_of_violence": true, "where_prec": true, "date_prec": true,
	"best": true, "high": true, "low": true}

func writeFeature(w *bufio.Writer, header []string, cells [][]byte, lon, lat float64, first bool) {
	if !first {
		w.WriteString(",\n")
	}
	w.WriteString(`{"type":"Feature","geometry":{"type":"Point","coordinates":[`)
	w.WriteString(strconv.FormatFloat(lon, 'f', -1, 64) + "," + strconv.FormatFloat(lat, 'f', -1, 64))
	w.WriteString(`]},"properties":{`)
	for j, h := range header {
		if j > 0 {
			w.WriteByte(',')
		}
		w.WriteString(strconv.Quote(h) + ":")
		switch {
		case h == "synthetic":
			w.WriteString("true")
		case numeric[h]:
			w.Write(cells[j])
		default:
			w.WriteString(strconv.Quote(string(cells[j])))
		}
	}
	w.WriteString("}}")
}
