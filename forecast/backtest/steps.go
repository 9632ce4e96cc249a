package backtest

import (
	"math"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// StepScores are a backtest's accuracy per forecast step (the issue's
// "backtest by horizon"): how the error and the intervals behave 1, 2, …
// H steps after the origin, over all origins.
type StepScores struct {
	// MASE[method][k] is the mean over origins of |actual − forecast| at
	// step k+1 divided by that origin's MASE scale (classic.MASEScale of
	// the history before its holdout, seasonal period of the run). Its mean
	// over the steps is the method's Result.Mean MASE. NaN where no
	// origin has a finite value.
	MASE map[string][]float64
	// Coverage80[k] and Coverage95[k] are the shares of origins whose
	// actual value at step k+1 lies inside the LSTM's interval.
	Coverage80, Coverage95 []float64
	Origins                int
}

// ByStep scores b per forecast step. s is the series the backtest ran on
// (the MASE scales come from it).
func (b *Result) ByStep(s *tsdata.Series) StepScores {
	out := StepScores{MASE: map[string][]float64{}, Origins: len(b.Results)}
	if len(b.Results) == 0 {
		return out
	}
	h := len(b.Results[0].Holdout.Actual)
	for _, m := range forecast.Methods {
		sum := make([]float64, h)
		cnt := make([]int, h)
		for _, r := range b.Results {
			pred, ok := r.Holdout.Pred[m]
			ho := r.Holdout
			if !ok || len(pred) != h || len(ho.Actual) != h || ho.Start > s.Len() {
				continue
			}
			scale := classic.MASEScale(s.Values[:ho.Start], r.Settings.Season)
			if scale == 0 || math.IsNaN(scale) || math.IsInf(scale, 0) {
				continue
			}
			for k := range h {
				if e := math.Abs(ho.Actual[k]-pred[k]) / scale; !math.IsNaN(e) && !math.IsInf(e, 0) {
					sum[k] += e
					cnt[k]++
				}
			}
		}
		found := false
		for k := range sum {
			if cnt[k] > 0 {
				sum[k] /= float64(cnt[k])
				found = true
			} else {
				sum[k] = math.NaN()
			}
		}
		if found {
			out.MASE[m] = sum
		}
	}
	cover := func(lo, hi func(r *forecast.Result) []float64) []float64 {
		c := make([]float64, h)
		n := make([]int, h)
		for _, r := range b.Results {
			l, u, a := lo(r), hi(r), r.Holdout.Actual
			if len(l) != h || len(u) != h || len(a) != h {
				continue
			}
			for k := range h {
				n[k]++
				if a[k] >= l[k] && a[k] <= u[k] {
					c[k]++
				}
			}
		}
		for k := range c {
			if n[k] == 0 {
				c[k] = math.NaN()
			} else {
				c[k] /= float64(n[k])
			}
		}
		return c
	}
	out.Coverage80 = cover(func(r *forecast.Result) []float64 { return r.Holdout.Lower80 }, func(r *forecast.Result) []float64 { return r.Holdout.Upper80 })
	out.Coverage95 = cover(func(r *forecast.Result) []float64 { return r.Holdout.Lower95 }, func(r *forecast.Result) []float64 { return r.Holdout.Upper95 })
	return out
}
