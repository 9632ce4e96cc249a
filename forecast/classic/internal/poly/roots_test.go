package poly

import (
	"math"
	"math/rand/v2"
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

// TestAllInside checks the Schur–Cohn test against the companion-matrix
// eigenvalues (MaxModulus) on random polynomials of degrees 1 to 25 — the
// ETS admissibility polynomials have degree m + 1 ≤ 25 — built from known
// roots, so that the answer is known without either method, and on ETS's
// own characteristic polynomials for parameters drawn from the bounds. Cases
// whose largest root lies within 1e-6 of the radius are left out: there the
// two computations may round either way.
func TestAllInside(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for trial := range 20000 {
		deg := 1 + trial%25
		// real polynomial from conjugate pairs and real roots of moduli in (0, 1.3)
		c := []float64{1}
		mul := func(q []float64) {
			out := make([]float64, len(c)+len(q)-1)
			for i, a := range c {
				for j, b := range q {
					out[i+j] += a * b
				}
			}
			c = out
		}
		maxMod := 0.0
		for d := 0; d < deg; {
			mod := 1.3 * rng.Float64()
			if deg-d >= 2 && rng.IntN(2) == 0 {
				th := math.Pi * rng.Float64()
				re := mod * math.Cos(th)
				mul([]float64{mod * mod, -2 * re, 1}) // (z − ρe^{iθ})(z − ρe^{−iθ})
				d += 2
			} else {
				if rng.IntN(2) == 0 {
					mod = -mod
				}
				mul([]float64{-mod, 1})
				d++
			}
			maxMod = math.Max(maxMod, math.Abs(mod))
		}
		scale := math.Exp(4 * rng.NormFloat64())
		for i := range c {
			c[i] *= scale
		}
		for _, r := range []float64{1, 1 + 1e-10, 0.9} {
			if math.Abs(maxMod-r) < 1e-6 {
				continue
			}
			want := maxMod < r
			got, ok := AllInside(c, r)
			if !ok || got != want {
				t.Fatalf("degree %d, largest root modulus %.9g, radius %g: AllInside = %v, %v; want %v (c = %v)", deg, maxMod, r, got, ok, want, c)
			}
			if ev, ok := MaxModulus(c); ok && math.Abs(ev-r) > 1e-6 && (ev < r) != want {
				t.Fatalf("degree %d: eigenvalues give %.9g, roots built with %.9g", deg, ev, maxMod)
			}
			checked++
		}
	}
	if checked < 50000 {
		t.Fatalf("only %d cases checked", checked)
	}
	if in, ok := AllInside([]float64{3}, 1); !in || !ok {
		t.Errorf("constant: %v, %v; want no roots (all inside)", in, ok)
	}
	if _, ok := AllInside([]float64{1, math.Inf(1)}, 1); ok {
		t.Error("infinite coefficient: ok")
	}
	if in, _ := AllInside([]float64{0.5, 1, 0, 0}, 1); !in {
		t.Error("z + 0.5 with trailing zeros: root −0.5 reported outside")
	}
}
