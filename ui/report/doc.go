// Package report writes results for people, as one self-contained HTML file
// (charts embedded as PNG data) or as Markdown with the PNG files beside it.
//
// An experiment's report (WriteFiles) has a summary table with the best
// cell per metric marked, and its charts; every run as CSV is
// experiment.WriteCSV.
//
// A run's report (Run, WriteRunFiles) has what is in the series (STL
// panels with the strengths of trend and season, ACF and PACF with their
// bands, the Ljung–Box test, the candidate seasons), how training went
// (findings, loss, gradient norm, clip rate and learning rate, and per
// layer the gradient-by-time heat map and the norm histograms of the layer
// and of each gate), the forecast and its holdout accuracy, every method's
// residual checks (table, then residuals, ACF, histogram and Q–Q plot per
// method), and the rolling-origin backtest by step when one was run. The
// caller computes everything (forecast/diagnose, forecast/monitor); the
// report only lays it out, with names from files cut to one printable line.
package report
