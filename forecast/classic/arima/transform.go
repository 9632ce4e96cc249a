package arima

import (
	"math"
	"math/cmplx"

	"github.com/forecaster-dev/forecaster/forecast/classic/internal/poly"
)

// The parameter transformations of R's stats::arima (Jones 1980): the AR
// parts are optimised as the inverse hyperbolic tangents of their partial
// autocorrelations, so every point of the search space is stationary.

// partrans maps raw (−∞, ∞)^p to the coefficients of a stationary AR(p):
// tanh to partial autocorrelations, then the Durbin-Levinson recursion.
func partrans(raw []float64) []float64 {
	p := len(raw)
	out := make([]float64, p)
	work := make([]float64, p)
	for j := 0; j < p; j++ {
		out[j] = math.Tanh(raw[j])
		work[j] = out[j]
	}
	for j := 1; j < p; j++ {
		a := out[j]
		for k := 0; k < j; k++ {
			work[k] -= a * out[j-k-1]
		}
		copy(out[:j], work[:j])
	}
	return out
}

// invpartrans is partrans's inverse.
func invpartrans(phi []float64) []float64 {
	p := len(phi)
	out := append([]float64(nil), phi...)
	work := append([]float64(nil), phi...)
	for j := p - 1; j > 0; j-- {
		a := out[j]
		for k := 0; k < j; k++ {
			work[k] = (out[k] + a*out[j-k-1]) / (1 - a*a)
		}
		copy(out[:j], work[:j])
	}
	for j := range out {
		out[j] = math.Atanh(out[j])
	}
	return out
}

// spec is R's arma vector: p, q, P, Q, m, d, D.
type spec struct {
	p, q, sp, sq, m, d, sd int
}

func (s spec) narma() int { return s.p + s.q + s.sp + s.sq }

// undoPars applies partrans to the AR and seasonal AR parts of par (R's
// ARIMA_undoPars); the rest is copied.
func (s spec) undoPars(par []float64) []float64 {
	out := append([]float64(nil), par...)
	if s.p > 0 {
		copy(out[:s.p], partrans(par[:s.p]))
	}
	if v := s.p + s.q; s.sp > 0 {
		copy(out[v:v+s.sp], partrans(par[v:v+s.sp]))
	}
	return out
}

// invTrans is R's ARIMA_Invtrans.
func (s spec) invTrans(par []float64) []float64 {
	out := append([]float64(nil), par...)
	if s.p > 0 {
		copy(out[:s.p], invpartrans(par[:s.p]))
	}
	if v := s.p + s.q; s.sp > 0 {
		copy(out[v:v+s.sp], invpartrans(par[v:v+s.sp]))
	}
	return out
}

// transPars is R's ARIMA_transPars: the full AR polynomial φ (length
// p + m·P) and MA polynomial θ (length q + m·Q) from the parameters, the AR
// parts transformed first when trans.
func (s spec) transPars(in []float64, trans bool) (phi, theta []float64) {
	params := in
	if trans {
		params = s.undoPars(in)
	}
	mp, mq, msp, msq, ns := s.p, s.q, s.sp, s.sq, s.m
	p, q := mp+ns*msp, mq+ns*msq
	phi, theta = make([]float64, p), make([]float64, q)
	copy(phi, params[:mp])
	copy(theta, params[mp:mp+mq])
	for j := 0; j < msp; j++ {
		phi[(j+1)*ns-1] += params[j+mp+mq]
		for i := 0; i < mp; i++ {
			phi[(j+1)*ns+i] -= params[i] * params[j+mp+mq]
		}
	}
	for j := 0; j < msq; j++ {
		theta[(j+1)*ns-1] += params[j+mp+mq+msp]
		for i := 0; i < mq; i++ {
			theta[(j+1)*ns+i] += params[i+mp] * params[j+mp+mq+msp]
		}
	}
	return phi, theta
}

