// Package poly finds the moduli of a polynomial's roots: the test behind the
// admissible parameter region of ETS and the stationarity and invertibility
// checks of ARIMA. R uses the Jenkins-Traub algorithm (polyroot); the
// eigenvalues of the companion matrix give the same roots to far better than
// the 1e-10 and 1e-2 margins the callers compare them against.
package poly

import (
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// Roots returns the roots of c[0] + c[1]·z + … + c[k]·z^k, trailing zero
// coefficients dropped (R's polyroot order). It returns nil for a constant
// polynomial and ok = false when the eigenvalue solver fails or a
// coefficient is not finite.
func Roots(c []float64) (roots []complex128, ok bool) {
	k := len(c) - 1
	for k > 0 && c[k] == 0 {
		k--
	}
	for _, v := range c[:k+1] {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, false
		}
	}
	if k <= 0 {
		return nil, true
	}
	if k == 1 {
		return []complex128{complex(-c[0]/c[1], 0)}, true
	}
	// companion matrix of the monic polynomial z^k + Σ (c[i]/c[k]) z^i
	a := mat.NewDense(k, k, nil)
	for i := 0; i < k; i++ {
		a.Set(0, i, -c[k-1-i]/c[k])
		if i > 0 {
			a.Set(i, i-1, 1)
		}
	}
	var eig mat.Eigen
	if !eig.Factorize(a, mat.EigenNone) {
		return nil, false
	}
	return eig.Values(nil), true
}

// RootModuli returns |z| for every root of c (see Roots).
func RootModuli(c []float64) (mods []float64, ok bool) {
	roots, ok := Roots(c)
	if !ok {
		return nil, false
	}
	for _, z := range roots {
		mods = append(mods, cmplx.Abs(z))
	}
	return mods, true
}

// MaxModulus is the largest root modulus of c (0 for a constant).
func MaxModulus(c []float64) (float64, bool) {
	mods, ok := RootModuli(c)
	out := 0.0
	for _, v := range mods {
		out = math.Max(out, v)
	}
	return out, ok
}

// MinModulus is the smallest root modulus of c (+Inf for a constant).
func MinModulus(c []float64) (float64, bool) {
	mods, ok := RootModuli(c)
	out := math.Inf(1)
	for _, v := range mods {
		out = math.Min(out, v)
	}
	return out, ok
}

// AllInside reports whether every root of c[0] + c[1]·z + … + c[k]·z^k
// (trailing zero coefficients dropped) has modulus below r, by the
// Schur–Cohn recursion: with z = r·w, a(w) = Σ c[i]·rⁱ·wⁱ has all roots in
// the unit disc if and only if |a₀| < |a_k| and so has
// (a_k·a(w) − a₀·w^k·a(1/w)) / w, of degree k − 1. That is O(k²) arithmetic
// and no allocation for k < 64, against an eigenvalue problem for
// MaxModulus(c) < r: the test behind ETS's admissible region, run at every
// step of the likelihood's optimisation. ok is false when a coefficient is
// not finite. A constant polynomial has no roots: all of them are inside.
func AllInside(c []float64, r float64) (inside, ok bool) {
	k := len(c) - 1
	for k > 0 && c[k] == 0 {
		k--
	}
	var buf, bbuf [64]float64
	var a, b []float64
	if k < len(buf) {
		a, b = buf[:k+1], bbuf[:k+1]
	} else {
		a, b = make([]float64, k+1), make([]float64, k+1)
	}
	ri := 1.0
	for i := range a {
		v := c[i]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false, false
		}
		a[i] = v * ri
		ri *= r
	}
	for ; k > 0; k-- {
		a0, ak := a[0], a[k]
		if !(math.Abs(a0) < math.Abs(ak)) {
			return false, true
		}
		// b_i = a_k·a_{i+1} − a₀·a_{k−1−i}, i = 0 … k−1
		for i := range k {
			b[i] = ak*a[i+1] - a0*a[k-1-i]
		}
		// rescale to keep the coefficients in range (the test is
		// invariant under scaling)
		if m := math.Abs(b[k-1]); m > 1e100 || m < 1e-100 {
			for i := range b[:k] {
				b[i] /= m
			}
		}
		a, b = b, a
	}
	return true, true
}
