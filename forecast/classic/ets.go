package classic

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/gonum/optimize"
)

// ETS season types.
const (
	SeasonNone           = "none"
	SeasonAdditive       = "additive"
	SeasonMultiplicative = "multiplicative"
)

// ETS is a fitted exponential-smoothing model: Holt-Winters with additive or
// multiplicative season, or, when there is no season or too little data for
// one, Holt's linear trend, damped trend, or simple exponential smoothing.
//
// Recursions and initialisation follow R's stats::HoltWinters (start.periods
// = 2: level, trend and seasonal figure from a classical decomposition of
// the first two seasons; one-step errors summed from the second season on).
// The smoothing parameters minimise that one-step SSE with Nelder-Mead,
// bounded to [0, 1] (φ to [0.8, 0.98]). When the first differences show a
// season (the M4 benchmarks' 90 % autocorrelation test at lag m), additive
// and multiplicative Holt-Winters are fitted; otherwise Holt, damped Holt
// and simple exponential smoothing. The candidate with the lowest AIC is kept.
type ETS struct {
	Season string  // SeasonNone, SeasonAdditive or SeasonMultiplicative
	Trend  bool    // has a trend component
	Damped bool    // trend damped by Phi
	M      int     // seasonal period (1 when Season is none)
	Alpha  float64 // level
	Beta   float64 // trend
	Gamma  float64 // season
	Phi    float64 // damping (1 when not damped)
	SSE    float64 // one-step sum of squared errors on the evaluated stretch
	AIC    float64

	Scale  float64   // the series was divided by scale while fitting
	level  float64   // final states (scaled)
	trend  float64   //
	season []float64 // final m seasonal states; season[k] applies to step T+1+k
	// start is the seasonal start values of the series being fitted, the
	// same at every evaluation of fitSpec's objective, so decomposed once;
	// nil (every ETS a caller sees): filter decomposes its own x.
	start *etsStart
}

// etsStart is decompose's result: level, trend and seasonal figure.
type etsStart struct {
	l, b float64
	fig  []float64
}

// etsSpec is one candidate model.
type etsSpec struct {
	season string
	trend  bool
	damped bool
	m      int
}

func (s etsSpec) nparams() int {
	k := 1
	if s.trend {
		k++
	}
	if s.damped {
		k++
	}
	if s.season != SeasonNone {
		k++
	}
	return k
}

// FitETS fits the candidate models to hist (seasonal period m; m ≤ 1 for
// none) and returns the best by AIC. Seasonal models need at least 2m+2
// points, else non-seasonal ones are fitted; fewer than 3 points gives a
// level-only model.
func FitETS(hist []float64, m int) (*ETS, error) {
	n := len(hist)
	if n == 0 {
		return nil, errors.New("classic: ets: empty history")
	}
	scale := 0.0
	allPos := true
	for _, v := range hist {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, errors.New("classic: ets: history has NaN or infinite values")
		}
		scale = math.Max(scale, math.Abs(v))
		allPos = allPos && v > 0
	}
	if scale == 0 {
		scale = 1
	}
	x := make([]float64, n)
	for i, v := range hist {
		x[i] = v / scale
	}
	if n < 3 {
		return &ETS{Season: SeasonNone, M: 1, Alpha: 1, Phi: 1, Scale: scale, level: x[n-1]}, nil
	}
	var specs []etsSpec
	start := 2
	if m >= 2 && n >= 2*m+2 && seasonalityTest(x, m) {
		specs = append(specs, etsSpec{SeasonAdditive, true, false, m})
		if allPos {
			specs = append(specs, etsSpec{SeasonMultiplicative, true, false, m})
		}
		start = m
	} else {
		specs = append(specs, etsSpec{SeasonNone, true, false, 1}, etsSpec{SeasonNone, false, false, 1})
		if n >= 6 {
			specs = append(specs, etsSpec{SeasonNone, true, true, 1})
		}
	}
	var best *ETS
	for _, sp := range specs {
		e := fitSpec(x, sp, start)
		if e == nil {
			continue
		}
		if best == nil || e.AIC < best.AIC {
			best = e
		}
	}
	if best == nil {
		return nil, errors.New("classic: ets: no model could be fitted")
	}
	best.Scale = scale
	best.SSE *= scale * scale
	best.AIC += float64(n-start) * 2 * math.Log(scale) // AIC of the unscaled series
	return best, nil
}

