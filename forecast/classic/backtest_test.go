package classic

import (
	"errors"
	"fmt"
)

var errBadParams = errors.New("bad parameters")

// rollingOrigins returns up to `origins` forecast origins (history lengths)
// for horizon h on a series of n points, the last at n−h and each earlier
// one step before the next, ascending. Origins that would leave fewer than
// two points of history are dropped.
func rollingOrigins(n, h, origins, step int) []int {
	if step < 1 {
		step = 1
	}
	var out []int
	for k := origins - 1; k >= 0; k-- {
		o := n - h - k*step
		if o >= 2 {
			out = append(out, o)
		}
	}
	return out
}

// backtestResult holds a rolling-origin evaluation.
type backtestResult struct {
	Origins   []int       `json:"origins"`    // history length at each origin
	Forecasts [][]float64 `json:"forecasts"`  // per origin, h values
	Actuals   [][]float64 `json:"actuals"`    // per origin, h values
	PerOrigin []Metrics   `json:"per_origin"` // per origin
	Mean      Metrics     `json:"mean"`       // average over origins (NaN entries skipped)
}

// backtest evaluates fc at rolling origins (see rollingOrigins): at each
// origin o it forecasts h steps from values[:o] and scores them against
// values[o:o+h]. MASE uses m = 1; see backtestSeasonal.
func backtest(values []float64, h, origins, step int, fc func(hist []float64, h int) ([]float64, error)) (backtestResult, error) {
	return backtestSeasonal(values, 1, h, origins, step, fc)
}

// backtestSeasonal is Backtest with the seasonal period m used by MASE.
// fc receives a copy of the history, so it may modify it.
func backtestSeasonal(values []float64, m, h, origins, step int, fc func(hist []float64, h int) ([]float64, error)) (backtestResult, error) {
	var res backtestResult
	if h < 1 || origins < 1 {
		return res, fmt.Errorf("classic: backtest needs h ≥ 1 and origins ≥ 1 (got %d, %d): %w", h, origins, errBadParams)
	}
	res.Origins = rollingOrigins(len(values), h, origins, step)
	if len(res.Origins) == 0 {
		return res, fmt.Errorf("series has %d points; a backtest with horizon %d needs at least %d", len(values), h, h+2)
	}
	for _, o := range res.Origins {
		hist := append([]float64(nil), values[:o]...)
		pred, err := fc(hist, h)
		if err != nil {
			return res, fmt.Errorf("classic: backtest at origin %d: %w", o, err)
		}
		if len(pred) != h {
			return res, fmt.Errorf("classic: backtest at origin %d: forecast has %d values, want %d", o, len(pred), h)
		}
		actual := values[o : o+h]
		res.Forecasts = append(res.Forecasts, pred)
		res.Actuals = append(res.Actuals, append([]float64(nil), actual...))
		res.PerOrigin = append(res.PerOrigin, Evaluate(actual, pred, values[:o], m))
	}
	res.Mean = MeanMetrics(res.PerOrigin)
	return res, nil
}
