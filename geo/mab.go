package geo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// MAB ("Mali Atlas Basemap") is the compact container of the embedded
// basemap layers: a zstd stream holding a key table and features whose
// coordinates are quantised integers, delta-coded as zigzag varints.
//
//	"MAB1" uvarint(scale) uvarint(nkeys) key… uvarint(nfeatures) feature…
//	key      = uvarint(len) bytes
//	feature  = type(byte) uvarint(nprops) prop… geometry
//	prop     = uvarint(key index) tag(byte) value   tag 0: string, 1: number (zigzag varint)
//	geometry = point: x y | line: uvarint(n) pts | multiline: uvarint(nparts) (uvarint(n) pts)…
//	           polygon: uvarint(nrings) ring… | multipolygon: uvarint(npolys) polygon…
//
// A coordinate is round(degrees × scale); every x and y is a zigzag varint
// delta from the previous point of the file (the first from 0). Rings are
// stored without their closing point. Numbers are integers.
const mabMagic = "MAB1"

const (
	mabPoint        = 1
	mabLine         = 2
	mabMultiLine    = 3
	mabPolygon      = 4
	mabMultiPolygon = 5
)

// EncodeMAB writes fc as a compressed MAB container with coordinates
// rounded to 1/scale degree. Properties must be strings or integral numbers;
// others are left out. The output is deterministic.
func EncodeMAB(fc *geojson.FeatureCollection, scale int) ([]byte, error) {
	if scale <= 0 {
		return nil, errors.New("mab: scale must be positive")
	}
	keyIdx := map[string]int{}
	var keys []string
	for _, f := range fc.Features {
		for k := range f.Properties {
			if _, ok := keyIdx[k]; !ok {
				keyIdx[k] = 0
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	for i, k := range keys {
		keyIdx[k] = i
	}
	var b []byte
	b = append(b, mabMagic...)
	b = binary.AppendUvarint(b, uint64(scale))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
	}
	b = binary.AppendUvarint(b, uint64(len(fc.Features)))
	var px, py int64
	pt := func(p orb.Point) {
		x, y := int64(math.Round(p[0]*float64(scale))), int64(math.Round(p[1]*float64(scale)))
		b = binary.AppendVarint(b, x-px)
		b = binary.AppendVarint(b, y-py)
		px, py = x, y
	}
	pts := func(ps []orb.Point) {
		b = binary.AppendUvarint(b, uint64(len(ps)))
		for _, p := range ps {
			pt(p)
		}
	}
	ring := func(r orb.Ring) {
		if len(r) > 1 && r[0] == r[len(r)-1] {
			r = r[:len(r)-1]
		}
		pts(r)
	}
	poly := func(p orb.Polygon) {
		b = binary.AppendUvarint(b, uint64(len(p)))
		for _, r := range p {
			ring(r)
		}
	}
	for i, f := range fc.Features {
		switch f.Geometry.(type) {
		case orb.Point:
			b = append(b, mabPoint)
		case orb.LineString:
			b = append(b, mabLine)
		case orb.MultiLineString:
			b = append(b, mabMultiLine)
		case orb.Polygon:
			b = append(b, mabPolygon)
		case orb.MultiPolygon:
			b = append(b, mabMultiPolygon)
		default:
			return nil, fmt.Errorf("mab: feature %d: cannot store a %T", i, f.Geometry)
		}
		pk := make([]string, 0, len(f.Properties))
		for k, v := range f.Properties {
			switch v := v.(type) {
			case string:
				pk = append(pk, k)
			case float64:
				if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
					pk = append(pk, k)
				}
			case int:
				pk = append(pk, k)
			}
		}
		sort.Strings(pk)
		b = binary.AppendUvarint(b, uint64(len(pk)))
		for _, k := range pk {
			b = binary.AppendUvarint(b, uint64(keyIdx[k]))
			switch v := f.Properties[k].(type) {
			case string:
				b = append(b, 0)
				b = binary.AppendUvarint(b, uint64(len(v)))
				b = append(b, v...)
			case float64:
				b = append(b, 1)
				b = binary.AppendVarint(b, int64(v))
			case int:
				b = append(b, 1)
				b = binary.AppendVarint(b, int64(v))
			}
		}
		switch g := f.Geometry.(type) {
		case orb.Point:
			pt(g)
		case orb.LineString:
			pts(g)
		case orb.MultiLineString:
			b = binary.AppendUvarint(b, uint64(len(g)))
			for _, ls := range g {
				pts(ls)
			}
		case orb.Polygon:
			poly(g)
		case orb.MultiPolygon:
			b = binary.AppendUvarint(b, uint64(len(g)))
			for _, p := range g {
				poly(p)
			}
		}
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer enc.Close()
	return enc.EncodeAll(b, nil), nil
}

var (
	mabDecOnce sync.Once
	mabDec     *zstd.Decoder
	mabDecErr  error
)

// mabMaxRaw bounds the decompressed size of one container (a corrupt or
// hostile header cannot make the reader allocate more).
const mabMaxRaw = 256 << 20

// DecodeMAB reads a MAB container made by EncodeMAB. name is the file the
// data came from, for errors.
func DecodeMAB(name string, data []byte) (*geojson.FeatureCollection, error) {
	mabDecOnce.Do(func() {
		mabDec, mabDecErr = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(mabMaxRaw))
	})
	if mabDecErr != nil {
		return nil, mabDecErr
	}
	raw, err := mabDec.DecodeAll(data, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: not a compressed basemap container: %v", name, err)
	}
	r := &mabReader{b: raw}
	fc, err := r.read()
	if err != nil {
		return nil, fmt.Errorf("%s: byte %d: %v", name, r.off, err)
	}
	return fc, nil
}

type mabReader struct {
	b      []byte
	off    int
	scale  float64
	px, py int64
}

var errMABShort = errors.New("truncated basemap container")

func (r *mabReader) uvarint() (uint64, error) {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		return 0, errMABShort
	}
	r.off += n
	return v, nil
}

