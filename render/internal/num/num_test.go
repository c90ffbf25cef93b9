package num

import (
	"math"
	"testing"
)

func TestFormat(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 12: "12", 0.5: ".5", -0.25: "-.25", 1.006: "1.01", -3.999: "-4", 10.1: "10.1",
		math.NaN(): "0", math.Inf(1): "0",
	} {
		if got := Format(v); got != want {
			t.Errorf("Format(%v) = %q, want %q", v, got, want)
		}
	}
}
