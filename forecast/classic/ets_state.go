package classic

import (
	"fmt"
	"math"

	"github.com/forecaster-dev/forecaster/forecast/classic/internal/optim"
	"github.com/forecaster-dev/forecaster/forecast/classic/internal/poly"
)

// ETSComponent is the form of one component of an ETS model.
type ETSComponent uint8

// The forms of the error, trend and season components.
const (
	ETSNone           ETSComponent = iota // N: no such component
	ETSAdditive                           // A
	ETSMultiplicative                     // M
)

// Letter is the component's letter in the ETS taxonomy: N, A or M.
func (c ETSComponent) Letter() string {
	switch c {
	case ETSAdditive:
		return "A"
	case ETSMultiplicative:
		return "M"
	}
	return "N"
}

// ETSSpec names an innovations state-space exponential-smoothing model by
// its error, trend and season, and whether the trend is damped.
type ETSSpec struct {
	Error, Trend, Season ETSComponent
	Damped               bool
}

// String names the model as R does: "ETS(M,Ad,M)".
func (s ETSSpec) String() string {
	d := ""
	if s.Damped {
		d = "d"
	}
	return "ETS(" + s.Error.Letter() + "," + s.Trend.Letter() + d + "," + s.Season.Letter() + ")"
}

// ETSModel is a fitted innovations state-space ETS model (Hyndman, Koehler,
// Ord & Snyder 2008), estimated as R's forecast::ets estimates it: smoothing
// parameters and initial states together by maximum likelihood.
type ETSModel struct {
	Spec ETSSpec
	M    int // seasonal period; 1 for a model without season

	Alpha float64 // level
	Beta  float64 // trend (0 without trend); R's β = α·β*
	Gamma float64 // season (0 without season)
	Phi   float64 // damping (1 when not damped)

	// Init holds the initial states: the level, the trend (models with
	// trend) and the m seasonal states s[0] … s[m−1] (seasonal models;
	// s[0] the most recent, s[m−1] the one the first observation uses).
	Init []float64

	LogLik float64 // −½·n·log(Σe²) (−Σlog|ŷ| more for multiplicative error), R's loglik
	AIC    float64
	AICc   float64
	BIC    float64
	Sigma2 float64 // Σe²/(n − k), k the estimated parameters and initial states
	MSE    float64 // mean squared one-step error y − ŷ

	// Residuals are the innovations: y − ŷ for additive error, (y − ŷ)/ŷ
	// for multiplicative. Fitted are the one-step predictions ŷ.
	Residuals, Fitted []float64
	// NPar counts the estimated parameters: the smoothing parameters and
	// the initial states (R's length(fit$par), the degrees of freedom
	// forecast::checkresiduals takes from the model).
	NPar int

	final []float64 // states after the last observation, laid out as Init
}

// Method is the model's name, e.g. "ETS(M,Ad,M)".
func (e *ETSModel) Method() string { return e.Spec.String() }

// ETS estimation bounds: R's defaults (lower = c(rep(0.0001, 3), 0.8),
// upper = c(rep(0.9999, 3), 0.98)) for α, β, γ, φ.
var (
	etsLower = [4]float64{0.0001, 0.0001, 0.0001, 0.8}
	etsUpper = [4]float64{0.9999, 0.9999, 0.9999, 0.98}
)

// etsCrit is what estimation minimises.
type etsCrit int

const (
	critLik etsCrit = iota // the likelihood (ets' default)
	critMSE                // mean squared one-step error (ses, hence thetaf)
)

