//go:build unix

package project

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSaveKeepsAPrivateProjectPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.matlas")
	require.NoError(t, Save(path, sample()))
	require.NoError(t, os.Chmod(path, 0o600))
	p := sample()
	p.Title = "changed"
	require.NoError(t, Save(path, p))
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "a 0600 project must stay 0600")
}
