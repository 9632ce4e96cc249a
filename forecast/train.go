package forecast

import (
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/fit"
	"github.com/forecaster-dev/forecaster/forecast/precision"
	"github.com/forecaster-dev/forecaster/forecast/recommend"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// Forecast is the prediction past the last observation.
type Forecast struct {
	Times   []time.Time // nil when the series is row-indexed
	Index   []int       // row numbers continuing the series
	Mean    []float64
	Lower80 []float64
	Upper80 []float64
	Lower95 []float64
	Upper95 []float64
}

// Holdout is the last H points of the series, held out from training, with
// every method's prediction of them.
type Holdout struct {
	Start   int // index of the first held-out point in the series
	Actual  []float64
	Pred    map[string][]float64 // method name → prediction
	Lower80 []float64            // the LSTM's conformal intervals (the recommended forecast's in a run without a network)
	Upper80 []float64
	Lower95 []float64
	Upper95 []float64
	// Bands holds the other methods' holdout intervals, from the same
	// validation errors as their forecasts', the recommended forecast's
	// under MethodRecommended when it is not the LSTM; empty in runs saved
	// before 2026-12-08. Result.HoldoutBand picks a method's.
	Bands map[string]Band `json:",omitempty"`
}

// Band is a forecast's 80 % and 95 % intervals, step by step.
type Band struct {
	Lower80, Upper80, Lower95, Upper95 []float64
}

// HoldoutBand is method's holdout intervals: the LSTM's own, or those
// Holdout.Bands kept for another method; an empty Band when none was kept.
func (r *Result) HoldoutBand(method string) Band {
	hd := &r.Holdout
	own := Band{hd.Lower80, hd.Upper80, hd.Lower95, hd.Upper95}
	switch {
	case r.Network() && (method == MethodLSTM || method == MethodRecommended && r.Recommended == MethodLSTM):
		return own
	case hd.Bands[method].Lower80 != nil:
		return hd.Bands[method]
	case !r.Network() && method == MethodRecommended:
		return own
	}
	return Band{}
}

// HoldoutCoverage is the holdout coverage of method's intervals (those of
// HoldoutBand): the run's own (the LSTM's with a network, the recommended
// forecast's without), or method's from Coverage when it is another.
func (r *Result) HoldoutCoverage(method string) (c80, c95 float64) {
	if c, ok := r.Coverage[method]; ok && r.Network() && method != MethodLSTM {
		return c.P80, c.P95
	}
	return r.Coverage80, r.Coverage95
}

// Method names used as keys of Result.Metrics, Holdout.Pred, Forecasts and
// Validation (package recommend names them; see there).
const (
	MethodLSTM          = recommend.LSTM
	MethodNaive         = recommend.Naive
	MethodSeasonalNaive = recommend.SeasonalNaive
	MethodDrift         = recommend.Drift
	MethodETS           = recommend.ETS
	MethodAutoETS       = recommend.AutoETS
	MethodTheta         = recommend.Theta
	MethodARIMA         = recommend.ARIMA
	MethodComb          = recommend.Comb
)

// Methods lists the method names in display order, the recommended
// forecast last.
var Methods = append(slices.Clone(recommend.Methods), MethodRecommended)

// Result is everything one training run produced.
type Result struct {
	Settings   config.Settings            // as resolved: Window, Season filled in
	Series     string                     // the series' name
	Metrics    map[string]classic.Metrics // method → holdout metrics
	Coverage80 float64                    // share of holdout actuals inside the 80% interval
	Coverage95 float64
	Holdout    Holdout
	Forecast   Forecast
	History    []fit.EpochEvent  // epoch summaries (member 0, and the others when an ensemble)
	StopReason config.StopReason // why training ended
	Diagnosis  string            // what went wrong and what to change, when anything did
	Anchor     string            // the window scaler's anchor, e.g. "seasonal naive (m=12)"; empty for other scalers
	BestEpoch  int
	Seconds    float64
	Model      *Model // the trained forecaster, for saving and predicting again

	// Recommended names the forecast the app recommends: one method, or a
	// blend of two ("lstm+ets": their mean), chosen by the lowest error on
	// the validation origins (never the holdout); see forecast/recommend.
	Recommended string
	// ShortRule reports that Recommended was not chosen on the validation
	// origins but is recommend.Short's rule for a series too short for the
	// network: the combination, or without validation origins its mean
	// with the seasonal naive (two parts).
	ShortRule bool `json:",omitempty"`
	// FellBackFrom names the candidate with the lowest validation error
	// when the recommended forecast is the seasonal naive (the naive
	// without a season) because that candidate was not
	// recommend.FallbackMargin better than it; empty otherwise.
	FellBackFrom string
	// Validation is every method's mean absolute error on the validation
	// origins the choice was made on, and the recommended blend's under
	// its name (e.g. "lstm+comb") when the choice is one.
	Validation map[string]float64
	// Forecasts holds every method's forecast past the end with 80 % and 95 %
	// intervals from its validation errors, and MethodRecommended's.
	Forecasts map[string]Forecast
	// Coverage is each method's holdout interval coverage (empty without a
	// holdout); Coverage80 and Coverage95 repeat the LSTM's.
	Coverage map[string]Coverage
	// Residuals holds every fitted method's one-step-ahead residuals on the
	// history before the holdout (see Residuals), for the residual checks
	// of forecast/diagnose. A method is missing when it could not be fitted
	// or its residuals are not finite; the recommended forecast, a choice
	// among them, has none of its own.
	Residuals map[string]Residuals
	// Models names the model a method selected, e.g. auto_ets →
	// "ETS(M,Ad,M)", arima → "ARIMA(2,1,1)(0,1,0)[12]", comb → the methods
	// it averages. ETS and ARIMA are selected once, on the history before
	// the last validation origin, and re-estimated on each later history
	// (the holdout's and the whole series').
	Models map[string]string

	holdoutHistory []float64            // the points before the holdout, for MASE
	holdoutSD      map[string][]float64 // the holdout forecasts' model standard deviations
}

// Network reports whether the run trained a network. A series too short
// for one is forecast by the classical methods alone (classical_run.go):
// then Model is nil, History empty, and Forecast, Coverage80 and
// Coverage95 are the recommended forecast's.
func (r *Result) Network() bool { return r.Model != nil || len(r.History) > 0 }

// Coverage is the share of holdout actuals inside a method's intervals.
type Coverage struct {
	P80 float64 `json:"coverage80"`
	P95 float64 `json:"coverage95"`
}

// Records turns the forecast into export rows, dates formatted for the
// series' frequency (row numbers for a row-indexed series).
func (f *Forecast) Records(freq calendar.Freq) []ForecastRecord {
	out := make([]ForecastRecord, len(f.Mean))
	for k := range out {
		r := ForecastRecord{Forecast: f.Mean[k]}
		if k < len(f.Times) {
			r.Date = FormatTime(freq, f.Times[k])
		} else if k < len(f.Index) {
			r.Date = strconv.Itoa(f.Index[k] + 1)
		}
		if k < len(f.Lower80) {
			r.Lower80, r.Upper80, r.Lower95, r.Upper95 = f.Lower80[k], f.Upper80[k], f.Lower95[k], f.Upper95[k]
		}
		out[k] = r
	}
	return out
}

// HistoryRecords turns epoch summaries into training-history export rows:
// grad_norm and clipped_norm are the epoch's largest norms before and after
// clipping, step the optimiser steps so far. Losses, norms and the rate
// keep six significant digits, seconds three decimals.
func HistoryRecords(h []fit.EpochEvent) []HistoryRecord {
	out := make([]HistoryRecord, len(h))
	for i, e := range h {
		out[i] = HistoryRecord{Epoch: e.Epoch, Step: e.Steps, TrainLoss: precision.Sig6(e.TrainLoss), ValLoss: precision.Sig6(e.ValLoss),
			GradNorm: precision.Sig6(e.MaxGradNorm), ClippedNorm: precision.Sig6(e.MaxClipped), LR: precision.Sig6(e.LR), Seconds: math.Round(e.Seconds*1000) / 1000}
	}
	return out
}

// FormatTime writes t as precisely as the frequency needs: a year for
// yearly data, a date for daily to quarterly data, a time of day below that.
func FormatTime(f calendar.Freq, t time.Time) string {
	switch f.Unit {
	case calendar.FreqYear:
		return strconv.Itoa(t.Year())
	case calendar.FreqSecond:
		return t.Format("2006-01-02 15:04:05")
	case calendar.FreqMinute, calendar.FreqHour:
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("2006-01-02")
}
