// Package ui is Forecaster's window: tabs for the data (with the series'
// decomposition, autocorrelation and a table of its points), the
// settings, the live training charts (per-layer and per-gate
// gradient-norm histograms, clip rate and learning rate, the heat map of
// any layer), the forecast (with every
// method's residual checks and a rolling-origin backtest by step), the
// comparison of runs and grid experiments. It drives an app.Session and
// draws its charts with package chart; Report… writes all of a run's
// diagnostics with package report.
//
// Keys: Ctrl+O opens a CSV file (or drop one on the window), Ctrl+Enter
// trains, Esc stops (or closes a file dialog), Alt+1 … Alt+6 switch tabs,
// Tab moves the focus; Ctrl+S saves the project (Ctrl+Shift+S as…), Ctrl+Shift+O opens one,
// Ctrl+Z undoes a change of settings or columns, Ctrl+Shift+Z and Ctrl+Y
// redo it (Help → Keyboard shortcuts lists them); F1 opens the guide
// (Help ▸ Guide: the tabs, the accuracy measures, the intervals, how to
// read the gradient charts; its text is guide/CODE.md, one Markdown file
// per language). The window speaks English, Chinese or German (package
// i18n; View → Language) and View → High contrast switches the theme
// (package look).
//
// # Projects, autosave and undo
//
// Package projectui (wired in project.go) puts app.Session.SaveProject
// and OpenProject on the File
// menu (with the recent projects, kept in the preferences), autosaves the
// session to an app.Recovery file in the app's storage folder — a goroutine
// that saves once the session's app.ProjectMark has changed and held for a
// tick, never on the UI goroutine — and offers the recovery file at launch
// when the last session did not end cleanly (Run begins and ends it). The
// Edit menu's Undo and Redo apply app.Edits, which the Settings tab and the
// Data tab's column pickers record into, and show the session's state in
// the form and pickers again.
//
// # Numbers
//
// Numbers on screen go through view.Fixed and view.Num: a table column has
// one number of decimals (view.ColumnDecimals, from the data's precision
// and the column's magnitude) and is right-aligned, so decimal points line
// up; thousands are separated; nothing shows an exponent. The Forecast tab
// says who won on the holdout (view.Verdict), ranks the methods, warns when
// the intervals covered far fewer holdout points than promised
// (view.CoverageLow) and exports the method its table shows.
//
// # Charts
//
// Each chart is a chartView: setting its content or resizing it marks it
// dirty, and its own goroutine renders the gonum/plot chart at the widget's
// pixel size and swaps the image in, at most ten times a second. Series are
// decimated to a minimum and maximum per pixel column first, so a frame
// costs the same for 1,000 or 100,000 points (see the benchmarks).
//
// # Threads
//
// Widgets are touched only on the UI goroutine: callbacks run there, and
// background goroutines (file loading, the session watcher, chart
// rendering, the series description and the residual checks) hand their
// results over with fyne.Do; a result that arrives after newer data or a
// newer choice is dropped (a sequence number). The watcher and each chart
// keep at most one closure queued, showing the newest state when it runs,
// so a UI goroutine slowed down never replays a backlog of stale frames. The UI goroutine never
// waits for training: Stop only cancels, and loading new data (which stops
// a run and waits for it) happens in a goroutine.
//
// # Files and messages
//
// The file dialogs only choose a path: the window wraps Fyne's "file"
// repository (package safefiles) so that the save dialog does not open, and so
// empty, the chosen file before Forecaster writes it, a full path typed as
// the file name is taken as it is, and the open dialog refuses named
// pipes, devices and folders instead of blocking on them. The dialogs start
// in the folder last used (else the data's); a saved file is named in a
// toast.
// Every export is written through a temporary file renamed over the chosen
// path, so a failed write leaves an existing file as it was; the loaded data
// file is never a target; default names are one safe file name
// (safefiles.Name). A file that fails to load is not kept among the recent
// files.
//
// Text from files — error messages quoting them, column and series names,
// import warnings, paths — is cut before a widget lays it out (app.Message,
// app.Clip; dialogs at most 24 lines, names 80 runes): Fyne lays out 100 KB
// of text in minutes on the UI goroutine. Column pickers show unique cut
// labels and map them back to the full names.
package ui
