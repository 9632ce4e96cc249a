// Package classic holds the forecasting methods a statistician reaches for
// first, the metrics forecasts are judged by, and split-conformal
// intervals. It needs neither file reading nor training: every function
// takes plain slices. Package forecast uses these methods as baselines
// beside the LSTM and as the anchors the network learns to correct.
//
// # Methods
//
// Naive (the last value), SeasonalNaive (the value one season before), Drift
// (the line from the first to the last value), and FitETS — Holt-Winters
// with additive or multiplicative season (chosen by AIC), or Holt, damped
// Holt or simple exponential smoothing when the differenced series shows no
// season or is too short. Recursions and initialisation follow R's
// stats::HoltWinters; on AirPassengers the fit reproduces R's parameters
// (α 0.2756, β 0.0327, γ 0.8707, SSE 16570.78). ETS.Trace runs the fitted
// filter over a series and records its state after every prefix, so a
// forecast from any origin costs O(1).
//
// # Metrics
//
// MAE, RMSE (overflow-safe), MAPE (percent, zero actuals skipped and
// counted), sMAPE (M4: 200/h Σ|y−ŷ|/(|y|+|ŷ|)), MASE (scaled by the
// in-sample seasonal-naive MAE of the training series, m = 1 when the series
// is too short for m), Coverage of intervals; Evaluate computes them all and
// MeanMetrics averages them over rolling origins. Undefined values are NaN
// and JSON null.
//
// # Intervals
//
// ConformalQuantiles gives split-conformal half-widths per horizon step from
// calibration residuals ((n+1)·level-th smallest |r|); ConformalInterval
// puts them around a point forecast.
//
// # Invariants
//
// Functions never modify their input slices. Length mismatches between
// slices that must match are programmer errors and panic with a "classic: "
// message; data a method cannot fit gives an error.
package classic
