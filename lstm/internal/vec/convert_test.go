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

// TestSigmoid32 checks that Sigmoid32 and Tanh32 give the bits of To64
// followed by Sigmoid and Tanh (their reference, checked against the math
// package by TestVecMath) at every width, lengths with tails, and with
// values from deep saturation to zero.
func TestSigmoid32(t *testing.T) {
	defer func(w int) { width = w }(width)
	rnd := rand.New(rand.NewPCG(5, 6))
	for _, w := range Widths() {
		width = w
		for _, n := range []int{1, 7, 8, 9, 64, 203} {
			z := make([]float32, n)
			b, wt := make([]float64, n), make([]float64, n)
			for i := range z {
				z[i] = float32(rnd.NormFloat64() * 8)
				b[i], wt[i] = rnd.NormFloat64(), rnd.NormFloat64()
			}
			if n > 8 {
				z[0], z[1], z[2] = 0, float32(math.Inf(1)), -800
			}
			for _, f := range []struct {
				name  string
				fused func(x []float64, z []float32, b, w []float64, s float64)
				plain func(x, b, w []float64, s float64)
			}{{"sigmoid", Sigmoid32, Sigmoid}, {"tanh", Tanh32, Tanh}} {
				got, want := make([]float64, n), make([]float64, n)
				f.fused(got, z, b, wt, 0.7)
				To64(want, z)
				f.plain(want, b, wt, 0.7)
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("width %d n %d %s32[%d] = %v, want %v", w, n, f.name, i, got[i], want[i])
					}
				}
			}
		}
	}
}
