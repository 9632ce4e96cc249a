// Package chart draws Forecaster's charts with gonum/plot: the series preview
// with its train / validation / test spans, training loss, gradient norm, the
// gradient-by-time heat map of any layer, histograms over the epochs of a
// layer's or gate's gradient norms, the clip rate and learning rate, the
// forecast with its intervals, the run comparisons, the diagnostics
// (decomposition, correlograms, residual checks) and the rolling-origin
// backtest (windows on the series, a metric per step ahead). It imports neither Fyne nor package app: it draws from plain data
// (slices, forecast results, the bounded curves of forecast/monitor), so the
// window and the command line share it. Package ui renders the plots to
// images off the UI goroutine and exports them to PNG or SVG; stacked
// panels and grids of plots render with RenderPanels, EncodePanels and
// EncodeGrid.
//
// Every builder decimates its input to about two points per pixel column
// (minimum and maximum of each bucket) before plotting, so the cost of a
// chart depends on its size in pixels, not on the number of points.
//
// Time axes tick at calendar boundaries no finer than the data's spacing
// (timeTicks), number axes with one count of decimals (numTicks), and a
// legend goes to the corner its curves leave free, or above them
// (placeLegend).
package chart
