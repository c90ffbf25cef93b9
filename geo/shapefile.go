package geo

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paulmach/orb/geojson"
)

// ReadShapefile reads an ESRI shapefile: path is the .shp, and the .dbf
// (attributes), .prj (coordinate system) and .cpg (text encoding) beside it
// are read when present (their extensions in any letter case; the .shx
// index is not needed). Each record becomes a feature with the dBASE
// fields as properties (numbers, booleans, dates as "YYYY-MM-DD", text
// decoded from the .cpg's encoding, else the table's language driver,
// else UTF-8 or Windows-1252); empty cells are left out, as are null shapes
// and deleted records. Coordinates in WGS 84 are read as they are; Web
// Mercator and WGS 84 / UTM zones 28N–32N are reprojected to WGS 84; any
// other coordinate system is refused naming it. Without a .prj, the
// coordinates must be longitudes and latitudes.
//
// Problems come as an *InputError, one per line: "name.shp: record N:
// what is wrong" or "name.dbf: record N, field "F": what is wrong". Each
// file must fit within the input limits (MaxInput, the memory available).
func ReadShapefile(shpPath string) (*geojson.FeatureCollection, error) {
	dir, base := filepath.Split(shpPath)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	entries, _ := os.ReadDir(filepath.Clean(dir + "."))
	sib := func(ext string) string {
		for _, e := range entries {
			n := e.Name()
			if strings.EqualFold(n, stem+ext) && !e.IsDir() {
				return filepath.Join(dir, n)
			}
		}
		return ""
	}
	open := func(ext string) ([]byte, string, error) {
		if ext == ".shp" {
			data, err := readFileLimited(shpPath)
			return data, shpPath, err
		}
		p := sib(ext)
		if p == "" {
			return nil, "", nil
		}
		data, err := readFileLimited(p)
		return data, p, err
	}
	return readShapeSet(shpPath, open)
}

// ReadShapefileZip reads every shapefile in a zip archive (as a data portal
// serves them), as ReadShapefile; with several, each feature's PropFolder
// names its shapefile. name is the archive's name for messages. A zip
// holding a KML document and no shapefile is read as a KMZ.
func ReadShapefileZip(name string, r io.Reader) (*geojson.FeatureCollection, error) {
	data, err := readLimited(name, r, -1)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: %s", name, zipMsg(err))
	}
	var shps []*zip.File
	for _, f := range zr.File {
		if strings.EqualFold(path.Ext(f.Name), ".shp") && !strings.HasPrefix(f.Name, "__MACOSX/") && !strings.HasPrefix(path.Base(f.Name), "._") {
			shps = append(shps, f)
		}
	}
	if len(shps) == 0 {
		for _, f := range zr.File {
			if strings.EqualFold(path.Ext(f.Name), ".kml") {
				return ReadKMZ(name, bytes.NewReader(data)) // a zipped KML is a KMZ
			}
		}
		return nil, fmt.Errorf("%s: no shapefile (.shp) or KML in the zip archive", name)
	}
	sort.Slice(shps, func(i, j int) bool { return shps[i].Name < shps[j].Name })
	out := geojson.NewFeatureCollection()
	for _, shp := range shps {
		stem := strings.TrimSuffix(shp.Name, path.Ext(shp.Name))
		open := func(ext string) ([]byte, string, error) {
			for _, f := range zr.File {
				if strings.EqualFold(f.Name, stem+ext) {
					member := name + "/" + f.Name
					data, err := readZipMember(member, f)
					return data, member, err
				}
			}
			return nil, "", nil
		}
		fc, err := readShapeSet(name+"/"+shp.Name, open)
		if err != nil {
			return nil, err
		}
		for _, f := range fc.Features {
			if len(shps) > 1 {
				f.Properties[PropFolder] = path.Base(stem)
			}
			out.Append(f)
		}
	}
	return out, nil
}

// readShapeSet reads a .shp and its companions through open, which gives a
// companion's content and name (nil data when it is absent).
func readShapeSet(shpName string, open func(ext string) ([]byte, string, error)) (*geojson.FeatureCollection, error) {
	shpData, _, err := open(".shp")
	if err != nil {
		return nil, err
	}
	recs, err := readSHP(shpData)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", shpName, err)
	}
	var problems []Problem
	addf := func(file, placeStr, msg string) {
		problems = append(problems, Problem{File: file, Feature: -1, Place: placeStr, Msg: msg})
	}

	c := crs{}
	prj, prjName, err := open(".prj")
	if err != nil {
		return nil, err
	}
	known := false
	if prj != nil {
		if c, err = crsFromWKT(string(prj)); err != nil {
			return nil, fmt.Errorf("%s: %v", prjName, err)
		}
		known = true
	}
	cpg, _, err := open(".cpg")
	if err != nil {
		return nil, err
	}
	dbfData, dbfName, err := open(".dbf")
	if err != nil {
		return nil, err
	}
	var table *dbfTable
	if dbfData != nil {
		if table, err = readDBF(dbfData, string(cpg)); err != nil {
			return nil, fmt.Errorf("%s: %v", dbfName, err)
		}
		if len(table.records) != len(recs) {
			addf(dbfName, "header", fmt.Sprintf("%d records, but %s has %d shapes: the two files do not belong together", len(table.records), path.Base(filepath.ToSlash(shpName)), len(recs)))
			return nil, &InputError{Problems: problems}
		}
	}

	fc := geojson.NewFeatureCollection()
	for i, rec := range recs {
		where := fmt.Sprintf("record %d (byte %d)", i+1, rec.off)
		if rec.err != "" {
			addf(shpName, where, rec.err)
			continue
		}
		if rec.g == nil || (table != nil && table.deleted(i)) {
			continue
		}
		g := rec.g
		if !known {
			if msg := checkGeometry(g); msg != "" {
				addf(shpName, where, msg+" (there is no .prj file, so the coordinates must be longitudes and latitudes in WGS 84)")
				continue
			}
		}
		g = c.reproject(g)
		if msg := checkGeometry(g); msg != "" {
			addf(shpName, where, msg)
			continue
		}
		props := geojson.Properties{}
		if table != nil {
			for _, f := range table.fields {
				v, err := table.value(i, f)
				if err != nil {
					addf(dbfName, fmt.Sprintf("record %d, field %q", i+1, f.name), err.Error())
					continue
				}
				if v != nil {
					props[f.name] = v
				}
			}
		}
		feat := geojson.NewFeature(g)
		feat.Properties = props
		fc.Append(feat)
	}
	if len(problems) > 0 {
		return nil, &InputError{Problems: problems}
	}
	return fc, nil
}