// gradTrans is R's ARIMA_Gradtrans: the Jacobian (n×n, A[i][j] =
// ∂par_j/∂raw_i) of undoPars by forward differences with step 1e-3.
func (s spec) gradTrans(raw []float64) [][]float64 {
	const eps = 1e-3
	n := len(raw)
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
		a[i][i] = 1
	}
	block := func(off, k int) {
		w1 := append([]float64(nil), raw[off:off+k]...)
		w2 := partrans(w1)
		for i := 0; i < k; i++ {
			w1[i] += eps
			w3 := partrans(w1)
			for j := 0; j < k; j++ {
				a[off+i][off+j] = (w3[j] - w2[j]) / eps
			}
			w1[i] -= eps
		}
	}
	if s.p > 0 {
		block(0, s.p)
	}
	if s.sp > 0 {
		block(s.p+s.q, s.sp)
	}
	return a
}

// css is R's ARIMA_CSS: the conditional sum of squares of y differenced d
// and D times, the first ncond residuals taken as zero; it returns
// Σe²/(number of terms) and, when resid is not nil, the residuals.
func (s spec) css(y, phi, theta []float64, ncond int, resid []float64) float64 {
	n := len(y)
	w := append([]float64(nil), y...)
	for i := 0; i < s.d; i++ {
		for l := n - 1; l > 0; l-- {
			w[l] -= w[l-1]
		}
	}
	ns := s.m
	for i := 0; i < s.sd; i++ {
		for l := n - 1; l >= ns; l-- {
			w[l] -= w[l-ns]
		}
	}
	if resid == nil {
		resid = make([]float64, n)
	}
	for l := 0; l < ncond && l < n; l++ {
		resid[l] = 0
	}
	ssq := 0.0
	nu := 0
	p, q := len(phi), len(theta)
	for l := ncond; l < n; l++ {
		tmp := w[l]
		for j := 0; j < p; j++ {
			tmp -= phi[j] * w[l-j-1]
		}
		for j := 0; j < min(l-ncond, q); j++ {
			tmp -= theta[j] * resid[l-j-1]
		}
		resid[l] = tmp
		if !math.IsNaN(tmp) {
			nu++
			ssq += tmp * tmp
		}
	}
	return ssq / float64(nu)
}

// arStationary is R's arCheck: the AR polynomial 1 − φ₁z − … has all its
// roots outside the unit circle.
func arStationary(ar []float64) bool {
	p := 0
	for i, v := range ar {
		if v != 0 {
			p = i + 1
		}
	}
	if p == 0 {
		return true
	}
	c := make([]float64, p+1)
	c[0] = 1
	for i := 0; i < p; i++ {
		c[i+1] = -ar[i]
	}
	mods, ok := poly.RootModuli(c)
	if !ok {
		return false
	}
	for _, v := range mods {
		if !(v > 1) {
			return false
		}
	}
	return true
}

// maInvert is R's maInvert: an MA polynomial with roots inside the unit
// circle is replaced by the invertible one with the same autocorrelations
// (those roots reflected to 1/z).
func maInvert(ma []float64) []float64 {
	q := len(ma)
	q0 := 0
	for i, v := range ma {
		if v != 0 {
			q0 = i + 1
		}
	}
	if q0 == 0 {
		return ma
	}
	c := make([]float64, q0+1)
	c[0] = 1
	copy(c[1:], ma[:q0])
	roots, ok := poly.Roots(c)
	if !ok {
		return ma
	}
	inside := false
	for _, z := range roots {
		if cmplx.Abs(z) < 1 {
			inside = true
		}
	}
	if !inside {
		return ma
	}
	out := make([]float64, q)
	if q0 == 1 {
		out[0] = 1 / ma[0]
		return out
	}
	for i, z := range roots {
		if cmplx.Abs(z) < 1 {
			roots[i] = 1 / z
		}
	}
	// x ← x·(1 − B/root) for every root, starting from x = 1
	x := []complex128{1}
	for _, z := range roots {
		nx := make([]complex128, len(x)+1)
		for i := range x {
			nx[i] += x[i]
			nx[i+1] -= x[i] / z
		}
		x = nx
	}
	for i := 1; i <= q0; i++ {
		out[i-1] = real(x[i])
	}
	return out
}
