package layers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/geo"
)

// Source is an entry of data/sources.json.
type Source struct {
	Key       string `json:"key"`
	Title     string `json:"title"`
	Authors   string `json:"authors,omitempty"`
	Publisher string `json:"publisher"`
	Year      int    `json:"year"`
	Date      string `json:"date,omitempty"`
	URL       string `json:"url,omitempty"`
	File      string `json:"file,omitempty"`
}

// Citation is the source in one line: title, publisher, year.
func (s Source) Citation() string {
	c := s.Title + ", " + s.Publisher
	if s.Date != "" {
		c += ", " + s.Date
	} else if s.Year != 0 {
		c += fmt.Sprintf(", %d", s.Year)
	}
	return c
}

// Catalog is everything the atlas shows: layers in draw order, sources and
// narratives.
type Catalog struct {
	Layers     []*Layer
	Sources    []Source
	Narratives *Narratives

	byID      map[string]*Layer
	sourceIdx map[string]int
	// features is the index by feature id, built on the first Feature call
	// (an export never asks: a 200,000-event layer's map is not made) from
	// the layers' features as they were at index time (indexed).
	features    map[string]*Feature
	indexed     [][]*Feature
	featureOnce *sync.Once
}

// Load reads a catalogue from fsys laid out as data/: layers.json,
// sources.json, the GeoJSON files the manifest names and narratives/.
func Load(fsys fs.FS) (*Catalog, error) {
	var m Manifest
	if err := readJSON(fsys, "layers.json", &m); err != nil {
		return nil, err
	}
	// Overlay layers are described beside their data: overlays/*.layer.json,
	// each a list of LayerSpec.
	frags, _ := fs.Glob(fsys, "overlays/*.layer.json")
	sort.Strings(frags)
	// The basemap's layers (basemap.go) are described the same way.
	bm, _ := fs.Glob(fsys, "basemap/*.layer.json")
	sort.Strings(bm)
	frags = append(frags, bm...)
	for _, name := range frags {
		var specs []LayerSpec
		if err := readJSON(fsys, name, &specs); err != nil {
			return nil, err
		}
		m.Layers = append(m.Layers, specs...)
	}
	var src struct {
		Version int      `json:"version"`
		Sources []Source `json:"sources"`
	}
	if err := readJSON(fsys, "sources.json", &src); err != nil {
		return nil, err
	}
	c := &Catalog{Sources: src.Sources}
	loaded, err := loadLayers(fsys, m.Layers)
	if err != nil {
		return nil, err
	}
	for _, l := range loaded {
		c.add(l)
	}
	n, err := LoadNarratives(fsys, "narratives")
	if err != nil {
		return nil, err
	}
	c.Narratives = n
	c.index()
	return c, nil
}

func readJSON(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return geo.JSONError("data/"+name, data, err)
	}
	return nil
}

// NewLayer builds a layer from its spec and features.
func NewLayer(spec LayerSpec, fc *geojson.FeatureCollection) *Layer {
	l := &Layer{Spec: spec}
	l.setFeatures(fc)
	return l
}

// setFeatures makes the features of l from fc.
func (l *Layer) setFeatures(fc *geojson.FeatureCollection) {
	spec := l.Spec
	l.Features = make([]*Feature, 0, len(fc.Features))
	for i, gf := range fc.Features {
		f := &Feature{Layer: l, Geom: gf.Geometry, Props: gf.Properties}
		if gf.Geometry != nil {
			f.Bound = gf.Geometry.Bound()
		}
		if f.Props == nil {
			f.Props = geojson.Properties{}
		}
		switch id := gf.ID.(type) {
		case string:
			f.ID = id
		case float64:
			f.ID = fmt.Sprintf("%s-%d", spec.ID, int64(id))
		}
		if s, ok := f.Props["id"].(string); ok && s != "" {
			f.ID = s
		}
		if f.ID == "" {
			f.ID = fmt.Sprintf("%s-%d", spec.ID, i)
		}
		f.decodeOverlay(spec.CategoryProp)
		if f.Geom == nil { // "geometry": null: kept, not drawn
			l.Unplaced = append(l.Unplaced, f)
			continue
		}
		l.Features = append(l.Features, f)
	}
}

func (c *Catalog) add(l *Layer) {
	c.Layers = append(c.Layers, l)
}

func (c *Catalog) index() {
	sort.SliceStable(c.Layers, func(i, j int) bool { return c.Layers[i].Spec.Order < c.Layers[j].Spec.Order })
	c.byID = map[string]*Layer{}
	c.indexed = make([][]*Feature, 0, len(c.Layers))
	for _, l := range c.Layers {
		c.byID[l.Spec.ID] = l
		c.indexed = append(c.indexed, l.Features)
	}
	c.features, c.featureOnce = nil, new(sync.Once)
	c.sourceIdx = map[string]int{}
	for i, s := range c.Sources {
		c.sourceIdx[s.Key] = i
	}
}

// Layer returns the layer with the given id, or nil.
func (c *Catalog) Layer(id string) *Layer { return c.byID[id] }

// Feature returns the feature with the given id, or nil. When several
// share an id, the first in draw order.
func (c *Catalog) Feature(id string) *Feature {
	once := c.featureOnce
	if once == nil {
		return nil
	}
	once.Do(func() {
		n := 0
		for _, fs := range c.indexed {
			n += len(fs)
		}
		m := make(map[string]*Feature, n)
		for _, fs := range c.indexed {
			for _, f := range fs {
				if _, dup := m[f.ID]; !dup {
					m[f.ID] = f
				}
			}
		}
		c.features = m
	})
	return c.features[id]
}

// Source returns the source with the given key.
func (c *Catalog) Source(key string) (Source, bool) {
	i, ok := c.sourceIdx[key]
	if !ok {
		return Source{}, false
	}
	return c.Sources[i], true
}

// DefaultVisible returns the ids of the layers visible by default.
func (c *Catalog) DefaultVisible() []string {
	var ids []string
	for _, l := range c.Layers {
		if l.Spec.Visible {
			ids = append(ids, l.Spec.ID)
		}
	}
	return ids
}

// AddUserLayer adds a layer read from a user's GeoJSON file (export --add, or
// an import in the app), drawn above the built-in layers with a default style
// for its geometry types. n numbers user layers so each gets its own colour.
func (c *Catalog) AddUserLayer(id, title string, fc *geojson.FeatureCollection, n int) *Layer {
	l := NewUserLayer(id, title, fc, n)
	c.add(l)
	c.index()
	return l
}

var userPalette = []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"}

// geometryKind is the dominant geometry of a collection: polygon over line over point.
func geometryKind(fc *geojson.FeatureCollection) string {
	kind := "point"
	for _, f := range fc.Features {
		switch f.Geometry.(type) {
		case orb.Polygon, orb.MultiPolygon, orb.Ring:
			return "polygon"
		case orb.LineString, orb.MultiLineString:
			kind = "line"
		}
	}
	return kind
}

// NewCatalog builds a catalogue from layers already made (tests, tools).
func NewCatalog(ls []*Layer, sources []Source) *Catalog {
	c := &Catalog{Layers: ls, Sources: sources, Narratives: &Narratives{}}
	c.index()
	return c
}
