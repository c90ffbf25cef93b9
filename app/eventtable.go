package app

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"maliatlas/events"
	"maliatlas/render"
)

// eventTable is the rows of an event layer the table shows: filtered by
// text, category, actor and dates, sorted by a column.
type eventTable struct {
	t       *events.Table
	rows    []int32
	sortCol int
	desc    bool
}

var eventColumns = []string{"date", "category", "actor", "place", "precision", "weight", "id"}

func (et *eventTable) cell(i int32, col int) string {
	t := et.t
	switch col {
	case 0:
		d := events.FormatDay(t.DayFrom[i])
		if t.DayTo[i] != t.DayFrom[i] {
			d += " – " + events.FormatDay(t.DayTo[i])
		}
		return d
	case 1:
		return t.Categories.Values[t.Category[i]]
	case 2:
		return t.Actors.Values[t.Actor[i]]
	case 3:
		return t.Places.Values[t.Place[i]]
	case 4:
		p := strconv.Itoa(int(t.Prec[i]))
		if !t.Precise(int(i)) {
			p += " (imprecise)"
		}
		return p
	case 5:
		return strconv.FormatFloat(float64(t.Weight[i]), 'f', -1, 32)
	}
	return t.ID(int(i))
}

func (et *eventTable) sort() {
	t := et.t
	key := func(a, b int32) int {
		switch et.sortCol {
		case 0:
			return cmp.Compare(t.DayFrom[a], t.DayFrom[b])
		case 4:
			return cmp.Compare(t.Prec[a], t.Prec[b])
		case 5:
			return cmp.Compare(t.Weight[a], t.Weight[b])
		}
		return strings.Compare(et.cell(a, et.sortCol), et.cell(b, et.sortCol))
	}
	slices.SortStableFunc(et.rows, func(a, b int32) int {
		if et.desc {
			return key(b, a)
		}
		return key(a, b)
	})
}

// showEventTable opens the table of an event layer's events. Selecting
// rows highlights the events on the map; tapping the map near an event
// selects its row.
func (s *Shell) showEventTable(e *eventLayer) {
	l := e.layer
	et := &eventTable{t: l.Table}
	text := widget.NewEntry()
	text.SetPlaceHolder(s.t("events.table.find"))
	all := s.t("events.table.all")
	cats := append([]string{all}, l.Table.Categories.Values...)
	catSel := widget.NewSelect(cats, nil)
	catSel.Selected = all
	actors := append([]string{all}, l.Table.Actors.Values...)
	actorSel := widget.NewSelect(actors, nil)
	actorSel.Selected = all
	from, to := widget.NewEntry(), widget.NewEntry()
	from.SetPlaceHolder(s.t("events.table.from"))
	to.SetPlaceHolder(s.t("events.table.to"))
	count := widget.NewLabel("")
	var table *widget.Table
	refilter := func() {
		f := l.Filter
		f.Text = text.Text
		f.Actor = ""
		if actorSel.Selected != all {
			f.Actor = actorSel.Selected
		}
		if d, ok := events.ParseDate([]byte(from.Text)); ok {
			f.From = d
		}
		if d, ok := events.ParseDate([]byte(to.Text)); ok {
			f.To = d
		}
		rows := f.Select(l.Table)
		if catSel.Selected != all {
			rows = slices.DeleteFunc(rows, func(i int32) bool { return l.Table.Categories.Values[l.Table.Category[i]] != catSel.Selected })
		}
		et.rows = rows
		et.sort()
		count.SetText(fmt.Sprintf(s.t("events.table.count"), len(rows), l.Table.Len()))
		if table != nil {
			table.Refresh()
		}
	}
	text.OnChanged = func(string) { refilter() }
	catSel.OnChanged = func(string) { refilter() }
	actorSel.OnChanged = func(string) { refilter() }
	from.OnChanged = func(string) { refilter() }
	to.OnChanged = func(string) { refilter() }
	table = widget.NewTableWithHeaders(
		func() (int, int) { return len(et.rows), len(eventColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("2023-03-15 – 2023-03-20") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(et.rows) {
				o.(*widget.Label).SetText(et.cell(et.rows[id.Row], id.Col))
			}
		})
	table.ShowHeaderColumn = false
	table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Row >= 0 || id.Col < 0 {
			return
		}
		col := id.Col
		label := eventColumns[col]
		if col == et.sortCol {
			label += map[bool]string{false: " ▲", true: " ▼"}[et.desc]
		}
		b.SetText(label)
		b.OnTapped = func() {
			if et.sortCol == col {
				et.desc = !et.desc
			} else {
				et.sortCol, et.desc = col, false
			}
			et.sort()
			table.Refresh()
		}
	}
	for c, w := range []float32{190, 190, 190, 150, 110, 70, 90} {
		table.SetColumnWidth(c, w)
	}
	table.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(et.rows) {
			return
		}
		i := et.rows[id.Row]
		l.Selected = map[int32]bool{i: true}
		s.apply()
	}
	// The reverse link: a tap near an event selects its row.
	e.onMapPick = func(i int32) {
		if k := slices.Index(et.rows, i); k >= 0 {
			table.ScrollTo(widget.TableCellID{Row: k, Col: 0})
			table.Select(widget.TableCellID{Row: k, Col: 0})
		}
	}
	refilter()
	filters := container.NewGridWithColumns(5, text, catSel, actorSel, from, to)
	w := s.App.NewWindow(e.src.Title)
	w.SetContent(container.NewBorder(container.NewVBox(filters, count), nil, nil, nil, table))
	w.Resize(fyne.NewSize(1040, 560))
	w.SetOnClosed(func() { e.onMapPick = nil; l.Selected = nil; s.apply() })
	w.Show()
}