func (r *mabReader) varint() (int64, error) {
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		return 0, errMABShort
	}
	r.off += n
	return v, nil
}

// count reads a count of items of at least min bytes each: it cannot exceed
// what is left.
func (r *mabReader) count(min int) (int, error) {
	v, err := r.uvarint()
	if err != nil {
		return 0, err
	}
	if v > uint64((len(r.b)-r.off)/min) {
		return 0, fmt.Errorf("count %d exceeds the data left", v)
	}
	return int(v), nil
}

func (r *mabReader) str() (string, error) {
	n, err := r.count(1)
	if err != nil {
		return "", err
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s, nil
}

func (r *mabReader) point() (orb.Point, error) {
	dx, err := r.varint()
	if err != nil {
		return orb.Point{}, err
	}
	dy, err := r.varint()
	if err != nil {
		return orb.Point{}, err
	}
	r.px += dx
	r.py += dy
	p := orb.Point{float64(r.px) / r.scale, float64(r.py) / r.scale}
	if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
		return p, fmt.Errorf("coordinate %g, %g out of range", p[0], p[1])
	}
	return p, nil
}

func (r *mabReader) points(min int) ([]orb.Point, error) {
	n, err := r.count(2)
	if err != nil {
		return nil, err
	}
	if n < min {
		return nil, fmt.Errorf("%d points where at least %d are needed", n, min)
	}
	ps := make([]orb.Point, n)
	for i := range ps {
		if ps[i], err = r.point(); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

func (r *mabReader) polygon() (orb.Polygon, error) {
	n, err := r.count(1)
	if err != nil {
		return nil, err
	}
	p := make(orb.Polygon, n)
	for i := range p {
		ps, err := r.points(3)
		if err != nil {
			return nil, err
		}
		p[i] = append(orb.Ring(ps), ps[0])
	}
	return p, nil
}

func (r *mabReader) read() (*geojson.FeatureCollection, error) {
	if !bytes.HasPrefix(r.b, []byte(mabMagic)) {
		return nil, errors.New("not a basemap container (no MAB1 header)")
	}
	r.off = len(mabMagic)
	sc, err := r.uvarint()
	if err != nil {
		return nil, err
	}
	if sc == 0 || sc > 1e9 {
		return nil, fmt.Errorf("bad coordinate scale %d", sc)
	}
	r.scale = float64(sc)
	nk, err := r.count(1)
	if err != nil {
		return nil, err
	}
	keys := make([]string, nk)
	for i := range keys {
		if keys[i], err = r.str(); err != nil {
			return nil, err
		}
	}
	nf, err := r.count(4)
	if err != nil {
		return nil, err
	}
	fc := geojson.NewFeatureCollection()
	fc.Features = make([]*geojson.Feature, 0, nf)
	for i := 0; i < nf; i++ {
		if r.off >= len(r.b) {
			return nil, errMABShort
		}
		typ := r.b[r.off]
		r.off++
		np, err := r.count(2)
		if err != nil {
			return nil, err
		}
		props := make(geojson.Properties, np)
		for j := 0; j < np; j++ {
			k, err := r.uvarint()
			if err != nil {
				return nil, err
			}
			if k >= uint64(len(keys)) {
				return nil, fmt.Errorf("feature %d: property key %d of %d", i, k, len(keys))
			}
			if r.off >= len(r.b) {
				return nil, errMABShort
			}
			tag := r.b[r.off]
			r.off++
			switch tag {
			case 0:
				s, err := r.str()
				if err != nil {
					return nil, err
				}
				props[keys[k]] = s
			case 1:
				v, err := r.varint()
				if err != nil {
					return nil, err
				}
				props[keys[k]] = float64(v)
			default:
				return nil, fmt.Errorf("feature %d: property type %d", i, tag)
			}
		}
		var g orb.Geometry
		switch typ {
		case mabPoint:
			g, err = r.point()
		case mabLine:
			var ps []orb.Point
			ps, err = r.points(2)
			g = orb.LineString(ps)
		case mabMultiLine:
			var n int
			if n, err = r.count(1); err == nil {
				ml := make(orb.MultiLineString, n)
				for j := range ml {
					var ps []orb.Point
					if ps, err = r.points(2); err != nil {
						break
					}
					ml[j] = ps
				}
				g = ml
			}
		case mabPolygon:
			g, err = r.polygon()
		case mabMultiPolygon:
			var n int
			if n, err = r.count(1); err == nil {
				mp := make(orb.MultiPolygon, n)
				for j := range mp {
					if mp[j], err = r.polygon(); err != nil {
						break
					}
				}
				g = mp
			}
		default:
			return nil, fmt.Errorf("feature %d: geometry type %d", i, typ)
		}
		if err != nil {
			return nil, fmt.Errorf("feature %d: %v", i, err)
		}
		fc.Features = append(fc.Features, &geojson.Feature{Type: "Feature", Geometry: g, Properties: props})
	}
	if r.off != len(r.b) {
		return nil, fmt.Errorf("%d bytes after the last feature", len(r.b)-r.off)
	}
	return fc, nil
}
