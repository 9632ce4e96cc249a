package forecast

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/fit"
)

// MethodRecommended names the recommended forecast in Result.Metrics,
// Holdout.Pred and Result.Forecasts.
const MethodRecommended = "recommended"

// The recommended forecast is chosen on the validation origins only — the
// holdout never takes part — among every single method and two blends:
//
//	each method alone                     lstm, naive, seasonal_naive, drift, ets,
//	                                      auto_ets, theta, arima, comb
//	the LSTM with the best classical one   e.g. lstm+comb (the mean of the two)
//	the two best classical methods         e.g. auto_ets+arima
//
// The choice is the candidate with the lowest mean absolute error over the
// validation origins and every step of the horizon (the same points for
// every candidate, so errors compare on one scale). A blend must beat each
// of its parts to be chosen, so the simpler forecast wins a tie.

// validation holds every method's forecasts from the validation origins.
type validation struct {
	origins []int                  // history lengths (series indices of the first forecast step)
	actual  [][]float64            // per origin, the h values after it
	preds   map[string][][]float64 // method → per origin, h values
}

// choice is the recommended forecast: the methods it averages (one, or two
// for a blend) and its validation error.
type choice struct {
	parts []string
	mae   float64
}

// name is the choice as a method label, e.g. "ets" or "lstm+ets".
func (c choice) name() string {
	s := c.parts[0]
	for _, p := range c.parts[1:] {
		s += "+" + p
	}
	return s
}

// combine averages the parts' predictions (nil when one is missing).
func (c choice) combine(preds map[string][]float64) []float64 {
	var out []float64
	for _, p := range c.parts {
		f, ok := preds[p]
		if !ok {
			return nil
		}
		if out == nil {
			out = make([]float64, len(f))
		}
		for k, v := range f {
			out[k] += v / float64(len(c.parts))
		}
	}
	return out
}

// classicalAt forecasts h steps after every origin with each classical
// method, ETS and ARIMA as sel chose them (methods that cannot be fitted at
// some origin are left out). It stops within one origin of ctx ending.
func classicalAt(ctx context.Context, v []float64, origins []int, h, m int, sel *selection, preds map[string][][]float64) error {
	fits := map[string][][]float64{}
	failed := map[string]bool{}
	for _, o := range origins {
		if ctx.Err() != nil {
			return fmt.Errorf("forecast: stopped while validating the classical methods: %w", fit.ErrCanceled)
		}
		base := cache.forecasts(v[:o], h, m, sel).mean
		for _, name := range classicalMethods {
			f, ok := base[name]
			if !ok {
				failed[name] = true
				continue
			}
			fits[name] = append(fits[name], f)
		}
	}
	for name, f := range fits {
		if !failed[name] {
			preds[name] = f
		}
	}
	return nil
}

