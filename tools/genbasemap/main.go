// Command genbasemap derives the atlas's embedded basemap (data/basemap) from
// the raw inputs in ../shared/geodata/basemap (see PROVENANCE.md there) and
// the Natural Earth world countries in data/src (world-atlas 2.0.2, 1:50m):
//
//	go run ./tools/genbasemap -src ../shared/geodata -out data
//
// Each vector layer is written as one MAB container per zoom band
// (geo.EncodeMAB: quantised, delta-coded, zstd-compressed), generalised for
// the band (Douglas–Peucker, small areas dropped, places thinned on a grid so
// the whole-extent view stays legible). The relief is reprojected from the
// SRTM30_PLUS plate carrée grid to Web Mercator as an image pyramid. The
// styles and zoom ranges live in the hand-written data/basemap/basemap.layer.json.
// The output is deterministic: same input, same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"maliatlas/geo"
)

func main() {
	src := flag.String("src", "../shared/geodata", "folder of the shared geodata inputs (with basemap/)")
	out := flag.String("out", "data", "the data folder; the basemap is written to OUT/basemap")
	flag.Parse()
	files, err := generate(*src, filepath.Join(*out, "src"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "genbasemap:", err)
		os.Exit(1)
	}
	dir := filepath.Join(*out, "basemap")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "genbasemap:", err)
		os.Exit(1)
	}
	names := make([]string, 0, len(files))
	total := 0
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := geo.WriteFileAtomic(filepath.Join(dir, n), files[n]); err != nil {
			fmt.Fprintln(os.Stderr, "genbasemap:", err)
			os.Exit(1)
		}
		total += len(files[n])
		fmt.Printf("%-28s %9d bytes\n", n, len(files[n]))
	}
	fmt.Printf("%-28s %9d bytes\n", "total", total)
}