// AutoETS selects and fits an ETS model to y (seasonal period m; m ≤ 1 for
// none) as R's forecast::ets(y) does: every admissible combination of
// additive or multiplicative error, no, additive or damped trend, and no,
// additive or multiplicative season is estimated, and the one with the
// smallest AICc is returned. Multiplicative error and season need positive
// data; additive error with multiplicative season is excluded (R's
// restrict = TRUE); seasonal models need 1 < m ≤ 24 and more than m points.
//
// A constant series gives simple exponential smoothing with α ≈ 1 (the
// constant forecast, zero-width intervals). Fewer than 7 points, or values
// that are NaN or infinite, give an error.
func AutoETS(y []float64, m int) (*ETSModel, error) {
	if err := checkETSData(y); err != nil {
		return nil, err
	}
	if isConstant(y) {
		return constantETS(y), nil
	}
	if len(y) <= 6 {
		return nil, fmt.Errorf("%w: ets needs at least 7 points, have %d", ErrTooShort, len(y))
	}
	positive := minOf(y) > 0
	seasonal := m > 1 && m <= 24 && len(y) > m
	var best *ETSModel
	for _, et := range []ETSComponent{ETSAdditive, ETSMultiplicative} {
		for _, tt := range []ETSComponent{ETSNone, ETSAdditive} {
			for _, st := range []ETSComponent{ETSNone, ETSAdditive, ETSMultiplicative} {
				for _, damped := range []bool{true, false} {
					spec := ETSSpec{et, tt, st, damped}
					if (tt == ETSNone && damped) || (st != ETSNone && !seasonal) ||
						(et == ETSAdditive && st == ETSMultiplicative) ||
						(!positive && (et == ETSMultiplicative || st == ETSMultiplicative)) {
						continue
					}
					fit, err := fitETS(y, m, spec, critLik)
					if err != nil || math.IsNaN(fit.AICc) || math.IsInf(fit.AICc, 0) {
						continue
					}
					if best == nil || fit.AICc < best.AICc {
						best = fit
					}
				}
			}
		}
	}
	if best == nil {
		return nil, ErrNoModel
	}
	return best, nil
}

// FitETSModel estimates one ETS model, as forecast::ets(y, model, damped)
// does. Multiplicative trend is not supported; the data must suit the model
// (positive for multiplicative error or season, 1 < m ≤ 24 and more than m
// points for a season) and must be long enough to estimate its parameters
// (more than their number + 4 points).
func FitETSModel(y []float64, m int, spec ETSSpec) (*ETSModel, error) {
	if err := checkETSData(y); err != nil {
		return nil, err
	}
	if spec.Error == ETSNone || spec.Trend == ETSMultiplicative || (spec.Damped && spec.Trend == ETSNone) ||
		(spec.Error == ETSAdditive && spec.Season == ETSMultiplicative) {
		return nil, fmt.Errorf("%w: %s", ErrModel, spec)
	}
	if (spec.Error == ETSMultiplicative || spec.Season == ETSMultiplicative) && minOf(y) <= 0 {
		return nil, fmt.Errorf("%w: %s needs positive data", ErrModel, spec)
	}
	if spec.Season != ETSNone && (m <= 1 || m > 24 || len(y) <= m) {
		return nil, fmt.Errorf("%w: %s needs a seasonal period 2…24 and more than one season of data", ErrModel, spec)
	}
	np := 2
	if spec.Trend != ETSNone {
		np += 2
	}
	if spec.Season != ETSNone {
		np += m
	}
	if spec.Damped {
		np++
	}
	if len(y) <= np+4 {
		return nil, fmt.Errorf("%w: %s needs more than %d points, have %d", ErrTooShort, spec, np+4, len(y))
	}
	return fitETS(y, m, spec, critLik)
}

func checkETSData(y []float64) error {
	if len(y) == 0 {
		return fmt.Errorf("%w: empty series", ErrTooShort)
	}
	for _, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ErrNotFinite
		}
	}
	return nil
}

func minOf(y []float64) float64 {
	out := math.Inf(1)
	for _, v := range y {
		out = math.Min(out, v)
	}
	return out
}

// constantETS is forecast's answer to a constant series: simple
// exponential smoothing with α = 0.99999 started at the first value.
func constantETS(y []float64) *ETSModel {
	n := len(y)
	e := &ETSModel{Spec: ETSSpec{Error: ETSAdditive}, M: 1, Alpha: 0.99999, Phi: 1,
		Init: []float64{y[0]}, Residuals: make([]float64, n), Fitted: make([]float64, n)}
	l := y[0]
	sse := 0.0
	for i, v := range y {
		e.Fitted[i] = l
		e.Residuals[i] = v - l
		sse += (v - l) * (v - l)
		l += e.Alpha * (v - l)
	}
	e.final = []float64{l}
	e.MSE = sse / float64(n)
	if n > 1 {
		e.Sigma2 = sse / float64(n-1)
	}
	e.LogLik, e.AIC, e.AICc, e.BIC = math.NaN(), math.NaN(), math.NaN(), math.NaN()
	e.NPar = 1 // the initial level; α is fixed
	return e
}

// etsProblem is one model's estimation problem: the objective R's
// EtsTargetFunction evaluates, over the vector (α, β, γ, φ as present, then
// the initial level, trend and the first m−1 seasonal states).
type etsProblem struct {
	y      []float64
	spec   ETSSpec
	m      int // 1 without season
	nstate int // estimated initial states
	crit   etsCrit
	e      []float64 // scratch
	state  []float64 // scratch: one full state vector
}

