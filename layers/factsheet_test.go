package layers_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/geo"
	"maliatlas/layers"
)

var (
	catOnce sync.Once
	cat     *layers.Catalog
	catErr  error
)

// embedded loads the embedded catalogue once for all tests.
func embedded(t testing.TB) *layers.Catalog {
	t.Helper()
	catOnce.Do(func() { cat, catErr = layers.Load(data.FS) })
	require.NoError(t, catErr)
	return cat
}

func hits(fs *layers.FactSheet) map[string]string {
	m := map[string]string{}
	for _, h := range fs.Overlay {
		m[h.Feature.ID] = h.Relation
	}
	return m
}

func TestKidalFactSheet(t *testing.T) {
	c := embedded(t)
	fs, err := c.RegionFactSheet("ML08")
	require.NoError(t, err)
	assert.Equal(t, "Kidal", fs.NameFR)
	assert.Equal(t, "Kidal", fs.NameEN)
	assert.Equal(t, "Kidal", fs.Capital)
	require.Len(t, fs.Cercles, 4)
	for _, cl := range fs.Cercles {
		assert.True(t, strings.HasPrefix(cl.ID, "ML08"), cl.ID)
	}
	got := hits(fs)
	// FLA zone: the cercles of Kidal dissolved, so the region itself.
	assert.Equal(t, layers.RelInside, got["zone-fla-2023-north"])
	assert.Equal(t, layers.RelInside, got["zone-state-2023-kidal"])
	assert.Equal(t, layers.RelInside, got["gold-sites-kidal-region"])
	assert.Equal(t, layers.RelCrosses, got["cigarettes-gao-kidal"])
	assert.Equal(t, layers.RelCrosses, got["zone-jnim-2023-north"])
	// Far away, in Kayes.
	assert.NotContains(t, got, "gold-site-kenieba")
	assert.NotContains(t, got, "markets-rosewood-logging-kayes")
	// A neighbour sharing a border: Ménaka's zone only touches Kidal.
	assert.NotContains(t, got, "zone-is-sahel-2023-menaka")

	// Sorted by draw order, then name.
	for i := 1; i < len(fs.Overlay); i++ {
		a, b := fs.Overlay[i-1], fs.Overlay[i]
		if a.Layer == b.Layer {
			assert.LessOrEqual(t, a.Feature.Name("en"), b.Feature.Name("en"))
		} else {
			assert.Less(t, a.Layer.Spec.Order, b.Layer.Spec.Order)
		}
	}
}

// TestZonesAgreeWithTheirCercles checks the geometric relations against the
// zones' own lists of cercles: a zone made of all its cercles in a region is
// inside it, of some of them crosses it, of none is not listed.
func TestZonesAgreeWithTheirCercles(t *testing.T) {
	c := embedded(t)
	zones := c.Layer("armed_groups")
	require.NotNil(t, zones)
	checked := 0
	for _, r := range c.Layer("regions").Features {
		fs, err := c.RegionFactSheet(r.ID)
		require.NoError(t, err)
		got := hits(fs)
		for _, z := range zones.Features {
			list, ok := z.Props["cercles"].([]any)
			if !ok {
				continue
			}
			in := 0
			for _, v := range list {
				if s, _ := v.(string); strings.HasPrefix(s, r.ID) {
					in++
				}
			}
			want := ""
			switch {
			case in == len(list):
				want = layers.RelInside
			case in > 0:
				want = layers.RelCrosses
			}
			assert.Equal(t, want, got[z.ID], "%s in %s (%d of %d cercles)", z.ID, r.ID, in, len(list))
			checked++
		}
	}
	assert.Greater(t, checked, 100)
}

func TestEveryRegionHasCapitalAndCercles(t *testing.T) {
	c := embedded(t)
	towns := c.Layer("towns")
	for _, r := range c.Layer("regions").Features {
		fs, err := c.RegionFactSheet(r.ID)
		require.NoError(t, err)
		require.NotEmpty(t, fs.Capital, r.ID)
		assert.NotEmpty(t, fs.Cercles, r.ID)
		// The capital is a town of the catalogue lying in the region.
		found := false
		for _, tw := range towns.Features {
			if tw.Name("fr") == fs.Capital && geo.Contains(r.Geom, tw.Geom.(orb.Point)) {
				found = true
			}
		}
		assert.True(t, found, "%s: capital %q is not a town in the region", r.ID, fs.Capital)
	}
	_, err := c.RegionFactSheet("ML99")
	assert.ErrorContains(t, err, "ML99")
}

func TestRegionAreas(t *testing.T) {
	c := embedded(t)
	// Official areas (km²) the OCHA 2021 boundaries should match: Kidal
	// (INSTAT). Bamako's district (252 km² officially) is drawn smaller in
	// the OCHA file (246 km²), so it is checked only loosely.
	official := map[string]struct{ km2, tol float64 }{
		"ML08": {151450, 0.02},
		"ML09": {252, 0.04},
	}
	var sum float64
	for _, r := range c.Layer("regions").Features {
		fs, err := c.RegionFactSheet(r.ID)
		require.NoError(t, err)
		sum += fs.AreaKm2
		if o, ok := official[r.ID]; ok {
			assert.InEpsilon(t, o.km2, fs.AreaKm2, o.tol, "%s area", r.ID)
		}
	}
	// Mali is 1,240,192 km² officially; the OCHA regions enclose 1.1 % more.
	assert.InEpsilon(t, 1240192, sum, 0.015, "sum of the regions")
}

func BenchmarkRegionFactSheet(b *testing.B) {
	c := embedded(b)
	for b.Loop() {
		if _, err := c.RegionFactSheet("ML06"); err != nil {
			b.Fatal(err)
		}
	}
}
