package global

import (
	"context"
	"fmt"

	"github.com/forecaster-dev/forecaster/forecast"
	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// local trains the per-series LSTM (forecast.Train, with the last h points
// held out as in the global run) on every series and adds its holdout
// forecast and metrics under forecast.MethodLSTM, for comparison only. A
// series the per-series pipeline refuses (too short for its window) has
// no per-series LSTM.
func local(ctx context.Context, out []SeriesResult, ser []*member, series []*tsdata.Series, set config.Settings, h, m int, rep *reporter) error {
	set.Horizon = h
	rep.phase(PhaseLocal, len(ser))
	type got struct {
		pred []float64
		cov  forecast.Coverage
	}
	res := make([]*got, len(ser))
	err := each(ctx, len(ser), func(j int) {
		s := series[ser[j].idx]
		r, err := forecast.Train(ctx, s, set, nil)
		if err != nil {
			return
		}
		res[j] = &got{pred: r.Holdout.Pred[forecast.MethodLSTM], cov: forecast.Coverage{P80: r.Coverage80, P95: r.Coverage95}}
	}, rep.tick)
	if err != nil {
		return fmt.Errorf("global: %w", err)
	}
	for j, g := range res {
		if g == nil || len(g.pred) != h {
			continue
		}
		s := ser[j]
		r := &out[j]
		r.Holdout[forecast.MethodLSTM] = g.pred
		r.Metrics[forecast.MethodLSTM] = classic.Evaluate(r.Actual, g.pred, s.v[:s.end], m)
		r.Coverage[forecast.MethodLSTM] = g.cov
	}
	return nil
}