// fitETS estimates spec on y as forecast's etsmodel does.
func fitETS(y []float64, m int, spec ETSSpec, crit etsCrit) (*ETSModel, error) {
	if spec.Season == ETSNone {
		m = 1
	}
	pr := &etsProblem{y: y, spec: spec, m: m, crit: crit, e: make([]float64, len(y))}
	par := pr.initParams()
	init, err := etsInitStates(y, m, spec.Trend, spec.Season)
	if err != nil {
		return nil, err
	}
	pr.nstate = len(init)
	par = append(par, init...)
	np := len(par)
	if np >= len(y)-1 {
		return nil, fmt.Errorf("%w: %s has %d parameters for %d points", ErrTooShort, spec, np, len(y))
	}
	res, ok := optim.NelderMead(pr.objective, par, optim.DefaultNelderMead())
	if !ok {
		return nil, fmt.Errorf("%w: %s: the likelihood is not finite at the starting values", ErrNoModel, spec)
	}
	fit := pr.model(res.X)
	fit.NPar = np
	n := float64(len(y))
	k := float64(np + 1)
	fit.AIC = -2*fit.LogLik + 2*k
	fit.BIC = -2*fit.LogLik + math.Log(n)*k
	fit.AICc = fit.AIC + 2*k*(k+1)/(n-k-1)
	sse := 0.0
	for _, v := range fit.Residuals {
		sse += v * v
	}
	fit.Sigma2 = sse / (n - float64(np))
	return fit, nil
}

// initParams are R's starting values (initparam with bounds "both").
func (pr *etsProblem) initParams() []float64 {
	lo, up := etsLower, etsUpper
	alpha := lo[0] + 0.2*(up[0]-lo[0])/float64(pr.m)
	if alpha > 1 || alpha < 0 {
		alpha = lo[0] + 2e-3
	}
	par := []float64{alpha}
	if pr.spec.Trend != ETSNone {
		u := math.Min(up[1], alpha)
		beta := lo[1] + 0.1*(u-lo[1])
		if beta < 0 || beta > alpha {
			beta = alpha - 1e-3
		}
		par = append(par, beta)
	}
	if pr.spec.Season != ETSNone {
		u := math.Min(up[2], 1-alpha)
		gamma := lo[2] + 0.05*(u-lo[2])
		if gamma < 0 || gamma > 1-alpha {
			gamma = 1 - alpha - 1e-3
		}
		par = append(par, gamma)
	}
	if pr.spec.Damped {
		phi := lo[3] + 0.99*(up[3]-lo[3])
		if phi < 0 || phi > 1 {
			phi = up[3] - 1e-3
		}
		par = append(par, phi)
	}
	return par
}

// split reads (α, β, γ, φ) from a parameter vector; absent ones are 0
// (β, γ) and 1 (φ). It returns the index of the first state.
func (pr *etsProblem) split(par []float64) (alpha, beta, gamma, phi float64, j int) {
	alpha, phi = par[0], 1
	j = 1
	if pr.spec.Trend != ETSNone {
		beta = par[j]
		j++
	}
	if pr.spec.Season != ETSNone {
		gamma = par[j]
		j++
	}
	if pr.spec.Damped {
		phi = par[j]
		j++
	}
	return
}

// fullState expands the estimated initial states into dst: the last
// seasonal state makes the seasonal states sum to 0 (additive) or m
// (multiplicative).
func (pr *etsProblem) fullState(dst, states []float64) []float64 {
	dst = append(dst[:0], states...)
	if pr.spec.Season != ETSNone {
		first := 1
		if pr.spec.Trend != ETSNone {
			first = 2
		}
		sum := 0.0
		for _, v := range states[first:] {
			sum += v
		}
		last := -sum
		if pr.spec.Season == ETSMultiplicative {
			last = float64(pr.m) - sum
		}
		dst = append(dst, last)
	}
	return dst
}

