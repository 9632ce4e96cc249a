package forecast

import (
	"errors"
	"fmt"
	"math"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/tsdata"
	"github.com/forecaster-dev/forecaster/forecast/tsdata/calendar"
)

// minTrainWindows is the fewest training windows a run accepts.
const minTrainWindows = 8

// Plan says where the windows of one run lie on a series. It is the only
// description of the split: training, the GUI's preview shading and the
// rolling-origin backtest all read it.
//
// Indices are those of the transformed series z, where z[i] belongs to the
// series point Lag+i (Lag is 0 without a differencing transform). A window
// with origin t has the inputs z[t−W : t] and the targets z[t : t+O]:
//
//	training windows    origins W … TrainLast       (targets end by TrainLast+O)
//	validation windows  origins FirstVal … End−O    (targets z[FirstVal : End])
//	holdout             z[End : End+H], the last H points, when Holdout
//
// Training and validation targets never overlap unless the series is too
// short to keep them apart (Overlap); the run then validates on the latest
// training windows and says so.
type Plan struct {
	N         int  // points in the series
	Lag       int  // leading points the transform consumes
	W, H, O   int  // window, horizon, network outputs per window (H direct, 1 recursive)
	End       int  // transformed points before the holdout (all of them without one)
	TrainLast int  // origin of the last training window
	FirstVal  int  // origin of the first validation window
	Holdout   bool // the last H points are held out

	// Note is set when the series is too short for the network's windows:
	// the one line saying so (the run then forecasts with the classical
	// methods, see classical_run.go; W is 0 and the validation origins
	// start at FirstVal). Empty for a run that trains the network.
	Note      string
	noHoldout string // why a run without the network has no holdout
}

// TrainWindows is the number of training windows, origins W … TrainLast
// (0 when there are none).
func (p Plan) TrainWindows() int { return max(p.TrainLast-p.W+1, 0) }

// NewPlan lays out a run on a series of n points under resolved settings
// (see Resolve): the window, the horizon, the strategy, the transform's lag
// and the validation share. holdout holds the last Horizon points out.
func NewPlan(n int, set config.Settings, holdout bool) (Plan, error) {
	p := Plan{N: n, Lag: lagOf(set), W: set.Window, H: set.Horizon, O: set.Horizon, Holdout: holdout}
	if set.Strategy == config.StrategyRecursive {
		p.O = 1
	}
	p.End = n - p.Lag
	if holdout {
		p.End -= set.Horizon
	}
	count := p.End - p.O - p.W + 1
	if count < minTrainWindows {
		return p, fmt.Errorf("forecast: only %d windows fit; lower the window or the horizon: %w", max(count, 0), tsdata.ErrTooShort)
	}
	nVal := max(int(math.Round(set.ValFrac*float64(count))), 1)
	p.FirstVal = p.End - p.O - nVal + 1
	p.TrainLast = p.FirstVal - p.O
	if p.TrainWindows() < minTrainWindows/2 {
		// Too short to keep validation targets apart from training targets:
		// validate on the latest training windows instead (reported).
		p.TrainLast = p.End - p.O
	}
	return p, nil
}

// PlanFor resolves set for s (see Resolve) and lays out a run with the
// holdout, as Train does: for a series too short for the network, the
// classical methods' layout with Note saying so.
func PlanFor(s *tsdata.Series, set config.Settings) (Plan, error) {
	r, err := Resolve(s, set)
	if err == nil {
		var p Plan
		if p, err = NewPlan(s.Len(), r, true); err == nil {
			return p, nil
		}
	}
	if errors.Is(err, tsdata.ErrTooShort) {
		_, p, err := classicalPlan(s, set, true, err)
		return p, err
	}
	return Plan{}, err
}

// Overlap reports whether validation windows reuse training targets (a
// short series).
func (p Plan) Overlap() bool { return p.TrainLast >= p.FirstVal }

// TrainEnd is the number of transformed points the training targets reach:
// everything fitted on "the training part" (scalers, the ETS anchor) sees
// z[:TrainEnd] only.
func (p Plan) TrainEnd() int { return p.TrainLast + p.O }

// Spans gives the parts of the series in its own indices, for shading:
// points [0, valStart) are reached by training targets only, [valStart,
// testStart) are validation targets, [testStart, N) the holdout (testStart
// is N without one).
func (p Plan) Spans() (valStart, testStart int) {
	return p.Lag + max(p.FirstVal, p.W), p.Lag + p.End
}

// DefaultHorizon is the horizon a series of frequency f is given until a
// person sets one for it: a year of months (12), two years of quarters (8),
// 6 years, a quarter of weeks (13), two weeks of days (14) or of business
// days (10), two days of hours (48), an hour of minutes (60), a minute of
// seconds (60), and 10 steps of a series without a calendar.
func DefaultHorizon(f calendar.Freq) int {
	switch f.Unit {
	case calendar.FreqMonth:
		return 12
	case calendar.FreqQuarter:
		return 8
	case calendar.FreqYear:
		return 6
	case calendar.FreqWeek:
		return 13
	case calendar.FreqDay:
		return 14
	case calendar.FreqBusinessDay:
		return 10
	case calendar.FreqHour:
		return 48
	case calendar.FreqMinute, calendar.FreqSecond:
		return 60
	}
	return 10
}

