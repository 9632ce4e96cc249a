package forecast

import (
	"math"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/recommend"
)

// MethodRecommended names the recommended forecast in Result.Metrics,
// Holdout.Pred and Result.Forecasts.
const MethodRecommended = "recommended"

// band puts half-widths around a point forecast.
func band(f *Forecast, q80, q95 []float64) {
	f.Lower80, f.Upper80 = classic.ConformalInterval(f.Mean, q80)
	f.Lower95, f.Upper95 = classic.ConformalInterval(f.Mean, q95)
}

// scoreRecommended adds the recommended forecast's holdout prediction, its
// metrics, and every method's holdout intervals and their coverage to res
// (after scoreHoldout).
func scoreRecommended(res *Result, rec recommend.Choice, val *recommend.Validation) {
	h := res.Settings.Horizon
	hd := &res.Holdout
	pred := rec.Combine(hd.Pred)
	if pred == nil {
		return
	}
	hd.Pred[MethodRecommended] = pred
	hist := res.holdoutHistory
	res.Metrics[MethodRecommended] = classic.Evaluate(hd.Actual, pred, hist, res.Settings.Season)
	res.Coverage = map[string]Coverage{}
	if _, ok := hd.Pred[MethodLSTM]; ok {
		res.Coverage[MethodLSTM] = Coverage{res.Coverage80, res.Coverage95}
		if rec.Name() == MethodLSTM {
			res.Coverage[MethodRecommended] = res.Coverage[MethodLSTM]
		}
	}
	for name, p := range hd.Pred {
		c := recommend.Choice{Parts: []string{name}}
		if name == MethodRecommended {
			c = rec
		}
		if name == MethodLSTM || name == MethodRecommended && rec.Name() == MethodLSTM {
			continue // the LSTM's own conformal intervals
		}
		q80, q95 := val.Widths(c, h, c.SD(res.holdoutSD))
		if q80 == nil {
			continue
		}
		f := Forecast{Mean: p}
		band(&f, q80, q95)
		if hd.Bands == nil {
			hd.Bands = map[string]Band{}
		}
		hd.Bands[name] = Band{f.Lower80, f.Upper80, f.Lower95, f.Upper95}
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
func futures(lstm Forecast, rec recommend.Choice, val *recommend.Validation, h int, cf recommend.Fit) (map[string]Forecast, string) {
	out := map[string]Forecast{}
	means := map[string][]float64{}
	if lstm.Mean != nil {
		out[MethodLSTM] = lstm
		means[MethodLSTM] = lstm.Mean
	}
	base := cf.Mean
	for name, mean := range base {
		means[name] = mean
	}
	add := func(name string, c recommend.Choice) {
		mean := c.Combine(means)
		q80, q95 := val.Widths(c, h, c.SD(cf.SD))
		if mean == nil || q80 == nil {
			return
		}
		f := Forecast{Times: lstm.Times, Index: lstm.Index, Mean: mean}
		band(&f, q80, q95)
		out[name] = f
	}
	for name := range base {
		add(name, recommend.Choice{Parts: []string{name}})
	}
	if len(rec.Parts) == 1 && rec.Parts[0] == MethodLSTM {
		if lstm.Mean != nil {
			out[MethodRecommended] = lstm
		}
	} else {
		add(MethodRecommended, rec)
	}
	if _, ok := out[MethodRecommended]; ok {
		return out, rec.Name()
	}
	scores := val.Scores(recommend.Choice{})
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
