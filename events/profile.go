package events

import (
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"

	"maliatlas/geo"
)

// Place is a named point a profile's worst stretch is located by (the
// towns of the built-in layers).
type Place struct {
	Name string
	At   orb.Point
}

// RouteProfile is the events along one route, per stretch, with the
// sentence that names the worst stretch.
type RouteProfile struct {
	Segs     []Segment
	Worst    int     // the stretch with the most weight, or -1
	BufferKm float64 // how far from the route events count
	Near     string  // where the worst stretch is ("near Gossi", "120 km from Kidal")
	Caption  string  // "Most violent stretch: km 350–400, near Gossi (…)."
}

// ProfileOf works out the profile of route (the selected events within
// bufferKm, per segKm stretch) and says where its worst stretch is, after
// the nearest of places. tr gives the sentences' words in the reader's
// language by key (assets.T: events.profile.none, .near, .from, .count,
// .worst).
func ProfileOf(t *Table, sel []int32, route orb.LineString, bufferKm, segKm float64, places []Place, tr func(key string) string) RouteProfile {
	p := RouteProfile{Segs: Profile(t, sel, route, bufferKm, segKm), BufferKm: bufferKm}
	p.Worst = Worst(p.Segs)
	km := strconv.FormatFloat(bufferKm, 'g', -1, 64)
	if p.Worst < 0 {
		p.Caption = fmt.Sprintf(tr("events.profile.none"), km)
		return p
	}
	w := p.Segs[p.Worst]
	best := math.Inf(1)
	for _, pl := range places {
		if d := geo.Distance(pl.At, w.Mid); d < best {
			best, p.Near = d, pl.Name
		}
	}
	switch {
	case p.Near == "":
	case best > 75_000:
		p.Near = fmt.Sprintf(tr("events.profile.from"), fmt.Sprintf("%.0f", best/1000), p.Near)
	default:
		p.Near = fmt.Sprintf(tr("events.profile.near"), p.Near)
	}
	what := fmt.Sprintf(tr("events.profile.count"), w.Events)
	if t.HasWeight() {
		what += ", " + strconv.FormatFloat(w.Weight, 'f', -1, 64) + " " + t.WeightName()
	}
	where := fmt.Sprintf("%.0f–%.0f", w.FromKm, w.ToKm)
	if p.Near != "" {
		where += ", " + p.Near
	}
	p.Caption = fmt.Sprintf(tr("events.profile.worst"), where, what, km)
	return p
}
