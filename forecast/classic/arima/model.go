package arima

import (
	"fmt"
	"math"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/classic/internal/poly"
)

// Order is a seasonal ARIMA(p,d,q)(P,D,Q)[m] specification.
type Order struct {
	P, D, Q    int // non-seasonal AR order, differences, MA order
	SP, SD, SQ int // seasonal AR order, differences, MA order
	M          int // seasonal period (1 for none)
}

// String is R's notation: "ARIMA(2,1,1)(0,1,1)[12]", the seasonal part
// only when it has a term.
func (o Order) String() string {
	s := fmt.Sprintf("ARIMA(%d,%d,%d)", o.P, o.D, o.Q)
	if o.M > 1 && o.SP+o.SD+o.SQ > 0 {
		s += fmt.Sprintf("(%d,%d,%d)[%d]", o.SP, o.SD, o.SQ, o.M)
	}
	return s
}

func (o Order) spec() spec {
	return spec{p: o.P, q: o.Q, sp: o.SP, sq: o.SQ, m: max(o.M, 1), d: o.D, sd: o.SD}
}

// Model is a fitted ARIMA model, as forecast's Arima/auto.arima return it.
type Model struct {
	Order    Order
	Constant bool // a mean (d + D = 0) or a drift (d + D = 1) is estimated

	// Coef are the estimates named by CoefNames (ar1 …, ma1 …, sar1 …,
	// sma1 …, then intercept or drift), as R names them.
	Coef      []float64
	CoefNames []string

	// Sigma2 is the innovation variance forecast uses: Σe²/(n* − k + 1),
	// n* = n − d − D·m the differenced length, k the estimated coefficients
	// + 1.
	Sigma2 float64
	LogLik float64 // exact Gaussian log-likelihood of the differenced series
	AIC    float64
	AICc   float64
	BIC    float64

	// Residuals are the standardised one-step innovations of the fitted
	// model.
	Residuals []float64

	fit      *fitResult
	n        int
	constant *float64 // a constant series: forecast this value
}

// Method names the model as R prints it: "ARIMA(2,1,1)(0,1,0)[12] with
// drift", "… with non-zero mean", "… with zero mean".
func (m *Model) Method() string {
	s := m.Order.String()
	switch {
	case m.Constant && m.Order.D+m.Order.SD == 1:
		s += " with drift"
	case m.Constant:
		s += " with non-zero mean"
	case m.Order.D == 0 && m.Order.SD == 0:
		s += " with zero mean"
	}
	return s
}

// Forecast returns the h-step forecasts (R's KalmanForecast from the
// filtered state, plus the mean or drift) and their standard deviations
// √(v_h·σ²).
func (m *Model) Forecast(h int) classic.Forecast {
	if h <= 0 {
		return classic.Forecast{}
	}
	f := classic.Forecast{Mean: make([]float64, h), SD: make([]float64, h)}
	if m.constant != nil {
		for i := range f.Mean {
			f.Mean[i] = *m.constant
		}
		return f
	}
	pred, v := m.fit.mod.forecast(h)
	narma := m.fit.s.narma()
	for i := range pred {
		xm := 0.0
		switch m.fit.regName {
		case "intercept":
			xm = m.fit.coef[narma]
		case "drift":
			xm = float64(m.n+1+i) * m.fit.coef[narma]
		}
		f.Mean[i] = pred[i] + xm
		f.SD[i] = math.Sqrt(v[i] * m.Sigma2)
	}
	return f
}

// Fit estimates one ARIMA model on y as forecast's auto.arima fits each
// candidate (its myarima) without approximation: stats::arima by
// conditional sum of squares then exact likelihood, with a drift term
// (d + D = 1) or a mean (d + D = 0) when constant is set. It returns an
// error when the estimation fails or the fit is one auto.arima rejects (an
// AR or MA root within 1.01 of the unit circle, a negative coefficient
// variance).
func Fit(y []float64, o Order, constant bool) (*Model, error) {
	if err := checkData(y); err != nil {
		return nil, err
	}
	if o.M < 1 {
		o.M = 1
	}
	c := candidate(y, o, constant, false, 0, nil)
	if c.err != nil {
		return nil, c.err
	}
	if math.IsInf(c.ic, 1) {
		return nil, fmt.Errorf("%w: %s has a root near the unit circle or an invalid variance", classic.ErrNoModel, o)
	}
	return c.model, nil
}