// seasonalityTest reports whether the first differences of x have a
// significant autocorrelation at lag m: |r_m| > 1.645·√((1 + 2·Σ_{i<m} r_i²)/n),
// the 90 % test of the M4 competition's benchmarks, applied to differences
// so that a trend (or a random walk) does not pass for a season.
func seasonalityTest(x []float64, m int) bool {
	d := make([]float64, len(x)-1)
	mean := 0.0
	for i := range d {
		d[i] = x[i+1] - x[i]
		mean += d[i]
	}
	n := len(d)
	if n <= m {
		return false
	}
	mean /= float64(n)
	var c0 float64
	for _, v := range d {
		c0 += (v - mean) * (v - mean)
	}
	if c0 == 0 {
		return false
	}
	acf := func(k int) float64 {
		s := 0.0
		for t := k; t < n; t++ {
			s += (d[t] - mean) * (d[t-k] - mean)
		}
		return s / c0
	}
	sum := 0.0
	for i := 1; i < m; i++ {
		r := acf(i)
		sum += r * r
	}
	limit := 1.645 * math.Sqrt((1+2*sum)/float64(n))
	return math.Abs(acf(m)) > limit
}

// bounds of the parameters of a spec, in the order α, β, γ, φ (as present).
func (s etsSpec) bounds() (lo, hi, x0 []float64) {
	lo, hi, x0 = []float64{0}, []float64{1}, []float64{0.3}
	if s.trend {
		lo, hi, x0 = append(lo, 0), append(hi, 1), append(x0, 0.1)
	}
	if s.season != SeasonNone {
		lo, hi, x0 = append(lo, 0), append(hi, 1), append(x0, 0.1)
	}
	if s.damped {
		lo, hi, x0 = append(lo, 0.8), append(hi, 0.98), append(x0, 0.95)
	}
	return lo, hi, x0
}

func fitSpec(x []float64, sp etsSpec, evalStart int) *ETS {
	lo, hi, x0 := sp.bounds()
	var start *etsStart
	if sp.season != SeasonNone {
		start = &etsStart{}
		start.l, start.b, start.fig = decompose(x, sp.m, sp.season == SeasonMultiplicative)
	}
	obj := func(p []float64) float64 {
		q := make([]float64, len(p))
		pen := 0.0
		for i := range p {
			q[i] = math.Min(math.Max(p[i], lo[i]), hi[i])
			pen += math.Abs(p[i] - q[i])
		}
		e := sp.params(q)
		e.start = start
		sse := e.run(x, evalStart, nil)
		if math.IsNaN(sse) || math.IsInf(sse, 0) {
			return math.MaxFloat64 / 4
		}
		return sse * (1 + pen)
	}
	var bestP []float64
	bestF := math.Inf(1)
	starts := [][]float64{x0}
	alt := append([]float64(nil), x0...)
	alt[0] = 0.7
	starts = append(starts, alt)
	for _, st := range starts {
		res, err := optimize.Minimize(optimize.Problem{Func: obj}, st,
			&optimize.Settings{MajorIterations: 2000, Converger: &optimize.FunctionConverge{Absolute: 1e-12, Relative: 1e-10, Iterations: 50}},
			&optimize.NelderMead{SimplexSize: 0.1})
		if err != nil && res == nil {
			continue
		}
		if res.F < bestF {
			bestF, bestP = res.F, res.X
		}
	}
	if bestP == nil {
		return nil
	}
	for i := range bestP {
		bestP[i] = math.Min(math.Max(bestP[i], lo[i]), hi[i])
	}
	e := sp.params(bestP)
	e.SSE = e.run(x, evalStart, nil)
	if math.IsNaN(e.SSE) || math.IsInf(e.SSE, 0) {
		return nil
	}
	nEval := float64(len(x) - evalStart)
	k := float64(sp.nparams() + 1) // + initial level
	if sp.trend {
		k++
	}
	if sp.season != SeasonNone {
		k += float64(sp.m - 1)
	}
	e.AIC = nEval*math.Log(math.Max(e.SSE, 1e-300)/nEval) + 2*k
	return e
}

