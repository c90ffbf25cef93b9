// Command genzones builds the armed-group zones overlay
// (data/overlays/armed_groups.geojson) from the zone specification
// (data/src/zones.json) and the OCHA cercles and regions of Mali: each zone's
// cercles are dissolved into one polygon (or a MultiPolygon where the parts
// are disjoint), and towns held become 64-gon geodesic circles.
//
//	go run ./tools/genzones -cercles ../shared/geodata/mali_admin2_ocha2021.geojson \
//	    -regions ../shared/geodata/mali_admin1_ocha2021.geojson \
//	    -spec data/src/zones.json -out data/overlays/armed_groups.geojson
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	"maliatlas/geo"
)

func main() {
	cerclesPath := flag.String("cercles", "", "OCHA admin-2 GeoJSON (ADM2_PCODE, ADM1_PCODE)")
	regionsPath := flag.String("regions", "", "OCHA admin-1 GeoJSON (pcode); optional, checks region P-codes")
	specPath := flag.String("spec", "data/src/zones.json", "zone specification")
	outPath := flag.String("out", "data/overlays/armed_groups.geojson", "output GeoJSON")
	flag.Parse()
	if *cerclesPath == "" {
		fmt.Fprintln(os.Stderr, "genzones: -cercles is required")
		os.Exit(2)
	}
	if err := run(*cerclesPath, *regionsPath, *specPath, *outPath, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "genzones:", err)
		os.Exit(1)
	}
}

func run(cerclesPath, regionsPath, specPath, outPath string, log io.Writer) error {
	cercles, err := LoadUnits(cerclesPath, "ADM2_PCODE", "ADM2_FR", "ADM1_PCODE")
	if err != nil {
		return err
	}
	var regions map[string]*Unit
	if regionsPath != "" {
		if regions, err = LoadUnits(regionsPath, "pcode", "name_fr", ""); err != nil {
			return err
		}
	}
	spec, err := LoadSpec(specPath)
	if err != nil {
		return err
	}
	bs, err := Build(specPath, spec, cercles, regions)
	if err != nil {
		return err
	}
	if err := CheckExtent(bs); err != nil {
		return fmt.Errorf("%s: %w", specPath, err)
	}
	data, err := Encode(bs)
	if err != nil {
		return err
	}
	if err := geo.WriteFileAtomic(outPath, data); err != nil {
		return err
	}

	clean, dissolved := 0, 0
	for _, b := range bs {
		var area float64
		for _, p := range b.Polygons {
			area += PolygonAreaKm2(p)
		}
		what := "circle"
		if b.Zone.Around == nil {
			dissolved++
			what = fmt.Sprintf("%d cercles", len(b.Cercles))
			if b.Clean {
				clean++
			}
		}
		status := "ok"
		if !b.Clean {
			status = "FALLBACK (" + b.Reason + ")"
		}
		fmt.Fprintf(log, "%-40s %-12s %3d part(s) %10.0f km²  %s\n", b.Zone.ID, what, len(b.Polygons), area, status)
	}
	// Regions are expanded into their cercles: say if a region's own outline
	// and its cercles disagree.
	for _, pc := range sortedKeys(regions) {
		var want float64
		for _, p := range regions[pc].Parts {
			if op, ok := orient(p); ok {
				want += PolygonAreaKm2(op)
			}
		}
		var got float64
		for _, c := range cerclesOf(cercles, pc) {
			for _, p := range cercles[c].Parts {
				if op, ok := orient(p); ok {
					got += PolygonAreaKm2(op)
				}
			}
		}
		if want > 0 && math.Abs(got-want)/want > 0.005 {
			fmt.Fprintf(log, "warning: region %s: cercles cover %.0f km², the region outline %.0f km²\n", pc, got, want)
		}
	}
	fmt.Fprintf(log, "%d zones written to %s; %d of %d cercle zones dissolved cleanly\n", len(bs), outPath, clean, dissolved)
	return nil
}
