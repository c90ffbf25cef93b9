package geo

import (
	"bytes"
	"io"

	"github.com/paulmach/orb/geojson"
)

// ReadGeoJSONSeq reads GeoJSON text sequences: one Feature per line
// (.geojsonl, newline-delimited), or each preceded by the record separator
// 0x1E (.geojsons, RFC 8142). Every feature is validated as
// ReadFeatureCollection validates one, and problems are placed as
// "name:line:col: feature N (id "x"): what is wrong", N counting features
// from 0.
func ReadGeoJSONSeq(name string, r io.Reader) (*geojson.FeatureCollection, error) {
	data, err := readLimited(name, r, -1)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	const head = `{"type":"FeatureCollection","features":[`
	fc := geojson.NewFeatureCollection()
	var problems []problem
	n := 0
	var buf []byte
	for start := 0; start < len(data); {
		end := bytes.IndexAny(data[start:], "\n\x1e")
		if end < 0 {
			end = len(data)
		} else {
			end += start
		}
		line := data[start:end]
		lineOff := start
		start = end + 1
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		buf = append(append(append(buf[:0], head...), line...), "]}"...)
		part, ps := readGeoJSON(buf)
		for _, p := range ps {
			p.off = lineOff + min(max(p.off-len(head), 0), len(line))
			p.feature = n
			problems = append(problems, p)
		}
		if len(ps) == 0 {
			if len(part.Features) != 1 {
				problems = append(problems, problem{off: lineOff, feature: n, msg: "each line must hold one GeoJSON Feature"})
			}
			fc.Features = append(fc.Features, part.Features...)
		}
		n++
	}
	if len(problems) > 0 {
		return nil, &InputError{Problems: place(name, data, problems)}
	}
	return fc, nil
}
