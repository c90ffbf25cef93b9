package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/render"
)

// savedShell is a window whose project was just saved to a file.
func savedShell(t *testing.T) (*Shell, string) {
	t.Helper()
	s := newTestShell(t)
	path := filepath.Join(t.TempDir(), "work.matlas")
	require.NoError(t, s.SaveTo(path))
	require.False(t, s.Dirty())
	return s, path
}

// TestMapChangesAreUnsavedWork: what the file keeps of the map (layers,
// their opacity, categories and confidences, the period, the event layers'
// styles) counts as unsaved once changed, so closing asks; looking around
// (pan, zoom, selection) does not, nor a change undone before it counted,
// nor playing the years (the period comes back).
func TestMapChangesAreUnsavedWork(t *testing.T) {
	var catLayer, confLayer *layers.Layer
	s, path := savedShell(t)
	for _, l := range s.Cat.Layers {
		if catLayer == nil && len(l.Spec.Categories) > 1 {
			catLayer = l
		}
		if confLayer == nil && l.Spec.Style.ByConfidence {
			confLayer = l
		}
	}
	require.NotNil(t, catLayer)
	require.NotNil(t, confLayer)

	changes := []struct {
		name   string
		change func()
	}{
		{"layer shown", func() { s.SetLayerVisible("places", !s.LayerVisible("places")) }},
		{"opacity", func() { s.SetLayerOpacity(catLayer.Spec.ID, 0.35) }},
		{"category", func() {
			s.SetCategoryVisible(catLayer.Spec.ID, catLayer.Spec.Categories[0].Value, false)
		}},
		{"confidence", func() { s.SetConfidenceVisible(confLayer.Spec.ID, "suspected", false) }},
		{"period", func() { s.SetPeriod(layers.Period{From: 2015, To: 2015}) }},
	}
	for _, c := range changes {
		require.NoError(t, s.SaveTo(path))
		require.False(t, s.Dirty(), c.name)
		c.change()
		assert.True(t, s.Dirty(), "%s: not counted as unsaved", c.name)
		assert.Contains(t, s.Window.Title(), "*work.matlas", c.name)
	}
	// Closing asks.
	s.RequestClose()
	require.NotNil(t, findButton(s, "Don't save"), "closed without asking about a layer change")
	tapButton(t, s, "Cancel")
	// What was saved is what the map showed.
	require.NoError(t, s.SaveTo(path))
	p, err := project.Load(path)
	require.NoError(t, err)
	assert.Equal(t, project.Period{From: 2015, To: 2015}, p.Period)

	// Not work: the view, the selection, a period set to what it is.
	v := s.Map.View()
	v.Center = orb.Point{v.Center[0] + 1, v.Center[1] - 1}
	v.Zoom++
	s.Map.SetView(v)
	s.Select(s.Cat.Layers[0].Features[0])
	s.SetPeriod(s.Period())
	assert.False(t, s.Dirty(), "panning, zooming or selecting counted as unsaved work")
	s.RequestClose()
	assert.True(t, s.closed, "asked to save after a pan")
}

// TestEventStyleAndPlayback: a hotspot style is unsaved work; playing the
// years of an event layer, which puts the period back, is not.
func TestEventStyleAndPlayback(t *testing.T) {
	s, path := savedShell(t)
	l, _, err := s.LoadEvents(context.Background(), project.EventSource{Path: synthFile(t, 300)}, nil)
	require.NoError(t, err)
	require.NoError(t, s.SaveTo(path))
	e := s.ev.list[0]
	e.stopPlay = func() {} // playing: the period moves through the years
	s.SetPeriod(layers.Period{From: 2019, To: 2019})
	assert.False(t, s.Dirty(), "playing the years counted as a change")
	e.stopPlay = nil
	s.SetPeriod(layers.Period{}) // the period it had
	assert.False(t, s.Dirty())

	l.Style = render.EventHex // what the panel's style select does
	s.eventChanged()
	assert.True(t, s.Dirty())
}

// heldSaves makes s's saves wait until release is closed; it returns the
// snapshots written, in order.
func heldSaves(s *Shell, release chan struct{}, fail error) *[]*project.Project {
	var mu sync.Mutex
	var written []*project.Project
	s.saves.Write = func(path string, p *project.Project) error {
		<-release
		if fail != nil {
			return fail
		}
		mu.Lock()
		written = append(written, p)
		mu.Unlock()
		return project.Save(path, p)
	}
	return &written
}

// TestSaveDoesNotBlockTheWindow: Save writes a snapshot on another
// goroutine; the title says so meanwhile; work done during the save stays
// unsaved; a second save waits its turn; closing waits for the save.
func TestSaveDoesNotBlockTheWindow(t *testing.T) {
	s, path := savedShell(t)
	release := make(chan struct{})
	written := heldSaves(s, release, nil)
	addMark(s, "first")
	s.save() // returns while the file is being written
	assert.Contains(t, s.Window.Title(), "saving…")
	assert.True(t, s.Dirty())
	addMark(s, "during the save")
	s.save()
	// Closing now waits for the saves.
	s.shutdown(false)
	assert.False(t, s.closed, "closed while a save was being written")
	close(release)
	s.saves.Wait()
	require.Len(t, *written, 2)
	assert.Len(t, (*written)[0].Annotations, 1, "the first save is the snapshot taken when it was asked")
	assert.Len(t, (*written)[1].Annotations, 2)
	p, err := project.Load(path)
	require.NoError(t, err)
	assert.Len(t, p.Annotations, 2, "the later save was not the last written")
	assert.False(t, s.Dirty())
	assert.NotContains(t, s.Window.Title(), "saving")
	assert.True(t, s.closed, "the close asked during the save did not happen")
}

func TestSaveWhileEditingAndFailedSave(t *testing.T) {
	s, path := savedShell(t)
	before := readString(t, path)
	release := make(chan struct{})
	heldSaves(s, release, errors.New("disk full"))
	addMark(s, "x")
	s.save()
	close(release)
	s.saves.Wait()
	assert.True(t, s.Dirty(), "a failed save left the project marked saved")
	assert.NotContains(t, s.Window.Title(), "saving")
	assert.NotNil(t, findButton(s, "OK"), "the failure is not shown")
	assert.Equal(t, before, readString(t, path))

	// Work done while a save runs stays unsaved once it is written.
	release = make(chan struct{})
	heldSaves(s, release, nil)
	s.save()
	addMark(s, "after the snapshot")
	close(release)
	s.saves.Wait()
	assert.True(t, s.Dirty(), "work done during the save was counted as saved")
	assert.True(t, strings.HasPrefix(s.Window.Title(), "Mali Routes Atlas — *"))
	_, err := os.Stat(path)
	require.NoError(t, err)
}
