package render

import "sync"

// A recording replayed into bands replays each path call in every band it
// reaches, and a raster band sets up the whole stroke again each time
// (cleaned points, each segment's direction and length) although none of it
// depends on the band. A sink that implements CachedPathSink is handed,
// with such a call, a PathCache that the recording keeps per call: the
// sink builds its band-independent work there once and every band reads it.

// PathCache is one path call's slot for a sink's band-independent work,
// built once (by whichever band comes first) and then only read, so bands
// on several goroutines may share it.
type PathCache struct {
	once sync.Once
	v    any
}

// Get returns the value in c, made by build on the first call. The value
// must depend only on the call's path and style (never on the sink), as any
// band of any sink may read it; build must not call Get on c.
func (c *PathCache) Get(build func() any) any {
	c.once.Do(func() { c.v = build() })
	return c.v
}

// CachedPathSink is a Sink that can keep band-independent work on a path
// call in a PathCache. Recording.Replay calls PathCached instead of Path for
// the stroked calls that reach beyond the sink's clip (ClipSink) above or
// below, with the same path and style Path would get.
type CachedPathSink interface {
	ClipSink
	PathCached(p *Path, st *Style, c *PathCache)
}
