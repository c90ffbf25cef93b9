package geo

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	proj "github.com/wroge/wgs84"
)

// crs is a coordinate reference system the readers accept: WGS 84
// longitude/latitude, Web Mercator, or WGS 84 / UTM zones 28N to 32N (the
// zones over Mali and its neighbours). The transformations are
// github.com/wroge/wgs84's.
type crs struct {
	name string
	// toLonLat is nil for WGS 84 itself.
	toLonLat func(x, y float64) (float64, float64)
}

var crsWGS84 = crs{name: "WGS 84 (EPSG:4326)"}

func crsWebMercator() crs {
	f := proj.From(proj.WebMercator())
	return crs{name: "WGS 84 / Pseudo-Mercator (EPSG:3857)", toLonLat: func(x, y float64) (float64, float64) {
		lon, lat, _ := f(x, y, 0)
		return lon, lat
	}}
}

func crsUTM(zone int) crs {
	f := proj.From(proj.UTM(float64(zone), true))
	return crs{name: fmt.Sprintf("WGS 84 / UTM zone %dN (EPSG:%d)", zone, 32600+zone), toLonLat: func(x, y float64) (float64, float64) {
		lon, lat, _ := f(x, y, 0)
		return lon, lat
	}}
}

// acceptedCRS lists what the readers accept, for messages.
const acceptedCRS = "WGS 84 (EPSG:4326), Web Mercator (EPSG:3857) or WGS 84 / UTM zones 28N–32N (EPSG:32628–32632)"

// crsFromEPSG gives the accepted CRS of an EPSG code.
func crsFromEPSG(code int) (crs, error) {
	switch {
	case code == 4326:
		return crsWGS84, nil
	case code == 3857 || code == 900913 || code == 3785:
		return crsWebMercator(), nil
	case code >= 32628 && code <= 32632:
		return crsUTM(code - 32600), nil
	}
	return crs{}, fmt.Errorf("coordinates in EPSG:%d are not supported: want %s (reproject it, e.g. ogr2ogr -t_srs EPSG:4326)", code, acceptedCRS)
}

var (
	wktHead      = regexp.MustCompile(`^\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|BASEGEOGCRS)\s*\[\s*"([^"]*)"`)
	wktUTM       = regexp.MustCompile(`(?i)UTM[ _]zone[ _](\d+)\s*([NS])`)
	wktAuthority = regexp.MustCompile(`(?i)(?:AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?|ID\s*\[\s*"EPSG"\s*,\s*)(\d+)"?\s*\]\s*\]?\s*$`)
)

// crsFromWKT recognises a .prj file's WKT (ESRI or OGC flavour).
func crsFromWKT(wkt string) (crs, error) {
	wkt = strings.TrimSpace(strings.TrimPrefix(wkt, "\xef\xbb\xbf"))
	m := wktHead.FindStringSubmatch(wkt)
	if m == nil {
		return crs{}, fmt.Errorf("the projection file is not WKT the atlas understands: %q", clip(wkt))
	}
	kind, name := strings.ToUpper(m[1]), m[2]
	// An EPSG code for the whole CRS is the most reliable.
	if a := wktAuthority.FindStringSubmatch(wkt); a != nil {
		if code, err := strconv.Atoi(a[1]); err == nil {
			if c, err := crsFromEPSG(code); err == nil {
				return c, nil
			}
		}
	}
	upper := strings.ToUpper(wkt)
	wgs84Datum := strings.Contains(upper, "WGS_1984") || strings.Contains(upper, "WGS 84") || strings.Contains(upper, "WGS84") || strings.Contains(upper, "WORLD GEODETIC SYSTEM 1984")
	switch kind {
	case "GEOGCS", "GEOGCRS", "GEODCRS":
		if wgs84Datum {
			return crsWGS84, nil
		}
	default:
		if wgs84Datum {
			if u := wktUTM.FindStringSubmatch(name); u != nil {
				zone, _ := strconv.Atoi(u[1])
				if strings.EqualFold(u[2], "N") && zone >= 28 && zone <= 32 {
					return crsUTM(zone), nil
				}
			}
			if strings.Contains(upper, "MERCATOR_AUXILIARY_SPHERE") || strings.Contains(upper, "PSEUDO-MERCATOR") ||
				strings.Contains(upper, "POPULAR VISUALISATION") || strings.Contains(upper, "WEB_MERCATOR") {
				return crsWebMercator(), nil
			}
		}
	}
	return crs{}, fmt.Errorf("coordinates in %q are not supported: want %s (reproject it, e.g. ogr2ogr -t_srs EPSG:4326)", name, acceptedCRS)
}

// reproject converts g's coordinates to WGS 84 in place.
func (c crs) reproject(g orb.Geometry) orb.Geometry {
	if c.toLonLat == nil || g == nil {
		return g
	}
	pt := func(p orb.Point) orb.Point {
		x, y := c.toLonLat(p[0], p[1])
		return orb.Point{x, y}
	}
	return MapVertices(g, pt)
}
