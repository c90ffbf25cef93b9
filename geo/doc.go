// Package geo holds the atlas's geographic primitives: Web Mercator projection
// and the map viewport, geodesic distance, point-in-polygon, a spatial index,
// label points, and validated GeoJSON and KML I/O. Geometries are
// github.com/paulmach/orb values in WGS 84 longitude/latitude. It knows nothing
// of Fyne or of any drawing backend.
package geo
