package pdf

import (
	"encoding/binary"
	"errors"
	"hash/fnv"
	"sort"
)

// subsetTrueType returns a copy of the TrueType file data that keeps the
// outlines of the given glyphs (plus .notdef and the components of composite
// glyphs) and empties every other glyph, keeping glyph ids unchanged so the
// cmap and hmtx tables stay valid. The OpenType layout tables (GSUB, GPOS,
// GDEF), unused by a PDF viewer, are dropped and glyph names removed (post
// format 3). Any structural problem returns an error; the caller then embeds
// the whole file.
func subsetTrueType(data []byte, glyphs []uint16) ([]byte, error) {
	head := sfntTable(data, "head")
	maxp := sfntTable(data, "maxp")
	loca := sfntTable(data, "loca")
	glyf := sfntTable(data, "glyf")
	if len(head) < 54 || len(maxp) < 6 || loca == nil || glyf == nil {
		return nil, errors.New("not a TrueType-outline font")
	}
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) == 1
	if (long && len(loca) < 4*(n+1)) || (!long && len(loca) < 2*(n+1)) {
		return nil, errors.New("loca table too short")
	}
	span := func(g int) (int, int) {
		if long {
			return int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
		}
		return 2 * int(binary.BigEndian.Uint16(loca[2*g:])), 2 * int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}

	keep := make([]bool, n)
	queue := append([]uint16{0}, glyphs...)
	for len(queue) > 0 {
		g := int(queue[len(queue)-1])
		queue = queue[:len(queue)-1]
		if g >= n || keep[g] {
			continue
		}
		keep[g] = true
		s, e := span(g)
		if s > e || e > len(glyf) {
			return nil, errors.New("glyph outside glyf table")
		}
		gd := glyf[s:e]
		if len(gd) < 10 || int16(binary.BigEndian.Uint16(gd)) >= 0 {
			continue
		}
		// Composite: queue its components.
		for p := 10; p+4 <= len(gd); {
			flags := binary.BigEndian.Uint16(gd[p:])
			queue = append(queue, binary.BigEndian.Uint16(gd[p+2:]))
			p += 4
			if flags&0x0001 != 0 {
				p += 4
			} else {
				p += 2
			}
			switch {
			case flags&0x0008 != 0:
				p += 2
			case flags&0x0040 != 0:
				p += 4
			case flags&0x0080 != 0:
				p += 8
			}
			if flags&0x0020 == 0 {
				break
			}
		}
	}

	var newGlyf []byte
	newLoca := make([]byte, 4*(n+1))
	for g := 0; g < n; g++ {
		binary.BigEndian.PutUint32(newLoca[4*g:], uint32(len(newGlyf)))
		if keep[g] {
			s, e := span(g)
			newGlyf = append(newGlyf, glyf[s:e]...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*n:], uint32(len(newGlyf)))

	newHead := append([]byte(nil), head...)
	binary.BigEndian.PutUint32(newHead[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(newHead[50:], 1)

	tables := map[string][]byte{"glyf": newGlyf, "loca": newLoca, "head": newHead}
	if post := sfntTable(data, "post"); len(post) >= 32 {
		p := append([]byte(nil), post[:32]...)
		binary.BigEndian.PutUint32(p, 0x00030000)
		tables["post"] = p
	}
	numTables := int(binary.BigEndian.Uint16(data[4:]))
	var tags []string
	for i := 0; i < numTables; i++ {
		tag := string(data[12+16*i : 12+16*i+4])
		switch tag {
		case "GSUB", "GPOS", "GDEF", "DSIG":
			continue
		}
		if _, ok := tables[tag]; !ok {
			tables[tag] = sfntTable(data, tag)
		}
		tags = append(tags, tag)
	}
	sort.Strings(tags)

	// Assemble: offset table, table records, tables padded to 4 bytes.
	nt := len(tags)
	es := 0
	for 1<<(es+1) <= nt {
		es++
	}
	out := make([]byte, 12+16*nt)
	copy(out, data[:4])
	binary.BigEndian.PutUint16(out[4:], uint16(nt))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*nt-16<<es))
	headOff := 0
	for i, tag := range tags {
		t := tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(t))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t)))
		if tag == "head" {
			headOff = len(out)
		}
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headOff+8:], 0xB1B0AFBA-checksum(out))
	return out, nil
}

// checksum is the sfnt table checksum: the sum of big-endian uint32s.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// subsetTag returns the six-letter tag that prefixes a subset font's name,
// derived from the glyphs it keeps.
func subsetTag(glyphs []uint16) string {
	h := fnv.New32a()
	for _, g := range glyphs {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	v := h.Sum32()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(tag)
}
