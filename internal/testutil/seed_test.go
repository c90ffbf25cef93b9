package testutil

import "testing"

func TestSeed(t *testing.T) {
	t.Setenv("SEED", "")
	if got := Seed(t, 7); got != 7 {
		t.Fatalf("default seed %d", got)
	}
	t.Setenv("SEED", "42")
	if got := Seed(t, 7); got != 42 {
		t.Fatalf("SEED=42 gives %d", got)
	}
}
