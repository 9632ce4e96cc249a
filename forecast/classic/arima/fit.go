package arima

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/forecaster-dev/forecaster/forecast/classic/internal/optim"
)

// method is how stats::arima estimates.
type method int

const (
	methodCSSML method = iota // conditional sum of squares for the start, then exact likelihood
	methodCSS                 // conditional sum of squares only (auto.arima's approximation)
)

// errFit is an estimation failure R's arima() stops on (non-stationary AR
// part after CSS, a singular Hessian, a non-finite finite difference).
var errFit = errors.New("arima: estimation failed")

// fitResult is what stats::arima returns, for one model.
type fitResult struct {
	s       spec
	coef    []float64 // ar, ma, sar, sma, then the regression coefficient (if any)
	nest    int       // coefficients estimated (all but a fixed regression coefficient)
	regName string    // "", "intercept" or "drift"
	sigma2  float64   // arima's σ² (ML: ssq/n.used; CSS: ssq/terms)
	varCoef [][]float64
	loglik  float64
	aic     float64 // NaN for CSS
	resid   []float64
	nUsed   int
	mod     *ssModel // state after the last observation
	phi     []float64
	theta   []float64
}

// fitArima estimates ARIMA s on x as stats::arima(x, order, seasonal,
// xreg, include.mean, method) does with R's defaults (transform.pars,
// kappa 1e6, optim's BFGS). reg is nil, "intercept" (a mean; only when
// d + D = 0) or "drift" (the regressor 1…n). fixed, when not nil, fixes
// the regression coefficient of a model without ARMA terms (auto.arima's
// model of a series that differences to a constant).
func fitArima(x []float64, s spec, reg string, meth method, fixed *float64) (*fitResult, error) {
	n := len(x)
	narma := s.narma()
	// Δ = (1−B)^d (1−B^m)^D, as −coefficients after the first
	delta := []float64{1}
	for i := 0; i < s.d; i++ {
		delta = conv(delta, []float64{1, -1})
	}
	for i := 0; i < s.sd; i++ {
		f := make([]float64, s.m+1)
		f[0], f[s.m] = 1, -1
		delta = conv(delta, f)
	}
	delta = delta[1:]
	for i := range delta {
		delta[i] = -delta[i]
	}
	nUsed := n - len(delta)
	for _, v := range x {
		if math.IsNaN(v) {
			nUsed--
		}
	}
	var xreg []float64
	switch reg {
	case "intercept":
		xreg = make([]float64, n)
		for i := range xreg {
			xreg[i] = 1
		}
	case "drift":
		xreg = make([]float64, n)
		for i := range xreg {
			xreg[i] = float64(i + 1)
		}
	}
	ncxreg := 0
	if xreg != nil {
		ncxreg = 1
	}
	ncond := 0
	if meth == methodCSS || meth == methodCSSML {
		ncond = s.d + s.sd*s.m + s.p + s.m*s.sp
	}
	npar := narma + ncxreg
	init := make([]float64, npar)
	parscale := make([]float64, npar)
	for i := range parscale {
		parscale[i] = 1
	}
	if ncxreg > 0 {
		b, se, ok := regressionStart(x, xreg, s)
		if !ok {
			return nil, fmt.Errorf("%w: regression start", errFit)
		}
		init[narma], parscale[narma] = b, 10*se
	}
	if nUsed <= 0 {
		return nil, fmt.Errorf("%w: too few non-missing observations", errFit)
	}
	// x minus the regression at par
	adjusted := func(par []float64) []float64 {
		if ncxreg == 0 {
			return x
		}
		out := make([]float64, n)
		for i := range x {
			out[i] = x[i] - xreg[i]*par[narma]
		}
		return out
	}
	cssObj := func(par []float64) float64 {
		phi, theta := s.transPars(par, false)
		return 0.5 * math.Log(s.css(adjusted(par), phi, theta, ncond, nil))
	}
	out := &fitResult{s: s, regName: reg, nUsed: nUsed, nest: npar}
	noOptim := npar == 0
	base := []float64{} // the coefficients when nothing is estimated
	if fixed != nil {
		if narma != 0 || ncxreg != 1 {
			return nil, fmt.Errorf("%w: only the regression coefficient of a model without ARMA terms can be fixed", errFit)
		}
		noOptim, base, out.nest = true, []float64{*fixed}, 0
	}
	if meth == methodCSS {
		var res optim.Result
		var hess [][]float64
		if noOptim {
			res = optim.Result{X: base, F: cssObj(base)}
		} else {
			sc := &optim.Scaled{F: cssObj, ParScale: parscale}
			var err error
			if res, err = optim.BFGS(sc, init, -1); err != nil {
				return nil, fmt.Errorf("%w: %v", errFit, err)
			}
			if hess, err = optim.Hessian(sc, res.X); err != nil {
				return nil, fmt.Errorf("%w: %v", errFit, err)
			}
		}
		out.coef = res.X
		out.phi, out.theta = s.transPars(out.coef, false)
		out.mod = makeARIMA(out.phi, out.theta, delta, 1e6)
		xa := adjusted(out.coef)
		out.mod.like(xa, nil)
		out.resid = make([]float64, n)
		out.sigma2 = s.css(xa, out.phi, out.theta, ncond, out.resid)
		if !noOptim {
			v, ok := solveScaled(hess, float64(nUsed), nil)
			if !ok {
				return nil, fmt.Errorf("%w: singular Hessian", errFit)
			}
			out.varCoef = v
		}
		value := 2*float64(nUsed)*res.F + float64(nUsed) + float64(nUsed)*math.Log(2*math.Pi)
		out.loglik = -0.5 * value
		out.aic = math.NaN()
		return out, nil
	}

	// CSS-ML: the CSS fit gives the starting values of the likelihood search.
	if !noOptim {
		sc := &optim.Scaled{F: cssObj, ParScale: parscale}
		res, err := optim.BFGS(sc, init, -1)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errFit, err)
		}
		if res.Fail == 0 {
			copy(init, res.X)
		}
	}
	if s.p > 0 && !arStationary(init[:s.p]) {
		return nil, fmt.Errorf("%w: non-stationary AR part from CSS", errFit)
	}
	if s.sp > 0 && !arStationary(init[s.p+s.q:s.p+s.q+s.sp]) {
		return nil, fmt.Errorf("%w: non-stationary seasonal AR part from CSS", errFit)
	}
	trans := !noOptim
	if trans {
		init = s.invTrans(init)
		if s.q > 0 {
			copy(init[s.p:s.p+s.q], maInvert(init[s.p:s.p+s.q]))
		}
		if s.sq > 0 {
			o := s.p + s.q + s.sp
			copy(init[o:o+s.sq], maInvert(init[o:o+s.sq]))
		}
	}
	phi0, theta0 := s.transPars(init, trans)
	mod := makeARIMA(phi0, theta0, delta, 1e6)
	mlObj := func(par []float64) float64 {
		phi, theta := s.transPars(par, trans)
		mod.update(phi, theta)
		ssq, sumlog, nu := mod.like(adjusted(par), nil)
		s2 := ssq / float64(nu)
		return 0.5 * (math.Log(s2) + sumlog/float64(nu))
	}
	var res optim.Result
	var hess [][]float64
	if noOptim {
		res = optim.Result{X: base, F: mlObj(base)}
	} else {
		sc := &optim.Scaled{F: mlObj, ParScale: parscale}
		var err error
		if res, err = optim.BFGS(sc, init, -1); err != nil {
			return nil, fmt.Errorf("%w: %v", errFit, err)
		}
		coef := append([]float64(nil), res.X...)
		if s.q > 0 {
			copy(coef[s.p:s.p+s.q], maInvert(coef[s.p:s.p+s.q]))
		}
		if s.sq > 0 {
			o := s.p + s.q + s.sp
			copy(coef[o:o+s.sq], maInvert(coef[o:o+s.sq]))
		}
		changed := false
		for i := range coef {
			changed = changed || coef[i] != res.X[i]
		}
		if changed {
			code := res.Fail
			if res, err = optim.BFGS(sc, coef, 0); err != nil {
				return nil, fmt.Errorf("%w: %v", errFit, err)
			}
			res.Fail = code
		}
		if hess, err = optim.Hessian(sc, res.X); err != nil {
			return nil, fmt.Errorf("%w: %v", errFit, err)
		}
	}
	coef := res.X
	if !noOptim {
		a := s.gradTrans(coef)
		v, ok := solveScaled(hess, float64(nUsed), a)
		if !ok {
			return nil, fmt.Errorf("%w: singular Hessian", errFit)
		}
		out.varCoef = v
		coef = s.undoPars(coef)
	}
	out.coef = coef
	out.phi, out.theta = s.transPars(coef, false)
	out.mod = makeARIMA(out.phi, out.theta, delta, 1e6)
	out.resid = make([]float64, n)
	ssq, _, _ := out.mod.like(adjusted(coef), out.resid)
	out.sigma2 = ssq / float64(nUsed)
	value := 2*float64(nUsed)*res.F + float64(nUsed) + float64(nUsed)*math.Log(2*math.Pi)
	out.loglik = -0.5 * value
	out.aic = value + 2*float64(out.nest) + 2
	return out, nil
}