// params builds an ETS of spec sp from a parameter vector (α, β, γ, φ as present).
func (sp etsSpec) params(p []float64) *ETS {
	e := &ETS{Season: sp.season, Trend: sp.trend, Damped: sp.damped, M: sp.m, Phi: 1, Scale: 1}
	i := 0
	e.Alpha = p[i]
	i++
	if sp.trend {
		e.Beta = p[i]
		i++
	}
	if sp.season != SeasonNone {
		e.Gamma = p[i]
		i++
	}
	if sp.damped {
		e.Phi = p[i]
	}
	return e
}

// decompose returns R's HoltWinters start values from the first two
// seasons: level and trend from a line through the centred moving average,
// and the seasonal figure (normalised to mean 0 or 1).
func decompose(x []float64, m int, mult bool) (l0, b0 float64, fig []float64) {
	xs := x[:2*m]
	var w []float64
	if m%2 == 0 {
		w = make([]float64, m+1)
		for i := range w {
			w[i] = 1 / float64(m)
		}
		w[0], w[m] = 0.5/float64(m), 0.5/float64(m)
	} else {
		w = make([]float64, m)
		for i := range w {
			w[i] = 1 / float64(m)
		}
	}
	off := len(w) / 2
	var trend []float64
	sum := make([]float64, m)
	cnt := make([]float64, m)
	for t := off; t+len(w)-off-1 < len(xs); t++ {
		v := 0.0
		for j := range w {
			v += w[j] * xs[t-off+j]
		}
		trend = append(trend, v)
		if mult {
			sum[t%m] += xs[t] / v
		} else {
			sum[t%m] += xs[t] - v
		}
		cnt[t%m]++
	}
	fig = make([]float64, m)
	mean := 0.0
	for i := range fig {
		fig[i] = sum[i] / cnt[i]
		mean += fig[i] / float64(m)
	}
	for i := range fig {
		if mult {
			fig[i] /= mean
		} else {
			fig[i] -= mean
		}
	}
	// least squares line through trend against 1..L
	L := float64(len(trend))
	var sx, sy, sxx, sxy float64
	for i, v := range trend {
		t := float64(i + 1)
		sx += t
		sy += v
		sxx += t * t
		sxy += t * v
	}
	b0 = (L*sxy - sx*sy) / (L*sxx - sx*sx)
	l0 = (sy - b0*sx) / L
	return l0, b0, fig
}

// run filters x with the model's parameters, summing squared one-step
// errors from index evalStart on, storing the final states in e and, when
// fitted is non-nil, the one-step predictions in fitted (NaN before the
// model's first prediction). It returns the SSE.
func (e *ETS) run(x []float64, evalStart int, fitted []float64) float64 {
	return e.filter(x, evalStart, fitted, nil)
}

// ETSTrace records the filter's states at every step: Level[t] and
// Trend[t] are the states after observing x[:t] (NaN where the filter has
// none yet, or after it failed), Season[i] the seasonal state written at
// step i (the first m from the decomposition; seasonal models only). Origin
// t's h-step forecast is built from Level[t], Trend[t] and Season[t−m:t]
// exactly as Forecast builds it from the final states.
type ETSTrace struct {
	Level, Trend, Season []float64
}

// Trace runs the filter with e's fixed parameters over x (the series
// divided by e.Scale) and records the states after every prefix of x; e's
// final states become those after x, so Forecast continues from the end of
// x. The ES-RNN-style anchor of package forecast builds every origin's
// forecast from one trace.
func (e *ETS) Trace(x []float64) *ETSTrace {
	tr := newETSTrace(len(x))
	e.filter(x, len(x), nil, tr)
	return tr
}

// newETSTrace allocates a trace for n observations.
func newETSTrace(n int) *ETSTrace {
	tr := &ETSTrace{Level: make([]float64, n+1), Trend: make([]float64, n+1)}
	for i := range tr.Level {
		tr.Level[i], tr.Trend[i] = math.NaN(), math.NaN()
	}
	return tr
}

