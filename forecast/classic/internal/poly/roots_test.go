package poly

import (
	"math"
	"testing"
)

// Root moduli checked against R 4.2.2's polyroot:
//
//	Mod(polyroot(c(6, -5, 1)))             # 2 3
//	Mod(polyroot(c(1, -0.5, 0.3, 0.2)))    # 1.3055778764326773 (twice) 2.9333537485781958
//
// to 1e-12 relative (two root finders, both accurate to a few ulps here).
func TestRootModuli(t *testing.T) {
	for _, tc := range []struct {
		c        []float64
		min, max float64
	}{
		{[]float64{6, -5, 1}, 2, 3},
		{[]float64{1, -0.5, 0.3, 0.2}, 1.3055778764326773, 2.9333537485781958},
		{[]float64{1, -0.5, 0.3, 0.2, 0, 0}, 1.3055778764326773, 2.9333537485781958}, // trailing zeros dropped
		{[]float64{2, 4}, 0.5, 0.5},
	} {
		lo, ok1 := MinModulus(tc.c)
		hi, ok2 := MaxModulus(tc.c)
		if !ok1 || !ok2 || math.Abs(lo-tc.min) > 1e-12*tc.min || math.Abs(hi-tc.max) > 1e-12*tc.max {
			t.Errorf("roots of %v: moduli in [%.17g, %.17g]; want [%.17g, %.17g]", tc.c, lo, hi, tc.min, tc.max)
		}
	}
	if mods, ok := RootModuli([]float64{3}); !ok || mods != nil {
		t.Errorf("constant: %v, %v; want no roots", mods, ok)
	}
	if _, ok := RootModuli([]float64{1, math.NaN()}); ok {
		t.Error("NaN coefficient: ok")
	}
}