// objective is R's EtsTargetFunction::eval: +Inf outside the usual and
// admissible regions or for a negative multiplicative seasonal state, else
// n·log(Σe²) (+2Σlog|ŷ| for multiplicative error), floored at −1e10 — or,
// for critMSE, the mean squared one-step error.
func (pr *etsProblem) objective(par []float64) float64 {
	alpha, beta, gamma, phi, j := pr.split(par)
	if !pr.checkParams(alpha, beta, gamma, phi) {
		return math.Inf(1)
	}
	pr.state = pr.fullState(pr.state, par[j:])
	if pr.spec.Season == ETSMultiplicative {
		first := 1
		if pr.spec.Trend != ETSNone {
			first = 2
		}
		for _, v := range pr.state[first:] {
			if v < 0 {
				return math.Inf(1)
			}
		}
	}
	lik, mse := etsFilter(pr.y, pr.state, pr.m, pr.spec, alpha, beta, gamma, phi, pr.e, nil, nil)
	if lik < -1e10 {
		lik = -1e10
	}
	if math.IsNaN(lik) {
		lik = math.Inf(1)
	}
	if pr.crit == critMSE {
		return mse
	}
	return lik
}

// checkParams is R's check_params with bounds "both": the usual region
// (each parameter within its bounds, β ≤ α, γ ≤ 1 − α) and the admissible
// region (the model's forecasts forget their starting values).
func (pr *etsProblem) checkParams(alpha, beta, gamma, phi float64) bool {
	lo, up := etsLower, etsUpper
	if alpha < lo[0] || alpha > up[0] {
		return false
	}
	if pr.spec.Trend != ETSNone && (beta < lo[1] || beta > alpha || beta > up[1]) {
		return false
	}
	if pr.spec.Damped && (phi < lo[3] || phi > up[3]) {
		return false
	}
	if pr.spec.Season != ETSNone && (gamma < lo[2] || gamma > 1-alpha || gamma > up[2]) {
		return false
	}
	return etsAdmissible(alpha, beta, gamma, phi, pr.m, pr.spec.Trend != ETSNone, pr.spec.Season != ETSNone)
}

// etsAdmissible is the admissible parameter region of Hyndman, Akram &
// Archibald (2008), as R's admissible(): for seasonal models the roots of
// the characteristic polynomial must lie in the unit circle.
func etsAdmissible(alpha, beta, gamma, phi float64, m int, trend, season bool) bool {
	if phi < 0 || phi > 1+1e-8 {
		return false
	}
	if !season {
		if alpha < 1-1/phi || alpha > 1+1/phi {
			return false
		}
		if trend && (beta < alpha*(phi-1) || beta > (1+phi)*(2-alpha)) {
			return false
		}
		return true
	}
	if m <= 1 {
		return true
	}
	if !trend {
		beta = 0
	}
	fm := float64(m)
	if gamma < math.Max(1-1/phi-alpha, 0) || gamma > 1+1/phi-alpha {
		return false
	}
	if alpha < 1-1/phi-gamma*(1-fm+phi+phi*fm)/(2*phi*fm) {
		return false
	}
	if beta < -(1-phi)*(gamma/fm+alpha) {
		return false
	}
	// φ(1−α−γ) + (α+β−αφ+γ−1)z + (α+β−αφ)(z² … z^{m−1}) + (α+β−φ)z^m + z^{m+1}
	c := make([]float64, m+2)
	c[0] = phi * (1 - alpha - gamma)
	c[1] = alpha + beta - alpha*phi + gamma - 1
	for i := 2; i < m; i++ {
		c[i] = alpha + beta - alpha*phi
	}
	c[m] = alpha + beta - phi
	c[m+1] = 1
	// R: max(abs(polyroot(c))) > 1 + 1e-10 is not admissible. The
	// Schur–Cohn test answers the same question without the roots: on
	// AirPassengers it takes AutoETS from 496 to 61 ms per search
	// (BenchmarkAutoETS), with the same models and estimates.
	inside, ok := poly.AllInside(c, 1+1e-10)
	return ok && inside
}

// model builds the fitted model from the optimiser's parameter vector.
func (pr *etsProblem) model(par []float64) *ETSModel {
	alpha, beta, gamma, phi, j := pr.split(par)
	n := len(pr.y)
	init := pr.fullState(nil, par[j:])
	fit := &ETSModel{Spec: pr.spec, M: pr.m, Alpha: alpha, Beta: beta, Gamma: gamma, Phi: phi,
		Init: init, Residuals: make([]float64, n), Fitted: make([]float64, n)}
	fit.final = append([]float64(nil), init...)
	lik, mse := etsFilter(pr.y, fit.final, pr.m, pr.spec, alpha, beta, gamma, phi, fit.Residuals, fit.Fitted, fit.final)
	fit.LogLik = -0.5 * lik
	fit.MSE = mse
	return fit
}

