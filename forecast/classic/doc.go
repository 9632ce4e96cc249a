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
// forecast from any origin costs O(1). FitETS is the LSTM's anchor and the
// pipeline's ETS baseline; the methods below stand beside it and change
// none of its numbers.
//
// # Forecasters checked against R
//
// Three methods follow R's forecast package (8.20, on R 4.2.2) closely
// enough to reproduce its fits, not just its ideas; each returns a
// Forecast: the point forecast and the standard deviation of its error per
// step, from which Forecast.Interval gives the model-based 80 % or 95 %
// interval (mean ∓ z·sd, as R's forecast() computes them).
//
//   - AutoETS is forecast::ets(y): the innovations state-space models
//     ETS(E,T,S) with error A/M, trend N/A/Ad and season N/A/M (no
//     multiplicative trend; no additive error with multiplicative season)
//     estimated by maximum likelihood — smoothing parameters and initial
//     states together, by R's Nelder-Mead from R's starting values, inside
//     the usual and the admissible region — and the smallest AICc
//     selected. The result names its model ("ETS(M,Ad,M)"); FitETSModel
//     fits one given model. Prediction variances are Hyndman et al.
//     (2008)'s classes 1-3. Two of forecast 8.20's forecasts are corrected
//     (the fixtures record both): the seasonal smoothing of ETS(A,N,A)
//     and ETS(M,N,A) in the variance (as upstream commit 84689588 does),
//     and the damping of ETS(M,Ad,M), whose one-step forecast R gives as
//     (ℓ+b)·s where its own recursions predict (ℓ+φb)·s.
//   - Theta is forecast::thetaf(y): the 90 % autocorrelation test at lag
//     m, division by a classical multiplicative decomposition's indices,
//     simple exponential smoothing (ETS(A,N,N) by least squares) plus
//     half the slope of the series, thetaf's intervals.
//   - Package arima holds forecast::auto.arima and stats::arima.
//
// Agreement with R is tested on fixtures that scripts/r_fixtures_classic.R
// writes into testdata/r (make fixtures-r; the tests need no R): 14
// columns of the bundled samples, whole and without their last h values.
// All 28 AutoETS selections and all 336 candidate ETS fits agree with R,
// forecasts to 1.5e-10 and interval half-widths to 8e-11 relative; Theta
// agrees to 3e-16. The tests require 1e-6 (the tolerance issue 11 sets).
//
// Numerical pieces shared with arima live in internal/optim (R's
// Nelder-Mead and BFGS, step for step) and internal/poly (polynomial
// roots). The classical decomposition is R's stats::decompose.
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
// Naive2 is the M4 competition's benchmark (naive on the series divided by
// a classical multiplicative decomposition's indices when the 90 %
// autocorrelation test at lag m says seasonal, with at least 3m points),
// checked against the organisers' R code (testdata/m4/naive2.json, from
// scripts/r_fixtures_naive2.R); OWA is M4's overall weighted average of
// sMAPE and MASE relative to Naive2's.
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
// message; data a method cannot fit gives an error: AutoETS, FitETSModel
// and Theta (and package arima) return ErrTooShort, ErrNotFinite, ErrModel
// or ErrNoModel, wrapped with the reason. They need at least 7 points (R
// answers shorter series with a different method); a constant series gets
// its constant as forecast with zero-width intervals.
package classic
