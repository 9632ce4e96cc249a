package forecast

import (
	"strconv"
	"time"

	"github.com/forecaster-dev/forecaster/forecast/classic"
	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// StepEvent is sent to the Observer after every optimiser step.
type StepEvent struct {
	Member        int     // ensemble member, 0-based
	Epoch         int     // 1-based
	Step          int     // 1-based within the epoch
	StepsPerEpoch int     //
	Loss          float64 // data loss + penalty of this mini-batch (scaled units)
	GradNorm      float64 // global L2 norm before clipping
	ClippedNorm   float64 // after clipping
	Clipped       bool
	Skipped       bool // non-finite loss or gradient: nothing was applied
	LR            float64
	// LayerNorms[l] is the pre-clip gradient norm of layer l's parameters
	// and GateNorms[l] that of its input, forget, cell-candidate and output
	// gate rows (i, f, g, o), HeadNorm the head's: lstm.Telemetry of this
	// step, copied, so an observer may keep them. Only observed: training
	// reads none of them.
	LayerNorms []float64
	GateNorms  [][4]float64
	HeadNorm   float64
}

// EpochEvent summarises one epoch.
type EpochEvent struct {
	Member      int
	Epoch       int // 1-based
	Epochs      int // the configured maximum
	TrainLoss   float64
	ValLoss     float64
	Best        bool // validation loss improved: these weights are kept
	LR          float64
	Seconds     float64 // wall time since training started
	Steps       int     // optimiser steps so far, this epoch included
	MaxGradNorm float64 // largest pre-clip norm seen this epoch
	MaxClipped  float64 // largest post-clip norm seen this epoch
	MeanGrad    float64 // mean pre-clip norm this epoch
	Clipped     int     // steps clipped this epoch
	Skipped     int     // steps skipped (non-finite) this epoch
	// HGradByTime[l][t] is ‖∂L/∂h_t‖ of layer l, averaged over the epoch's
	// steps: the picture of gradients vanishing (small at early t) or
	// exploding through time.
	HGradByTime [][]float64
	CGradByTime [][]float64
	// Saturation is the share of forget, input and output gate activations
	// above 0.99 or below 0.01, averaged over the epoch.
	SatForget, SatInput, SatOutput float64
	Warnings                       []string
}

// Observer receives training telemetry. Train calls it synchronously from the
// training goroutine, so an implementation must return quickly; it may block
// only to pause training (and must then watch the context itself).
type Observer interface {
	Step(StepEvent)
	Epoch(EpochEvent)
}

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
	Lower80 []float64            // the LSTM's conformal intervals
	Upper80 []float64
	Lower95 []float64
	Upper95 []float64
}

// Method names used as keys of Result.Metrics and Holdout.Pred.
const (
	MethodLSTM          = "lstm"
	MethodNaive         = "naive"
	MethodSeasonalNaive = "seasonal_naive"
	MethodDrift         = "drift"
	MethodETS           = "ets"
)

// Methods lists the method names in display order, the recommended
// forecast last.
var Methods = []string{MethodLSTM, MethodNaive, MethodSeasonalNaive, MethodDrift, MethodETS, MethodRecommended}

// classicalMethods are the methods Baselines fits.
var classicalMethods = []string{MethodNaive, MethodSeasonalNaive, MethodDrift, MethodETS}

// Result is everything one training run produced.
type Result struct {
	Settings   config.Settings            // as resolved: Window, Season filled in
	Series     string                     // the series' name
	Metrics    map[string]classic.Metrics // method → holdout metrics
	Coverage80 float64                    // share of holdout actuals inside the 80% interval
	Coverage95 float64
	Holdout    Holdout
	Forecast   Forecast
	History    []EpochEvent      // epoch summaries (member 0, and the others when an ensemble)
	StopReason config.StopReason // why training ended
	Diagnosis  string            // what went wrong and what to change, when anything did
	Anchor     string            // the window scaler's anchor, e.g. "seasonal naive (m=12)"; empty for other scalers
	BestEpoch  int
	Seconds    float64
	Model      *Model // the trained forecaster, for saving and predicting again

	// Recommended names the forecast the app recommends: one method, or a
	// blend of two ("lstm+ets": their mean), chosen by the lowest error on
	// the validation origins (never the holdout); see recommend.go.
	Recommended string
	// Validation is every method's mean absolute error on the validation
	// origins the choice was made on.
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

	holdoutHistory []float64 // the points before the holdout, for MASE
}

// Coverage is the share of holdout actuals inside a method's intervals.
type Coverage struct {
	P80 float64 `json:"coverage80"`
	P95 float64 `json:"coverage95"`
}

// Records turns the forecast into export rows, dates formatted for the
// series' frequency (row numbers for a row-indexed series).
func (f *Forecast) Records(freq tsdata.Freq) []ForecastRecord {
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
// clipping, step the optimiser steps so far.
func HistoryRecords(h []EpochEvent) []HistoryRecord {
	out := make([]HistoryRecord, len(h))
	for i, e := range h {
		out[i] = HistoryRecord{Epoch: e.Epoch, Step: e.Steps, TrainLoss: e.TrainLoss, ValLoss: e.ValLoss,
			GradNorm: e.MaxGradNorm, ClippedNorm: e.MaxClipped, LR: e.LR, Seconds: e.Seconds}
	}
	return out
}

// FormatTime writes t as precisely as the frequency needs: a year for
// yearly data, a date for daily to quarterly data, a time of day below that.
func FormatTime(f tsdata.Freq, t time.Time) string {
	switch f.Unit {
	case tsdata.FreqYear:
		return strconv.Itoa(t.Year())
	case tsdata.FreqSecond:
		return t.Format("2006-01-02 15:04:05")
	case tsdata.FreqMinute, tsdata.FreqHour:
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("2006-01-02")
}
