package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

// Unit is one administrative unit (a cercle or a region) with its geometry.
type Unit struct {
	PCode  string
	Name   string
	Region string // the region's P-code, for cercles
	Parts  []Polygon
}

type rawFC struct {
	Features []struct {
		Properties map[string]any `json:"properties"`
		Geometry   struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// LoadUnits reads a GeoJSON FeatureCollection of Polygons/MultiPolygons and
// indexes it by the P-code property pcodeProp (nameProp and regionProp are
// optional). Errors name the file and the feature.
func LoadUnits(path, pcodeProp, nameProp, regionProp string) (map[string]*Unit, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fc rawFC
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, jsonError(path, b, err)
	}
	units := map[string]*Unit{}
	for i, f := range fc.Features {
		pc, _ := f.Properties[pcodeProp].(string)
		if pc == "" {
			return nil, fmt.Errorf("%s: feature %d: no %s property", path, i, pcodeProp)
		}
		if units[pc] != nil {
			return nil, fmt.Errorf("%s: feature %d (%s %q): duplicate P-code", path, i, pcodeProp, pc)
		}
		u := &Unit{PCode: pc}
		u.Name, _ = f.Properties[nameProp].(string)
		u.Region, _ = f.Properties[regionProp].(string)
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			err = json.Unmarshal(f.Geometry.Coordinates, &p)
			polys = [][][][2]float64{p}
		case "MultiPolygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &polys)
		default:
			err = fmt.Errorf("geometry type %q: want Polygon or MultiPolygon", f.Geometry.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: feature %d (%s %q): %w", path, i, pcodeProp, pc, err)
		}
		for _, p := range polys {
			var poly Polygon
			for _, r := range p {
				ring := make(Ring, len(r))
				for k, c := range r {
					ring[k] = Snap(c[0], c[1])
				}
				poly = append(poly, ring)
			}
			if len(poly) > 0 {
				u.Parts = append(u.Parts, poly)
			}
		}
		units[pc] = u
	}
	return units, nil
}

// cerclesOf lists the P-codes of the cercles of region rc, sorted.
func cerclesOf(cercles map[string]*Unit, rc string) []string {
	var out []string
	for pc, u := range cercles {
		if u.Region == rc {
			out = append(out, pc)
		}
	}
	sort.Strings(out)
	return out
}

func sortedKeys(m map[string]*Unit) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
