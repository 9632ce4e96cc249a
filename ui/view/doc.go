// Package view holds the window's self-contained views: Chart, the
// chart widget every tab uses (a gonum/plot chart rendered off the UI
// goroutine at the widget's pixel size, at most ten frames a second), the
// Data tab's description of a series (SeriesDiag: STL, ACF/PACF, candidate
// seasons) and its table of the series' points (DataTable, Filled: which
// were filled; virtual, fast for 100,000 rows), the Forecast tab's residual
// checks (ResidualView), its metrics grid, forecast table and verdict
// (ShowMetrics, ForecastRows, Verdict, CoverageNote), the Data tab's import
// report text (ReadAs, GapsText …), the window's number formats (Fixed,
// Num, ColumnDecimals), the Training tab's health numbers (NumbersText)
// and the report of a run (RunReport, ExportReport). A view
// needs only a Host from its window: a way to run code on the UI goroutine
// and off it, the chart style, and the window's life (Ready, Done). Like
// package ui it touches widgets only on the UI goroutine.
package view
