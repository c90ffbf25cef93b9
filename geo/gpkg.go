package geo

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/twpayne/go-geom/encoding/wkb"
	_ "modernc.org/sqlite" // pure Go SQLite: the core still builds without cgo
)

// GeoPackageTable is a feature table of a GeoPackage.
type GeoPackageTable struct {
	Name  string // the SQL table name
	Title string // gpkg_contents.identifier, or the name
	SRS   string // the coordinate system's name
	Count int    // rows
}

// openGeoPackage opens a GeoPackage read-only, after checking its size and
// that it is an SQLite database.
func openGeoPackage(path string) (*sql.DB, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := checkSize(path, fi.Size()); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 16)
	_, err = f.Read(head)
	f.Close()
	if err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return nil, fmt.Errorf("%s: not a GeoPackage (not an SQLite database)", path)
	}
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	db, err := sql.Open("sqlite", "file:"+r.Replace(path)+"?mode=ro")
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// GeoPackageTables lists a GeoPackage's feature tables, in gpkg_contents
// order.
func GeoPackageTables(path string) ([]GeoPackageTable, error) {
	db, err := openGeoPackage(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return gpkgTables(path, db)
}

func gpkgTables(path string, db *sql.DB) ([]GeoPackageTable, error) {
	rows, err := db.Query(`SELECT c.table_name, COALESCE(c.identifier, c.table_name), COALESCE(s.srs_name, '')
		FROM gpkg_contents c LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = c.srs_id
		WHERE c.data_type = 'features' ORDER BY c.rowid`)
	if err != nil {
		return nil, fmt.Errorf("%s: not a GeoPackage (no gpkg_contents table): %v", path, sqlMsg(err))
	}
	var out []GeoPackageTable
	for rows.Next() {
		var t GeoPackageTable
		if err := rows.Scan(&t.Name, &t.Title, &t.SRS); err != nil {
			rows.Close()
			return nil, fmt.Errorf("%s: gpkg_contents: %v", path, sqlMsg(err))
		}
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: gpkg_contents: %v", path, sqlMsg(err))
	}
	for i := range out {
		_ = db.QueryRow(`SELECT count(*) FROM ` + quoteIdent(out[i].Name)).Scan(&out[i].Count)
	}
	return out, nil
}

func sqlMsg(err error) string {
	s := err.Error()
	if i := strings.Index(s, "SQL logic error: "); i >= 0 {
		s = s[i+len("SQL logic error: "):]
	}
	return s
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// ReadGeoPackage reads the named feature tables of a GeoPackage (all of
// them when tables is empty). Each row becomes a feature with its columns
// as properties (the primary key and the geometry column left out; NULLs
// left out; integers and reals as numbers). Geometries in WGS 84 are read
// as they are; Web Mercator and UTM zones 28N–32N are reprojected; another
// coordinate system is refused naming it. With several tables, each
// feature's PropFolder names its table. Problems name the file, table and
// row: "x.gpkg: table "roads", fid 12: what is wrong".
func ReadGeoPackage(path string, tables []string) (*geojson.FeatureCollection, error) {
	db, err := openGeoPackage(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	all, err := gpkgTables(path, db)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%s: the GeoPackage has no feature table", path)
	}
	if len(tables) == 0 {
		for _, t := range all {
			tables = append(tables, t.Name)
		}
	}
	fc := geojson.NewFeatureCollection()
	var problems []Problem
	for _, name := range tables {
		found := false
		for _, t := range all {
			found = found || t.Name == name
		}
		if !found {
			names := make([]string, len(all))
			for i, t := range all {
				names[i] = t.Name
			}
			return nil, fmt.Errorf("%s: no feature table %q (it has: %s)", path, name, strings.Join(names, ", "))
		}
		ps, err := readGPKGTable(path, db, name, len(tables) > 1, fc)
		if err != nil {
			return nil, err
		}
		problems = append(problems, ps...)
	}
	if len(problems) > 0 {
		return nil, &InputError{Problems: problems}
	}
	return fc, nil
}

func readGPKGTable(path string, db *sql.DB, table string, folder bool, fc *geojson.FeatureCollection) ([]Problem, error) {
	var geomCol string
	var srsID int
	if err := db.QueryRow(`SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?`, table).Scan(&geomCol, &srsID); err != nil {
		return nil, fmt.Errorf("%s: table %q: no entry in gpkg_geometry_columns: %v", path, table, sqlMsg(err))
	}
	c, err := gpkgCRS(db, srsID)
	if err != nil {
		return nil, fmt.Errorf("%s: table %q: %v", path, table, err)
	}
	pk := ""
	if rows, err := db.Query(`SELECT name, pk FROM pragma_table_info(?)`, table); err == nil {
		for rows.Next() {
			var n string
			var k int
			if rows.Scan(&n, &k) == nil && k == 1 {
				pk = n
			}
		}
		rows.Close()
	}
	rows, err := db.Query(`SELECT * FROM ` + quoteIdent(table))
	if err != nil {
		return nil, fmt.Errorf("%s: table %q: %v", path, table, sqlMsg(err))
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("%s: table %q: %v", path, table, sqlMsg(err))
	}
	boolean := make([]bool, len(cols))
	if cts, err := rows.ColumnTypes(); err == nil {
		for i, ct := range cts {
			boolean[i] = strings.EqualFold(ct.DatabaseTypeName(), "BOOLEAN")
		}
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var problems []Problem
	row := 0
	for rows.Next() {
		row++
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("%s: table %q, row %d: %v", path, table, row, sqlMsg(err))
		}
		where := fmt.Sprintf("table %q, row %d", table, row)
		props := geojson.Properties{}
		var blob []byte
		for i, col := range cols {
			switch {
			case strings.EqualFold(col, geomCol):
				blob, _ = vals[i].([]byte)
				if s, ok := vals[i].(string); ok {
					blob = []byte(s)
				}
			case col == pk:
				if v, ok := vals[i].(int64); ok {
					where = fmt.Sprintf("table %q, %s %d", table, pk, v)
				}
			default:
				switch v := vals[i].(type) {
				case int64:
					if boolean[i] {
						props[col] = v != 0
					} else {
						props[col] = float64(v)
					}
				case float64:
					if !math.IsNaN(v) && !math.IsInf(v, 0) {
						props[col] = v
					}
				case string:
					props[col] = v
				case bool:
					props[col] = v
				case time.Time:
					props[col] = v.Format(time.RFC3339)
				case []byte: // a BLOB: not a property the atlas can show
				}
			}
		}
		if blob == nil {
			continue // no geometry: nothing to draw
		}
		g, err := gpkgGeometry(blob)
		if err != nil {
			problems = append(problems, Problem{File: path, Feature: -1, Place: where, Msg: err.Error()})
			continue
		}
		if g == nil {
			continue
		}
		g = c.reproject(g)
		if msg := checkGeometry(g); msg != "" {
			problems = append(problems, Problem{File: path, Feature: -1, Place: where, Msg: msg})
			continue
		}
		if folder {
			props[PropFolder] = table
		}
		f := geojson.NewFeature(g)
		f.Properties = props
		fc.Append(f)
		if len(problems) >= 100 {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: table %q: %v", path, table, sqlMsg(err))
	}
	return problems, nil
}

// gpkgCRS is the accepted CRS of a GeoPackage srs_id.
func gpkgCRS(db *sql.DB, srsID int) (crs, error) {
	if srsID == 0 || srsID == -1 { // undefined geographic / Cartesian
		return crsWGS84, nil
	}
	var org, def, name string
	var code int
	err := db.QueryRow(`SELECT COALESCE(organization,''), COALESCE(organization_coordsys_id,0), COALESCE(definition,''), COALESCE(srs_name,'')
		FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, srsID).Scan(&org, &code, &def, &name)
	if err != nil {
		return crs{}, fmt.Errorf("srs_id %d is not in gpkg_spatial_ref_sys", srsID)
	}
	if strings.EqualFold(org, "EPSG") {
		c, err := crsFromEPSG(code)
		if err != nil && name != "" {
			return crs{}, fmt.Errorf("coordinates in %q (EPSG:%d) are not supported: want %s", name, code, acceptedCRS)
		}
		return c, err
	}
	return crsFromWKT(def)
}

// gpkgGeometry decodes a GeoPackage geometry blob (header, then WKB read by
// go-geom); nil for an empty geometry.
func gpkgGeometry(b []byte) (orb.Geometry, error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return nil, errors.New("the geometry is not a GeoPackage geometry blob (no GP header)")
	}
	flags := b[3]
	if flags&0x20 != 0 {
		return nil, errors.New("extended GeoPackage geometry types are not supported")
	}
	envLen := map[byte]int{0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags>>1)&7]
	if (flags>>1)&7 > 4 {
		return nil, fmt.Errorf("bad envelope code %d in the geometry header", (flags>>1)&7)
	}
	if flags&0x10 != 0 {
		return nil, nil // empty
	}
	at := 8 + envLen
	if at > len(b) {
		return nil, errors.New("geometry blob shorter than its header")
	}
	t, err := wkb.Unmarshal(b[at:])
	if err != nil {
		return nil, fmt.Errorf("bad WKB geometry: %v", err)
	}
	if t.Empty() {
		return nil, nil
	}
	return toOrb(t), nil
}
