package geo

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"golang.org/x/text/encoding/ianaindex"
)

// Properties the KML and KMZ readers set from a Placemark's context and
// style (the style ones follow the simplestyle convention of geojson.io, so
// a GeoJSON file styled that way is drawn the same):
const (
	PropFolder        = "folder"         // the Folders it is in, outermost first, joined by " / "
	PropStyle         = "style"          // the id of its shared style, if any
	PropStroke        = "stroke"         // line colour "#rrggbb"
	PropStrokeOpacity = "stroke-opacity" // 0..1
	PropStrokeWidth   = "stroke-width"   // pixels
	PropFill          = "fill"           // polygon fill "#rrggbb"
	PropFillOpacity   = "fill-opacity"   // 0..1 (0 where the KML says no fill)
	PropMarkerColor   = "marker-color"   // icon colour "#rrggbb"
	PropIcon          = "icon"           // the icon's href
)

// maxKMLDepth bounds the nesting of elements (a hostile file cannot exhaust
// the stack).
const maxKMLDepth = 256

// ReadKML reads a KML document as Google Earth and GDAL write it: each
// Placemark with a geometry (Point, LineString, LinearRing, Polygon with
// holes, MultiGeometry, gx:Track and gx:MultiTrack as lines) becomes a
// feature with its name, description and ExtendedData (Data and SchemaData;
// SimpleData typed int, uint, short, ushort, float or double become
// numbers) as properties, the Folders it is in as PropFolder, and its style
// (inline or shared through styleUrl and StyleMap "normal") as the
// simplestyle properties above. Altitudes are dropped. Placemarks without
// a geometry, NetworkLinks and overlays are skipped.
//
// On any problem it returns a nil collection and an *InputError listing
// every problem as "name:line:col: feature N (id "x"): what is wrong",
// where N counts the Placemarks read (from 0).
func ReadKML(name string, r io.Reader) (*geojson.FeatureCollection, error) {
	data, err := readLimited(name, r, -1)
	if err != nil {
		return nil, err
	}
	return readKMLData(name, data, nil)
}

// xnode is an element of the document.
type xnode struct {
	name  string // local name; "gx:" prefixed in the Google extension namespace
	attrs []xml.Attr
	kids  []*xnode
	text  []byte
	off   int // offset of the start tag
	// textOff is the offset of the text's first byte (-1: no text).
	textOff int
}

func (n *xnode) attr(name string) string {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *xnode) child(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

func (n *xnode) childText(name string) string {
	if k := n.child(name); k != nil {
		return strings.TrimSpace(string(k.text))
	}
	return ""
}

// parseXML reads data into a tree; on a syntax error it returns the tree so
// far is discarded and the problem is placed where the parser stopped.
func parseXML(data []byte) (*xnode, []problem) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc, err := ianaindex.IANA.Encoding(label)
		if err != nil || enc == nil {
			return nil, fmt.Errorf("unknown character encoding %q", label)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	root := &xnode{name: "#document"}
	stack := []*xnode{root}
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			msg := err.Error()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				msg = se.Msg
			}
			return nil, []problem{{off: int(d.InputOffset()), feature: -1, msg: "invalid XML: " + msg}}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > maxKMLDepth {
				return nil, []problem{{off: off, feature: -1, msg: fmt.Sprintf("elements nested more than %d deep", maxKMLDepth)}}
			}
			name := t.Name.Local
			if strings.Contains(t.Name.Space, "google.com/kml/ext") || t.Name.Space == "gx" {
				name = "gx:" + name
			}
			n := &xnode{name: name, attrs: t.Attr, off: off, textOff: -1}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			top := stack[len(stack)-1]
			if top != root {
				if top.textOff < 0 {
					top.textOff = off
				}
				top.text = append(top.text, t...)
			}
		}
	}
	return root, nil
}

// kmlStyle is a resolved KML style.
type kmlStyle struct {
	line, poly, icon    string // aabbggrr colours as written, "" if not given
	width               float64
	noFill, noOutline   bool
	iconHref            string
	hasLine, hasPoly    bool
	hasIcon, hasWidthOK bool
}

