package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestConvert checks To32 and To64 against Go's conversions (the reference:
// float32(x) rounds to nearest even, float64(f) is exact) bit for bit, on
// every vector width the CPU has, for lengths that leave a scalar tail and
// for the special values: signed zeros, subnormals, overflow to ±Inf, NaN.
func TestConvert(t *testing.T) {
	defer func(w int) { width = w }(width)
	rnd := rand.New(rand.NewPCG(3, 4))
	special := []float64{0, math.Copysign(0, -1), 1e-40, -1e-45, 1e-50, 3.4028235e38, 3.5e38, -1e39,
		math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 1 + 0x1p-24, 1 + 0x1p-23 + 0x1p-24, 0.1}
	for _, w := range Widths() {
		width = w
		for _, n := range []int{0, 1, 3, 4, 7, 8, 15, 16, 37, 1000} {
			t.Run(fmt.Sprintf("width=%d/n=%d", w, n), func(t *testing.T) {
				src := make([]float64, n)
				for i := range src {
					if i < len(special) && n > 16 {
						src[i] = special[i]
					} else {
						src[i] = rnd.NormFloat64() * math.Pow(10, float64(rnd.IntN(20)-10))
					}
				}
				d32 := make([]float32, n)
				To32(d32, src)
				for i, v := range src {
					if want := float32(v); math.Float32bits(d32[i]) != math.Float32bits(want) && !(v != v && d32[i] != d32[i]) {
						t.Fatalf("To32(%v) = %v, want %v", v, d32[i], want)
					}
				}
				d64 := make([]float64, n)
				To64(d64, d32)
				for i, v := range d32 {
					if want := float64(v); math.Float64bits(d64[i]) != math.Float64bits(want) && !(v != v && d64[i] != d64[i]) {
						t.Fatalf("To64(%v) = %v, want %v", v, d64[i], want)
					}
				}
			})
		}
	}
}
