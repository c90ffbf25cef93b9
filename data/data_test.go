package data_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"maliatlas/data"
	"maliatlas/geo"
	"maliatlas/layers"
)

func load(t *testing.T, name string) *geojson.FeatureCollection {
	t.Helper()
	b, err := fs.ReadFile(data.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geo.ReadFeatureCollection(name, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return fc
}

func prop(f *geojson.Feature, k string) string {
	s, _ := f.Properties[k].(string)
	return s
}

func byProp(fc *geojson.FeatureCollection, k string) map[string]*geojson.Feature {
	m := map[string]*geojson.Feature{}
	for _, f := range fc.Features {
		m[prop(f, k)] = f
	}
	return m
}

func TestRegionsContainTheirCapitals(t *testing.T) {
	regions := load(t, "base/regions.geojson")
	towns := byProp(load(t, "base/towns.geojson"), "name")
	if len(regions.Features) != 10 {
		t.Fatalf("%d regions, want 10", len(regions.Features))
	}
	for _, r := range regions.Features {
		name := prop(r, "capital")
		town, ok := towns[name]
		if !ok {
			t.Errorf("region %s: capital %q is not a town", prop(r, "name_fr"), name)
			continue
		}
		if k := prop(town, "kind"); k != "regional_capital" && k != "capital" {
			t.Errorf("region %s: capital %s has kind %q", prop(r, "name_fr"), name, k)
		}
		p := town.Geometry.(orb.Point)
		if !geo.Contains(r.Geometry, p) {
			t.Errorf("region %s does not contain its capital %s %v", prop(r, "name_fr"), name, p)
		}
		if prop(town, "region_pcode") != prop(r, "pcode") {
			t.Errorf("capital %s: region_pcode %q, region %q", name, prop(town, "region_pcode"), prop(r, "pcode"))
		}
	}
	bamako := byProp(regions, "pcode")["ML09"]
	if bamako == nil || !geo.Contains(bamako.Geometry, towns["Bamako"].Geometry.(orb.Point)) {
		t.Error("the Bamako district does not contain Bamako")
	}
}

// Every regional capital lies in the region whose capital it is. Taoudénit
// is the capital of a region (created by the 2012 law) that this edition of
// the boundaries still counts inside Tombouctou, so it only has to lie in
// the region its region_pcode names.
func TestRegionalCapitalsInTheirRegion(t *testing.T) {
	regions := load(t, "base/regions.geojson")
	capitalOf := map[string]*geojson.Feature{}
	for _, r := range regions.Features {
		capitalOf[prop(r, "capital")] = r
	}
	byPcode := byProp(regions, "pcode")
	n := 0
	for _, town := range load(t, "base/towns.geojson").Features {
		if prop(town, "kind") != "regional_capital" {
			continue
		}
		n++
		name := prop(town, "name")
		r := capitalOf[name]
		if r == nil {
			if name != "Taoudénit" {
				t.Errorf("regional capital %s is the capital of no region", name)
				continue
			}
			r = byPcode[prop(town, "region_pcode")]
		}
		if r == nil || !geo.Contains(r.Geometry, town.Geometry.(orb.Point)) {
			t.Errorf("regional capital %s %v is not in its region", name, town.Geometry)
		}
	}
	if n != 10 { // 9 regions besides Bamako district, and Taoudénit
		t.Errorf("%d regional capitals, want 10", n)
	}
}

func TestNamesSpelledRight(t *testing.T) {
	regions := byProp(load(t, "base/regions.geojson"), "name_fr")
	towns := byProp(load(t, "base/towns.geojson"), "name")
	for _, n := range []string{"Ménaka", "Ségou", "Tombouctou"} {
		if regions[n] == nil {
			t.Errorf("no region named %q", n)
		}
		if towns[n] == nil {
			t.Errorf("no town named %q", n)
		}
	}
	if en := prop(regions["Tombouctou"], "name_en"); en != "Timbuktu" {
		t.Errorf("Tombouctou region in English: %q", en)
	}
	if en := prop(towns["Tombouctou"], "name_en"); en != "Timbuktu" {
		t.Errorf("Tombouctou town in English: %q", en)
	}
	has := func(f *geojson.Feature, v string) bool {
		list, _ := f.Properties["variants"].([]any)
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	}
	for name, v := range map[string]string{"Tombouctou": "Timbuktu", "Ménaka": "Menaka", "Ségou": "Segou"} {
		if !has(towns[name], v) {
			t.Errorf("town %s lacks the variant %s", name, v)
		}
	}
	cercles := byProp(load(t, "base/cercles.geojson"), "name_fr")
	for _, n := range []string{"Djenné", "Kéniéba", "Dioïla", "Andéramboukane", "Tidermène", "Abeïbara"} {
		if cercles[n] == nil {
			t.Errorf("no cercle named %q", n)
		}
	}
}

func TestCerclesInTheirRegion(t *testing.T) {
	regions := byProp(load(t, "base/regions.geojson"), "pcode")
	cercles := load(t, "base/cercles.geojson")
	if len(cercles.Features) != 53 {
		t.Fatalf("%d cercles, want 53", len(cercles.Features))
	}
	for _, c := range cercles.Features {
		r := regions[prop(c, "region_pcode")]
		if r == nil {
			t.Errorf("cercle %s: unknown region %q", prop(c, "name_fr"), prop(c, "region_pcode"))
			continue
		}
		p := geo.LabelPoint(c.Geometry)
		if !geo.Contains(c.Geometry, p) || !geo.Contains(r.Geometry, p) {
			t.Errorf("cercle %s: label point %v not in the cercle and region %s", prop(c, "name_fr"), p, prop(r, "name_fr"))
		}
		if prop(c, "region_fr") != prop(r, "name_fr") {
			t.Errorf("cercle %s: region_fr %q, region %q", prop(c, "name_fr"), prop(c, "region_fr"), prop(r, "name_fr"))
		}
	}
}

func TestManifest(t *testing.T) {
	b, err := fs.ReadFile(data.FS, "layers.json")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var m layers.Manifest
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("layers.json: %v", err)
	}
	if m.Version != 1 {
		t.Errorf("version %d", m.Version)
	}
	base := map[string]layers.LayerSpec{}
	for _, l := range m.Layers {
		if _, err := fs.Stat(data.FS, l.File); err != nil {
			t.Errorf("layer %s: %v", l.ID, err)
		}
		if l.Group == "base" {
			base[l.ID] = l
		}
	}
	for id, order := range map[string]int{"countries": 10, "regions": 20, "cercles": 25, "rivers": 30, "towns": 40} {
		l, ok := base[id]
		if !ok {
			t.Errorf("no base layer %s", id)
			continue
		}
		if l.Order != order || l.Title["en"] == "" || l.Title["fr"] == "" || l.Label == nil {
			t.Errorf("base layer %s: %+v", id, l)
		}
	}
	if base["cercles"].Visible || !base["towns"].Visible {
		t.Error("cercles should be hidden and towns shown by default")
	}
}