// over lays o's settings over s.
func (s kmlStyle) over(o kmlStyle) kmlStyle {
	if o.line != "" {
		s.line = o.line
	}
	if o.hasWidthOK {
		s.width, s.hasWidthOK = o.width, true
	}
	if o.poly != "" {
		s.poly = o.poly
	}
	if o.hasPoly {
		s.noFill, s.noOutline, s.hasPoly = o.noFill, o.noOutline, true
	}
	if o.icon != "" {
		s.icon = o.icon
	}
	if o.iconHref != "" {
		s.iconHref = o.iconHref
	}
	s.hasLine = s.hasLine || o.hasLine
	s.hasIcon = s.hasIcon || o.hasIcon
	return s
}

type kmlReader struct {
	data     []byte
	problems []problem
	styles   map[string]kmlStyle
	maps     map[string]string            // StyleMap id → the style url of its "normal" pair
	schemas  map[string]map[string]string // Schema id or name → field → type
	fc       *geojson.FeatureCollection
	n        int // Placemarks seen
	// icon, when set, gives the colour of an icon image (a KMZ's own files).
	icon func(href string) (string, bool)
}

func readKMLData(name string, data []byte, icon func(string) (string, bool)) (*geojson.FeatureCollection, error) {
	if err := checkKMLSize(name, int64(len(data))); err != nil {
		return nil, err
	}
	root, problems := parseXML(data)
	if len(problems) > 0 {
		return nil, &InputError{Problems: place(name, data, problems)}
	}
	k := &kmlReader{data: data, styles: map[string]kmlStyle{}, maps: map[string]string{},
		schemas: map[string]map[string]string{}, fc: geojson.NewFeatureCollection(), icon: icon}
	kml := root.child("kml")
	if kml == nil {
		off := 0
		if len(root.kids) > 0 {
			off = root.kids[0].off
		}
		k.problems = append(k.problems, problem{off: off, feature: -1, msg: "not a KML document: no <kml> element at the top"})
		return nil, &InputError{Problems: place(name, data, k.problems)}
	}
	k.definitions(kml)
	k.walk(kml, nil)
	if len(k.problems) > 0 {
		return nil, &InputError{Problems: place(name, data, k.problems)}
	}
	return k.fc, nil
}

// definitions gathers the shared styles, style maps and schemas anywhere in
// the document (they may come after their use).
func (k *kmlReader) definitions(n *xnode) {
	for _, c := range n.kids {
		switch c.name {
		case "Style":
			if id := c.attr("id"); id != "" {
				k.styles[id] = k.style(c)
			}
		case "StyleMap":
			if id := c.attr("id"); id != "" {
				for _, p := range c.kids {
					if p.name == "Pair" && p.childText("key") == "normal" {
						if u := p.childText("styleUrl"); u != "" {
							k.maps[id] = u
						} else if s := p.child("Style"); s != nil {
							k.styles["\x00map:"+id] = k.style(s)
							k.maps[id] = "#\x00map:" + id
						}
					}
				}
			}
		case "Schema":
			fields := map[string]string{}
			for _, f := range c.kids {
				if f.name == "SimpleField" {
					fields[f.attr("name")] = strings.ToLower(f.attr("type"))
				}
			}
			if id := c.attr("id"); id != "" {
				k.schemas[id] = fields
			}
			if nm := c.attr("name"); nm != "" {
				k.schemas[nm] = fields
			}
		case "Placemark":
			continue
		}
		k.definitions(c)
	}
}

