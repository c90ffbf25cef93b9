//go:build tools

// Package deps pins the project's direct dependencies in go.mod while parts of
// the tree that use them are being written (go mod tidy keeps imports under any
// build tag). Remove an import here once real code imports the module.
package deps

import (
	_ "fyne.io/fyne/v2"
	_ "github.com/paulmach/orb"
	_ "github.com/stretchr/testify/assert"
	_ "github.com/twpayne/go-geom"
)