// etsFilter runs the model's recursions over y from state x (laid out as
// ETSModel.Init; m = 1 without season), as forecast's etscalc: it stores
// the innovations in e, the one-step forecasts in fitted (when not nil) and
// the state after the last observation in final (when not nil). It returns
// n·log(Σe²) (+2·Σlog|ŷ| for multiplicative error) and the mean squared
// one-step error.
func etsFilter(y, x []float64, m int, spec ETSSpec, alpha, beta, gamma, phi float64, e, fitted, final []float64) (lik, mse float64) {
	trend := spec.Trend != ETSNone
	season := spec.Season
	var l, b float64
	var s, olds [24]float64
	l = x[0]
	if trend {
		b = x[1]
	}
	off := 1
	if trend {
		off = 2
	}
	if season != ETSNone {
		copy(s[:m], x[off:off+m])
	}
	const tol = 1.0e-10
	const hugen = 1.0e10
	sse, sumLog, amse, denom := 0.0, 0.0, 0.0, 0.0
	// Σlog|ŷ| (multiplicative error only) as the log of a running product,
	// flushed before it leaves [1e-150, 1e150]: one logarithm every hundred
	// or so steps instead of one a step, which was half of AutoETS's time.
	multErr := spec.Error == ETSMultiplicative
	prod := 1.0
	for i, yi := range y {
		oldl, oldb := l, b
		if season != ETSNone {
			copy(olds[:m], s[:m])
		}
		// one-step forecast
		f := oldl
		if trend {
			f = oldl + phi*oldb
		}
		switch season {
		case ETSAdditive:
			f += olds[m-1]
		case ETSMultiplicative:
			f *= olds[m-1]
		}
		if spec.Error == ETSAdditive {
			e[i] = yi - f
		} else {
			e[i] = (yi - f) / f
		}
		if fitted != nil {
			fitted[i] = f
		}
		denom++
		d := yi - f
		amse = (amse*(denom-1) + d*d) / denom

		// new level
		q, phib := oldl, 0.0
		if trend {
			phib = phi * oldb
			q = oldl + phib
		}
		p := yi
		switch season {
		case ETSAdditive:
			p = yi - olds[m-1]
		case ETSMultiplicative:
			if math.Abs(olds[m-1]) < tol {
				p = hugen
			} else {
				p = yi / olds[m-1]
			}
		}
		l = q + alpha*(p-q)
		// new growth: b = φb + β(l − l₋₁ − φb), R's b = phib + (β/α)(r − phib) with r = l − l₋₁
		if trend {
			r := l - oldl
			b = phib + (beta/alpha)*(r-phib)
		}
		// new season
		if season != ETSNone {
			var t float64
			if season == ETSAdditive {
				t = yi - q
			} else if math.Abs(q) < tol {
				t = hugen
			} else {
				t = yi / q
			}
			s[0] = olds[m-1] + gamma*(t-olds[m-1])
			for j := 1; j < m; j++ {
				s[j] = olds[j-1]
			}
		}
		sse += e[i] * e[i]
		if multErr {
			prod *= math.Abs(f)
			if !(prod > 1e-150 && prod < 1e150) {
				sumLog += math.Log(prod)
				prod = 1
			}
		}
	}
	lik = float64(len(y)) * math.Log(sse)
	if multErr {
		sumLog += math.Log(prod)
		lik += 2 * sumLog
	}
	if final != nil {
		final[0] = l
		if trend {
			final[1] = b
		}
		if season != ETSNone {
			copy(final[off:off+m], s[:m])
		}
	}
	return lik, amse
}

