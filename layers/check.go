package layers

import (
	"fmt"
	"io/fs"
)

// CheckFS loads the catalogue in fsys and checks it; it returns one line per
// problem (none when the data are sound).
func CheckFS(fsys fs.FS) []string {
	c, err := Load(fsys)
	if err != nil {
		return []string{err.Error()}
	}
	return c.Check()
}

// Check returns one line per problem of the catalogue.
func (c *Catalog) Check() []string {
	var out []string
	add := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	seen := map[string]string{}
	for _, l := range c.Layers {
		file := "data/" + l.Spec.File
		for i, f := range l.Features {
			if prev, dup := seen[f.ID]; dup {
				add("%s: feature %d (id %q): id already used in %s", file, i, f.ID, prev)
			}
			seen[f.ID] = file
		}
	}
	return out
}
