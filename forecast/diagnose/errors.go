package diagnose

import (
	"errors"
	"fmt"
)

// Sentinel errors; compare with errors.Is. The values returned carry the
// details (which value, how many lags, how long a season).
var (
	// ErrNonFinite: a value is NaN or ±Inf.
	ErrNonFinite = errors.New("diagnose: value is not a finite number")
	// ErrTooShort: too few values for the computation asked.
	ErrTooShort = errors.New("diagnose: series too short")
	// ErrConstant: every value is the same, so there is no variance to
	// correlate or decompose.
	ErrConstant = errors.New("diagnose: series is constant")
	// ErrLagTooLarge: a lag at or beyond the series length (see LagError).
	ErrLagTooLarge = errors.New("diagnose: lag too large")
	// ErrNoSeason: a decomposition was asked for with a seasonal period
	// below 2.
	ErrNoSeason = errors.New("diagnose: no seasonal period")
	// ErrBadArgument: a lag below 1, a negative fitdf, or a test left with
	// no degrees of freedom.
	ErrBadArgument = errors.New("diagnose: bad argument")
)

// NonFiniteError names the first value that is NaN or ±Inf.
type NonFiniteError struct {
	Index int     // 0-based position in the input
	Value float64 // NaN, +Inf or -Inf
}

func (e *NonFiniteError) Error() string {
	return fmt.Sprintf("diagnose: value %d is %v; the diagnostics need finite numbers (fill or drop missing values first)", e.Index+1, e.Value)
}

func (e *NonFiniteError) Unwrap() error { return ErrNonFinite }

// LagError refuses a lag the series cannot give: with N values the largest
// lag is N−1.
type LagError struct {
	Asked int // the lag asked for
	Max   int // the largest allowed, N−1
	N     int // the number of values
}

func (e *LagError) Error() string {
	return fmt.Sprintf("diagnose: lag %d is beyond the series: %d values allow at most lag %d", e.Asked, e.N, e.Max)
}

func (e *LagError) Unwrap() error { return ErrLagTooLarge }

// ShortError says how many values a computation needs.
type ShortError struct {
	What string // what could not be computed ("STL with period 12")
	N    int    // values given
	Need int    // values needed
}

func (e *ShortError) Error() string {
	return fmt.Sprintf("diagnose: %s needs at least %d values, the series has %d", e.What, e.Need, e.N)
}

func (e *ShortError) Unwrap() error { return ErrTooShort }

// ConstantError reports a series whose values are all equal.
type ConstantError struct {
	Value float64 // the one value
}

func (e *ConstantError) Error() string {
	return fmt.Sprintf("diagnose: every value is %g: a constant series has no autocorrelation, season or trend to show", e.Value)
}

func (e *ConstantError) Unwrap() error { return ErrConstant }

func badArgument(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrBadArgument}, args...)...)
}
