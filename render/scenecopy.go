package render

import "maliatlas/layers"

// WithCatalog returns a scene of cat that keeps what s prepared for the
// layers cat shares with s (the built-in layers), so a new import does not
// prepare the whole base map again. s is not changed: a goroutine drawing
// it may go on.
func (s *Scene) WithCatalog(cat *layers.Catalog) *Scene {
	n := NewScene(cat, s.Fonts)
	n.DataExtent = s.DataExtent
	keep := make(map[*layers.Layer]bool, len(cat.Layers))
	for _, l := range cat.Layers {
		keep[l] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for l, p := range s.prepared {
		if keep[l] {
			n.prepared[l] = p
		}
	}
	return n
}
