package app

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestDefaultProjectName(t *testing.T) {
	s := newTestShell(t)
	day := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	assert.Equal(t, "mali-routes-atlas-2026-11-30.matlas", s.defaultProjectName(day))
	s.SetLang("fr")
	assert.Equal(t, "atlas-des-routes-du-mali-2026-11-30.matlas", s.defaultProjectName(day))
	s.path = filepath.Join(t.TempDir(), "kidal-workshop.matlas")
	assert.Equal(t, "kidal-workshop.matlas", s.defaultProjectName(day), "a saved project offers its own name")
	assert.Equal(t, "map", slug("—"))
	assert.Equal(t, "segou-2024", slug("Ségou 2024"))
}
