package classic

import "errors"

// Errors of the model-based forecasters (AutoETS, FitETSModel, Theta and
// package arima). Compare with errors.Is; the wrapped message says which
// series or model.
var (
	// ErrTooShort: the series has too few points for the method or model.
	ErrTooShort = errors.New("classic: series too short")
	// ErrNotFinite: the series has NaN or infinite values.
	ErrNotFinite = errors.New("classic: series has NaN or infinite values")
	// ErrModel: the model cannot be fitted to this kind of data (e.g. a
	// multiplicative model to data that are not all positive).
	ErrModel = errors.New("classic: model unsuitable for the data")
	// ErrNoModel: no candidate model could be estimated.
	ErrNoModel = errors.New("classic: no model could be fitted")
)
