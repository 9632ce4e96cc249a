package backtest

import (
	"context"
	"fmt"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// Result is a rolling-origin evaluation of the whole run: forecast.Train repeated
// on the series cut at several origins, each scored on the H points after
// its cut, so one lucky or unlucky stretch does not decide.
type Result struct {
	Origins []int              // points before each cut plus H (the length Train saw), ascending
	Results []*forecast.Result // one per origin; the last is the whole series
	// Mean holds each method's metrics averaged over the origins where it
	// could be fitted (classic.MeanMetrics).
	Mean                   map[string]classic.Metrics
	Coverage80, Coverage95 float64 // the LSTM's interval coverage, mean over origins
}

// Run trains on s at `origins` rolling origins, step points apart:
// the last origin holds out the final Horizon points (as Train does), each
// earlier one cuts step points further back. It stops at the first error,
// naming the origin, and returns ErrCanceled (or the best results so far,
// as Train does) when ctx is cancelled.
func Run(ctx context.Context, s *tsdata.Series, set config.Settings, origins, step int, obs fit.Observer) (*Result, error) {
	if origins < 1 || step < 1 {
		return nil, fmt.Errorf("forecast: a backtest needs at least one origin and a step of at least 1 (got %d, %d)", origins, step)
	}
	b := &Result{}
	for k := origins - 1; k >= 0; k-- {
		sub := s.Head(s.Len() - k*step)
		res, err := forecast.Train(ctx, sub, set, obs)
		if err == nil && len(res.Holdout.Actual) == 0 { // too short to hold out the horizon: nothing to score
			err = fmt.Errorf("forecast: %d points leave nothing before a holdout of %d; use fewer origins, a smaller step or a shorter horizon", sub.Len(), set.Horizon)
		}
		if err != nil {
			if k > 0 {
				return nil, fmt.Errorf("origin %d of %d (%d points): %w", origins-k, origins, sub.Len(), err)
			}
			return nil, err
		}
		b.Origins = append(b.Origins, sub.Len())
		b.Results = append(b.Results, res)
	}
	b.Mean = map[string]classic.Metrics{}
	for _, m := range forecast.Methods {
		var ms []classic.Metrics
		for _, r := range b.Results {
			if x, ok := r.Metrics[m]; ok {
				ms = append(ms, x)
			}
		}
		if len(ms) > 0 {
			b.Mean[m] = classic.MeanMetrics(ms)
		}
	}
	for _, r := range b.Results {
		b.Coverage80 += r.Coverage80
		b.Coverage95 += r.Coverage95
	}
	b.Coverage80 /= float64(len(b.Results))
	b.Coverage95 /= float64(len(b.Results))
	return b, nil
}
