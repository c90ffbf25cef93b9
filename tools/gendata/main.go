// Command gendata derives the atlas's embedded base layers (data/base/*.geojson)
// from the shared inputs in ../shared/geodata (see PROVENANCE.md there):
//
//	go run ./tools/gendata -src ../shared/geodata -out data
//
// It normalises names (accents restored from the sources' plain ASCII through
// explicit tables below), sets stable ids and the properties the layer
// manifest labels with, and rounds coordinates to 5 decimals. Geometry keeps
// the input's detail; the renderer simplifies per zoom at run time. The
// output is deterministic: same input, same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	src := flag.String("src", "../shared/geodata", "folder of the shared geodata inputs")
	out := flag.String("out", "data", "the data folder; layers are written to OUT/base")
	flag.Parse()
	files, err := generate(*src)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
	if err := write(filepath.Join(*out, "base"), files); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}
