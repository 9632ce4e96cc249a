// Package global forecasts many series with one LSTM trained on the
// windows of all of them (a global model, as the M4 winner ES-RNN and
// N-BEATS do), next to the naive, the seasonal naive, Theta and AutoETS
// fitted to each series, and recommends a method per series.
//
// # Normalisation
//
// Each series is put in its own units before the network sees it, with the
// per-series pipeline's window scaler and lag anchor (package forecast),
// fitted on the series' own training part: a window's inputs are divided
// by its level, the last input value (x/ℓ − 1, or x − ℓ for a series with
// values ≤ 0), and its targets are offsets from the anchor divided by the
// series' spread, the root mean square of its training
// offsets. So every series' targets are of unit size and a network that
// outputs zero forecasts the anchor. The anchor is the series' AutoETS
// forecast from the window's origin, or the naive or seasonal naive (the
// closer of the two on the training windows) when that was closer than
// AutoETS on the series' last windows.
//
// # Inputs
//
// At every step of a window the network sees the scaled value, then the
// series' static inputs when Options.Static gives them (EncodeStatic: a
// column of one value per series, such as a region), then (with
// Options.AnchorInputs, the default) the anchor's H-step forecast from the
// window's origin scaled the same way, so it sees what it corrects. A series' scale as
// an input gained 0.5 % MASE on a synthetic panel of 300 (docs/panel.md),
// too little to keep.
//
// # Split, per series in time
//
//	training windows    origins W … end−(K+1)H   (targets before the validation part)
//	validation windows  origins end−KH … end−H   (K windows of H: the KH points before end)
//	holdout             the last H points         (Options.Holdout; end = n − H, else n)
//
// K is one for most series; a long one gets as many as leave it 1,000
// training windows, up to 8 (valWindows): one window of H points is a
// noisy judge of a series, and a long series can spare more. The
// validation windows of every series are the early-stopping set of the
// one network, the calibration set of the intervals and the ground of
// every choice (a method's validation error on a series is its mean
// absolute error over the series' windows); the holdout is never used for
// training or for any choice. A series shorter than W + 2H (+ H with a
// holdout) is skipped and listed with the reason.
//
// # Lookback
//
// With Options.Window 0 the network is trained at the lookbacks of
// windowCandidates — max(2m, H, 4), 1.5 and 2 times that, where every
// series can be forecast at them — and the one with the lowest mean validation
// error (each series' in units of its seasonal-naive error) is kept; the
// others are dropped. A panel of fewer than 20 series keeps the first (one
// validation window a series is too few to compare them), one of more
// than 1,000 trains only the longest (time). Result.WindowErrors lists
// what was tried.
//
// # Classical methods
//
// The naive and seasonal naive need no fit; Theta (classic.Theta, R's
// thetaf) is fitted at each origin. AutoETS (classic.AutoETS, R's ets: the
// model of smallest AICc over error, trend, damping and season) is fitted
// once per series on the points before its validation windows and carried
// over the later points with fixed parameters (classic.NewETSModelPath);
// with a holdout it is fitted again on the points before the holdout. On a
// panel of more than 1,000 series its search is narrowed to the models
// with multiplicative error for positive series, a third less work (see
// fitAutoETS). The fits run on every core.
//
// # Recommended forecast and intervals
//
// The candidates are the naive, the seasonal naive, Theta, AutoETS, the
// global LSTM, the mean of the LSTM and AutoETS, and the mean of the LSTM,
// AutoETS and Theta. The panel's method is the one with the
// lowest mean validation error over the series (each in units of its
// seasonal-naive error), the global LSTM alone excepted: its training
// stopped early on those windows, so their error flatters it (the blend
// halves that); a series takes its own best candidate, the global LSTM
// among them, when that has less than half the panel method's validation
// error on it.
// One window of H points is a noisy judge of one series, so the panel's
// choice is the default (see docs/panel.md for the measurement). The
// holdout never takes part. Intervals are split-conformal on the
// validation residuals, each series' residuals in its own units, pooled
// over the series per step (see calibrate).
//
// # Comparison
//
// With a holdout every method is scored per series (classic.Evaluate;
// MASE scaled by the seasonal naive on the points before the holdout) and
// in aggregate (package app averages them). Options.Local adds the per-series LSTM
// of package forecast, trained on each series alone, to the comparison.
//
// # Concurrency
//
// Run uses every core: the classical fits one series per goroutine, the
// network's steps as package lstm splits them, ensemble members side by
// side. Results do not depend on how many goroutines ran: the same panel,
// options and seed give the same numbers bit for bit. Run returns within
// one optimiser step, or one series' fits, of ctx being cancelled.
package global
