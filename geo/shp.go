package geo

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Shape types of the ESRI shapefile format (Z and M variants are read as
// their 2-D forms).
const (
	shpNull       = 0
	shpPoint      = 1
	shpPolyLine   = 3
	shpPolygon    = 5
	shpMultiPoint = 8
)

// shpRecord is one record of a .shp file: its geometry (nil for a null
// shape) or what is wrong with it.
type shpRecord struct {
	g   orb.Geometry
	off int // byte offset of the record header
	err string
}

// readSHP reads the records of a .shp file. A header problem is returned
// as an error; a problem in a record is kept in the record, so the others
// still load. It never reads outside data.
func readSHP(data []byte) ([]shpRecord, error) {
	if len(data) < 100 {
		return nil, fmt.Errorf("too short for a shapefile header (%d bytes, need 100)", len(data))
	}
	if code := binary.BigEndian.Uint32(data[0:]); code != 9994 {
		return nil, fmt.Errorf("not a shapefile (file code %d, want 9994)", code)
	}
	var recs []shpRecord
	off := 100
	for off+8 <= len(data) {
		n := int(binary.BigEndian.Uint32(data[off+4:])) * 2 // 16-bit words
		start := off + 8
		if n < 4 || n > len(data)-start {
			recs = append(recs, shpRecord{off: off, err: fmt.Sprintf("record length %d bytes runs past the end of the file (%d bytes left)", n, len(data)-start)})
			break
		}
		g, msg := shpShape(data[start : start+n])
		recs = append(recs, shpRecord{g: g, off: off, err: msg})
		off = start + n
	}
	return recs, nil
}

// shpShape decodes one record's content.
func shpShape(c []byte) (orb.Geometry, string) {
	le := binary.LittleEndian
	typ := int(le.Uint32(c))
	base := typ
	if typ > 10 && typ < 20 {
		base = typ - 10 // Z
	} else if typ > 20 && typ < 30 {
		base = typ - 20 // M
	}
	pt := func(b []byte) orb.Point {
		return orb.Point{math.Float64frombits(le.Uint64(b)), math.Float64frombits(le.Uint64(b[8:]))}
	}
	switch base {
	case shpNull:
		if typ != 0 {
			break
		}
		return nil, ""
	case shpPoint:
		if len(c) < 20 {
			return nil, "point record too short"
		}
		return pt(c[4:]), ""
	case shpMultiPoint:
		if len(c) < 40 {
			return nil, "multipoint record too short"
		}
		np := int(int32(le.Uint32(c[36:])))
		if np < 0 || np > (len(c)-40)/16 {
			return nil, fmt.Sprintf("multipoint of %d points does not fit in its record", np)
		}
		mp := make(orb.MultiPoint, np)
		for i := range mp {
			mp[i] = pt(c[40+16*i:])
		}
		if np == 1 {
			return mp[0], ""
		}
		return mp, ""
	case shpPolyLine, shpPolygon:
		if len(c) < 44 {
			return nil, "record too short"
		}
		nparts, npts := int(int32(le.Uint32(c[36:]))), int(int32(le.Uint32(c[40:])))
		if nparts < 1 || npts < 1 || nparts > (len(c)-44)/4 || npts > (len(c)-44-4*nparts)/16 {
			return nil, fmt.Sprintf("%d parts of %d points do not fit in the record", nparts, npts)
		}
		at := 44 + 4*nparts
		parts := make([][]orb.Point, nparts)
		for i := range parts {
			from := int(int32(le.Uint32(c[44+4*i:])))
			to := npts
			if i+1 < nparts {
				to = int(int32(le.Uint32(c[44+4*i+4:])))
			}
			if from < 0 || to > npts || from >= to {
				return nil, fmt.Sprintf("part %d has bad point indexes %d..%d (of %d points)", i, from, to, npts)
			}
			ps := make([]orb.Point, to-from)
			for j := range ps {
				ps[j] = pt(c[at+16*(from+j):])
			}
			parts[i] = ps
		}
		if base == shpPolyLine {
			if nparts == 1 {
				return orb.LineString(parts[0]), ""
			}
			ml := make(orb.MultiLineString, nparts)
			for i, p := range parts {
				ml[i] = p
			}
			return ml, ""
		}
		return shpPolygons(parts), ""
	}
	return nil, fmt.Sprintf("shape type %d is not supported (points, lines and polygons are)", typ)
}

// shpPolygons groups a shapefile polygon's rings: clockwise rings are outer
// boundaries, anticlockwise ones holes in the outer ring containing them.
func shpPolygons(parts [][]orb.Point) orb.Geometry {
	var outers []orb.Polygon
	var holes []orb.Ring
	for _, p := range parts {
		r := orb.Ring(p)
		if signedArea2(r) <= 0 {
			outers = append(outers, orb.Polygon{r})
		} else {
			holes = append(holes, r)
		}
	}
	if len(outers) == 0 { // wrongly wound: take every ring as an outer one
		for _, r := range holes {
			outers = append(outers, orb.Polygon{r})
		}
		holes = nil
	}
	for _, h := range holes {
		i := 0
		if len(outers) > 1 && len(h) > 0 {
			for j, o := range outers {
				if in, _ := ringContains(o[0], h[0]); in {
					i = j
					break
				}
			}
		}
		outers[i] = append(outers[i], h)
	}
	if len(outers) == 1 {
		return outers[0]
	}
	return orb.MultiPolygon(outers)
}

// signedArea2 is twice the planar signed area (positive anticlockwise).
func signedArea2(r orb.Ring) float64 {
	var a float64
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a
}