// filter is run, also recording every state in trace when it is non-nil.
func (e *ETS) filter(x []float64, evalStart int, fitted []float64, trace *ETSTrace) float64 {
	n := len(x)
	a, b, g, phi := e.Alpha, e.Beta, e.Gamma, e.Phi
	for i := range fitted {
		fitted[i] = math.NaN()
	}
	sse := 0.0
	switch e.Season {
	case SeasonAdditive, SeasonMultiplicative:
		mult := e.Season == SeasonMultiplicative
		m := e.M
		var l, tr float64
		var fig []float64
		if e.start != nil {
			l, tr, fig = e.start.l, e.start.b, e.start.fig
		} else {
			l, tr, fig = decompose(x, m, mult)
		}
		s := make([]float64, n)
		if trace != nil {
			trace.Season = s
		}
		copy(s, fig)
		for i := m; i < n; i++ {
			st := s[i-m]
			xhat := l + tr
			if mult {
				xhat *= st
			} else {
				xhat += st
			}
			if fitted != nil {
				fitted[i] = xhat
			}
			if i >= evalStart {
				r := x[i] - xhat
				sse += r * r
			}
			lp := l
			if mult {
				if st == 0 {
					return math.Inf(1)
				}
				l = a*(x[i]/st) + (1-a)*(l+tr)
			} else {
				l = a*(x[i]-st) + (1-a)*(l+tr)
			}
			tr = b*(l-lp) + (1-b)*tr
			if mult {
				if l == 0 {
					return math.Inf(1)
				}
				s[i] = g*(x[i]/l) + (1-g)*st
			} else {
				s[i] = g*(x[i]-l) + (1-g)*st
			}
			if trace != nil {
				trace.Level[i+1], trace.Trend[i+1] = l, tr
			}
		}
		e.level, e.trend = l, tr
		e.season = append(e.season[:0], s[n-m:]...)
	default:
		var l, tr float64
		first := 1
		if e.Trend {
			l, tr, first = x[1], x[1]-x[0], 2
		} else {
			l = x[0]
		}
		if trace != nil {
			trace.Level[first], trace.Trend[first] = l, tr
		}
		for i := first; i < n; i++ {
			xhat := l + phi*tr
			if fitted != nil {
				fitted[i] = xhat
			}
			if i >= evalStart {
				r := x[i] - xhat
				sse += r * r
			}
			lp := l
			l = a*x[i] + (1-a)*(l+phi*tr)
			if e.Trend {
				tr = b*(l-lp) + (1-b)*phi*tr
			}
			if trace != nil {
				trace.Level[i+1], trace.Trend[i+1] = l, tr
			}
		}
		e.level, e.trend = l, tr
		e.season = nil
	}
	return sse
}

// Forecast returns the h-step forecast from the end of the history.
func (e *ETS) Forecast(h int) []float64 {
	out := make([]float64, h)
	damp := 0.0
	pk := 1.0
	for k := 0; k < h; k++ {
		pk *= e.Phi
		if e.Damped {
			damp += pk
		} else {
			damp = float64(k + 1)
		}
		v := e.level
		if e.Trend {
			v += damp * e.trend
		}
		switch e.Season {
		case SeasonAdditive:
			v += e.season[k%e.M]
		case SeasonMultiplicative:
			v *= e.season[k%e.M]
		}
		out[k] = v * e.Scale
	}
	return out
}

// String describes the model, e.g. "Holt-Winters multiplicative (m=12),
// α=0.28 β=0.03 γ=0.87": three significant digits, at most four decimals,
// never an exponent (a β of 4.77e-15 reads 0).
func (e *ETS) String() string {
	switch {
	case e.Season != SeasonNone:
		return fmt.Sprintf("Holt-Winters %s (m=%d), α=%s β=%s γ=%s", e.Season, e.M, param(e.Alpha), param(e.Beta), param(e.Gamma))
	case e.Damped:
		return fmt.Sprintf("damped Holt trend, α=%s β=%s φ=%s", param(e.Alpha), param(e.Beta), param(e.Phi))
	case e.Trend:
		return fmt.Sprintf("Holt linear trend, α=%s β=%s", param(e.Alpha), param(e.Beta))
	}
	return fmt.Sprintf("simple exponential smoothing, α=%s", param(e.Alpha))
}

// param writes a smoothing weight with three significant digits and at
// most four decimals, without an exponent.
func param(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	d := min(max(2-int(math.Floor(math.Log10(math.Abs(v)))), 0), 4)
	p := math.Pow(10, float64(d))
	r := math.Round(v*p) / p
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