// pickEvent finds the visible event nearest device pixel (x, y) within 8
// pixels and tells the layer's table; it reports whether one was found.
func (s *Shell) pickEvent(x, y float64) bool {
	v := s.Map.View()
	r := 8 * v.DeviceScale()
	for _, e := range s.ev.list {
		if !e.visible || e.onMapPick == nil {
			continue
		}
		best, bestD := int32(-1), r*r
		for _, i := range e.layer.Selection() {
			px, py := v.ToScreen(orb.Point{e.layer.Table.Lon[i], e.layer.Table.Lat[i]})
			if d := (px-x)*(px-x) + (py-y)*(py-y); d <= bestD {
				best, bestD = i, d
			}
		}
		if best >= 0 {
			e.layer.Selected = map[int32]bool{best: true}
			e.onMapPick(best)
			s.apply()
			return true
		}
	}
	return false
}

// showAreaCounts shows the events and weight per region or cercle for the
// layer's filters.
func (s *Shell) showAreaCounts(e *eventLayer) {
	by := widget.NewRadioGroup([]string{"region", "cercle"}, nil)
	by.Horizontal = true
	by.Selected = "region"
	var counts []events.AreaCount
	table := widget.NewTable(
		func() (int, int) { return len(counts) + 1, 3 },
		func() fyne.CanvasObject { return widget.NewLabel("Gourma-Rharous 000000") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			lbl := o.(*widget.Label)
			if id.Row == 0 {
				lbl.SetText([]string{"name", "events", "weight"}[id.Col])
				lbl.TextStyle.Bold = true
				return
			}
			c := counts[id.Row-1]
			lbl.TextStyle.Bold = false
			lbl.SetText([]string{c.Name, strconv.Itoa(c.Events), strconv.FormatFloat(c.Weight, 'f', -1, 64)}[id.Col])
		})
	table.SetColumnWidth(0, 200)
	fill := func() {
		id := map[string]string{"region": "regions", "cercle": "cercles"}[by.Selected]
		lay := s.Cat.Layer(id)
		if lay == nil {
			return
		}
		areas := make([]events.Area, len(lay.Features))
		for i, f := range lay.Features {
			areas[i] = events.Area{Name: f.Name(s.lang), Geom: f.Geom}
		}
		snap := s.snapshotOf(e)
		var outside events.AreaCount
		counts, outside = events.NewAreaIndex(areas).CountByArea(e.layer.Table, snap.Selection())
		slices.SortStableFunc(counts, func(a, b events.AreaCount) int { return b.Events - a.Events })
		if outside.Events > 0 {
			counts = append(counts, outside)
		}
		table.Refresh()
	}
	by.OnChanged = func(string) { fill() }
	fill()
	w := s.App.NewWindow(s.t("events.byarea.title") + e.src.Title)
	w.SetContent(container.NewBorder(by, nil, nil, nil, table))
	w.Resize(fyne.NewSize(460, 520))
	w.Show()
}

// snapshotOf is the layer as the map draws it now (with the period).
// Only e's layer is copied, not every visible one.
func (s *Shell) snapshotOf(e *eventLayer) *render.EventLayer {
	if e.visible && slices.Contains(s.ev.list, e) {
		return s.eventSnapshot(e)
	}
	return e.layer
}
