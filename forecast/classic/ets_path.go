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
	p := &ETSPath{e: e, trace: e.Trace(x), first: first, damp: make([]float64, h)}
	damp, pk := 0.0, 1.0
	for k := range p.damp {
		pk *= e.Phi
		if e.Damped {
			damp += pk
		} else {
			damp = float64(k + 1)
		}
		p.damp[k] = damp
	}
	return p
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
func (p *ETSPath) String() string { return p.e.String() }