func (k *kmlReader) style(n *xnode) kmlStyle {
	var s kmlStyle
	if l := n.child("LineStyle"); l != nil {
		s.hasLine = true
		s.line = l.childText("color")
		if w := l.childText("width"); w != "" {
			if v, err := strconv.ParseFloat(w, 64); err == nil && v >= 0 && v < 1000 {
				s.width, s.hasWidthOK = v, true
			}
		}
	}
	if p := n.child("PolyStyle"); p != nil {
		s.hasPoly = true
		s.poly = p.childText("color")
		s.noFill = p.childText("fill") == "0" || p.childText("fill") == "false"
		s.noOutline = p.childText("outline") == "0" || p.childText("outline") == "false"
	}
	if ic := n.child("IconStyle"); ic != nil {
		s.hasIcon = true
		s.icon = ic.childText("color")
		if i := ic.child("Icon"); i != nil {
			s.iconHref = i.childText("href")
		}
	}
	return s
}

// resolve finds the style a styleUrl names (through at most a few StyleMaps).
func (k *kmlReader) resolve(url string) (kmlStyle, string, bool) {
	for range 4 {
		i := strings.IndexByte(url, '#')
		if i < 0 {
			return kmlStyle{}, "", false
		}
		id := url[i+1:]
		if s, ok := k.styles[id]; ok {
			return s, strings.TrimPrefix(id, "\x00map:"), true
		}
		next, ok := k.maps[id]
		if !ok {
			return kmlStyle{}, "", false
		}
		url = next
	}
	return kmlStyle{}, "", false
}

func (k *kmlReader) walk(n *xnode, folders []string) {
	for _, c := range n.kids {
		switch c.name {
		case "Document":
			if n.name == "kml" || c.childText("name") == "" {
				k.walk(c, folders)
				continue
			}
			fallthrough // a nested Document (GDAL's LIBKML writes one per layer) is a folder
		case "Folder":
			name := c.childText("name")
			if name == "" {
				name = "Folder"
			}
			k.walk(c, append(folders[:len(folders):len(folders)], name))
		case "Placemark":
			k.placemark(c, folders)
		}
	}
}

func (k *kmlReader) placemark(n *xnode, folders []string) {
	idx := k.n
	k.n++
	id := n.attr("id")
	add := func(off int, msg string) {
		k.problems = append(k.problems, problem{off: off, feature: idx, id: id, msg: msg})
	}
	var parts []orb.Geometry
	for _, c := range n.kids {
		if g, ok := k.geometry(c, add); ok {
			parts = append(parts, g...)
		}
	}
	if len(parts) == 0 {
		return // a Placemark may have no geometry (a bookmark): nothing to draw
	}
	g := collectParts(parts)
	if msg := checkGeometry(g); msg != "" {
		add(n.off, msg)
		return
	}
	props := geojson.Properties{}
	if s := n.childText("name"); s != "" {
		props["name"] = s
	}
	if s := n.childText("description"); s != "" {
		props["description"] = s
	}
	if len(folders) > 0 {
		props[PropFolder] = strings.Join(folders, " / ")
	}
	if ed := n.child("ExtendedData"); ed != nil {
		k.extendedData(ed, props)
	}
	var st kmlStyle
	var has bool
	if u := n.childText("styleUrl"); u != "" {
		var sid string
		if st, sid, has = k.resolve(u); has && sid != "" {
			props[PropStyle] = sid
		}
	}
	if s := n.child("Style"); s != nil {
		st, has = st.over(k.style(s)), true
	}
	if has {
		k.styleProps(st, props)
	}
	f := geojson.NewFeature(g)
	if id != "" {
		f.ID = id
	}
	f.Properties = props
	k.fc.Append(f)
}

func (k *kmlReader) extendedData(ed *xnode, props geojson.Properties) {
	for _, c := range ed.kids {
		switch c.name {
		case "Data":
			if name := c.attr("name"); name != "" {
				props[name] = strings.TrimSpace(string(valueText(c)))
			}
		case "SchemaData":
			fields := k.schemas[strings.TrimPrefix(c.attr("schemaUrl"), "#")]
			for _, sd := range c.kids {
				name := sd.attr("name")
				if sd.name != "SimpleData" || name == "" {
					continue
				}
				v := strings.TrimSpace(string(sd.text))
				switch fields[name] {
				case "int", "uint", "short", "ushort", "float", "double":
					if x, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(x, 0) && !math.IsNaN(x) {
						props[name] = x
						continue
					}
				case "bool":
					if b, err := strconv.ParseBool(v); err == nil {
						props[name] = b
						continue
					}
				}
				props[name] = v
			}
		}
	}
}

