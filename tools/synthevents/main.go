// Command synthevents writes SYNTHETIC event files in the ACLED or UCDP GED
// format for tests, benchmarks and demonstrations. The rows are not real
// events and say so (a "synthetic" column, "SYN" ids, "Synthetic site"
// places, a note); name the files synthetic-*.
//
//	go run ./tools/synthevents -format acled -n 1000000 -out out/synthetic-acled-1m.csv
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"maliatlas/events/synth"
)

func main() {
	format := flag.String("format", "acled", "acled or ucdp")
	n := flag.Int("n", 10000, "number of events")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "output file (.csv or .geojson), named synthetic-*")
	iso := flag.Bool("iso-dates", false, "ACLED dates as 2023-03-15 rather than 15 March 2023")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synthevents: give -out FILE")
		os.Exit(2)
	}
	if !strings.Contains(strings.ToLower(filepath.Base(*out)), "synthetic") {
		fmt.Fprintln(os.Stderr, "synthevents: the output's name must contain \"synthetic\" so nobody takes it for real data")
		os.Exit(2)
	}
	o := synth.Options{N: *n, Seed: *seed, ISODates: *iso, GeoJSON: strings.HasSuffix(strings.ToLower(*out), ".geojson")}
	switch *format {
	case "acled":
		o.Format = synth.ACLED
	case "ucdp":
		o.Format = synth.UCDP
	default:
		fmt.Fprintln(os.Stderr, "synthevents: -format is acled or ucdp")
		os.Exit(2)
	}
	f, err := os.Create(*out)
	if err == nil {
		err = synth.Write(f, o)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthevents:", err)
		os.Exit(1)
	}
}
