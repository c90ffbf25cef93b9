package geo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

// shpBytes writes a minimal .shp of point records.
func shpBytes(typ int, shapes [][]byte) []byte {
	var recs bytes.Buffer
	for i, c := range shapes {
		var h [8]byte
		binary.BigEndian.PutUint32(h[0:], uint32(i+1))
		binary.BigEndian.PutUint32(h[4:], uint32(len(c)/2))
		recs.Write(h[:])
		recs.Write(c)
	}
	hdr := make([]byte, 100)
	binary.BigEndian.PutUint32(hdr[0:], 9994)
	binary.BigEndian.PutUint32(hdr[24:], uint32((100+recs.Len())/2))
	binary.LittleEndian.PutUint32(hdr[28:], 1000)
	binary.LittleEndian.PutUint32(hdr[32:], uint32(typ))
	return append(hdr, recs.Bytes()...)
}

func le32(v int) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(v)) }
func lef(v float64) []byte {
	return binary.LittleEndian.AppendUint64(nil, math.Float64bits(v))
}

func pointShape(x, y float64) []byte {
	return append(append(le32(shpPoint), lef(x)...), lef(y)...)
}

func polygonShape(rings ...[]orb.Point) []byte {
	b := le32(shpPolygon)
	b = append(b, make([]byte, 32)...) // bbox, unused by the reader
	n := 0
	for _, r := range rings {
		n += len(r)
	}
	b = append(b, le32(len(rings))...)
	b = append(b, le32(n)...)
	at := 0
	for _, r := range rings {
		b = append(b, le32(at)...)
		at += len(r)
	}
	for _, r := range rings {
		for _, p := range r {
			b = append(b, lef(p[0])...)
			b = append(b, lef(p[1])...)
		}
	}
	return b
}

// dbfBytes writes a dBASE table of character fields of width 20 and a
// numeric field "n" (the last cell of each row).
func dbfBytes(names []string, rows [][]string, ldid byte) []byte {
	hdrLen := 32 + 32*len(names) + 1
	recLen := 1 + 20*len(names)
	b := make([]byte, 32)
	b[0] = 3
	binary.LittleEndian.PutUint32(b[4:], uint32(len(rows)))
	binary.LittleEndian.PutUint16(b[8:], uint16(hdrLen))
	binary.LittleEndian.PutUint16(b[10:], uint16(recLen))
	b[29] = ldid
	for i, n := range names {
		d := make([]byte, 32)
		copy(d, n)
		d[11] = 'C'
		if i == len(names)-1 {
			d[11] = 'N'
		}
		d[16] = 20
		b = append(b, d...)
	}
	b = append(b, 0x0d)
	for _, r := range rows {
		b = append(b, ' ')
		for _, c := range r {
			cell := []byte(c)
			b = append(b, cell...)
			b = append(b, bytes.Repeat([]byte(" "), 20-len(cell))...)
		}
	}
	return append(b, 0x1a)
}

func TestReadShapefileEncodingsAndHoles(t *testing.T) {
	dir := t.TempDir()
	outer := []orb.Point{{0, 10}, {0, 14}, {4, 14}, {4, 10}, {0, 10}} // clockwise: outer
	hole := []orb.Point{{1, 11}, {2, 11}, {2, 12}, {1, 11}}           // anticlockwise: hole
	write := func(name string, data []byte) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	write("zones.shp", shpBytes(shpPolygon, [][]byte{polygonShape(outer, hole), polygonShape(outer)}))
	cp, err := charmap.Windows1252.NewEncoder().String("Ségou – été")
	require.NoError(t, err)
	write("zones.dbf", dbfBytes([]string{"name", "n"}, [][]string{{cp, "12.5"}, {"", ""}}, 0))
	write("ZONES.CPG", []byte("1252\n"))

	fc, err := ReadFile(filepath.Join(dir, "zones.shp"))
	require.NoError(t, err)
	require.Len(t, fc.Features, 2)
	assert.Equal(t, "Ségou – été", fc.Features[0].Properties["name"], "Windows-1252 from the .cpg (any letter case)")
	assert.Equal(t, 12.5, fc.Features[0].Properties["n"])
	assert.Empty(t, fc.Features[1].Properties, "empty cells are left out")
	poly := fc.Features[0].Geometry.(orb.Polygon)
	require.Len(t, poly, 2, "the anticlockwise ring is a hole of the outer one")

	// Without the .cpg, invalid UTF-8 is read as Windows-1252 too.
	require.NoError(t, os.Remove(filepath.Join(dir, "ZONES.CPG")))
	fc, err = ReadFile(filepath.Join(dir, "zones.shp"))
	require.NoError(t, err)
	assert.Equal(t, "Ségou – été", fc.Features[0].Properties["name"])

	// UTF-8 text stays UTF-8.
	write("zones.dbf", dbfBytes([]string{"name", "n"}, [][]string{{"Ménaka", "1"}, {"Kidal", "2"}}, 0))
	fc, err = ReadFile(filepath.Join(dir, "zones.shp"))
	require.NoError(t, err)
	assert.Equal(t, "Ménaka", fc.Features[0].Properties["name"])

	// A .dbf of another length does not belong to the .shp.
	write("zones.dbf", dbfBytes([]string{"name", "n"}, [][]string{{"a", "1"}}, 0))
	_, err = ReadFile(filepath.Join(dir, "zones.shp"))
	assert.ErrorContains(t, err, "zones.dbf: header: 1 records, but zones.shp has 2 shapes")

	// A bad number is placed by record and field.
	write("zones.dbf", dbfBytes([]string{"name", "n"}, [][]string{{"a", "1"}, {"b", "x1"}}, 0))
	_, err = ReadFile(filepath.Join(dir, "zones.shp"))
	assert.ErrorContains(t, err, `zones.dbf: record 2, field "n": "x1" is not a number`)
}

