package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/paulmach/orb"

	"maliatlas/geo"
	"maliatlas/layers"
)

// A step's View frames its features on a map of FrameWidth×FrameHeight
// logical pixels; other sizes show the same ground by fitting View.Bound.
const (
	FrameWidth  = 1600
	FrameHeight = 900
)

// ErrStepRange is returned, wrapped, for a step index outside the briefing.
var ErrStepRange = errors.New("step index out of range")

func (b *Briefing) check(i int) error {
	if i < 0 || i >= len(b.Steps) {
		return fmt.Errorf("briefing %q: %w: %d not in 0..%d", b.ID, ErrStepRange, i, len(b.Steps)-1)
	}
	return nil
}

// Add appends s as the last step.
func (b *Briefing) Add(s Step) { b.Steps = append(b.Steps, s) }

// Move takes the step at from out and puts it back so that it ends at index
// to; the steps between shift by one.
func (b *Briefing) Move(from, to int) error {
	if err := b.check(from); err != nil {
		return err
	}
	if err := b.check(to); err != nil {
		return err
	}
	s := b.Steps[from]
	if from < to {
		copy(b.Steps[from:to], b.Steps[from+1:to+1])
	} else {
		copy(b.Steps[to+1:from+1], b.Steps[to:from])
	}
	b.Steps[to] = s
	return nil
}

// Delete removes the step at i.
func (b *Briefing) Delete(i int) error {
	if err := b.check(i); err != nil {
		return err
	}
	b.Steps = append(b.Steps[:i], b.Steps[i+1:]...)
	return nil
}

// Update replaces the step at i with s.
func (b *Briefing) Update(i int, s Step) error {
	if err := b.check(i); err != nil {
		return err
	}
	b.Steps[i] = s
	return nil
}

// In returns the text in lang, else English, else any language.
func (t I18n) In(lang string) string { return layers.I18n(t).In(lang) }

// Span is the period as the layers package filters by it.
func (p Period) Span() layers.Period { return layers.Period{From: p.From, To: p.To} }

// Viewport is the view on a map of w×h logical pixels at device scale 1.
func (v View) Viewport(w, h int) geo.Viewport {
	return geo.Viewport{Center: orb.Point{v.Lon, v.Lat}, Zoom: v.Zoom, Width: w, Height: h, Scale: 1}
}

// Bound is the ground the view shows on the reference frame
// (FrameWidth×FrameHeight): fit it to show the same area at another size.
func (v View) Bound() orb.Bound { return v.Viewport(FrameWidth, FrameHeight).Bound() }

// Shown returns the layers a step shows and their opacities. Like a project's
// Layers, a step lists only the layers whose state it sets: a layer it does
// not list keeps its default visibility (defaults lists the layers visible by
// default) and full opacity.
func (s *Step) Shown(defaults []string) (visible []string, opacity map[string]float64) {
	set := map[string]*LayerState{}
	for i := range s.Layers {
		set[s.Layers[i].ID] = &s.Layers[i]
	}
	seen := map[string]bool{}
	for _, id := range defaults {
		if st, ok := set[id]; ok && !st.Visible || seen[id] {
			continue
		}
		seen[id] = true
		visible = append(visible, id)
	}
	for _, st := range s.Layers {
		if st.Visible && !seen[st.ID] {
			seen[st.ID] = true
			visible = append(visible, st.ID)
		}
	}
	opacity = map[string]float64{}
	for _, st := range s.Layers {
		if st.Visible && st.Opacity < 1 {
			opacity[st.ID] = max(0, st.Opacity)
		}
	}
	return visible, opacity
}

// Filter is the features a step keeps: those in its period, minus the legend
// categories and confidences it hides. Nil when it keeps everything.
func (s *Step) Filter() func(*layers.Feature) bool { return LayerFilter(s.Layers, s.Period) }

// BuiltinDir is the folder of the built-in briefings in the data tree.
const BuiltinDir = "briefings"

// LoadBuiltin reads the built-in briefings from fsys laid out as data/: each
// briefings/*.json file holds one Briefing. They come sorted by file name.
func LoadBuiltin(fsys fs.FS) ([]Briefing, error) {
	names, err := fs.Glob(fsys, BuiltinDir+"/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Briefing
	ids := map[string]string{}
	for _, name := range names {
		where := path.Join("data", name)
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		var b Briefing
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&b); err != nil {
			return nil, geo.JSONError(where, raw, err)
		}
		switch {
		case b.ID == "":
			return nil, fmt.Errorf("%s: the briefing has no id", where)
		case ids[b.ID] != "":
			return nil, fmt.Errorf("%s: briefing id %q is also used by %s", where, b.ID, ids[b.ID])
		case len(b.Steps) == 0:
			return nil, fmt.Errorf("%s: briefing %q has no steps", where, b.ID)
		}
		ids[b.ID] = where
		out = append(out, b)
	}
	return out, nil
}