// regressionStart is arima's start for the regression coefficient: least
// squares of the differenced series on the differenced regressor (on the
// undifferenced ones when that regressor differences to zero), with its
// standard error (which sets the parameter's scale in the search).
func regressionStart(x, xreg []float64, s spec) (b, se float64, ok bool) {
	dx, dr := x, xreg
	if s.d > 0 {
		dx, dr = diff(dx, 1, s.d), diff(dr, 1, s.d)
	}
	if s.m > 1 && s.sd > 0 {
		dx, dr = diff(dx, s.m, s.sd), diff(dr, s.m, s.sd)
	}
	b, se, ok = throughOrigin(dx, dr)
	if !ok {
		b, se, ok = throughOrigin(x, xreg)
	}
	return b, se, ok
}

// throughOrigin is lm(y ~ z − 1) for one regressor: b = Σyz/Σz² and its
// standard error √(RSS/(n−1)/Σz²); ok is false when z is all zero (rank 0)
// or there are too few points.
func throughOrigin(y, z []float64) (b, se float64, ok bool) {
	var szz, syz float64
	cnt := 0
	for i := range y {
		if math.IsNaN(y[i]) || math.IsNaN(z[i]) {
			continue
		}
		szz += z[i] * z[i]
		syz += y[i] * z[i]
		cnt++
	}
	if szz == 0 || cnt < 2 {
		return 0, 0, false
	}
	b = syz / szz
	rss := 0.0
	for i := range y {
		if math.IsNaN(y[i]) || math.IsNaN(z[i]) {
			continue
		}
		r := y[i] - b*z[i]
		rss += r * r
	}
	return b, math.Sqrt(rss / float64(cnt-1) / szz), true
}

