package project

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"maliatlas/geo"
)

// TestLoadByteOrderMark: a project saved by an editor that writes a UTF-8
// byte order mark loads (encoding/json refused it as invalid JSON).
func TestLoadByteOrderMark(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bom.matlas")
	require.NoError(t, Save(p, sample()))
	data, err := os.ReadFile(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, append([]byte("\xef\xbb\xbf"), data...), 0o644))
	got, err := Load(p)
	require.NoError(t, err)
	assert.Equal(t, sample().Title, got.Title)
}

// TestLoadTooLarge: a project over the size limit is refused with a clear
// message, not read into memory.
func TestLoadTooLarge(t *testing.T) {
	defer func(m int64) { geo.MaxInput = m }(geo.MaxInput)
	p := filepath.Join(t.TempDir(), "big.matlas")
	require.NoError(t, Save(p, sample()))
	geo.MaxInput = 100
	_, err := Load(p)
	var tl *geo.TooLargeError
	require.True(t, errors.As(err, &tl), "%v", err)
	assert.Contains(t, err.Error(), p+": the file is ")
	assert.Contains(t, err.Error(), "more than the limit of 100 bytes on inputs")
}
