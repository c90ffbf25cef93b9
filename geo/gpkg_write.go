package geo

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkb"
)

// GeoPackageLayer is one feature table to write.
type GeoPackageLayer struct {
	Table       string // SQL table name (letters, digits and _ are safest)
	Title       string // gpkg_contents.identifier
	Description string // gpkg_contents.description
	Features    *geojson.FeatureCollection
}

const wgs84WKT = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`

// WriteGeoPackage writes layers as a GeoPackage 1.2 (OGC 12-128r15) in WGS
// 84: one feature table per layer with an integer primary key fid, the
// geometry column geom (GeoPackage binary: the standard header and
// little-endian WKB from go-geom) and one column per property (REAL where
// every value is a number, INTEGER for booleans, TEXT otherwise; objects and
// lists as JSON text), registered in gpkg_contents, gpkg_geometry_columns
// and gpkg_spatial_ref_sys so GDAL and QGIS read it. The file is written
// beside path and renamed over it, so a reader never sees half a file.
func WriteGeoPackage(path string, layers []GeoPackageLayer) (err error) {
	defer lockPath(path)()
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer func() {
		if err != nil {
			os.Remove(tmpName)
			os.Remove(tmpName + "-journal")
		}
	}()
	db, err := sql.Open("sqlite", "file:"+strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(tmpName))
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1)
	if err = writeGPKG(db, layers); err != nil {
		db.Close()
		return err
	}
	if err = db.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmpName, 0o644); err != nil {
		return err
	}
	if err = os.Rename(tmpName, path); err != nil {
		return err
	}
	_, _ = CleanStaleTemps(filepath.Dir(path), StaleTemp) // what a crash left
	return nil
}

func writeGPKG(db *sql.DB, layers []GeoPackageLayer) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) {
		if err == nil {
			if _, e := tx.Exec(q, args...); e != nil {
				err = fmt.Errorf("GeoPackage: %v", e)
			}
		}
	}
	exec(`PRAGMA application_id = 1196444487`) // "GPKG"
	exec(`PRAGMA user_version = 10200`)
	exec(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
		organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`)
	exec(`INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
		('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
		('WGS 84 geodetic', 4326, 'EPSG', 4326, ?, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')`, wgs84WKT)
	exec(`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
		description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
		min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
		CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`)
	exec(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
		srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
		CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
		CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
		CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	for _, l := range layers {
		cols := gpkgColumns(l.Features)
		var b strings.Builder
		fmt.Fprintf(&b, `CREATE TABLE %s (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom GEOMETRY`, quoteIdent(l.Table))
		for _, c := range cols {
			fmt.Fprintf(&b, ", %s %s", quoteIdent(c.name), c.typ)
		}
		b.WriteString(")")
		exec(b.String())
		bound := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
		kinds := map[string]bool{}
		placeholders := strings.Repeat(", ?", len(cols))
		var names strings.Builder
		for _, c := range cols {
			names.WriteString(", " + quoteIdent(c.name))
		}
		insert := fmt.Sprintf(`INSERT INTO %s (geom%s) VALUES (?%s)`, quoteIdent(l.Table), names.String(), placeholders)
		for _, f := range l.Features.Features {
			blob, e := gpkgBlob(f.Geometry)
			if e != nil {
				return fmt.Errorf("GeoPackage table %s: %v", l.Table, e)
			}
			bound = bound.Union(f.Geometry.Bound())
			kinds[strings.ToUpper(f.Geometry.GeoJSONType())] = true
			args := []any{blob}
			for _, c := range cols {
				args = append(args, c.value(f.Properties[c.name]))
			}
			exec(insert, args...)
		}
		kind := "GEOMETRY"
		if len(kinds) == 1 {
			for k := range kinds {
				kind = k
			}
		}
		if kind == "GEOMETRYCOLLECTION" {
			kind = "GEOMETRYCOLLECTION"
		}
		if len(l.Features.Features) == 0 {
			bound = orb.Bound{}
		}
		title := l.Title
		if title == "" {
			title = l.Table
		}
		exec(`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
			VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, 4326)`, l.Table, title, l.Description, now, bound.Min[0], bound.Min[1], bound.Max[0], bound.Max[1])
		exec(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)`, l.Table, kind)
	}
	if err != nil {
		return err
	}
	return tx.Commit()
}

type gpkgColumn struct {
	name, typ string
}

func (c gpkgColumn) value(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case float64:
		if c.typ == "REAL" {
			return x
		}
	case bool:
		if c.typ == "BOOLEAN" {
			if x {
				return 1
			}
			return 0
		}
	}
	return PropertyText(v)
}

// gpkgColumns chooses a column per property: REAL where every value is a
// number, BOOLEAN where every value is a boolean, TEXT otherwise.
func gpkgColumns(fc *geojson.FeatureCollection) []gpkgColumn {
	types := map[string]string{}
	for _, f := range fc.Features {
		for k, v := range f.Properties {
			var t string
			switch v.(type) {
			case nil:
				continue
			case float64:
				t = "REAL"
			case bool:
				t = "BOOLEAN"
			default:
				t = "TEXT"
			}
			if old, ok := types[k]; ok && old != t {
				t = "TEXT"
			}
			types[k] = t
		}
	}
	cols := make([]gpkgColumn, 0, len(types))
	for k, t := range types {
		if strings.EqualFold(k, "fid") || strings.EqualFold(k, "geom") {
			continue
		}
		cols = append(cols, gpkgColumn{k, t})
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].name < cols[j].name })
	return cols
}

// gpkgBlob encodes a geometry as GeoPackage binary: "GP", version 0, flags
// (little-endian, XY envelope), srs_id 4326, the envelope, then WKB.
func gpkgBlob(g orb.Geometry) ([]byte, error) {
	gg, err := toGeom(g)
	if err != nil {
		return nil, err
	}
	w, err := wkb.Marshal(gg, wkb.NDR)
	if err != nil {
		return nil, err
	}
	b := g.Bound()
	out := make([]byte, 8+32, 8+32+len(w))
	out[0], out[1], out[2], out[3] = 'G', 'P', 0, 0x03
	binary.LittleEndian.PutUint32(out[4:], 4326)
	for i, v := range []float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
		binary.LittleEndian.PutUint64(out[8+8*i:], math.Float64bits(v))
	}
	return append(out, w...), nil
}

// toGeom converts an orb geometry to go-geom (XY).
func toGeom(g orb.Geometry) (geom.T, error) {
	flat := func(ps []orb.Point) []float64 {
		f := make([]float64, 0, 2*len(ps))
		for _, p := range ps {
			f = append(f, p[0], p[1])
		}
		return f
	}
	ring := func(r orb.Ring) []float64 {
		if len(r) > 0 && r[0] != r[len(r)-1] {
			r = append(r[:len(r):len(r)], r[0])
		}
		return flat(r)
	}
	poly := func(p orb.Polygon) *geom.Polygon {
		var coords []float64
		var ends []int
		for _, r := range p {
			coords = append(coords, ring(r)...)
			ends = append(ends, len(coords))
		}
		return geom.NewPolygonFlat(geom.XY, coords, ends)
	}
	switch g := g.(type) {
	case orb.Point:
		return geom.NewPointFlat(geom.XY, []float64{g[0], g[1]}), nil
	case orb.MultiPoint:
		return geom.NewMultiPointFlat(geom.XY, flat(g)), nil
	case orb.LineString:
		return geom.NewLineStringFlat(geom.XY, flat(g)), nil
	case orb.MultiLineString:
		var coords []float64
		var ends []int
		for _, l := range g {
			coords = append(coords, flat(l)...)
			ends = append(ends, len(coords))
		}
		return geom.NewMultiLineStringFlat(geom.XY, coords, ends), nil
	case orb.Ring:
		return poly(orb.Polygon{g}), nil
	case orb.Polygon:
		return poly(g), nil
	case orb.MultiPolygon:
		mp := geom.NewMultiPolygon(geom.XY)
		for _, p := range g {
			if err := mp.Push(poly(p)); err != nil {
				return nil, err
			}
		}
		return mp, nil
	case orb.Collection:
		gc := geom.NewGeometryCollection()
		for _, s := range g {
			t, err := toGeom(s)
			if err != nil {
				return nil, err
			}
			if err := gc.Push(t); err != nil {
				return nil, err
			}
		}
		return gc, nil
	}
	return nil, fmt.Errorf("cannot write geometry %s", geometryName(g))
}
