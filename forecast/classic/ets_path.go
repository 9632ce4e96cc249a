package classic

import "math"

// ETSPath is an ETS model run along one series with its parameters fixed:
// the filter's states after every prefix v[:t] from one pass (O(n) memory),
// so the forecast from any origin t at any step k is O(1). It is the ETS
// anchor of the LSTM (package forecast) and of the global model
// (forecast/global).
type ETSPath struct {
	e     *ETS
	trace *ETSTrace
	damp  []float64 // damp[k]: the trend's multiplier at step k+1, as in Forecast
	first int       // first origin whose state depends on v[:t] only
	name  string    // the model's name when not e's (NewETSModelPath)
}

// NewETSPath runs e's filter over v (in the series' units: it runs on
// v/e.Scale) with e's parameters fixed, for forecasts of up to h steps; e's
// final states become those after v. It returns nil when v is too short
// for the model's initial state.
func NewETSPath(e *ETS, v []float64, h int) *ETSPath {
	// The initial state comes from v[:first]: a classical decomposition of
	// the first two seasons (Holt-Winters), the first two values (Holt) or
	// the first value (simple smoothing). Before that origin the filter's
	// state would have seen the values it forecasts.
	first := 1
	switch {
	case e.Season != SeasonNone:
		first = 2 * e.M
	case e.Trend:
		first = 2
	}
	if len(v) < max(first, 3) {
		return nil
	}
	x := make([]float64, len(v))
	for i, y := range v {
		x[i] = y / e.Scale
	}
	return &ETSPath{e: e, trace: e.Trace(x), first: first, damp: dampSums(e.Phi, e.Damped, h)}
}

// dampSums are the trend's multipliers for steps 1 … h: φ + … + φ^k when
// damped, k when not.
func dampSums(phi float64, damped bool, h int) []float64 {
	out := make([]float64, h)
	damp, pk := 0.0, 1.0
	for k := range out {
		pk *= phi
		if damped {
			damp += pk
		} else {
			damp = float64(k + 1)
		}
		out[k] = damp
	}
	return out
}

// At is the (k+1)-step forecast (k 0-based) from the state after v[:t].
// ok is false on a nil path, before the first causal origin, past the
// filtered series, or where the filter's value is not finite.
func (p *ETSPath) At(t, k int) (y float64, ok bool) {
	if p == nil || t < p.first || t >= len(p.trace.Level) {
		return 0, false
	}
	e := p.e
	y = p.trace.Level[t]
	if e.Trend {
		y += p.damp[k] * p.trace.Trend[t]
	}
	switch e.Season {
	case SeasonAdditive:
		y += p.trace.Season[t-e.M+k%e.M]
	case SeasonMultiplicative:
		y *= p.trace.Season[t-e.M+k%e.M]
	}
	y *= e.Scale
	if math.IsNaN(y) || math.IsInf(y, 0) {
		return 0, false
	}
	return y, true
}

// String names the path's model, as ETS.String.
func (p *ETSPath) String() string {
	if p.name != "" {
		return p.name
	}
	return p.e.String()
}

// NewETSModelPath is NewETSPath for a model of R's ets family (AutoETS,
// FitETSModel): e's filter, its parameters and initial states fixed, run
// over y (in the series' units), for point forecasts of up to h steps from
// every origin. The forecast from origin t is the model's point forecast
// from its states after y[:t] (level, damped trend, the season's last m
// states), as ETSModel.Forecast computes the mean for additive season and
// within the first season for multiplicative season (beyond it Forecast
// adds a small variance correction, which an anchor leaves out). Origins
// before the second season (seasonal models), the second value (trend) or
// the first value are not served, as for NewETSPath. It returns nil when y
// is too short.
func NewETSModelPath(e *ETSModel, y []float64, h int) *ETSPath {
	trend := e.Spec.Trend != ETSNone
	m := 1
	first := 1
	season := SeasonNone
	switch e.Spec.Season {
	case ETSAdditive:
		season, m, first = SeasonAdditive, e.M, 2*e.M
	case ETSMultiplicative:
		season, m, first = SeasonMultiplicative, e.M, 2*e.M
	default:
		if trend {
			first = 2
		}
	}
	if len(y) < max(first, 3) {
		return nil
	}
	n := len(y)
	tr := newETSTrace(n)
	if season != SeasonNone {
		tr.Season = make([]float64, n)
	}
	off := 1
	if trend {
		off = 2
	}
	state := append([]float64(nil), e.Init...)
	next := make([]float64, len(state))
	var res [1]float64
	record := func(t int) {
		tr.Level[t] = state[0]
		if trend {
			tr.Trend[t] = state[1]
		} else {
			tr.Trend[t] = 0
		}
	}
	record(0)
	for t := range n {
		// one step of the model's own recursions (etsFilter on y[t])
		etsFilter(y[t:t+1], state, m, e.Spec, e.Alpha, e.Beta, e.Gamma, e.Phi, res[:], nil, next)
		state, next = next, state
		record(t + 1)
		if season != SeasonNone {
			tr.Season[t] = state[off] // s[0]: the state written for time t
		}
	}
	// As an ETS, for At: the damping sums and the season's layout are the same.
	desc := &ETS{Season: season, Trend: trend, Damped: e.Spec.Damped, M: m, Phi: e.Phi, Scale: 1}
	if !trend {
		desc.Phi = 1
	}
	return &ETSPath{e: desc, trace: tr, first: first, damp: dampSums(desc.Phi, desc.Damped, h), name: e.Method()}
}
