package geo

// The Earth, once for every package: the WGS 84 ellipsoid and the mean
// sphere.
const (
	// WGS84A is the WGS 84 semi-major axis (equatorial radius), in metres;
	// Web Mercator's sphere has this radius.
	WGS84A = 6378137.0
	// WGS84F is the WGS 84 flattening.
	WGS84F = 1 / 298.257223563
	// WGS84B is the WGS 84 semi-minor axis (polar radius), in metres.
	WGS84B = WGS84A * (1 - WGS84F)
	// MeanRadius is the mean radius (2a+b)/3 (IUGG R1, 6371008.8 m), in
	// metres: the sphere of great-circle steps and spherical areas.
	MeanRadius = (2*WGS84A + WGS84B) / 3
)
