package forecast

import (
	"fmt"
	"math"

	"github.com/forecaster-dev/forecaster/forecast/tsdata"
)

// MinTrainWindows is the fewest training windows ChronoSplit accepts.
const MinTrainWindows = 8

// Split divides a series of N points chronologically: train is
// [0, TrainEnd), validation [TrainEnd, ValEnd), test [ValEnd, N) with
// N − ValEnd = H, the holdout. Window targets never cross a boundary:
// training windows have origins o ≤ TrainEnd − H, validation windows
// TrainEnd ≤ o ≤ ValEnd − H (their inputs may reach back into train), and
// the test window has origin ValEnd.
type Split struct {
	N, W, H          int
	TrainEnd, ValEnd int
}

// TrainWindows returns the MakeWindows options bounds for training windows.
func (s Split) TrainWindows() (minOrigin, maxOrigin int) { return s.W, s.TrainEnd - s.H }

// ValWindows returns the origin bounds of validation windows (empty when
// maxOrigin < minOrigin).
func (s Split) ValWindows() (minOrigin, maxOrigin int) {
	return max(s.W, s.TrainEnd), s.ValEnd - s.H
}

// NumTrain and NumVal count the windows of each part.
func (s Split) NumTrain() int { return max(0, s.TrainEnd-s.H-s.W+1) }

// NumVal counts the validation windows.
func (s Split) NumVal() int {
	lo, hi := s.ValWindows()
	return max(0, hi-lo+1)
}

// MinRows is the shortest series ChronoSplit accepts for window W and
// horizon H: one input window, MinTrainWindows training targets, one
// validation horizon and the test horizon: W + 3H + MinTrainWindows − 1.
func MinRows(W, H int) int { return W + 3*H + MinTrainWindows - 1 }

// ChronoSplit splits n points for window W and horizon H, giving about
// valFrac (0 ≤ valFrac < 1) of the windows before the holdout to
// validation (at least one when valFrac > 0). The error says how many rows
// are needed.
func ChronoSplit(n, W, H int, valFrac float64) (Split, error) {
	if W < 1 || H < 1 {
		return Split{}, fmt.Errorf("forecast: window (%d) and horizon (%d) must be ≥ 1: %w", W, H, tsdata.ErrInvalidParameters)
	}
	if !(valFrac >= 0 && valFrac < 1) {
		return Split{}, fmt.Errorf("forecast: validation share %g must be in [0, 1): %w", valFrac, tsdata.ErrInvalidParameters)
	}
	need := MinRows(W, H)
	if valFrac == 0 {
		need -= H
	}
	if n < need {
		return Split{}, &tsdata.InputError{Msg: fmt.Sprintf("series has %d rows; window %d and horizon %d need at least %d (window + 3×horizon + %d: training, validation and test horizons)",
			n, W, H, need, MinTrainWindows-1), Hint: "shorten the window or the horizon", Err: tsdata.ErrTooShort}
	}
	s := Split{N: n, W: W, H: H, ValEnd: n - H}
	if valFrac == 0 {
		s.TrainEnd = s.ValEnd
		return s, nil
	}
	// windows available if all went to one side, shared by both parts
	total := s.ValEnd - 2*H - W + 2
	nv := max(1, int(math.Round(valFrac*float64(total))))
	nv = min(nv, total-MinTrainWindows)
	if nv < 1 {
		nv = 1
	}
	s.TrainEnd = s.ValEnd - (nv + H - 1)
	return s, nil
}

// DefaultWindow derives the lookback from the seasonal period and horizon:
// max(2·season, 2·H, 4), capped at 256 but never below H.
func DefaultWindow(season, h int) int {
	w := max(2*season, 2*h, 4)
	w = min(w, 256)
	return max(w, h)
}

// FitWindow returns DefaultWindow(season, h), shortened when the series is
// too short for it (down to max(h, 2)); the error says how many rows the
// shortest window needs.
func FitWindow(n, season, h int) (int, error) {
	w := DefaultWindow(season, h)
	if n >= MinRows(w, h) {
		return w, nil
	}
	w = n - 3*h - MinTrainWindows + 1
	if lo := max(h, 2); w < lo {
		return 0, &tsdata.InputError{Msg: fmt.Sprintf("series has %d rows; horizon %d needs at least %d", n, h, MinRows(lo, h)),
			Hint: "shorten the horizon", Err: tsdata.ErrTooShort}
	}
	return w, nil
}