// solveScaled returns Aᵀ(H·n)⁻¹A (A nil: the identity), arima's
// var.coef; ok is false when H·n is singular to working precision (R's
// solve() stops when the reciprocal condition number is below ε).
func solveScaled(h [][]float64, n float64, a [][]float64) ([][]float64, bool) {
	k := len(h)
	hm := mat.NewDense(k, k, nil)
	for i := range h {
		for j := range h[i] {
			hm.Set(i, j, h[i][j]*n)
		}
	}
	var lu mat.LU
	lu.Factorize(hm)
	if lu.Cond() > 1/0x1p-52 || math.IsInf(lu.Cond(), 0) || math.IsNaN(lu.Cond()) {
		return nil, false
	}
	rhs := mat.NewDense(k, k, nil)
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			if a == nil {
				if i == j {
					rhs.Set(i, j, 1)
				}
			} else {
				rhs.Set(i, j, a[i][j])
			}
		}
	}
	var sol mat.Dense
	if err := lu.SolveTo(&sol, false, rhs); err != nil {
		return nil, false
	}
	if a != nil {
		var at mat.Dense
		at.Mul(rhs.T(), &sol)
		sol = at
	}
	out := make([][]float64, k)
	for i := range out {
		out[i] = mat.Row(nil, i, &sol)
	}
	return out, true
}

// conv is the product of two polynomials (R's TSconv).
func conv(a, b []float64) []float64 {
	out := make([]float64, len(a)+len(b)-1)
	for i := range a {
		for j := range b {
			out[i+j] += a[i] * b[j]
		}
	}
	return out
}

// diff is R's diff(x, lag, differences).
func diff(x []float64, lag, differences int) []float64 {
	out := x
	for k := 0; k < differences; k++ {
		if len(out) <= lag {
			return nil
		}
		nx := make([]float64, len(out)-lag)
		for i := range nx {
			nx[i] = out[i+lag] - out[i]
		}
		out = nx
	}
	return out
}