func TestReadShapefileCoordinates(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "pts.shp")
	// Metres without a .prj: refused, saying why.
	require.NoError(t, os.WriteFile(p, shpBytes(shpPoint, [][]byte{pointShape(500000, 1800000)}), 0o644))
	_, err := ReadFile(p)
	var ie *InputError
	require.True(t, errors.As(err, &ie), "%v", err)
	assert.Contains(t, err.Error(), "pts.shp: record 1 (byte 100): longitude 500000 is outside -180..180 (there is no .prj file")

	// UTM 30N: the zone's central meridian (3°W) at the false easting.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pts.prj"), []byte(`PROJCS["WGS_1984_UTM_Zone_30N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",-3.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`), 0o644))
	fc, err := ReadFile(p)
	require.NoError(t, err)
	pt := fc.Features[0].Geometry.(orb.Point)
	assert.InDelta(t, -3, pt[0], 1e-9)
	assert.InDelta(t, 16.28, pt[1], 0.01)

	// Web Mercator: x = R·λ.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pts.prj"), []byte(`PROJCS["WGS_84_Pseudo_Mercator",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]`), 0o644))
	require.NoError(t, os.WriteFile(p, shpBytes(shpPoint, [][]byte{pointShape(-8*6378137*math.Pi/180, 0)}), 0o644))
	fc, err = ReadFile(p)
	require.NoError(t, err)
	assert.InDelta(t, -8, fc.Features[0].Geometry.(orb.Point)[0], 1e-9)

	// Another CRS is named.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pts.prj"), []byte(`PROJCS["Clarke_1880_UTM_Zone_30N",GEOGCS["GCS_Clarke_1880_RGS",DATUM["D_Clarke_1880",SPHEROID["Clarke_1880_RGS",6378249.145,293.465]]]]`), 0o644))
	_, err = ReadFile(p)
	assert.ErrorContains(t, err, `pts.prj: coordinates in "Clarke_1880_UTM_Zone_30N" are not supported`)
}

// TestHugeDBFRefused: a 10 GB table (a sparse file) is refused by its size
// before anything is read; a header claiming more records than the file
// holds is refused as truncated.
func TestHugeDBFRefused(t *testing.T) {
	oldMax, oldMem := MaxInput, memAvailable
	MaxInput, memAvailable = 512<<20, func() int64 { return 0 }
	defer func() { MaxInput, memAvailable = oldMax, oldMem }()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "big.shp"), shpBytes(shpPoint, [][]byte{pointShape(-8, 12)}), 0o644))
	f, err := os.Create(filepath.Join(dir, "big.dbf"))
	require.NoError(t, err)
	if err := f.Truncate(10 << 30); err != nil {
		t.Skipf("cannot make a sparse 10 GB file here: %v", err)
	}
	f.Close()
	_, err = ReadFile(filepath.Join(dir, "big.shp"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "big.dbf: the file is 10.0 GB, more than the limit of 512.0 MB")

	d := dbfBytes([]string{"name", "n"}, [][]string{{"a", "1"}}, 0)
	binary.LittleEndian.PutUint32(d[4:], 400_000_000)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "big.dbf"), d, 0o644))
	_, err = ReadFile(filepath.Join(dir, "big.shp"))
	assert.ErrorContains(t, err, "big.dbf: the header announces 400000000 records of 41 bytes (15.3 GB) but the file has only")
}

func FuzzReadDBF(f *testing.F) {
	f.Add(dbfBytes([]string{"name", "n"}, [][]string{{"Ségou", "1.5"}, {"b", ""}}, 0), "")
	f.Add(dbfBytes([]string{"a", "b", "n"}, [][]string{{"x", "y", "*"}}, 0x57), "1252")
	f.Fuzz(func(t *testing.T, data []byte, cpg string) {
		tab, err := readDBF(data, cpg)
		if err != nil {
			return
		}
		for i := range tab.records {
			for _, fl := range tab.fields {
				v, err := tab.value(i, fl)
				if err != nil {
					continue
				}
				switch x := v.(type) {
				case string:
					if x == "" || !utf8.ValidString(x) {
						t.Fatalf("record %d field %q: bad text %q", i, fl.name, x)
					}
				case float64:
					if math.IsNaN(x) || math.IsInf(x, 0) {
						t.Fatalf("record %d field %q: non-finite number %v", i, fl.name, x)
					}
				}
			}
		}
	})
}

func FuzzReadSHP(f *testing.F) {
	f.Add(shpBytes(shpPoint, [][]byte{pointShape(-8, 12)}))
	f.Add(shpBytes(shpPolygon, [][]byte{polygonShape([]orb.Point{{0, 0}, {0, 1}, {1, 1}, {0, 0}}, []orb.Point{{0.2, 0.2}, {0.5, 0.2}, {0.2, 0.5}, {0.2, 0.2}})}))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := readSHP(data)
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.err == "" && r.g != nil && r.off < 100 {
				t.Fatalf("record placed before the header: %d", r.off)
			}
		}
		// Through the whole reader: accepted geometries are valid.
		fc, err := readShapeSet("fuzz.shp", func(ext string) ([]byte, string, error) {
			if ext == ".shp" {
				return data, "fuzz.shp", nil
			}
			return nil, "", nil
		})
		if err == nil {
			for _, feat := range fc.Features {
				if msg := checkGeometry(feat.Geometry); msg != "" {
					t.Fatalf("accepted an invalid geometry: %s", msg)
				}
			}
		}
	})
}
