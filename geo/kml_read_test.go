package geo

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// googleEarthKML is shaped as Google Earth saves "My Places": a StyleMap
// with normal/highlight styles, nested folders, a polygon with a hole, a
// MultiGeometry, a gx:Track, ExtendedData. The places are synthetic.
const googleEarthKML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2" xmlns:kml="http://www.opengis.net/kml/2.2">
<Document>
	<name>Synthetic test.kmz</name>
	<StyleMap id="m_route">
		<Pair><key>normal</key><styleUrl>#s_route</styleUrl></Pair>
		<Pair><key>highlight</key><styleUrl>#s_route_hl</styleUrl></Pair>
	</StyleMap>
	<Style id="s_route"><LineStyle><color>ff0000ff</color><width>3</width></LineStyle></Style>
	<Style id="s_route_hl"><LineStyle><color>ff00ff00</color><width>6</width></LineStyle></Style>
	<Style id="s_zone"><LineStyle><color>ff00aaff</color></LineStyle><PolyStyle><color>4000aaff</color></PolyStyle></Style>
	<Folder>
		<name>Routes</name>
		<Folder>
			<name>North</name>
			<Placemark id="r1">
				<name>Synthetic route</name>
				<description><![CDATA[<b>made up</b> for a test]]></description>
				<styleUrl>#m_route</styleUrl>
				<ExtendedData><Data name="confidence"><value>reported</value></Data></ExtendedData>
				<LineString><tessellate>1</tessellate><coordinates>
					-4.0,16.0,0 -3.0,17.0,0
					-2.5,18.25,0
				</coordinates></LineString>
			</Placemark>
		</Folder>
	</Folder>
	<Placemark>
		<name>Zone with a hole</name>
		<styleUrl>#s_zone</styleUrl>
		<Polygon><outerBoundaryIs><LinearRing><coordinates>0,10 4,10 4,14 0,14 0,10</coordinates></LinearRing></outerBoundaryIs>
		<innerBoundaryIs><LinearRing><coordinates>1,11 2,11 2,12 1,11</coordinates></LinearRing></innerBoundaryIs></Polygon>
	</Placemark>
	<Placemark>
		<name>Two sites</name>
		<Style><IconStyle><color>ff00ffff</color></IconStyle></Style>
		<MultiGeometry><Point><coordinates>-8,12.6</coordinates></Point><Point><coordinates>-7,13</coordinates></Point></MultiGeometry>
	</Placemark>
	<Placemark>
		<name>GPS track</name>
		<gx:Track><when>2020-01-01T00:00:00Z</when><when>2020-01-01T01:00:00Z</when>
			<gx:coord>-1 15 300</gx:coord><gx:coord>-0.5 15.5 310</gx:coord></gx:Track>
	</Placemark>
	<Placemark><name>Bookmark without geometry</name><LookAt><longitude>0</longitude></LookAt></Placemark>
</Document>
</kml>`

func TestReadKMLGoogleEarth(t *testing.T) {
	fc, err := ReadKML("test.kml", strings.NewReader(googleEarthKML))
	require.NoError(t, err)
	require.Len(t, fc.Features, 4)

	r := fc.Features[0]
	assert.Equal(t, "r1", r.ID)
	assert.Equal(t, orb.LineString{{-4, 16}, {-3, 17}, {-2.5, 18.25}}, r.Geometry)
	assert.Equal(t, geojson.Properties{
		"name": "Synthetic route", "description": "<b>made up</b> for a test", "confidence": "reported",
		PropFolder: "Routes / North", PropStyle: "s_route",
		PropStroke: "#ff0000", PropStrokeOpacity: 1.0, PropStrokeWidth: 3.0,
	}, r.Properties, "the StyleMap's normal style, KML's aabbggrr as #rrggbb")

	z := fc.Features[1]
	require.IsType(t, orb.Polygon{}, z.Geometry)
	assert.Len(t, z.Geometry.(orb.Polygon), 2, "outer ring and hole")
	assert.Equal(t, orb.Ring{{1, 11}, {2, 11}, {2, 12}, {1, 11}}, z.Geometry.(orb.Polygon)[1])
	assert.Equal(t, "#ffaa00", z.Properties[PropFill])
	assert.InDelta(t, 0.251, z.Properties[PropFillOpacity], 1e-3)
	assert.Nil(t, z.Properties[PropFolder])

	assert.Equal(t, orb.MultiPoint{{-8, 12.6}, {-7, 13}}, fc.Features[2].Geometry)
	assert.Equal(t, "#ffff00", fc.Features[2].Properties[PropMarkerColor])
	assert.Equal(t, orb.LineString{{-1, 15}, {-0.5, 15.5}}, fc.Features[3].Geometry, "gx:Track as a line")
}

func TestReadKMLProblemsArePlaced(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"syntax", "<kml><Document>\n<Placemark><name>x</nam></Placemark>", "syntax.kml:2:"},
		{"range", "<kml><Document>\n<Placemark id=\"p\"><Point>\n<coordinates>-8,95</coordinates></Point></Placemark></Document></kml>",
			`range.kml:3:14: feature 0 (id "p"): coordinate "-8,95": latitude 95 is outside -90..90`},
		{"nan", "<kml><Placemark><LineString><coordinates>1,2 x,3</coordinates></LineString></Placemark></kml>",
			`nan.kml:1:46: feature 0: coordinate "x,3": not numbers`},
		{"notkml", "<gpx></gpx>", "notkml.kml:1:1: not a KML document"},
		{"short", "<kml><Placemark><LineString><coordinates>1,2</coordinates></LineString></Placemark></kml>",
			"a line needs at least 2 positions, not 1"},
	}
	for _, c := range cases {
		_, err := ReadKML(c.name+".kml", strings.NewReader(c.text))
		var ie *InputError
		require.True(t, errors.As(err, &ie), "%s: %v", c.name, err)
		assert.Contains(t, err.Error(), c.want, c.name)
	}
}

func kmzOf(t *testing.T, files map[string][]byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestReadKMZWithIcon(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 16, 16))
	for y := range 16 {
		for x := range 16 {
			img.Set(x, y, color.NRGBA{R: 200, G: 30, B: 40, A: 255})
		}
	}
	var icon bytes.Buffer
	require.NoError(t, png.Encode(&icon, img))
	doc := `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Style id="pin"><IconStyle><Icon><href>files/pin.png</href></Icon></IconStyle></Style>
