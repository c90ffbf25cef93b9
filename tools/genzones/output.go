package main

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// props is the feature's properties in a fixed order: the zone's, then the
// cercles it was built from.
type props struct {
	Props
	Cercles []string `json:"cercles,omitempty"`
}

// Encode writes the zones as a GeoJSON FeatureCollection, one feature per
// line, coordinates with 5 decimals, in the order given (Build keeps the
// spec's id order).
func Encode(bs []Built) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("{\"type\":\"FeatureCollection\",\"features\":[\n")
	for i, b := range bs {
		z := b.Zone
		p := props{z.Props, b.Cercles}
		var pb bytes.Buffer
		enc := json.NewEncoder(&pb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p); err != nil {
			return nil, err
		}
		idb, _ := json.Marshal(z.ID)
		buf.WriteString("{\"type\":\"Feature\",\"id\":")
		buf.Write(idb)
		buf.WriteString(",\"properties\":")
		buf.Write(bytes.TrimSpace(pb.Bytes()))
		buf.WriteString(",\"geometry\":")
		writeGeometry(&buf, b.Polygons)
		buf.WriteString("}")
		if i < len(bs)-1 {
			buf.WriteString(",")
		}
		buf.WriteString("\n")
	}
	buf.WriteString("]}\n")
	return buf.Bytes(), nil
}

func writeGeometry(buf *bytes.Buffer, ps []Polygon) {
	if len(ps) == 1 {
		buf.WriteString("{\"type\":\"Polygon\",\"coordinates\":")
		writePolygon(buf, ps[0])
		buf.WriteString("}")
		return
	}
	buf.WriteString("{\"type\":\"MultiPolygon\",\"coordinates\":[")
	for i, p := range ps {
		if i > 0 {
			buf.WriteByte(',')
		}
		writePolygon(buf, p)
	}
	buf.WriteString("]}")
}

func writePolygon(buf *bytes.Buffer, p Polygon) {
	buf.WriteByte('[')
	for i, r := range p {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('[')
		for k := 0; k <= len(r); k++ { // repeat the first vertex to close
			if k > 0 {
				buf.WriteByte(',')
			}
			v := r[k%len(r)]
			buf.WriteByte('[')
			buf.WriteString(coord(v.X))
			buf.WriteByte(',')
			buf.WriteString(coord(v.Y))
			buf.WriteByte(']')
		}
		buf.WriteByte(']')
	}
	buf.WriteByte(']')
}

// coord prints a grid value as degrees with exactly 5 decimals, without
// going through floating point.
func coord(v int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v, 10)
	for len(s) < 6 {
		s = "0" + s
	}
	s = s[:len(s)-5] + "." + s[len(s)-5:]
	if neg {
		s = "-" + s
	}
	return s
}
