// Package testutil holds what the tests of several packages share: the
// seed of random tests and golden files. Only tests import it.
package testutil

import (
	"os"
	"strconv"
	"testing"
)

// Seed is the seed of a random test: def, or the SEED environment variable
// when it is set. The test logs it, so a failure can be repeated with
// SEED=n go test -run TheTest.
func Seed(t testing.TB, def int64) int64 {
	t.Helper()
	seed := def
	if s := os.Getenv("SEED"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("SEED=%q is not a whole number", s)
		}
		seed = n
	}
	t.Logf("seed %d (repeat with SEED=%d)", seed, seed)
	return seed
}
