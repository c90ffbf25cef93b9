package layers

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // the colour relief
	_ "image/png"  // the hillshade
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/geo"
)

// RasterSpec is an image layer: a pyramid of images of the same area in Web
// Mercator (finest first), each covering Bound (lon/lat, west, south, east,
// north). Mode "shade" reads a grey hillshade where Flat is flat ground:
// darker is drawn as translucent black, lighter as translucent white, up to
// Strength; mode "color" draws the image with Strength as its opacity (0:
// opaque).
type RasterSpec struct {
	Levels   []string   `json:"levels"`
	Bound    [4]float64 `json:"bbox"`
	Mode     string     `json:"mode"`
	Flat     int        `json:"flat,omitempty"`
	Strength float64    `json:"strength,omitempty"`
}

// InZoom reports whether the layer is drawn at zoom z.
func (s *LayerSpec) InZoom(z float64) bool {
	return (s.MinZoom == 0 || z >= s.MinZoom) && (s.MaxZoom == 0 || z < s.MaxZoom)
}

// IsBasemap reports whether the layer is part of the generated basemap
// (data/basemap): roads, places, relief and the rest.
func (s *LayerSpec) IsBasemap() bool {
	return strings.HasPrefix(s.File, "basemap/") || s.Raster != nil
}

// Raster is a loaded image pyramid (RGBA, premultiplied, ready to draw).
type Raster struct {
	Spec  *RasterSpec
	Bound orb.Bound

	fsys   fs.FS
	once   []sync.Once
	levels []*image.RGBA
	errs   []error
}

func newRaster(fsys fs.FS, spec *RasterSpec) *Raster {
	return &Raster{
		Spec:  spec,
		Bound: orb.Bound{Min: orb.Point{spec.Bound[0], spec.Bound[1]}, Max: orb.Point{spec.Bound[2], spec.Bound[3]}},
		fsys:  fsys, once: make([]sync.Once, len(spec.Levels)),
		levels: make([]*image.RGBA, len(spec.Levels)), errs: make([]error, len(spec.Levels)),
	}
}

// NumLevels is the number of images of the pyramid.
func (r *Raster) NumLevels() int { return len(r.levels) }

// Level returns image i of the pyramid (0 the finest), decoded on first use.
func (r *Raster) Level(i int) (*image.RGBA, error) {
	r.once[i].Do(func() {
		r.levels[i], r.errs[i] = r.load(r.Spec.Levels[i])
	})
	return r.levels[i], r.errs[i]
}

func (r *Raster) load(name string) (*image.RGBA, error) {
	b, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w", name, err)
	}
	bd := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, bd.Dx(), bd.Dy()))
	if r.Spec.Mode != "shade" {
		draw.Draw(out, out.Rect, img, bd.Min, draw.Src)
		// Strength, when set, is the image's opacity: what lies under it
		// (borders, region outlines) shows through.
		if k := r.Spec.Strength; k > 0 && k < 1 {
			m := uint32(k*256 + 0.5)
			for i, v := range out.Pix {
				out.Pix[i] = uint8(uint32(v) * m >> 8)
			}
		}
		return out, nil
	}
	flat := r.Spec.Flat
	if flat <= 0 || flat >= 255 {
		flat = 200
	}
	k := r.Spec.Strength
	if k <= 0 || k > 1 {
		k = 0.5
	}
	// A table from grey to the premultiplied shade pixel.
	var lut [256][4]uint8
	for g := 0; g < 256; g++ {
		var c color.NRGBA
		if d := g - flat; d >= -3 && d <= 3 {
			// Flat ground stays clear: fully transparent pixels cost
			// nothing to draw.
		} else if g < flat {
			c = color.NRGBA{0, 0, 0, uint8(k*255*float64(flat-g)/float64(flat) + 0.5)}
		} else {
			c = color.NRGBA{255, 255, 255, uint8(0.6*k*255*float64(g-flat)/float64(255-flat) + 0.5)}
		}
		p := color.RGBAModel.Convert(c).(color.RGBA)
		lut[g] = [4]uint8{p.R, p.G, p.B, p.A}
	}
	gray, ok := img.(*image.Gray)
	for y := 0; y < bd.Dy(); y++ {
		for x := 0; x < bd.Dx(); x++ {
			var g uint8
			if ok {
				g = gray.Pix[y*gray.Stride+x]
			} else {
				g = color.GrayModel.Convert(img.At(bd.Min.X+x, bd.Min.Y+y)).(color.Gray).Y
			}
			copy(out.Pix[y*out.Stride+x*4:], lut[g][:])
		}
	}
	return out, nil
}

// Load decodes the features of a basemap layer the first time it is
// called (the map draws only the zoom bands it shows, so most are never
// decoded in a session); for other layers it does nothing. Safe for
// concurrent use; Features must not be read before it returns.
func (l *Layer) Load() error {
	l.loadOnce.Do(func() {
		if l.loader == nil {
			return
		}
		fc, err := l.loader()
		if err != nil {
			l.loadErr = err
			return
		}
		l.setFeatures(fc)
	})
	return l.loadErr
}

// loadLayers reads the features of every spec: the GeoJSON files at once, on
// all cores; the basemap's MAB containers (geo.DecodeMAB) on first use
// (Layer.Load); raster layers get their pyramid, decoded on first draw.
func loadLayers(fsys fs.FS, specs []LayerSpec) ([]*Layer, error) {
	out := make([]*Layer, len(specs))
	errs := make([]error, len(specs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for i, spec := range specs {
		name := path.Join("data", spec.File)
		switch {
		case spec.Raster != nil:
			l := NewLayer(spec, geojson.NewFeatureCollection())
			l.Raster = newRaster(fsys, spec.Raster)
			out[i] = l
			continue
		case strings.HasSuffix(spec.File, ".mab"):
			// Read on first use, not now: a map that never shows the
			// layer (an export with --base none, a band of another
			// zoom) does not keep its bytes (issue #13, export memory).
			if _, err := fs.Stat(fsys, spec.File); err != nil {
				return nil, fmt.Errorf("layer %q: %w", spec.ID, err)
			}
			l := &Layer{Spec: spec}
			l.loader = func() (*geojson.FeatureCollection, error) {
				data, err := fs.ReadFile(fsys, spec.File)
				if err != nil {
					return nil, fmt.Errorf("layer %q: %w", spec.ID, err)
				}
				return geo.DecodeMAB(name, data)
			}
			out[i] = l
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			data, err := fs.ReadFile(fsys, spec.File)
			if err != nil {
				errs[i] = fmt.Errorf("layer %q: %w", spec.ID, err)
				return
			}
			fc, err := geo.ReadFeatureCollection(name, bytes.NewReader(data))
			if err != nil {
				errs[i] = err
				return
			}
			out[i] = NewLayer(spec, fc)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Basemap reports whether l is part of the basemap (decoded on first use,
// a zoom band of another layer, or a relief image): drawn under the atlas's
// own layers, and left out of a data export of "all" (its sources,
// OpenStreetMap, Natural Earth and SRTM30_PLUS, are where to get it whole).
func (l *Layer) Basemap() bool {
	return l.loader != nil || l.Spec.Parent != "" || l.Raster != nil
}
