// Package chart draws Forecaster's charts with gonum/plot: the series preview
// with its train / validation / test spans, training loss, gradient norm, the
// gradient-by-time heat map, the forecast with its intervals and the run
// comparisons. It imports neither Fyne nor package app: it draws from plain data
// (slices, forecast results, the bounded curves of forecast/monitor), so the
// window and the command line share it. Package ui renders the plots to
// images off the UI goroutine and exports them to PNG or SVG.
//
// Every builder decimates its input to about two points per pixel column
// (minimum and maximum of each bucket) before plotting, so the cost of a
// chart depends on its size in pixels, not on the number of points.
package chart
