// Package forecast turns a Series into forecasts a person can trust: it
// lays out a run (Plan), prepares the data without leakage, trains the LSTM
// of package lstm with early stopping, forecasts with conformal intervals,
// scores every method on the holdout, and saves the model. It reads no
// files of its own (package tsdata does) and fits no classical method
// itself (package classic does); it knows nothing of windows on screen
// (package app drives it for the GUI and the CLI).
//
// # Where a change belongs
//
//	reading a file, gaps, missing values              forecast/tsdata
//	a date format, the frequency, the season          forecast/tsdata/calendar
//	naive, ETS, Theta, ARIMA, metrics, Naive2, OWA    forecast/classic
//	a setting, its range, default, label or flag      forecast/config
//	the training loop, early stopping, thresholds     forecast/fit
//	the split, scaling, anchors, the model file       forecast (this package)
//	telemetry curves and the health panel's findings  forecast/monitor
//	grids of settings and the article's claims        forecast/experiment
//
// # Plan
//
// Resolve fills the settings the series decides (the season from the
// frequency, the window) and checks the series is long enough. NewPlan (or
// PlanFor) then says where every window lies: training windows, validation
// windows after them, and the holdout of the last H points, so that no
// training target is a validation target unless the series is too short
// (Plan.Overlap, reported). The window derived is max(2·season, 2·H, 4),
// capped at 256, never below H, shortened for short series. The same Plan
// shades the window's preview; forecast/backtest repeats Train at rolling origins.
//
// # Preparation
//
// Order: Transform (none, log, diff, seasonal_diff; inverted exactly,
// Transform.InverterAt for forecasts from earlier origins) → the Plan →
// Scaler fitted on the training part only. Scalers: zscore, minmax, or
// window — each window divided by its own last input value ℓ (ES-RNN,
// N-BEATS): the network sees (x/ℓ − 1)/Scale when every training value is
// positive, else (x − ℓ)/Scale. With the window scaler the targets are
// offsets from an anchor (naive, seasonal naive or an ETS forecast fitted on
// the training part, chosen on the validation windows), so a network that
// outputs zero forecasts the anchor and training learns the correction.
//
// # Training
//
// Train (with a holdout) and TrainFull (without) run the Plan: prepare the
// windows, train with package fit (the loop, early stopping, ensembles, the
// health vocabulary), calibrate the intervals on the validation windows,
// score every method on the holdout and forecast past the end.
//
// # Classical methods and the recommended forecast
//
// Beside the LSTM every run fits naive, seasonal naive, drift, Holt-Winters
// (ets), and the three forecasters checked against R — AutoETS (auto_ets),
// Theta and auto ARIMA (arima) — and their mean (comb) (package forecast/recommend). ETS
// and ARIMA are selected once, on the history before the last validation
// origin, in a goroutine while the network trains, and re-estimated on
// every other history; selections and forecasts are cached by history, so
// a retrain or a backtest does not search again. ARIMA is left out for a
// season above 24. The recommended forecast is the method, or the mean of
// two, with the lowest error on up to 10 validation origins (recommend's
// Choose; recommend.go here turns it into the Result);
// every method's intervals come from its errors there, raised to the
// model's own z·sd where the origins are too few for a conformal quantile.
//
// A series too short for the network's windows is not refused
// (classical_run.go): the classical methods forecast it, with a holdout
// when 8 points remain before it and rolling validation origins from two
// seasons on (for its intervals: the recommended forecast is the
// combination, or its mean with the seasonal naive when there are no
// origins, recommend.Short, and Result.ShortRule says so), each forecast
// from models selected on its own history; Result.Diagnosis and Plan.Note
// say in one line why there is no network. Only fewer than 8
// points, or a horizon beyond two seasons or half the series, are refused,
// naming what to use.
//
// # Results and files
//
// Result holds the history, the holdout predictions of every method and
// their metrics, interval coverage and the forecast with 80 % and 95 %
// split-conformal intervals calibrated on the validation windows'
// residuals. Model is the saved form (versioned JSON with the settings, the
// preparation and the weights); LoadModel validates it and refuses damaged
// files with an error. ForecastRecord and HistoryRecord are the CSV rows of
// the exports (WriteForecastCSV, WriteHistoryCSV); writes are atomic and
// keep an existing file's permissions (WriteFileAtomic is fileio.WriteFile:
// temporary file in the same directory, sync, rename).
//
// # Settings
//
// Settings live in package forecast/config, described once in its field
// table. Validate here is config.Settings.Validate plus the check that the
// model file the settings give fits MaxModelBytes; every caller that takes
// settings from a person uses it.
//
// # Model files
//
// Model.Save writes a model as versioned JSON (ModelFormat, ModelVersion
// 2): the series' and columns' names, the resolved settings, the fitted
// preparation and the interval widths, indented, then the networks, one a
// line, weights in base64 (lstm file version 2; 10⅔ bytes a weight).
// Version 1 files (weights as numbers) are still read. MaxModelBytes
// (512 MiB) is the one limit for writing and reading: modelFileSizeFor
// bounds the file a training run will write (weights exactly, the rest
// from above), Settings.Validate refuses settings whose smallest file is
// over the limit and Resolve (so Train, before its first step) those
// whose file with the series' extra input columns and names is, on the
// hidden field, naming the size and what to lower. One network of the
// largest shape fits (335 MB); two do not.
//
// ReadModel and LoadModel read token by token, at most MaxModelBytes.
// The header (everything but the networks) has arrays of at most 1024
// elements; when it comes first, as Save writes it, it is checked whole
// before any network is read and each network's configuration against
// the settings before its weights (in another order, as a tool that sorts
// keys leaves it, at the end). lstm.DecodeFile bounds what the weights
// take by the data present, so loading allocates a few times the file's
// size at most. A damaged file gives an
// error wrapping ErrBadModel that quotes at most 40 bytes of the file.
// LoadModelContext stops when its context is done. PredictContext
// forecasts in Passes() network passes (one per member, × Horizon when
// recursive), reports progress and stops between passes on cancel.
//
// # Invariants
//
// Functions never modify their input series. The same seed and settings
// give the same weights and forecast, bit for bit.
package forecast
