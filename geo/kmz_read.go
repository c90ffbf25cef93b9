package geo

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // icons in a KMZ
	_ "image/jpeg"
	_ "image/png"
	"io"
	"path"
	"strings"

	"github.com/paulmach/orb/geojson"
)

// maxIconBytes bounds an icon image read from a KMZ.
const maxIconBytes = 4 << 20

// ReadKMZ reads a KMZ (a zip holding a KML document, doc.kml by
// convention, and its images): the document is read as by ReadKML, and an
// icon without a colour of its own that is an image in the KMZ gives the
// marker colour (the average of its opaque pixels). A member larger than
// the input limits (MaxInput, the memory available) once decompressed is
// refused, whatever size the zip claims.
func ReadKMZ(name string, r io.Reader) (*geojson.FeatureCollection, error) {
	data, err := readLimited(name, r, -1)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: not a KMZ (zip) file: %v", name, zipMsg(err))
	}
	var doc *zip.File
	for _, f := range zr.File {
		if strings.EqualFold(path.Ext(f.Name), ".kml") {
			depth := strings.Count(f.Name, "/")
			switch {
			case strings.EqualFold(f.Name, "doc.kml"):
				doc = f
			case doc == nil || (!strings.EqualFold(doc.Name, "doc.kml") && depth < strings.Count(doc.Name, "/")):
				doc = f
			}
		}
	}
	if doc == nil {
		return nil, fmt.Errorf("%s: no KML document (doc.kml) in the KMZ", name)
	}
	member := name + "/" + doc.Name
	kml, err := readZipMember(member, doc)
	if err != nil {
		return nil, err
	}
	icon := func(href string) (string, bool) {
		href = strings.TrimPrefix(path.Clean("/"+path.Join(path.Dir(doc.Name), href)), "/")
		for _, f := range zr.File {
			if f.Name == href && f.UncompressedSize64 <= maxIconBytes {
				rc, err := f.Open()
				if err != nil {
					return "", false
				}
				defer rc.Close()
				img, _, err := image.Decode(io.LimitReader(rc, maxIconBytes))
				if err != nil {
					return "", false
				}
				return averageColor(img)
			}
		}
		return "", false
	}
	return readKMLData(member, kml, icon)
}

func zipMsg(err error) string {
	if err == zip.ErrFormat {
		return "not a valid zip archive"
	}
	return err.Error()
}

// readZipMember reads a zip member within the input limits (readLimited).
func readZipMember(name string, f *zip.File) ([]byte, error) {
	if err := checkSize(name, int64(min(f.UncompressedSize64, 1<<62))); err != nil {
		return nil, err
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, zipMsg(err))
	}
	defer rc.Close()
	data, err := readLimited(name, rc, int64(f.UncompressedSize64))
	if err != nil {
		return nil, err
	}
	return data, nil
}

// averageColor is the mean colour of an image's opaque pixels, "#rrggbb";
// white-ish and grey icons (meant to be tinted) give no colour.
func averageColor(img image.Image) (string, bool) {
	b := img.Bounds()
	var r, g, bl, n uint64
	step := max(1, b.Dx()/64)
	for y := b.Min.Y; y < b.Max.Y; y += step {
		for x := b.Min.X; x < b.Max.X; x += step {
			cr, cg, cb, ca := img.At(x, y).RGBA()
			if ca < 0xc000 {
				continue
			}
			r, g, bl, n = r+uint64(cr>>8), g+uint64(cg>>8), bl+uint64(cb>>8), n+1
		}
	}
	if n == 0 {
		return "", false
	}
	r, g, bl = r/n, g/n, bl/n
	if max(r, g, bl)-min(r, g, bl) < 24 {
		return "", false
	}
	return fmt.Sprintf("#%02x%02x%02x", r, g, bl), true
}
