package global

import (
	"math"

	"github.com/forecaster-dev/forecaster/forecast/classic"
)

// etsPath is an ETS anchor along one series, as the per-series pipeline's
// (forecast's etsPath in anchor.go): the filter's states after every
// prefix v[:t] from one pass with parameters fitted on the training part,
// so the anchor of any origin and step is O(1).
type etsPath struct {
	e     *classic.ETS
	tr    *classic.ETSTrace
	damp  []float64 // damp[k]: the trend's multiplier at step k+1, as in Forecast
	first int       // first origin whose state depends on v[:t] only
}

// newETSPath runs e's filter over v with its parameters fixed (e's final
// states become those after v) for forecasts of up to h steps; nil when v
// is too short for the model's initial state.
func newETSPath(e *classic.ETS, v []float64, h int) *etsPath {
	first := 1
	switch {
	case e.Season != classic.SeasonNone:
		first = 2 * e.M // the start values come from the first two seasons
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
	p := &etsPath{e: e, tr: e.Trace(x), first: first, damp: make([]float64, h)}
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

// at is the (k+1)-step forecast from the state after v[:t]; ok is false
// before the first causal origin, past the series, or where the filter's
// value is not finite (the lag anchor serves there).
func (p *etsPath) at(t, k int) (float64, bool) {
	if p == nil || t < p.first || t >= len(p.tr.Level) {
		return 0, false
	}
	e := p.e
	y := p.tr.Level[t]
	if e.Trend {
		y += p.damp[k] * p.tr.Trend[t]
	}
	switch e.Season {
	case classic.SeasonAdditive:
		y += p.tr.Season[t-e.M+k%e.M]
	case classic.SeasonMultiplicative:
		y *= p.tr.Season[t-e.M+k%e.M]
	}
	y *= e.Scale
	if math.IsNaN(y) || math.IsInf(y, 0) {
		return 0, false
	}
	return y, true
}
