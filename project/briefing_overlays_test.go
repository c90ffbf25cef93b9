package project_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/data"
	"maliatlas/layers"
	"maliatlas/project"
)

// TestBuiltinStepsShowOnlyTheirOverlays: the window opens with some overlays
// on (the routes), and a step keeps the default of a layer it does not list;
// so every built-in step must list those default overlays it does not show,
// or a step about the regions would draw the routes too.
func TestBuiltinStepsShowOnlyTheirOverlays(t *testing.T) {
	cat, err := layers.Load(data.FS)
	require.NoError(t, err)
	bs, err := project.LoadBuiltin(data.FS)
	require.NoError(t, err)
	defaults := cat.DefaultVisible()
	defaultOverlays := 0
	for _, id := range defaults {
		if cat.Layer(id).Spec.Group == "overlay" {
			defaultOverlays++
		}
	}
	assert.Positive(t, defaultOverlays, "the atlas opens with route overlays on")
	for _, b := range bs {
		for i := range b.Steps {
			st := &b.Steps[i]
			listed := map[string]bool{}
			for _, l := range st.Layers {
				if l.Visible {
					listed[l.ID] = true
				}
			}
			vis, _ := st.Shown(defaults)
			for _, id := range vis {
				if cat.Layer(id).Spec.Group == "overlay" {
					assert.True(t, listed[id], "%s step %d (%s) shows the default overlay %q it does not list", b.ID, i+1, st.Title.In("en"), id)
				}
			}
		}
	}
}
