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