func valueText(n *xnode) []byte {
	if v := n.child("value"); v != nil {
		return v.text
	}
	return nil
}

// styleProps writes a style as simplestyle properties.
func (k *kmlReader) styleProps(st kmlStyle, props geojson.Properties) {
	if st.hasLine || st.line != "" {
		if c, a, ok := kmlColor(st.line); ok {
			props[PropStroke], props[PropStrokeOpacity] = c, a
		}
		if st.hasWidthOK {
			props[PropStrokeWidth] = st.width
		}
	}
	if st.hasPoly {
		if c, a, ok := kmlColor(st.poly); ok {
			props[PropFill], props[PropFillOpacity] = c, a
		}
		if st.noFill {
			props[PropFillOpacity] = 0.0
		}
		if st.noOutline {
			props[PropStrokeWidth] = 0.0
		}
	}
	if st.hasIcon {
		if st.iconHref != "" {
			props[PropIcon] = st.iconHref
		}
		if c, _, ok := kmlColor(st.icon); ok && !strings.EqualFold(st.icon, "ffffffff") {
			props[PropMarkerColor] = c
		} else if k.icon != nil && st.iconHref != "" {
			if c, ok := k.icon(st.iconHref); ok {
				props[PropMarkerColor] = c
			}
		}
	}
}

// kmlColor turns KML's aabbggrr into "#rrggbb" and an opacity 0..1.
func kmlColor(s string) (string, float64, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 8 {
		return "", 0, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return "", 0, false
	}
	a, b, g, r := v>>24, (v>>16)&0xff, (v>>8)&0xff, v&0xff
	return fmt.Sprintf("#%02x%02x%02x", r, g, b), math.Round(float64(a)/255*1000) / 1000, true
}

// geometry reads a geometry element (nil, false for other elements).
func (k *kmlReader) geometry(n *xnode, add func(int, string)) ([]orb.Geometry, bool) {
	switch n.name {
	case "Point":
		ps, ok := k.coordinates(n, add)
		if !ok {
			return nil, true
		}
		if len(ps) != 1 {
			add(n.off, fmt.Sprintf("a Point needs 1 position, not %d", len(ps)))
			return nil, true
		}
		return []orb.Geometry{ps[0]}, true
	case "LineString":
		ps, ok := k.coordinates(n, add)
		if !ok {
			return nil, true
		}
		return []orb.Geometry{orb.LineString(ps)}, true
	case "LinearRing":
		ps, ok := k.coordinates(n, add)
		if !ok {
			return nil, true
		}
		return []orb.Geometry{orb.Polygon{closeRing(ps)}}, true
	case "Polygon":
		var poly orb.Polygon
		for _, c := range n.kids {
			if c.name != "outerBoundaryIs" && c.name != "innerBoundaryIs" {
				continue
			}
			for _, lr := range c.kids {
				if lr.name != "LinearRing" {
					continue
				}
				ps, ok := k.coordinates(lr, add)
				if !ok {
					return nil, true
				}
				r := closeRing(ps)
				if c.name == "outerBoundaryIs" {
					poly = append(orb.Polygon{r}, poly...)
				} else {
					poly = append(poly, r)
				}
			}
		}
		if len(poly) == 0 || n.child("outerBoundaryIs") == nil {
			add(n.off, "a Polygon without an outerBoundaryIs ring")
			return nil, true
		}
		return []orb.Geometry{poly}, true
	case "MultiGeometry", "gx:MultiTrack":
		var out []orb.Geometry
		for _, c := range n.kids {
			if g, ok := k.geometry(c, add); ok {
				out = append(out, g...)
			}
		}
		return out, true
	case "gx:Track":
		var ps []orb.Point
		for _, c := range n.kids {
			if c.name != "gx:coord" {
				continue
			}
			f := strings.Fields(string(c.text))
			if len(f) < 2 {
				add(c.off, fmt.Sprintf("gx:coord %q: want longitude latitude [altitude]", strings.TrimSpace(string(c.text))))
				return nil, true
			}
			x, err1 := strconv.ParseFloat(f[0], 64)
			y, err2 := strconv.ParseFloat(f[1], 64)
			if err1 != nil || err2 != nil {
				add(c.off, fmt.Sprintf("gx:coord %q: not numbers", strings.TrimSpace(string(c.text))))
				return nil, true
			}
			ps = append(ps, orb.Point{x, y})
		}
		switch len(ps) {
		case 0:
			return nil, true
		case 1:
			return []orb.Geometry{ps[0]}, true
		}
		return []orb.Geometry{orb.LineString(ps)}, true
	}
	return nil, false
}