// etsInitStates are R's initial states (initstate): for a seasonal model
// the seasonal states from a classical decomposition (a regression on
// trend and one Fourier pair when there are fewer than three seasons), then
// level and trend from the first max(10, 2m) seasonally adjusted values: their
// mean, or a line through them. The last seasonal state is left out (it is
// implied by the others).
func etsInitStates(y []float64, m int, trend, season ETSComponent) ([]float64, error) {
	n := len(y)
	ysa := y
	var seas []float64
	if season != ETSNone {
		if n < 4 {
			return nil, fmt.Errorf("%w: a seasonal model needs at least 4 points", ErrTooShort)
		}
		var sfull []float64
		if n < 3*m {
			var err error
			sfull, err = fourierDetrend(y, m, season == ETSMultiplicative)
			if err != nil {
				return nil, err
			}
		} else {
			d, _ := classicalDecompose(y, m, season == ETSMultiplicative)
			sfull = d.seasonal
		}
		seas = make([]float64, m-1)
		for i := range seas {
			seas[i] = sfull[m-1-i] // rev(seasonal[2:m])
		}
		ysa = make([]float64, n)
		if season == ETSAdditive {
			for i := range y {
				ysa[i] = y[i] - sfull[i]
			}
		} else {
			sum := 0.0
			for i := range seas {
				seas[i] = math.Max(seas[i], 1e-2)
				sum += seas[i]
			}
			if sum > float64(m) {
				s2 := 0.0
				for _, v := range seas {
					s2 += v + 1e-2
				}
				for i := range seas {
					seas[i] /= s2
				}
			}
			for i := range y {
				ysa[i] = y[i] / math.Max(sfull[i], 1e-2)
			}
		}
	} else {
		m = 1
	}
	maxn := min(max(10, 2*m), n)
	var out []float64
	if trend == ETSNone {
		out = []float64{meanR(ysa[:maxn])}
	} else {
		t := make([]float64, maxn)
		for i := range t {
			t[i] = float64(i + 1)
		}
		l0, b0 := lineFit(t, ysa[:maxn])
		if math.Abs(l0+b0) < 1e-8 {
			l0 *= 1 + 1e-3
			b0 *= 1 - 1e-3
		}
		out = []float64{l0, b0}
	}
	return append(out, seas...), nil
}

// fourierDetrend is initstate's seasonal estimate for fewer than three
// seasons: y regressed on 1, t, sin(2πt/m), cos(2πt/m) (t = 1…n; the sine
// dropped when m = 2, where R's fourier() leaves it undefined and the fit
// fails), and y minus (or divided by) the fitted line a + b·t.
func fourierDetrend(y []float64, m int, mult bool) ([]float64, error) {
	n := len(y)
	if m == 2 {
		return nil, fmt.Errorf("%w: a seasonal model with m = 2 needs at least 6 points", ErrTooShort)
	}
	x := make([][]float64, n)
	for i := range x {
		t := float64(i + 1)
		x[i] = []float64{1, t, math.Sin(math.Pi * 2 * t / float64(m)), math.Cos(math.Pi * 2 * t / float64(m))}
	}
	coef, ok := leastSquares(x, y)
	if !ok {
		return nil, fmt.Errorf("%w: the seasonal starting values cannot be estimated", ErrNoModel)
	}
	out := make([]float64, n)
	for i := range out {
		lin := coef[0] + coef[1]*float64(i+1)
		if mult {
			out[i] = y[i] / lin
		} else {
			out[i] = y[i] - lin
		}
	}
	return out, nil
}

// Forecast returns the h-step point forecasts and their standard
// deviations, as forecast.ets computes them (Hyndman et al. 2008, ch. 6):
// exact for additive error (class 1) and for multiplicative error without
// multiplicative season (class 2), and the second-order approximation for
// multiplicative error and season (class 3), whose mean also carries the
// σ²-correction beyond the first season. Two errors of forecast 8.20 are
// corrected: for models with additive season and no trend the seasonal
// smoothing enters the seasonal state (fixed upstream in forecast commit
// 84689588), and for damped multiplicative-seasonal models the damping
// enters the first step as in the model's own recursions.
func (e *ETSModel) Forecast(h int) Forecast {
	if h <= 0 {
		return Forecast{}
	}
	var mu, v []float64
	switch {
	case e.Spec.Season == ETSMultiplicative:
		mu, v = etsClass3(h, e.final, e.Spec, e.M, e.Sigma2, e.Alpha, e.Beta, e.Gamma, e.Phi)
	case e.Spec.Error == ETSMultiplicative:
		mu, v = etsClass2(h, e.final, e.Spec, e.M, e.Sigma2, e.Alpha, e.Beta, e.Gamma, e.Phi)
	default:
		var c []float64
		mu, c = etsClass1(h, e.final, e.Spec, e.M, e.Alpha, e.Beta, e.Gamma, e.Phi)
		v = make([]float64, h)
		cum := 0.0
		for i := range v {
			if i > 0 {
				cum += c[i-1] * c[i-1]
			}
			v[i] = e.Sigma2 * (1 + cum)
		}
	}
	sd := make([]float64, h)
	for i := range sd {
		sd[i] = math.Sqrt(v[i])
	}
	return Forecast{Mean: mu, SD: sd}
}