func checkData(y []float64) error {
	if len(y) == 0 {
		return fmt.Errorf("%w: empty series", classic.ErrTooShort)
	}
	for _, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return classic.ErrNotFinite
		}
	}
	return nil
}

// fitted is one candidate of the search: its criterion (+Inf when R's
// myarima rejects it or the estimation failed) and the model.
type fitted struct {
	order    Order
	constant bool
	ic       float64
	model    *Model
	err      error
}

// candidate is forecast's myarima: fit, AICc (the CSS approximation's
// with offset when approx), the adjusted σ², and rejection of fits with a
// root within 1.01 of the unit circle or a NaN standard error.
func candidate(x []float64, o Order, constant, approx bool, offset float64, fixed *float64) fitted {
	out := fitted{order: o, constant: constant, ic: math.Inf(1)}
	s := o.spec()
	meth := methodCSSML
	if approx {
		meth = methodCSS
	}
	reg := ""
	diffs := o.D + o.SD
	switch {
	case diffs == 1 && constant:
		reg = "drift"
	case diffs == 0 && constant:
		reg = "intercept"
	}
	fit, err := fitArima(x, s, reg, meth, fixed)
	if err != nil {
		out.err = err
		return out
	}
	n := len(x)
	nstar := n - o.D - o.SD*s.m
	npar := fit.nest + 1
	aic := fit.aic
	if meth == methodCSS {
		aic = offset + float64(nstar)*math.Log(fit.sigma2) + 2*float64(npar)
	}
	model := &Model{Order: o, Constant: constant, Coef: fit.coef, CoefNames: coefNames(s, reg),
		LogLik: fit.loglik, fit: fit, n: n, Residuals: fit.resid}
	ic := math.Inf(1)
	if !math.IsNaN(aic) {
		k := float64(npar)
		model.AIC = aic
		model.BIC = aic + k*(math.Log(float64(nstar))-2)
		model.AICc = aic + 2*k*(k+1)/(float64(nstar)-k-1)
		ic = model.AICc
	} else {
		model.AIC, model.BIC, model.AICc = math.Inf(1), math.Inf(1), math.Inf(1)
	}
	ss := 0.0
	for _, v := range fit.resid {
		if !math.IsNaN(v) {
			ss += v * v
		}
	}
	model.Sigma2 = ss / float64(nstar-npar+1)

	minroot := 2.0
	if o.P+o.SP > 0 {
		if r, ok := minRoot(fit.phi, -1); !ok {
			ic = math.Inf(1)
		} else {
			minroot = math.Min(minroot, r)
		}
	}
	if o.Q+o.SQ > 0 && !math.IsInf(ic, 1) {
		if r, ok := minRoot(fit.theta, 1); !ok {
			ic = math.Inf(1)
		} else {
			minroot = math.Min(minroot, r)
		}
	}
	if minroot < 1+1e-2 || badVariance(fit.varCoef) {
		ic = math.Inf(1)
	}
	out.ic = ic
	out.model = model
	return out
}

// minRoot is the smallest root modulus of 1 + sign·(c₁z + c₂z² + …), the
// coefficients cut after the last one larger than 1e-8 (2 when none is).
func minRoot(c []float64, sign float64) (float64, bool) {
	last := 0
	for i, v := range c {
		if math.Abs(v) > 1e-8 {
			last = i + 1
		}
	}
	if last == 0 {
		return 2, true
	}
	p := make([]float64, last+1)
	p[0] = 1
	for i := 0; i < last; i++ {
		p[i+1] = sign * c[i]
	}
	return poly.MinModulus(p)
}

// badVariance is forecast's checkarima: a coefficient variance whose
// square root is NaN.
func badVariance(v [][]float64) bool {
	for i := range v {
		if math.IsNaN(math.Sqrt(v[i][i])) {
			return true
		}
	}
	return false
}

func coefNames(s spec, reg string) []string {
	var out []string
	for _, p := range []struct {
		name string
		k    int
	}{{"ar", s.p}, {"ma", s.q}, {"sar", s.sp}, {"sma", s.sq}} {
		for i := 1; i <= p.k; i++ {
			out = append(out, fmt.Sprintf("%s%d", p.name, i))
		}
	}
	if reg != "" {
		out = append(out, reg)
	}
	return out
}