func closeRing(ps []orb.Point) orb.Ring {
	if len(ps) >= 3 && ps[0] != ps[len(ps)-1] {
		ps = append(ps, ps[0]) // Google Earth accepts unclosed rings
	}
	return orb.Ring(ps)
}

// coordinates parses a <coordinates> child: tuples "lon,lat[,alt]"
// separated by white space.
func (k *kmlReader) coordinates(n *xnode, add func(int, string)) ([]orb.Point, bool) {
	c := n.child("coordinates")
	if c == nil {
		add(n.off, fmt.Sprintf("<%s> without <coordinates>", n.name))
		return nil, false
	}
	base := c.textOff
	if base < 0 || string(k.data[base:min(base+9, len(k.data))]) == "<![CDATA[" {
		base = -1 // the text is not where a byte count finds it: place at the element
	}
	text := c.text
	ps := make([]orb.Point, 0, bytes.Count(text, []byte{','})/2+1)
	for i := 0; i < len(text); {
		for i < len(text) && isSpace(text[i]) {
			i++
		}
		start := i
		// A tuple runs to the next white space, except that "lon, lat"
		// (a space after the comma, seen in hand-written files) is one.
		for i < len(text) {
			if isSpace(text[i]) {
				if text[i-1] != ',' {
					break
				}
				for i < len(text) && isSpace(text[i]) {
					i++
				}
				continue
			}
			i++
		}
		if i == start {
			break
		}
		tok := text[start:i]
		at := c.off
		if base >= 0 {
			at = base + start
		}
		p, msg := parseTuple(tok)
		if msg != "" {
			add(at, fmt.Sprintf("coordinate %q: %s", clip(string(tok)), msg))
			return nil, false
		}
		ps = append(ps, p)
	}
	if len(ps) == 0 {
		add(c.off, "empty <coordinates>")
		return nil, false
	}
	return ps, true
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// clip shortens s for a message (at a character boundary).
func clip(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// parseTuple parses "lon,lat[,alt]" (spaces around the commas allowed).
func parseTuple(tok []byte) (orb.Point, string) {
	var v [3]float64
	n := 0
	for len(tok) > 0 || n == 0 {
		part := tok
		if k := bytes.IndexByte(tok, ','); k >= 0 {
			part, tok = tok[:k], tok[k+1:]
		} else {
			tok = nil
		}
		if n == 3 {
			return orb.Point{}, "want longitude,latitude[,altitude]"
		}
		x, err := strconv.ParseFloat(string(bytes.TrimSpace(part)), 64)
		if err != nil {
			if n < 2 {
				return orb.Point{}, "not numbers"
			}
			x = 0 // an altitude Google Earth cannot read either: dropped
		}
		v[n] = x
		n++
	}
	if n < 2 {
		return orb.Point{}, "want longitude,latitude[,altitude]"
	}
	p := orb.Point{v[0], v[1]}
	if msg := checkPoint(p); msg != "" {
		return orb.Point{}, msg
	}
	return p, ""
}
