// Command gengazetteer builds the embedded gazetteer (data/gazetteer.tsv.gz)
// from the basemap sources in ../shared/geodata/basemap (see PROVENANCE.md
// there) and the built-in regions and countries layers in data/:
//
//	go run ./tools/gengazetteer -src ../shared/geodata/basemap -data data -out data/gazetteer.tsv.gz
//
// It takes the OpenStreetMap places of Mali and its neighbours, the GeoNames
// populated places (for alternate names), the GeoNames physical features and
// water points, and the named Natural Earth features; merges the duplicates of
// one place (OSM extracts overlapping at borders, a GeoNames place and its OSM
// settlement); puts each settlement where OpenStreetMap has it (the known
// GeoNames faults of PROVENANCE.md, e.g. Tessit's longitude sign, are caught
// by that rule); and sets each entry's kind, importance and region. The output
// is deterministic: same input, same bytes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"maliatlas/gazetteer"
	"maliatlas/geo"
	"maliatlas/layers"
)

func main() {
	src := flag.String("src", "../shared/geodata/basemap", "folder of the basemap sources")
	dataDir := flag.String("data", "data", "the data folder (its regions and countries layers give each entry's region)")
	out := flag.String("out", "data/gazetteer.tsv.gz", "the gazetteer file to write")
	verbose := flag.Bool("v", false, "report each merge decided by a rule (sign fixes)")
	flag.Parse()
	file, log, n, err := generate(*src, *dataDir, *verbose)
	if err != nil {
		fail(err)
	}
	if err := geo.WriteFileAtomic(*out, file); err != nil {
		fail(err)
	}
	fmt.Printf("gengazetteer: %d entries, %d bytes → %s\n", n, len(file), *out)
	for _, l := range log {
		fmt.Println("  ", l)
	}
}

// generate builds the gazetteer file from the sources in src and the
// regions and countries layers of the data folder; it returns the file, the
// log of the merges decided by a rule (with verbose) and the entry count.
func generate(src, dataDir string, verbose bool) ([]byte, []string, int, error) {
	cat, err := layers.Load(os.DirFS(dataDir))
	if err != nil {
		return nil, nil, 0, err
	}
	g := newBuilder(gazetteer.NewRegions(cat), regionCapitals(cat))
	g.verbose = verbose
	if err := g.readAll(src); err != nil {
		return nil, nil, 0, err
	}
	entries := g.entries()
	var buf bytes.Buffer
	if err := gazetteer.Write(&buf, entries); err != nil {
		return nil, nil, 0, err
	}
	return buf.Bytes(), g.log, len(entries), nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gengazetteer:", err)
	os.Exit(1)
}

// regionCapitals maps each region's code to its capital's name (the regions
// layer's "capital" property).
func regionCapitals(cat *layers.Catalog) map[string]string {
	m := map[string]string{}
	if l := cat.Layer("regions"); l != nil {
		for _, f := range l.Features {
			if c := f.String("capital"); c != "" {
				m[f.ID] = c
			}
		}
	}
	return m
}
