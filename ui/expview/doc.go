// Package expview is the window's Experiments tab: ExperimentsTab runs a
// grid of settings × seeds (or one of the article's claims as a preset)
// in the background and shows which stabilisers matter — the validation
// curves, the gradient through time and the holdout MASE of every run,
// the cells' table beside the baselines with a one-line verdict — and
// exports the result. It needs only a view.Host from its window (UI
// goroutine, background work, session, dialogs, chart style); it does not
// import package ui and touches widgets only on the UI goroutine.
package expview