<Placemark><name>A</name><styleUrl>#pin</styleUrl><Point><coordinates>-8,12.6</coordinates></Point></Placemark>
</Document></kml>`
	data := kmzOf(t, map[string][]byte{"doc.kml": []byte(doc), "files/pin.png": icon.Bytes()})
	fc, err := ReadKMZ("a.kmz", bytes.NewReader(data))
	require.NoError(t, err)
	require.Len(t, fc.Features, 1)
	assert.Equal(t, "#c81e28", fc.Features[0].Properties[PropMarkerColor], "the icon image's colour")
	assert.Equal(t, "files/pin.png", fc.Features[0].Properties[PropIcon])

	// A problem names the member.
	bad := kmzOf(t, map[string][]byte{"doc.kml": []byte("<kml><Placemark><Point><coordinates>200,1</coordinates></Point></Placemark></kml>")})
	_, err = ReadKMZ("b.kmz", bytes.NewReader(bad))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "b.kmz/doc.kml:1:")
	_, err = ReadKMZ("c.kmz", strings.NewReader("not a zip"))
	assert.ErrorContains(t, err, "c.kmz: not a KMZ (zip) file")
}

// TestZipBombRefused: a member that inflates past the input limit is
// refused with the reason, whatever size the archive claims.
func TestZipBombRefused(t *testing.T) {
	oldMax, oldMem := MaxInput, memAvailable
	MaxInput, memAvailable = 1<<20, func() int64 { return 0 }
	defer func() { MaxInput, memAvailable = oldMax, oldMem }()
	big := bytes.Repeat([]byte(" "), 3<<20) // 3 MB of spaces compress to a few kB
	data := kmzOf(t, map[string][]byte{"doc.kml": append([]byte("<kml>"), big...)})
	require.Less(t, len(data), 100<<10)
	_, err := ReadKMZ("bomb.kmz", bytes.NewReader(data))
	var tl *TooLargeError
	require.True(t, errors.As(err, &tl), "%v", err)
	assert.Contains(t, err.Error(), "bomb.kmz/doc.kml: the file is 3.0 MB, more than the limit of 1.0 MB")

	// The same when the zip claims a small size: reading stops at the limit.
	var comp bytes.Buffer
	fw, err := flate.NewWriter(&comp, flate.BestCompression)
	require.NoError(t, err)
	_, err = fw.Write(big)
	require.NoError(t, err)
	require.NoError(t, fw.Close())
	var lie bytes.Buffer
	zw := zip.NewWriter(&lie)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "doc.kml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(big),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: 1000})
	require.NoError(t, err)
	_, err = w.Write(comp.Bytes())
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	_, err = ReadKMZ("lie.kmz", bytes.NewReader(lie.Bytes()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "lie.kmz/doc.kml")

	// KML needs more memory per byte than other inputs, so less of it fits.
	kml := append([]byte("<kml>"), bytes.Repeat([]byte(" "), 600<<10)...)
	_, err = ReadKML("big.kml", bytes.NewReader(kml))
	assert.ErrorContains(t, err, "big.kml: the KML document is 600.0 KB: reading KML takes about 9 times its size")

	data = kmzOf(t, map[string][]byte{"x.shp": big})
	_, err = ReadShapefileZip("bomb.zip", bytes.NewReader(data))
	assert.ErrorContains(t, err, "bomb.zip/x.shp: the file is 3.0 MB, more than the limit of 1.0 MB")
}

func FuzzReadKML(f *testing.F) {
	f.Add([]byte(googleEarthKML))
	f.Add([]byte(`<kml><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>`))
	f.Add([]byte(`<kml><Placemark><MultiGeometry><MultiGeometry/></MultiGeometry></Placemark></kml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fc, err := ReadKML("fuzz.kml", bytes.NewReader(data))
		if err != nil {
			var ie *InputError
			if errors.As(err, &ie) {
				for _, p := range ie.Problems {
					if p.Line < 1 || p.Col < 1 {
						t.Fatalf("problem without a place: %v", p)
					}
				}
			}
			return
		}
		// Every accepted coordinate is in range, every geometry valid.
		for _, feat := range fc.Features {
			if msg := checkGeometry(feat.Geometry); msg != "" {
				t.Fatalf("accepted an invalid geometry: %s", msg)
			}
		}
	})
}
