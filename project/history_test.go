package project

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ids(p *Project) []string {
	var s []string
	for _, a := range p.Annotations {
		s = append(s, a.ID)
	}
	return s
}

func TestHistorySequence(t *testing.T) {
	p := New()
	var h History
	assert.False(t, h.CanUndo())
	assert.False(t, h.Undo(p))
	assert.False(t, h.Redo(p))

	x := Annotation{ID: "x", Kind: KindMarker, Points: [][2]float64{{-8, 12}}, Text: "X"}
	y := Annotation{ID: "y", Kind: KindText, Points: [][2]float64{{-5, 14}}, Text: "Y"}
	h.Apply(p, Change{After: &x})
	h.Apply(p, Change{After: &y})
	assert.Equal(t, []string{"x", "y"}, ids(p))

	// Move x: the history keeps its own copies, so changing ours later does
	// not change what undo restores.
	moved := x.Clone()
	moved.Points[0] = [2]float64{-7, 13}
	h.Apply(p, Change{Before: &x, After: &moved})
	assert.Equal(t, [2]float64{-7, 13}, p.Annotations[0].Points[0])
	x.Points[0] = [2]float64{0, 0}

	// Edit the text of the moved x.
	edited := moved.Clone()
	edited.Text = "X2"
	h.Apply(p, Change{Before: &moved, After: &edited})
	assert.Equal(t, "X2", p.Annotations[0].Text)

	// Delete x (it was first).
	h.Apply(p, Change{Before: &edited})
	assert.Equal(t, []string{"y"}, ids(p))

	// Undo ×3: x comes back in its place, then loses its edit, then its move.
	require.True(t, h.Undo(p))
	assert.Equal(t, []string{"x", "y"}, ids(p))
	assert.Equal(t, "X2", p.Annotations[0].Text)
	require.True(t, h.Undo(p))
	assert.Equal(t, "X", p.Annotations[0].Text)
	assert.Equal(t, [2]float64{-7, 13}, p.Annotations[0].Points[0])
	require.True(t, h.Undo(p))
	assert.Equal(t, [2]float64{-8, 12}, p.Annotations[0].Points[0])
	assert.True(t, h.CanRedo())

	// Redo the move.
	require.True(t, h.Redo(p))
	assert.Equal(t, [2]float64{-7, 13}, p.Annotations[0].Points[0])
	assert.Equal(t, "X", p.Annotations[0].Text)

	// A new change clears what could be redone.
	z := Annotation{ID: "z", Kind: KindCircle, Points: [][2]float64{{-4, 15}}, RadiusKm: 20}
	h.Apply(p, Change{After: &z})
	assert.False(t, h.CanRedo())
	assert.False(t, h.Redo(p))
	assert.Equal(t, []string{"x", "y", "z"}, ids(p))

	// Undo everything there is: back to empty, and no further.
	n := 0
	for h.Undo(p) {
		n++
	}
	assert.Equal(t, 4, n, "add z, move x, add y, add x")
	assert.Empty(t, p.Annotations)
	assert.NoError(t, p.Validate())
}

func TestHistoryIsBounded(t *testing.T) {
	p := New()
	var h History
	for i := 0; i < MaxHistory+20; i++ {
		a := Annotation{ID: "a" + itoa(i), Kind: KindText, Points: [][2]float64{{0, 0}}}
		h.Apply(p, Change{After: &a})
	}
	n := 0
	for h.Undo(p) {
		n++
	}
	assert.Equal(t, MaxHistory, n)
	assert.Len(t, p.Annotations, 20)
}