// mae is the mean absolute error of preds against actual over every origin
// and step (NaN when there are none).
func mae(preds, actual [][]float64) float64 {
	var s float64
	n := 0
	for i, f := range preds {
		for k, v := range f {
			s += math.Abs(actual[i][k] - v)
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return s / float64(n)
}

// recommend chooses the recommended forecast from the validation forecasts.
func (val *validation) recommend() choice {
	score := func(parts ...string) float64 {
		c := choice{parts: parts}
		blend := make([][]float64, len(val.origins))
		for i := range val.origins {
			at := map[string][]float64{}
			for _, p := range parts {
				at[p] = val.preds[p][i]
			}
			blend[i] = c.combine(at)
		}
		return mae(blend, val.actual)
	}
	var singles []choice
	for _, name := range Methods {
		if _, ok := val.preds[name]; ok {
			if e := score(name); !math.IsNaN(e) {
				singles = append(singles, choice{parts: []string{name}, mae: e})
			}
		}
	}
	if len(singles) == 0 {
		return choice{parts: []string{MethodLSTM}, mae: math.NaN()}
	}
	best := slices.MinFunc(singles, func(a, b choice) int { return cmpFloat(a.mae, b.mae) })
	var classical []choice
	for _, c := range singles {
		if c.parts[0] != MethodLSTM {
			classical = append(classical, c)
		}
	}
	slices.SortStableFunc(classical, func(a, b choice) int { return cmpFloat(a.mae, b.mae) })
	var blends [][]string
	if _, ok := val.preds[MethodLSTM]; ok && len(classical) > 0 {
		blends = append(blends, []string{MethodLSTM, classical[0].parts[0]})
	}
	if len(classical) > 1 {
		blends = append(blends, []string{classical[0].parts[0], classical[1].parts[0]})
	}
	for _, parts := range blends {
		e := score(parts...)
		beats := true
		for _, p := range parts {
			if !(e < score(p)) {
				beats = false
			}
		}
		if beats && e < best.mae {
			best = choice{parts: parts, mae: e}
		}
	}
	return best
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// stepResiduals are the absolute errors of preds per horizon step (h ×
// origins), the shape classic.ConformalQuantiles takes.
func stepResiduals(preds, actual [][]float64, h int) [][]float64 {
	res := make([][]float64, h)
	for i, f := range preds {
		for k := range h {
			res[k] = append(res[k], math.Abs(actual[i][k]-f[k]))
		}
	}
	return res
}

// maxRecommendOrigins bounds the validation origins the classical methods
// are refitted at (evenly spaced, the last one kept).
const maxRecommendOrigins = 10

// thin keeps at most k origins, evenly spaced, the last one included.
func (val *validation) thin(k int) {
	n := len(val.origins)
	if n <= k {
		return
	}
	keep := make([]int, k)
	for i := range keep {
		keep[i] = (n - 1) - (k-1-i)*(n-1)/(k-1)
	}
	pick := func(rows [][]float64) [][]float64 {
		out := make([][]float64, k)
		for i, j := range keep {
			out[i] = rows[j]
		}
		return out
	}
	origins := make([]int, k)
	for i, j := range keep {
		origins[i] = val.origins[j]
	}
	val.origins, val.actual = origins, pick(val.actual)
	for name, p := range val.preds {
		val.preds[name] = pick(p)
	}
}

// scores is every candidate method's validation error (mean absolute
// error over the validation origins and steps), and rec's under its name
// when it is a blend.
func (val *validation) scores(rec choice) map[string]float64 {
	out := map[string]float64{}
	for name, p := range val.preds {
		out[name] = mae(p, val.actual)
	}
	if len(rec.parts) > 1 && !math.IsNaN(rec.mae) {
		out[rec.name()] = rec.mae
	}
	return out
}

// widths are a method's (or a blend's) interval half-widths per step from
// its validation errors (classic.IntervalWidths), raised to the model-based
// widths of sd (the method's forecast standard deviations, nil for a
// method without a model) where the validation origins are too few for a
// conformal quantile (widenToModel), non-decreasing with the horizon; nil
// when it has no validation forecasts.
func (val *validation) widths(c choice, h int, sd []float64) (q80, q95 []float64) {
	preds := make([][]float64, len(val.origins))
	for i := range val.origins {
		at := map[string][]float64{}
		for _, p := range c.parts {
			if f, ok := val.preds[p]; ok {
				at[p] = f[i]
			}
		}
		if preds[i] = c.combine(at); preds[i] == nil {
			return nil, nil
		}
	}
	q := classic.IntervalWidths(stepResiduals(preds, val.actual, h), 0.80, 0.95)
	widenToModel(q[0], q[1], sd, len(val.origins))
	if !allFinite(q[0]) || !allFinite(q[1]) {
		return nil, nil // no validation errors and no model
	}
	monotone(q[0])
	monotone(q[1])
	return q[0], q[1]
}

// band puts half-widths around a point forecast.
func band(f *Forecast, q80, q95 []float64) {
	f.Lower80, f.Upper80 = classic.ConformalInterval(f.Mean, q80)
	f.Lower95, f.Upper95 = classic.ConformalInterval(f.Mean, q95)
}

// scoreRecommended adds the recommended forecast's holdout prediction, its
// metrics and every method's holdout interval coverage to res (after
// scoreHoldout).
func scoreRecommended(res *Result, rec choice, val *validation) {
	h := res.Settings.Horizon
	hd := &res.Holdout
	pred := rec.combine(hd.Pred)
	if pred == nil {
		return
	}
	hd.Pred[MethodRecommended] = pred
	hist := res.holdoutHistory
	res.Metrics[MethodRecommended] = classic.Evaluate(hd.Actual, pred, hist, res.Settings.Season)
	res.Coverage = map[string]Coverage{}
	if _, ok := hd.Pred[MethodLSTM]; ok {
		res.Coverage[MethodLSTM] = Coverage{res.Coverage80, res.Coverage95}
		if rec.name() == MethodLSTM {
			res.Coverage[MethodRecommended] = res.Coverage[MethodLSTM]
		}
	}
	for name, p := range hd.Pred {
		c := choice{parts: []string{name}}
		if name == MethodRecommended {
			c = rec
		}
		if name == MethodLSTM || name == MethodRecommended && rec.name() == MethodLSTM {
			continue // the LSTM's own conformal intervals
		}
		var sd []float64
		if len(c.parts) == 1 {
			sd = res.holdoutSD[name]
		}
		q80, q95 := val.widths(c, h, sd)
		if q80 == nil {
			continue
		}
		f := Forecast{Mean: p}
		band(&f, q80, q95)
		res.Coverage[name] = Coverage{classic.Coverage(hd.Actual, f.Lower80, f.Upper80), classic.Coverage(hd.Actual, f.Lower95, f.Upper95)}
	}
}

// futures is every method's forecast past the end of s with intervals from
// its validation errors — the LSTM's as Train computed it, the classical
// methods refitted on the whole series, and the recommended one. When the
// recommended choice cannot be formed past the end (a model that fitted
// every validation history fails on the whole series), the single method
// with the lowest validation error that can stands in; the name returned
// is the choice used.
func futures(lstm Forecast, rec choice, val *validation, h int, cf classicalFit) (map[string]Forecast, string) {
	out := map[string]Forecast{}
	means := map[string][]float64{}
	if lstm.Mean != nil {
		out[MethodLSTM] = lstm
		means[MethodLSTM] = lstm.Mean
	}
	base := cf.mean
	for name, mean := range base {
		means[name] = mean
	}
	add := func(name string, c choice) {
		mean := c.combine(means)
		var sd []float64
		if len(c.parts) == 1 {
			sd = cf.sd[c.parts[0]]
		}
		q80, q95 := val.widths(c, h, sd)
		if mean == nil || q80 == nil {
			return
		}
		f := Forecast{Times: lstm.Times, Index: lstm.Index, Mean: mean}
		band(&f, q80, q95)
		out[name] = f
	}
	for name := range base {
		add(name, choice{parts: []string{name}})
	}
	if len(rec.parts) == 1 && rec.parts[0] == MethodLSTM {
		if lstm.Mean != nil {
			out[MethodRecommended] = lstm
		}
	} else {
		add(MethodRecommended, rec)
	}
	if _, ok := out[MethodRecommended]; ok {
		return out, rec.name()
	}
	scores := val.scores(choice{})
	best, bestErr := "", math.Inf(1)
	for _, name := range Methods {
		if f, ok := out[name]; ok && name != MethodRecommended {
			e, scored := scores[name]
			if !scored || math.IsNaN(e) {
				e = math.MaxFloat64 // no validation error: only when nothing else has one
			}
			if best == "" || e < bestErr {
				best, bestErr = name, e
				out[MethodRecommended] = f
			}
		}
	}
	return out, best
}
