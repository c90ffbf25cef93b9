package layers_test

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"

	"maliatlas/data"
	"maliatlas/layers"
)

// Size budget of the embedded basemap (issue #10): at most 20 MB added to
// the binary (data/basemap is embedded as it is) and 15 MB to the
// repository (data/basemap plus its world source in data/src).
func TestBasemapSizeBudget(t *testing.T) {
	const (
		binaryBudget = 20 << 20
		repoBudget   = 15 << 20
	)
	embedded := 0
	err := fs.WalkDir(data.FS, "basemap", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		embedded += int(info.Size())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if embedded == 0 {
		t.Fatal("no basemap embedded")
	}
	world, err := os.Stat(filepath.Join("..", "data", "src", "world_countries_50m.topo.json"))
	if err != nil {
		t.Fatal(err)
	}
	repo := embedded + int(world.Size())
	t.Logf("basemap: %.2f MB embedded, %.2f MB in the repository", float64(embedded)/(1<<20), float64(repo)/(1<<20))
	if embedded > binaryBudget {
		t.Errorf("the embedded basemap is %d bytes, over the %d-byte budget", embedded, binaryBudget)
	}
	if repo > repoBudget {
		t.Errorf("the basemap adds %d bytes to the repository, over the %d-byte budget", repo, repoBudget)
	}
}

var basemapCat *layers.Catalog

func catalog(t *testing.T) *layers.Catalog {
	t.Helper()
	if basemapCat == nil {
		c, err := layers.Load(data.FS)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range c.Layers {
			if err := l.Load(); err != nil {
				t.Fatal(err)
			}
		}
		basemapCat = c
	}
	return basemapCat
}

// distanceTo is the smallest distance in km from p to the lines of l that
// keep accepts.
func distanceTo(l *layers.Layer, p orb.Point, keep func(*layers.Feature) bool) float64 {
	best := math.Inf(1)
	for _, f := range l.Features {
		if !keep(f) {
			continue
		}
		for _, ls := range f.Lines() {
			for i := 1; i < len(ls); i++ {
				// Project p on the segment in degrees scaled by cos(lat).
				k := math.Cos(p[1] * math.Pi / 180)
				ax, ay := (ls[i-1][0]-p[0])*k, ls[i-1][1]-p[1]
				bx, by := (ls[i][0]-p[0])*k, ls[i][1]-p[1]
				dx, dy := bx-ax, by-ay
				tt := 0.0
				if d2 := dx*dx + dy*dy; d2 > 0 {
					tt = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/d2))
				}
				q := orb.Point{p[0] + (ax+tt*dx)/k, p[1] + ay + tt*dy}
				best = math.Min(best, orbgeo.Distance(p, q)/1000)
			}
		}
	}
	return best
}

// The RN16 (Sévaré–Douentza–Hombori–Gossi–Gao) passes within 2 km of the
// towns on it, at every zoom band (positions: OpenStreetMap places).
func TestRN16PassesItsTowns(t *testing.T) {
	c := catalog(t)
	rn16 := func(f *layers.Feature) bool { return f.String("ref") == "RN16" }
	for _, id := range []string{"roads", "roads@1", "roads@2"} {
		l := c.Layer(id)
		if l == nil {
			t.Fatalf("no layer %q", id)
		}
		for _, town := range []struct {
			name string
			at   orb.Point
		}{
			{"Douentza", orb.Point{-2.95298, 15.00689}},
			{"Hombori", orb.Point{-1.69908, 15.28313}},
			{"Gossi", orb.Point{-1.30945, 15.81792}},
		} {
			if d := distanceTo(l, town.at, rn16); d > 2 {
				t.Errorf("%s: the RN16 passes %.1f km from %s", id, d, town.name)
			}
		}
	}
}

// Settlements stand where they are (PROVENANCE.md, Known faults): Tessit at
// 0.29 E (not GeoNames' −0.3), Ber and In-Delimane as towns, not as a marsh
// and a well. A place is drawn by the basemap's places or, when the atlas
// has it as a town, by the towns layer.
func TestBasemapPlacesWhereTheSettlementIs(t *testing.T) {
	c := catalog(t)
	feats := append(append([]*layers.Feature(nil), c.Layer("places-osm@3").Features...), c.Layer("towns").Features...)
	for _, want := range []struct {
		name string
		at   orb.Point
	}{
		{"Tessit", orb.Point{0.2921, 15.2256}},
		{"Ber", orb.Point{-2.5268, 16.8395}},
		{"In Delimane", orb.Point{1.5276, 15.8686}},
	} {
		found := false
		for _, f := range feats {
			p, ok := f.Geom.(orb.Point)
			if !ok || f.String("name") != want.name {
				continue
			}
			found = true
			if d := orbgeo.Distance(p, want.at) / 1000; d > 2 {
				t.Errorf("%s is %.1f km from where it is", want.name, d)
			}
		}
		if !found {
			t.Errorf("%s is not among the places", want.name)
		}
	}
}

// Every zoom band is coarser than the next: fewer vertices, and the far
// bands of places hold fewer places than the close ones.
func TestBasemapLevelsOfDetail(t *testing.T) {
	c := catalog(t)
	count := func(id string) (n int) {
		for _, f := range c.Layer(id).Features {
			switch g := f.Geom.(type) {
			case orb.Point:
				n++
			case orb.LineString:
				n += len(g)
			case orb.MultiLineString:
				for _, ls := range g {
					n += len(ls)
				}
			case orb.Polygon:
				for _, r := range g {
					n += len(r)
				}
			case orb.MultiPolygon:
				for _, p := range g {
					for _, r := range p {
						n += len(r)
					}
				}
			}
		}
		return n
	}
	for _, chain := range [][]string{
		{"roads", "roads@1", "roads@2"},
		{"tracks", "tracks@1", "tracks@2"},
		{"water", "water@1", "water@2"},
		{"places-osm", "places-osm@1", "places-osm@2", "places-osm@3"},
		{"physical", "physical@1", "physical@2"},
	} {
		prev := 0
		for i, id := range chain {
			l := c.Layer(id)
			if l == nil {
				t.Fatalf("no layer %q", id)
			}
			if i > 0 && l.Spec.Parent != chain[0] {
				t.Errorf("%s: parent %q, want %q", id, l.Spec.Parent, chain[0])
			}
			n := count(id)
			if n <= prev {
				t.Errorf("%s: %d vertices or features, not more than the band before (%d)", id, n, prev)
			}
			prev = n
			// Bands tile the zooms: each starts where the one before ends.
			if i > 0 && c.Layer(chain[i-1]).Spec.MaxZoom != l.Spec.MinZoom {
				t.Errorf("%s starts at zoom %g, the band before ends at %g", id, l.Spec.MinZoom, c.Layer(chain[i-1]).Spec.MaxZoom)
			}
		}
	}
}
