package app

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"

	"maliatlas/events"
	"maliatlas/render"
)

// eventTip is the tooltip of the event layers at device pixel (x, y): a
// hex cell's count, weight and top categories, or the event under the
// pointer; "" when there is none.
func (s *Shell) eventTip(x, y float64) string {
	v := s.Map.View()
	p := v.ToGeo(x, y)
	for _, l := range s.eventSnapshots() {
		t := l.Table
		switch l.Style {
		case render.EventHex:
			h, _, err := l.Hex()
			if err != nil {
				continue
			}
			c := h.CellAt(p[0], p[1])
			if c < 0 {
				continue
			}
			var top []string
			for _, tc := range h.TopCategories(t, c, 3) {
				top = append(top, fmt.Sprintf("%s (%d)", tc.Name, tc.Events))
			}
			tip := fmt.Sprintf(s.t("events.tip.count"), h.Count[c])
			if t.HasWeight() {
				tip += fmt.Sprintf(" · %s %g", t.WeightName(), h.Weight[c])
			}
			return tip + " · " + strings.Join(top, ", ")
		case render.EventPoints:
			r := 6 * v.DeviceScale()
			best, bestD := int32(-1), r*r
			for _, i := range l.Selection() {
				px, py := v.ToScreen(orbPoint(t.Lon[i], t.Lat[i]))
				if d := (px-x)*(px-x) + (py-y)*(py-y); d <= bestD {
					best, bestD = i, d
				}
			}
			if best < 0 {
				continue
			}
			tip := fmt.Sprintf("%s · %s · %s", events.FormatDay(t.DayFrom[best]), t.Categories.Values[t.Category[best]], t.Places.Values[t.Place[best]])
			if !t.Precise(int(best)) {
				tip += s.t("events.tip.imprecise")
			}
			return tip
		}
	}
	return ""
}

func orbPoint(lon, lat float64) orb.Point { return orb.Point{lon, lat} }
