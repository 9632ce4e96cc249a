// Package recommend holds the classical candidates of a run and the choice
// of the recommended forecast among them and the LSTM.
//
// The classical methods (naive, seasonal naive, drift, Holt-Winters,
// AutoETS, Theta, auto ARIMA and Comb, their mean) are fitted by Forecasts
// on any history; AutoETS and ARIMA are searched once per run (Select,
// SelectAsync: the search runs while the network trains) and re-estimated
// on every other history. Selections and forecasts are cached by history,
// horizon and season, so training a series again with other network
// settings or seeds, and the backtest's overlapping histories, fit them
// once.
//
// A Validation holds every candidate's forecasts from the validation
// origins (package forecast adds the LSTM's); Choose picks the recommended
// forecast on them — never on the holdout — and Widths gives any choice's
// interval half-widths from its validation errors, widened to the model's
// own where the origins are too few. A series too short for the network is
// not chosen for on its few origins: Short gives its recommended forecast
// (the combination, or its mean with the seasonal naive without origins). Package forecast turns the choice
// into its Result; this package knows nothing of networks, files or
// results.
package recommend
