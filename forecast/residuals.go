package forecast

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/recommend"
)

// Residuals are one method's one-step-ahead errors over the history before
// the holdout (the whole series without one): Values[i] is the actual
// value at series index Start+i minus the method's forecast of it from the
// values before it. They are what forecast/diagnose.CheckResiduals tests
// (FPP's checkresiduals), one contiguous stretch per method:
//
//	naive           y[t] − y[t−1]                       from t = 1, FitDF 0
//	seasonal naive  y[t] − y[t−m]                       from t = m, FitDF 0 (naive without a season)
//	drift           y[t] − y[t−1] − b, b = (y[n−1] − y[0])/(n−1) over the history, from t = 1, FitDF 1 (the slope)
//	ets             y[t] − the fitted model's one-step forecast from its filtered state
//	                (its fitted value: the initial state comes from the first two
//	                seasons, as in R's HoltWinters), from the first step whose state
//	                is recorded (m+1 with a season); FitDF the smoothing parameters
//	                estimated (α, and β, γ, φ when present)
//	lstm            y[t] − the trained network's first forecast step from origin t (the
//	                forecast Train would make with the series cut at t), for every origin
//	                with a full input window; FitDF 0 (a network's weights are no
//	                degrees-of-freedom correction). Origins up to the training part's
//	                end are in sample; the later ones are the validation windows.
//
//	auto_ets, theta, arima
//	                the models the recommended forecast is chosen among, as R's
//	                residuals() gives them (recommend.Resid): from t = 0; AutoETS's
//	                innovations are relative, (y[t] − ŷ)/ŷ, for a model with
//	                multiplicative error (Relative); FitDF as
//	                forecast::checkresiduals counts it
//
// The classical methods are fitted on the same history (as for their
// holdout forecasts), so their residuals are in sample. The mean of
// several methods has none of its own.
type Residuals struct {
	Start  int       // series index of the first residual's point
	Values []float64 // actual − one-step forecast
	FitDF  int       // parameters the method estimated: the Ljung–Box fitdf
	// Relative marks errors relative to the forecast, (actual − ŷ)/ŷ:
	// the innovations of an ETS model with multiplicative error.
	Relative bool `json:",omitempty"`
}

// oneStepResiduals computes every method's Residuals over hist (the series
// before the holdout). model and z (the transformed values of hist), ep
// and cov serve the LSTM; cf holds the classical methods fitted on hist
// (recommend.Forecasts(hist, …)): its Holt-Winters and the residuals of
// the selected models. A method whose residuals are not all finite is left out.
// A cancelled ctx stops the LSTM's forecasts with ErrCanceled, as the
// calibration does.
func oneStepResiduals(ctx context.Context, hist []float64, m int, model *Model, z []float64, ep *classic.ETSPath, cov [][]float64, cf recommend.Fit) (map[string]Residuals, error) {
	out := map[string]Residuals{}
	add := func(name string, r Residuals) {
		if len(r.Values) > 0 && allFinite(r.Values) {
			out[name] = r
		}
	}
	n := len(hist)
	if n < 2 {
		return out, nil
	}
	lagged := func(lag int) Residuals {
		r := Residuals{Start: lag, Values: make([]float64, n-lag)}
		for t := lag; t < n; t++ {
			r.Values[t-lag] = hist[t] - hist[t-lag]
		}
		return r
	}
	add(MethodNaive, lagged(1))
	if m > 1 && n > m {
		add(MethodSeasonalNaive, lagged(m))
	} else {
		add(MethodSeasonalNaive, lagged(1))
	}
	drift := lagged(1)
	drift.FitDF = 1
	b := (hist[n-1] - hist[0]) / float64(n-1) // the slope classic.Drift extends
	for i := range drift.Values {
		drift.Values[i] -= b
	}
	add(MethodDrift, drift)
	if cf.HW != nil {
		add(MethodETS, etsResiduals(cf.HW, hist))
	}
	for name, r := range cf.Resid {
		if len(r.Values) == n {
			add(name, Residuals{Values: slices.Clone(r.Values), FitDF: r.FitDF, Relative: r.Relative})
		}
	}
	if model != nil {
		r, err := model.oneStepResiduals(ctx, hist, z, ep, cov)
		if err != nil {
			return nil, err
		}
		add(MethodLSTM, r)
	}
	return out, nil
}

// etsResiduals are hist minus the one-step forecasts of e's filter run over
// hist with e's parameters: the state after hist[:t] forecasts hist[t] as
// Forecast forecasts the step after the history. The first residual is at
// the first step whose state is recorded.
func etsResiduals(e *classic.ETS, hist []float64) Residuals {
	// Trace sets the final states: run a model with e's parameters only.
	f := &classic.ETS{Season: e.Season, Trend: e.Trend, Damped: e.Damped, M: e.M,
		Alpha: e.Alpha, Beta: e.Beta, Gamma: e.Gamma, Phi: e.Phi, Scale: e.Scale}
	x := make([]float64, len(hist))
	for i, v := range hist {
		x[i] = v / f.Scale
	}
	tr := f.Trace(x)
	r := Residuals{FitDF: etsParams(e)}
	for t := 1; t < len(hist); t++ {
		l, b := tr.Level[t], tr.Trend[t]
		if math.IsNaN(l) || (f.Season != classic.SeasonNone && t < f.M) {
			if len(r.Values) > 0 {
				return Residuals{} // a gap: the filter failed
			}
			continue
		}
		v := l
		if f.Trend {
			v += f.Phi * b
		}
		switch f.Season {
		case classic.SeasonAdditive:
			v += tr.Season[t-f.M]
		case classic.SeasonMultiplicative:
			v *= tr.Season[t-f.M]
		}
		if len(r.Values) == 0 {
			r.Start = t
		}
		r.Values = append(r.Values, hist[t]-v*f.Scale)
	}
	return r
}

// etsParams counts the smoothing parameters FitETS estimated (its initial
// states come from a decomposition, not from the optimiser).
func etsParams(e *classic.ETS) int {
	k := 1 // α
	if e.Trend {
		k++ // β
	}
	if e.Damped {
		k++ // φ
	}
	if e.Season != classic.SeasonNone {
		k++ // γ
	}
	return k
}

// oneStepResiduals are hist minus the model's first forecast step from
// every origin with a full window (z: the transformed values of hist). A
// forecast that is not finite leaves the residuals empty.
func (m *Model) oneStepResiduals(ctx context.Context, hist, z []float64, ep *classic.ETSPath, cov [][]float64) (Residuals, error) {
	lag := m.Prep.lag()
	W := m.Settings.Window
	r := Residuals{Start: W + lag}
	for t := W; t < len(z); t++ {
		if ctx.Err() != nil {
			return Residuals{}, fmt.Errorf("forecast: stopped while computing the residuals: %w", fit.ErrCanceled)
		}
		p, err := m.forecastAt(hist[:t+lag], z[:t], ep, cov, 1, nil)
		if err != nil {
			return Residuals{}, nil
		}
		r.Values = append(r.Values, hist[t+lag]-p[0])
	}
	return r, nil
}

func allFinite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
