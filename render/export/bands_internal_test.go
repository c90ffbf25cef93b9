package export

import "testing"

// TestBandRows: bands keep their cells in raster's dense grid (rows ×
// (columns+1) ≤ 2¹⁸) and, unless they are at the 16-row floor, are at
// least 3 to a goroutine (4 but for rounding); 16 to 128 rows.
func TestBandRows(t *testing.T) {
	if got := bandRows(1920, 1080, 2); got != 128 {
		t.Errorf("1920×1080 on 2 cores: bands of %d rows, want 128", got)
	}
	if got := bandRows(1920, 1080, 4); got != 68 {
		t.Errorf("1920×1080 on 4 cores: bands of %d rows, want 68", got)
	}
	for _, w := range []int{0, 1, 100, 1919, 1920, 2047, 2048, 2049, 4095, 4096, 8191, 16383, 16384, 96000} {
		for _, h := range []int{1, 15, 16, 100, 1080, 1081, 20000} {
			for _, n := range []int{1, 2, 3, 8, 64} {
				rows := bandRows(w, h, n)
				if rows < 16 || rows > 128 {
					t.Fatalf("%d×%d on %d cores: bands of %d rows", w, h, n, rows)
				}
				if rows > 16 && rows*(w+1) > 1<<18 {
					t.Errorf("%d×%d on %d cores: bands of %d rows, %d cells", w, h, n, rows, rows*(w+1))
				}
				if nb := (h + rows - 1) / rows; rows > 16 && nb < 3*n {
					t.Errorf("%d×%d on %d cores: %d bands of %d rows", w, h, n, nb, rows)
				}
			}
		}
	}
}