// lagOf is how many leading points the transform consumes.
func lagOf(set config.Settings) int {
	switch set.Transform {
	case config.TransformDiff:
		return 1
	case config.TransformSeasonalDiff:
		return set.Season
	}
	return 0
}

// rowsFor is the shortest series with room for window W and horizon H:
// one input window, minTrainWindows training targets, one validation
// horizon and the holdout: W + 3H + minTrainWindows − 1.
func rowsFor(W, H int) int { return W + 3*H + minTrainWindows - 1 }

// minRows is the shortest series a run accepts with these settings (Window
// resolved): the transform's lag, and room for the training windows, a
// validation horizon and the holdout.
func minRows(set config.Settings) int {
	if set.Strategy == config.StrategyRecursive {
		return lagOf(set) + rowsFor(set.Window, 1) + 2*(set.Horizon-1)
	}
	return lagOf(set) + rowsFor(set.Window, set.Horizon)
}

// defaultWindow derives the lookback from the seasonal period and horizon:
// max(2·season, 2·H, 4), capped at 256 but never below H.
func defaultWindow(season, h int) int {
	w := max(2*season, 2*h, 4)
	w = min(w, 256)
	return max(w, h)
}

// fitWindow returns defaultWindow(season, h), shortened when a series of n
// (transformed) points is too short for it, down to max(h, 2). The error
// says how many points the shortest window needs and what would fix it: the
// longest horizon that fits, or, when even horizon 1 does not, a longer
// series (lag is the points the transform consumed, counted back in).
func fitWindow(n, lag, season, h int) (int, error) {
	w := defaultWindow(season, h)
	if n >= rowsFor(w, h) {
		return w, nil
	}
	w = n - 3*h - minTrainWindows + 1
	if lo := max(h, 2); w < lo {
		rows, need := n+lag, rowsFor(lo, h)+lag
		msg := fmt.Sprintf("series has %d rows; horizon %d needs at least %d", rows, h, need)
		hint := fmt.Sprintf("shorten the horizon to %d or less, or use a series of at least %d rows", maxHorizon(n), need)
		switch maxHorizon(n) {
		case 1:
			hint = fmt.Sprintf("only horizon 1 fits; set it, or use a series of at least %d rows", need)
		case 0:
			// Shortening cannot help: say what would.
			hint = fmt.Sprintf("no horizon fits: even horizon 1 needs %d rows (a window of 2, %d training windows, a validation step and the held-out step", rowsFor(2, 1)+lag, minTrainWindows)
			if lag > 0 {
				hint += fmt.Sprintf(", and %d more for the transform", lag)
			}
			hint += fmt.Sprintf("); use a series of at least %d rows", rowsFor(2, 1)+lag)
		}
		return 0, &tsdata.InputError{Msg: msg, Hint: hint, Err: tsdata.ErrTooShort}
	}
	return w, nil
}

// maxHorizon is the longest horizon a series of n (transformed) points has
// room for with the shortest window, max(h, 2); 0 when not even horizon 1
// fits.
func maxHorizon(n int) int {
	h := 0
	for rowsFor(max(h+1, 2), h+1) <= n {
		h++
	}
	return h
}

// Resolve fills in the settings derived from the series (the season from
// its frequency, the default window) and checks that the series is long
// enough for them.
func Resolve(s *tsdata.Series, set config.Settings) (config.Settings, error) {
	if err := Validate(set); err != nil {
		return set, err
	}
	if set.Season == 0 {
		set.Season = s.Freq.SeasonalPeriod()
	}
	n := s.Len()
	if set.Window == 0 {
		w, err := fitWindow(n-lagOf(set), lagOf(set), set.Season, set.Horizon)
		if err != nil {
			return set, err
		}
		set.Window = w
	}
	if set.Transform == config.TransformSeasonalDiff && set.Season <= 1 {
		return set, &config.FieldError{Field: "transform", Msg: "seasonal_diff needs a seasonal period above 1, and this series has none; set season or use diff"}
	}
	if set.Anchor == config.AnchorSeasonal && (set.Season <= 1 || set.Season > set.Window) {
		return set, &config.FieldError{Field: "anchor", Msg: fmt.Sprintf("seasonal needs a seasonal period above 1 and at most the window (season %d, window %d); set season or window, or use auto", set.Season, set.Window)}
	}
	if e := checkModelSize(set, 1+len(s.Covariates), nameBytes(s)); e != nil {
		return set, e
	}
	if need := minRows(set); n < need {
		return set, &tsdata.InputError{File: s.Name, Msg: fmt.Sprintf("the series has %d points, but window %d + horizon %d (held out) need at least %d", n, set.Window, set.Horizon, need),
			Hint: "lower the window or the horizon, or use a longer series", Err: tsdata.ErrTooShort}
	}
	return set, nil
}
